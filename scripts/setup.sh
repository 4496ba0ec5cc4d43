#!/usr/bin/env bash
# Installs what building and running consortiumd needs on Debian/Ubuntu (idempotent), and
# starts a journald when none is running (a container or a CI machine without systemd).
# chromium and fonts-noto-cjk: the report's browser test; libreoffice-calc-nogui: its
# spreadsheets converted to .xlsx (Tests/consortiumctlTests/ReportCLITests.swift).
set -euo pipefail
need=()
# prometheus (promtool), prometheus-node-exporter and systemd-journal-remote: the monitoring
# checks (scripts/monitoring-test.sh). Without systemd as PID 1 their services do not start.
# libreoffice-writer-nogui: the Word forms' round-trip test re-saves every accepted fixture with
# soffice (docs/word-forms.md); it is not needed to build or run the daemon.
for pkg in libsystemd-dev libsqlite3-dev zlib1g-dev systemd strace prometheus prometheus-node-exporter systemd-journal-remote \
           libreoffice-writer-nogui chromium fonts-noto-cjk libreoffice-calc-nogui; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# A journald is needed, not only its socket: /run may be on disk (not tmpfs), so a socket left
# by a journald that is gone survives and refuses every entry. Probe it with connect(2).
journal_live() {
  python3 -c 'import socket,sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
try: s.connect("/run/systemd/journal/socket")
except OSError: sys.exit(1)' 2>/dev/null
}
if ! journal_live; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if [ -e /run/systemd/journal/socket ]; then
    echo "setup: /run/systemd/journal/socket exists but no journald listens: starting one" >&2
    $SUDO rm -f /run/systemd/journal/socket /run/systemd/journal/stdout /run/systemd/journal/dev-log \
      /run/systemd/journal/io.systemd.journal
  fi
  $SUDO mkdir -p /run/systemd/journal
  $SUDO sh -c '/lib/systemd/systemd-journald >/dev/null 2>&1 &'
  for _ in $(seq 1 50); do journal_live && break; sleep 0.1; done
  journal_live || { echo "setup: systemd-journald did not start (see /lib/systemd/systemd-journald run by hand)" >&2; exit 1; }
fi
command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6.1 or later is needed)" >&2; exit 1; }
