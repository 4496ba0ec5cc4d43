#!/usr/bin/env bash
# Installs what building and running consortiumd needs on Debian/Ubuntu (idempotent), and
# starts a journald when none is running (a container or a CI machine without systemd).
set -euo pipefail
need=()
for pkg in libsystemd-dev libsqlite3-dev systemd strace; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -S /run/systemd/journal/socket ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO sh -c '/lib/systemd/systemd-journald >/dev/null 2>&1 &'
  for _ in $(seq 1 50); do [ -S /run/systemd/journal/socket ] && break; sleep 0.1; done
fi
command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6.1 or later is needed)" >&2; exit 1; }
