#!/usr/bin/env bash
# The test command: installs what it needs, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
swift test
