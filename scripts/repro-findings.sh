#!/usr/bin/env bash
# Deterministic reproductions of the open findings in docs/reliability.md.
#   bash scripts/repro-findings.sh [F1|F2|F3|F4|F5 ...]     (default: all)
# Each prints EXPECTED and ACTUAL and "REPRODUCED" when the daemon still has the bug.
# Crashes at an exact instant are made with strace's fault injection: -P PATH limits the trace
# to syscalls on PATH, -e inject=SYSCALL:signal=KILL kills the daemon when it makes that call.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$(cd "$ROOT" && swift build --show-bin-path 2>/dev/null)}
EX=$ROOT/examples

setup() {  # fresh state dir in $S, config $S/c.yaml
  S=$(mktemp -d /tmp/consortiumd-repro-XXXXXX)
  mkdir -p "$S/inbox" "$S/rejected" "$S/pending" "$S/notices"
  printf 'inbox: %s/inbox\nrejected: %s/rejected\npending: %s/pending\nnoticeDirectory: %s/notices\nstateDirectory: %s\nrescanSeconds: 2\n' \
    "$S" "$S" "$S" "$S" "$S" > "$S/c.yaml"
}
start() { "$BIN/consortiumd" --config "$S/c.yaml" 2>>"$S/stderr.log" & PID=$!; sleep 1.5; }
start_injected() {  # $1 path, $2 syscall: SIGKILL at that syscall on that path
  strace -f -qq -o /dev/null -P "$1" -e trace="$2" -e inject="$2":signal=KILL \
    "$BIN/consortiumd" --config "$S/c.yaml" 2>>"$S/stderr.log" & PID=$!; sleep 1.5; }
stop() { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
drop() {  # drop FILE as NAME (atomic rename)
  cp "$1" "$S/inbox/.$2.tmp" && touch -d '-1 min' "$S/inbox/.$2.tmp" && mv "$S/inbox/.$2.tmp" "$S/inbox/$2"; sleep 1; }
q() { python3 -c "import sqlite3,sys; print(sqlite3.connect('$S/consortiumd.sqlite').execute(sys.argv[1]).fetchall())" "$1"; }
verdict() { if [ "$1" = yes ]; then echo "=> REPRODUCED"; else echo "=> not reproduced (fixed?)"; fi; echo "   state: $S"; echo; }
app_for() { sed "s/LZ-2024-001/$1/" "$EX/01-LZ-2024-001-application.yaml"; }
rec_for() { sed "s/LZ-2024-001/$1/" "$EX/02-LZ-2024-001-recommendation.yaml"; }

F1() {
  echo "F1: SIGKILL between the rename into rejected/ and the write of NAME.error.txt"
  setup; printf 'not: [a document\n' > "$S/bad.src"
  start_injected "$S/rejected/.bad.yaml.error.txt.tmp" openat
  drop "$S/bad.src" bad.yaml; wait "$PID" 2>/dev/null
  start; sleep 1; stop
  echo "   EXPECTED: rejected/bad.yaml and rejected/bad.yaml.error.txt (the reason survives a crash)"
  echo "   ACTUAL:   $(cd "$S/rejected" && ls -A | tr '\n' ' ')"
  [ -e "$S/rejected/bad.yaml" ] && [ ! -e "$S/rejected/bad.yaml.error.txt" ] && verdict yes || verdict no
}

F2() {
  echo "F2: an exact copy of a document waiting in pending/ orphans the first file"
  setup; rec_for LATE-1 > "$S/rec.src"; app_for LATE-1 > "$S/app.src"
  start; drop "$S/rec.src" a.yaml; drop "$S/rec.src" b.yaml
  echo "   after both copies: pending/ = $(ls "$S/pending" | tr '\n' ' ')  pending rows = $(q 'SELECT path FROM pending')"
  drop "$S/app.src" app.yaml; sleep 1; stop
  echo "   EXPECTED: after the Application arrives, one copy in archive/, the other in archive/duplicates/, pending/ empty"
  echo "   ACTUAL:   pending/ = [$(ls "$S/pending" | tr '\n' ' ')] duplicates/ = [$(ls "$S/archive/duplicates" | tr '\n' ' ')] pending rows = $(q 'SELECT path FROM pending')"
  [ -n "$(ls "$S/pending")" ] && verdict yes || verdict no
}

F3() {
  echo "F3: a pending document rejected when its Application arrives keeps its pending row"
  setup; sed "s/LZ-2024-001/CHG-1/" "$EX/10-LZ-2024-001-change.yaml" > "$S/chg.src"; app_for CHG-1 > "$S/app.src"
  start; drop "$S/chg.src" change.yaml; drop "$S/app.src" app.yaml; sleep 1; stop
  echo "   EXPECTED: change.yaml in rejected/ (status applied) and no pending row"
  echo "   ACTUAL:   rejected/ = [$(ls "$S/rejected" | tr '\n' ' ')] pending rows = $(q 'SELECT path, consortium FROM pending')"
  [ "$(q 'SELECT COUNT(*) FROM pending')" != "[(0,)]" ] && verdict yes || verdict no
}

F4() {
  echo "F4: a file whose name is not valid UTF-8 stays in the inbox for ever, silently"
  setup; start; app_for BADNAME-1 > "$S/app.src"
  cp "$S/app.src" "$S/inbox/.x.tmp"; mv "$S/inbox/.x.tmp" "$S/inbox/$(printf 'caf\xe9.yaml')"; sleep 6; stop
  echo "   EXPECTED: taken (archive/) or rejected with a reason naming the bytes; or at least an error in the journal"
  echo "   ACTUAL:   inbox = [$(ls "$S/inbox" | od -c | head -1)] archive = [$(ls "$S/archive" | grep -v duplicates | tr '\n' ' ')] journal entries naming it: $(journalctl --no-pager -o cat _PID=$PID 2>/dev/null | grep -c caf)"
  [ -n "$(ls "$S/inbox")" ] && verdict yes || verdict no
}

F5() {
  echo "F5: SIGKILL between the commit of a pending document and its rename out of pending/"
  setup; rec_for LATE-2 > "$S/rec.src"; app_for LATE-2 > "$S/app.src"
  start; drop "$S/rec.src" rec.yaml; stop
  start_injected "$S/pending/rec.yaml" rename
  drop "$S/app.src" app.yaml; wait "$PID" 2>/dev/null
  start; sleep 2; stop
  "$BIN/consortiumctl" verify --config "$S/c.yaml" > "$S/verify.txt" 2>&1; rc=$?
  echo "   EXPECTED: rec.yaml moved to archive/SHA on restart (as for the inbox), verify exit 0"
  echo "   ACTUAL:   pending/ = [$(ls "$S/pending" | tr '\n' ' ')] pending rows = $(q 'SELECT path FROM pending') verify exit $rc: $(grep -m1 -i differs "$S/verify.txt")"
  [ $rc -ne 0 ] && verdict yes || verdict no
}

F6() {
  echo "F6: SIGKILL between the ledger commit of a new notice and its journal entry / notice file"
  setup; app_for NOTE-1 > "$S/app.src"; rec_for NOTE-1 > "$S/rec.src"
  sed "s/LZ-2024-001/NOTE-1/" "$EX/03-LZ-2024-001-approval.yaml" > "$S/appr.src"
  start; drop "$S/app.src" app.yaml; drop "$S/rec.src" rec.yaml; stop
  # sendmsg (journal) 1: the ready event, 2: approval accepted, 3: the first notice it opens -> SIGKILL.
  strace -f -qq -o /dev/null -e trace=sendmsg -e inject=sendmsg:signal=KILL:when=3 \
    "$BIN/consortiumd" --config "$S/c.yaml" 2>>"$S/stderr.log" & PID=$!; sleep 1.5
  drop "$S/appr.src" approval.yaml; sleep 2; kill -KILL "$PID" 2>/dev/null; wait "$PID" 2>/dev/null
  start; sleep 1; stop
  missing=$(python3 -c "
import sqlite3, os
rows = sqlite3.connect('$S/consortiumd.sqlite').execute('SELECT id FROM notice WHERE open = 1').fetchall()
print(sum(1 for (i,) in rows if not os.path.exists('$S/notices/' + i + '.json')), 'of', len(rows))")
  echo "   EXPECTED: every open notice of the ledger has notices/ID.json after the restart (the file is idempotent)"
  echo "   ACTUAL:   open notices without notices/ID.json: $missing"
  case "$missing" in 0\ *) verdict no;; *) verdict yes;; esac
}

for f in "${@:-F1 F2 F3 F4 F5 F6}"; do for g in $f; do $g; done; done
