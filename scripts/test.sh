#!/usr/bin/env bash
# The test command: installs what it needs, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
swift test
# The JSON Schema must agree with the examples the decoder accepts.
if python3 -c "import jsonschema, yaml" 2>/dev/null; then python3 scripts/check-schema.py >/dev/null && echo "schema: examples valid, broken variants rejected"; fi
