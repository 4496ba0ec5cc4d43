#!/usr/bin/env bash
# Runs inside the throw-away root of scripts/system-test.sh, under systemd as PID 1.
set -uo pipefail
failures=0
check() { if eval "$2"; then echo "PASS  $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi; }
show() { echo "----- $*"; }
state=/var/lib/consortiumd
export SYSTEMD_PAGER= SYSTEMD_COLORS=0

# systemd may still be starting its own socket: wait until it answers, then until it settles.
for _ in $(seq 1 100); do state_now=$(systemctl is-system-running --wait 2>&1) && break; case "$state_now" in running|degraded) break ;; esac; sleep 0.2; done
show "systemctl is-system-running: $state_now"

show "deploy/install.sh --bin $BIN --no-start"
bash "$SRC/deploy/install.sh" --bin "$BIN" --no-start 2>&1 | tail -n 10
accepted_id=$(/usr/local/bin/consortiumd --list-message-ids | awk '$2=="document-accepted"{print $1}')
reloaded_id=$(/usr/local/bin/consortiumd --list-message-ids | awk '$2=="reloaded"{print $1}')
ready_id=$(/usr/local/bin/consortiumd --list-message-ids | awk '$2=="ready"{print $1}')

show "an operator (group consortium) drops the examples by atomic rename, before the start"
useradd -m -G consortium op 2>/dev/null || true
chmod -R a+rX "$SRC/examples"
check "the inbox accepts the operator's files" \
  'runuser -u op -- sh -c "umask 077; for f in $SRC/examples/*; do n=\$(basename \$f); cp \$f $state/inbox/.\$n.tmp && mv $state/inbox/.\$n.tmp $state/inbox/\$n; touch -d \"1 minute ago\" $state/inbox/\$n; done"'

show "systemctl start consortiumd (returns when the unit is active, i.e. after READY=1)"
systemctl enable --now consortiumd.service 2>&1 | tail -n 1
check "active (running) right after the start" \
  '[ "$(systemctl show -p ActiveState --value consortiumd)" = active ] && [ "$(systemctl show -p SubState --value consortiumd)" = running ]'
check "when it became active, the start-up scan was complete (inbox empty, 18 recorded)" \
  '[ -z "$(ls -A $state/inbox)" ] && [ "$(runuser -u op -- /usr/local/bin/consortiumctl verify --json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"documents\"])")" = 18 ]'
ready_sent=$(journalctl -o json MESSAGE_ID="$ready_id" | head -n 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["READY_MONOTONIC_USEC"])')
active_at=$(systemctl show -p ActiveEnterTimestampMonotonic --value consortiumd)
show "READY=1 sent at monotonic $ready_sent us; unit active since monotonic $active_at us"
check "the unit became active only after READY=1 was sent" '[ "$active_at" -ge "$ready_sent" ]'
show "systemctl status consortiumd"
systemctl --no-pager status consortiumd | head -n 12
check "18 documents accepted" '[ "$(journalctl -u consortiumd MESSAGE_ID=$accepted_id -o cat | wc -l)" -eq 18 ]'
show "journalctl -u consortiumd MESSAGE_ID=$accepted_id -o verbose -n 1 (fields)"
journalctl -u consortiumd MESSAGE_ID="$accepted_id" -o verbose -n 1 | grep -E '^\s+(MESSAGE|PRIORITY|SYSLOG_IDENTIFIER|DOCUMENT_[A-Z]+|CONSORTIUM_ID|MESSAGE_ID)='
check "the accepted entry carries DOCUMENT_SHA256 and DOCUMENT_ENCODING" \
  'journalctl -u consortiumd MESSAGE_ID=$accepted_id -o verbose -n 1 | grep -q DOCUMENT_SHA256= && journalctl -u consortiumd MESSAGE_ID=$accepted_id -o verbose -n 1 | grep -q DOCUMENT_ENCODING='
show "runuser -u op -- consortiumctl list   (the operator reads the database read-only)"
runuser -u op -- /usr/local/bin/consortiumctl list
check "an operator can read the daemon's state" 'runuser -u op -- /usr/local/bin/consortiumctl list --json | grep -q LZ-2024-001'
check "an operator cannot change the database" '! runuser -u op -- sh -c "echo x >> $state/consortiumd.sqlite" 2>/dev/null'
check "consortiumctl verify passes" 'runuser -u op -- /usr/local/bin/consortiumctl verify >/dev/null'

show "the metrics file for node_exporter, written inside the unit's sandbox (runbook.md 15)"
for _ in $(seq 1 50); do [ -s $state/metrics/consortiumd.prom ] && break; sleep 0.2; done
grep -E '^consortiumd_(documents_total|consortia)' $state/metrics/consortiumd.prom | sort
check "the sandboxed service wrote metrics/consortiumd.prom (18 accepted)" \
  'grep -q "^consortiumd_documents_total{outcome=.accepted.} 18" $state/metrics/consortiumd.prom'
check "node_exporter's user reads it through the link install.sh made (state directory still 0750)" \
  '! getent passwd prometheus >/dev/null || { runuser -u prometheus -- cat /var/lib/prometheus/node-exporter/consortiumd.prom >/dev/null && ! runuser -u prometheus -- ls $state >/dev/null 2>&1; }'

show "the HTML report, written inside the unit's sandbox (runbook.md 17)"
for _ in $(seq 1 50); do [ -s $state/report/index.html ] && break; sleep 0.2; done
ls -l $state/report $state/report/c
check "the sandboxed service wrote report/index.html with every example consortium" \
  'grep -qF "[\"LZ-2024-001\"," $state/report/index.html && grep -qF "[\"LZ-2025-003\"," $state/report/index.html && [ -s $state/report/c/LZ-2025-003.html ]'
check "the report is 0640 and group consortium; an operator reads it" \
  '[ "$(stat -c %a:%G $state/report/index.html)" = "640:consortium" ] && runuser -u op -- cat $state/report/c/LZ-2024-001.html >/dev/null'

show "journalctl -x -u consortiumd -p warning -n 1 (catalog text)"
journalctl -x -u consortiumd -p warning -n 1 --no-pager | head -n 20
check "journalctl -x shows the catalog entry" 'journalctl -x -u consortiumd -p warning -n 1 --no-pager | grep -q "░░ "'

show "systemctl reload consortiumd"
systemctl reload consortiumd
sleep 1
check "reload: still active and a reloaded entry" \
  '[ "$(systemctl is-active consortiumd)" = active ] && [ "$(journalctl -u consortiumd MESSAGE_ID=$reloaded_id -o cat | wc -l)" -ge 1 ]'

main=$(systemctl show -p MainPID --value consortiumd)
show "kill -9 $main (Restart=on-failure)"
kill -9 "$main"
for _ in $(seq 1 60); do
  new=$(systemctl show -p MainPID --value consortiumd)
  [ "$new" != 0 ] && [ "$new" != "$main" ] && [ "$(systemctl is-active consortiumd)" = active ] && break
  sleep 0.25
done
check "killed process restarted by systemd (new PID $new, NRestarts=$(systemctl show -p NRestarts --value consortiumd))" \
  '[ "$new" != "$main" ] && [ "$(systemctl is-active consortiumd)" = active ]'
check "no document lost or doubled across the kill" \
  '[ "$(runuser -u op -- /usr/local/bin/consortiumctl verify --json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"documents\"])")" = 18 ]'

show "deploy/install.sh again (an upgrade: idempotent, keeps the data)"
bash "$SRC/deploy/install.sh" --bin "$BIN" 2>&1 | grep -E "restarting|done" | head -n 2
check "after a second install: active, same 18 documents, verify passes" \
  '[ "$(systemctl is-active consortiumd)" = active ] && [ "$(runuser -u op -- /usr/local/bin/consortiumctl verify --json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"documents\"])")" = 18 ]'
check "the operators' edited config is kept (consortiumd.yaml.default beside it)" \
  '[ -e /etc/consortiumd/consortiumd.yaml ] && [ -e /etc/consortiumd/consortiumd.yaml.default ]'
check "man pages and completions installed" \
  '[ -e /usr/local/share/man/man1/consortiumctl.1 ] && [ -e /usr/share/bash-completion/completions/consortiumctl ]'
check "the Word templates are installed" \
  '[ -s /usr/local/share/consortiumd/templates/application-form.docx ] && [ -s /usr/local/share/consortiumd/templates/agreement-form.docx ]'

show "an operator drops a filled Word form (.docx) into the sandboxed service's inbox"
chmod a+r "$SRC/docx/05-too-few-members.docx"
runuser -u op -- sh -c "cp $SRC/docx/05-too-few-members.docx $state/inbox/.form.docx.tmp && mv $state/inbox/.form.docx.tmp $state/inbox/form.docx"
for _ in $(seq 1 50); do [ -e $state/inbox/form.docx ] || break; sleep 0.2; done
journalctl -u consortiumd MESSAGE_ID=$accepted_id DOCUMENT_NAME=form.docx -o verbose -n 1 --no-pager | grep -E '^\s+(DOCUMENT_KIND|DOCUMENT_ENCODING|CONSORTIUM_ID)='
check "the .docx is accepted as an Application (DOCUMENT_ENCODING=DOCX)" \
  'journalctl -u consortiumd MESSAGE_ID=$accepted_id DOCUMENT_NAME=form.docx -o verbose -n 1 --no-pager | grep -q "DOCUMENT_ENCODING=DOCX"'
check "its MEMBERS_MIN notice is in the journal" \
  'journalctl -u consortiumd RULE=MEMBERS_MIN CONSORTIUM_ID=LZ-2024-105 -o cat --no-pager | grep -q LZ-2024-105'

show "systemd-analyze security consortiumd.service"
systemd-analyze security --no-pager consortiumd.service | tail -n 1
score=$(systemd-analyze security --no-pager consortiumd.service | tail -n 1 | grep -oE '[0-9]+\.[0-9]+')
check "exposure $score <= 1.0" 'python3 -c "import sys; sys.exit(0 if float(\"$score\") <= 1.0 else 1)"'

show "deploy/install.sh --uninstall (keeps the data)"
bash "$SRC/deploy/install.sh" --uninstall 2>&1 | tail -n 1
check "uninstalled: no program, no unit; /var/lib/consortiumd and /etc/consortiumd kept" \
  '[ ! -e /usr/local/bin/consortiumd ] && [ ! -e /usr/local/lib/systemd/system/consortiumd.service ] && [ -e /var/lib/consortiumd/consortiumd.sqlite ] && [ -e /etc/consortiumd/consortiumd.yaml ]'

echo "system-test: $failures failure(s)"
exit $failures
