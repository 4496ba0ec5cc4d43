#!/usr/bin/env bash
# Makes the report's screenshots shown in README.md (docs/report-*.png): consortiumctl report of
# the examples on 2026-12-07, opened by headless Chromium (Debian's chromium, fonts-noto-cjk;
# bash scripts/setup.sh installs them). As root Chromium needs --no-sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product consortiumctl >/dev/null
out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT
.build/debug/consortiumctl report --out "$out" --at 2026-12-07 examples/ 2>/dev/null
shot() {  # page, png, height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="docs/$2" --window-size=1280,"$3" "file://$out/$1" 2>/dev/null
}
shot index.html report-overview.png 1500
shot c/LZ-2024-001.html report-consortium.png 1450
shot c/LZ-2025-002.html report-revoked.png 900
shot years.html report-years.png 620
ls -l docs/report-*.png
