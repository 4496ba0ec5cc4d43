#!/usr/bin/env bash
# Runs the daemon on a local demo inbox (./demo) with the example documents and shows the
# notices it wrote to the journal and to demo/state/notices, then what consortiumctl sees.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --product consortiumd >/dev/null
swift build --product consortiumctl >/dev/null
bin=$(swift build --show-bin-path)
root=$PWD/demo
rm -rf "$root"; mkdir -p "$root/state/inbox"
sed "s#@ROOT@#$root#g" config/dev.yaml > "$root/consortiumd.yaml"
# Files that arrive while the daemon is down are taken at start.
cp examples/* "$root/state/inbox/"
touch -d '1 minute ago' "$root/state/inbox/"*
since=$(date '+%Y-%m-%d %H:%M:%S')
"$bin/consortiumd" --config "$root/consortiumd.yaml" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -z "$(ls -A "$root/state/inbox")" ] && break; sleep 0.1; done
sleep 1
kill -TERM $pid; wait $pid || true
trap - EXIT
echo "== journal (journalctl -t consortiumd --since '$since') =="
journalctl -t consortiumd --since "$since" -o cat --no-pager || true
echo
echo "== notices with their fields (PRIORITY <= 4) =="
journalctl -t consortiumd --since "$since" -p warning -o verbose --no-pager \
  | grep -E '^\s+(MESSAGE|PRIORITY|RULE|STAGE|SUBJECT|CONSORTIUM_ID|NOTICE_ID|DUE_DATE)=' || true
echo
echo "== notice files in $root/state/notices =="
ls "$root/state/notices"
echo
echo "== consortiumctl evaluate --at 2027-01-01 examples/ (what falls due after New Year) =="
"$bin/consortiumctl" evaluate --config "$root/consortiumd.yaml" --at 2027-01-01 examples/ || true
