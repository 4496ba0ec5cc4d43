#!/usr/bin/env bash
# Builds the libFuzzer target ConsortiumFuzz with the address sanitizer and runs it
# (docs/fuzzing.md). Usage: scripts/fuzz.sh [SECONDS]   (default 1800; `scripts/fuzz.sh 60` is a quick run)
# Environment: SCRATCH (default .build-fuzz), WORK (default fuzz/corpus-work, not committed),
#              FUZZ_LOG (default fuzz/logs/run-<date>.log), extra libFuzzer flags in FUZZ_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-1800}"
scratch="${SCRATCH:-.build-fuzz}"
work="${WORK:-fuzz/corpus-work}"
mkdir -p "$work" fuzz/artifacts fuzz/logs
log="${FUZZ_LOG:-fuzz/logs/run-$(date +%Y%m%d-%H%M%S).log}"

# -DFUZZING switches the target from its replay tool to LLVMFuzzerTestOneInput; the C of
# libyaml (Yams' CYaml) is instrumented too, for coverage feedback and ASan checks.
swift build -c debug --product ConsortiumFuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
    -Xcc -fsanitize=fuzzer-no-link,address 2>&1 | grep -v "Cannot export local symbol" || true
binary="$scratch/debug/ConsortiumFuzz"
test -x "$binary"

# New inputs go to $work; fuzz/corpus (the committed seeds) is only read.
# shellcheck disable=SC2086
"$binary" "$work" fuzz/corpus -dict=fuzz/yaml.dict -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=fuzz/artifacts/ ${FUZZ_FLAGS:-} 2>&1 | tee "$log"
status="${PIPESTATUS[0]}"
echo "log: $log"
exit "$status"
