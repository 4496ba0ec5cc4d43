#!/usr/bin/env bash
# System test under a real systemd: boots systemd as PID 1 in a throw-away root (an overlay of
# / on a tmpfs, in new namespaces; ../shared/notes/systemd-sandbox.md), installs with
# deploy/install.sh, and checks the service end to end. Nothing is written to the real disk.
#
#   bash scripts/system-test.sh [--bin DIR]     (root; default DIR: the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
bin=""
[ "${1:-}" = "--bin" ] && bin=$2
[ "$(id -u)" -eq 0 ] || { echo "system-test: run as root" >&2; exit 2; }
bash scripts/setup.sh
if [ -z "$bin" ]; then
  swift build --product consortiumd >/dev/null && swift build --product consortiumctl >/dev/null
  bin=$(swift build --show-bin-path)
fi
bin=$(cd "$bin" && pwd)

base=/mnt/consortiumd-systest.$$
root=$base/root
mkdir -p "$base"
mount -t tmpfs -o size=2g tmpfs "$base"
mkdir -p "$base/upper" "$base/work" "$root"
mount -t overlay overlay -o lowerdir=/,upperdir="$base/upper",workdir="$base/work" "$root"
# What the test needs, copied into the throw-away root (the checkout may live under /tmp, which
# systemd empties at boot, or anywhere the container does not see the same way).
inside=/opt/consortiumd-systest
mkdir -p "$root$inside/bin"
mkdir -p "$root$inside/docs"
cp -a deploy config examples scripts templates README.md runbook.md "$root$inside/"
cp docs/word-forms.md "$root$inside/docs/"
mkdir -p "$root$inside/docx" && cp Tests/Fixtures/docx/05-too-few-members.docx "$root$inside/docx/"
cp "$bin/consortiumd" "$bin/consortiumctl" "$root$inside/bin/"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    nsenter -t "$pid" -a -r -w systemctl poweroff >/dev/null 2>&1 || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  umount "$root" 2>/dev/null || umount -l "$root" 2>/dev/null || true
  umount "$base" 2>/dev/null || umount -l "$base" 2>/dev/null || true
  rmdir "$base" 2>/dev/null || true
}
trap cleanup EXIT

(nohup unshare --fork --pid --mount --uts --ipc --net --cgroup --propagation private \
   --root="$root" --mount-proc /lib/systemd/systemd --system --log-target=kmsg \
   >"$base/boot.log" 2>&1 &)
for _ in $(seq 1 80); do
  pid=$(pgrep -n -x systemd || true)
  [ -n "$pid" ] && [ "$(readlink /proc/$pid/root)" = "$root" ] && break
  pid=""; sleep 0.25
done
[ -n "$pid" ] || { echo "system-test: systemd did not start"; cat "$base/boot.log"; exit 1; }
echo "system-test: systemd is PID 1 of the throw-away root (host PID $pid)"
nsenter -t "$pid" -a -r -w env SRC="$inside" BIN="$inside/bin" bash "$inside/scripts/system-test-inside.sh"
