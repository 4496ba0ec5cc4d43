#!/usr/bin/env bash
# Monitoring checks (runbook.md sections 15 and 16; CI runs this after the system test):
#   - promtool check rules / test rules on deploy/prometheus/ (each alert firing and quiet);
#   - scripts/monitoring-test.py: the daemon on the examples behind the real node_exporter
#     (promtool check metrics on its file, values against consortiumctl, a drop changes them);
#   - scripts/journal-remote-test.py: the daemon's notices shipped by systemd-journal-upload to
#     systemd-journal-remote on 127.0.0.1 and read back there with their fields.
#
#   bash scripts/monitoring-test.sh [--bin DIR]      (root; default DIR: the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bin_args=()
if [ "${1:-}" = "--bin" ]; then
  bin_args=(--bin "$2")
else
  swift build --product consortiumd >/dev/null && swift build --product consortiumctl >/dev/null
fi
promtool check rules deploy/prometheus/consortiumd.rules.yml
promtool test rules deploy/prometheus/consortiumd.rules.test.yml
python3 scripts/monitoring-test.py "${bin_args[@]}"
python3 scripts/journal-remote-test.py "${bin_args[@]}"
