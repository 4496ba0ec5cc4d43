#!/usr/bin/env bash
# Runs every benchmark of docs/performance.md, each only when the machine is idle (no build, fuzzer
# or CI clone running and less than 15 % CPU busy over 3 s; otherwise waits 30 s and looks again),
# and prints `uptime` before each so the load is on record.
#
#   bash scripts/bench-performance.sh [all|latency|throughput|startup|startup-scale|startup-scale-100k|evaluation|evaluation-100k|idle]...
#
# Builds first (release; the daemon with the static Swift runtime, as deployed) unless NO_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

busy_pattern='swift-build|swift-frontend|ConsortiumFuzz|ciclone'

cpu_busy_percent() {
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat)
    sleep 3
    read -r -a b < <(grep '^cpu ' /proc/stat)
    local total=0 idle i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    idle=$((b[4] - a[4] + b[5] - a[5]))
    echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

wait_idle() {
    while true; do
        local others busy
        others=$(pgrep -af "$busy_pattern" | grep -v "pgrep" || true)
        busy=$(cpu_busy_percent)
        if [ -z "$others" ] && [ "$busy" -lt 15 ]; then
            echo "== idle before $1: $(uptime | sed 's/^ *//'); CPU busy ${busy}% over 3 s"
            return
        fi
        echo "== busy before $1 (CPU ${busy}%; $(echo "$others" | cut -c1-80 | head -3 | tr '\n' ';')): waiting 30 s" >&2
        sleep 30
    done
}

if [ "${NO_BUILD:-0}" != 1 ]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product consortiumd
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product consortiumctl
    swift build -c release --product consortium-bench
    mkdir -p .build-floor
    gcc -O2 -o .build-floor/floor bench/floor.c -lsqlite3 -lsystemd
fi

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(all)
[ "${steps[0]}" = all ] && steps=(latency throughput startup evaluation idle)

for step in "${steps[@]}"; do
    wait_idle "$step"
    case "$step" in
        latency)         python3 scripts/bench-daemon.py --bin .build-static/release latency --count 1000 ;;
        throughput)      python3 scripts/bench-daemon.py --bin .build-static/release throughput --count 10000 ;;
        startup)         python3 scripts/bench-daemon.py --bin .build-static/release startup --sizes 1000,10000 --runs 3 ;;
        startup-scale)   python3 scripts/bench-daemon.py --bin .build-static/release startup-scale --consortia 100,1000,10000 ;;
        startup-scale-100k) python3 scripts/bench-daemon.py --bin .build-static/release startup-scale --consortia 100000 --runs 2 ;;
        evaluation)      .build/release/consortium-bench --consortia 100,1000,10000 ;;
        evaluation-100k) .build/release/consortium-bench --consortia 100000 ;;
        idle)            python3 scripts/bench-daemon.py --bin .build-static/release idle --seconds 300 ;;
        *) echo "unknown step $step" >&2; exit 2 ;;
    esac
    echo "== after $step: $(uptime | sed 's/^ *//')"
done
