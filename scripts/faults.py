#!/usr/bin/env python3
"""Fault injection against the real daemon (root; not in the unit tests).

  python3 scripts/faults.py [--bin DIR] [--only NAME]

Each scenario runs consortiumd on a small tmpfs of its own (state, inbox, pending, rejected and
notices on one file system, rescanSeconds 1), injects one fault, drops a document, and checks:
the daemon reports the fault in the journal at PRIORITY err (once), keeps the file, stays up,
and recovers by itself once the fault is removed (the file is then accepted, a `recovered` entry
follows). Prints one line per check and a summary table; exits non-zero on any failure.
"""
import argparse, glob, hashlib, json, os, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "examples", "*")))


def mid(name):
    return hashlib.sha256(name.encode()).hexdigest()[:32]


ACCEPTED, FAILURE, RECOVERED = mid("consortiumd:event:document-accepted"), mid("consortiumd:event:failure"), mid("consortiumd:event:recovered")


class Run:
    def __init__(self, bin_dir, size="16m"):
        self.bin = bin_dir
        self.base = tempfile.mkdtemp(prefix="consortiumd-fault-")
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", self.base], check=True)
        for d in ("inbox", "state", "notices"):
            os.makedirs(os.path.join(self.base, d))
        self.inbox = os.path.join(self.base, "inbox")
        self.state = os.path.join(self.base, "state")
        self.config = os.path.join(self.base, "consortiumd.yaml")
        with open(self.config, "w") as f:
            f.write(f"inbox: {self.inbox}\nrejected: {self.base}/rejected\npending: {self.base}/pending\n"
                    f"stateDirectory: {self.state}\nnoticeDirectory: {self.base}/notices\nrescanSeconds: 1\n")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([os.path.join(self.bin, "consortiumd"), "--config", self.config],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self

    def seed(self, count=5):
        for path in EXAMPLES[:count]:
            self.drop(os.path.basename(path), open(path, "rb").read())
        self.wait_empty()

    def drop(self, name, data):
        self.prepare(name, data)()

    def prepare(self, name, data):
        """Writes the document under a hidden name now; the returned function renames it in."""
        tmp = os.path.join(self.inbox, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        return lambda: os.rename(tmp, os.path.join(self.inbox, name))

    def wait_empty(self, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if os.path.isdir(self.inbox) and not [n for n in os.listdir(self.inbox) if not n.startswith(".")]:
                return True
            time.sleep(0.05)
        return False

    def journal(self, message_id=None):
        args = ["journalctl", "-o", "json", f"_PID={self.proc.pid}", "--no-pager"]
        if message_id:
            args.append(f"MESSAGE_ID={message_id}")
        out = subprocess.run(args, capture_output=True, text=True).stdout
        # Only this run's daemon: PIDs are reused (pid_max is 32768 here), so an earlier process
        # with the same PID — a CI run starts thousands — must not count; its command line differs.
        return [e for e in map(json.loads, filter(str.strip, out.splitlines())) if self.config in str(e.get("_CMDLINE", ""))]

    def wait_journal(self, message_id, count=1, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            entries = self.journal(message_id)
            if len(entries) >= count:
                return entries
            time.sleep(0.1)
        return self.journal(message_id)

    def alive(self):
        return self.proc.poll() is None

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill(); self.proc.wait()
        subprocess.run(["umount", "-l", self.state], stderr=subprocess.DEVNULL)
        subprocess.run(["umount", "-l", self.base], stderr=subprocess.DEVNULL)
        shutil.rmtree(self.base, ignore_errors=True)


results = []


def check(scenario, what, ok, detail=""):
    results.append((scenario, what, ok))
    print(f"{'PASS' if ok else 'FAIL'}  {scenario}: {what}{'  (' + detail + ')' if detail and not ok else ''}")


DOC = open(os.path.join(ROOT, "examples", "06-LZ-2025-002-application.yaml"), "rb").read()
DOC_SHA = hashlib.sha256(DOC).hexdigest()


def expect_fault_then_recovery(run, scenario, inject, remove, area):
    run.start(); run.seed()
    accepted_before = len(run.journal(ACCEPTED))
    put = run.prepare("fault-doc.yaml", DOC)   # written before the fault (a full disk takes no new file)
    inject()
    put()
    failures = run.wait_journal(FAILURE, 1, timeout=20)
    check(scenario, "fault reported in the journal at PRIORITY err", bool(failures) and all(e["PRIORITY"] == "3" for e in failures),
          f"{len(failures)} entries")
    check(scenario, f"FAULT_AREA={area}", any(e.get("FAULT_AREA") == area for e in failures), str([e.get("FAULT_AREA") for e in failures]))
    time.sleep(3)  # several rescans while the fault lasts
    failures = run.journal(FAILURE)
    check(scenario, "reported once while it lasts (not at every rescan)", len([e for e in failures if e.get("FAULT_AREA") == area]) == 1, f"{len(failures)}")
    check(scenario, "the file is kept in the inbox", os.path.exists(os.path.join(run.inbox, "fault-doc.yaml")))
    check(scenario, "the daemon stays up", run.alive())
    remove()
    recovered = run.wait_journal(RECOVERED, 1, timeout=20)
    check(scenario, "recovered by itself (recovered entry)", any(e.get("FAULT_AREA") == area for e in recovered))
    ok = run.wait_empty(20) and os.path.exists(os.path.join(run.state, "archive", DOC_SHA))
    check(scenario, "the kept file is then accepted and archived", ok)
    check(scenario, "accepted exactly once", len(run.journal(ACCEPTED)) == accepted_before + 1)
    verify = subprocess.run([os.path.join(run.bin, "consortiumctl"), "verify", "--config", run.config], capture_output=True, text=True)
    check(scenario, "consortiumctl verify passes", verify.returncode == 0, verify.stdout + verify.stderr)


def disk_full(bin_dir):
    run = Run(bin_dir)
    filler = os.path.join(run.base, "filler")

    def inject():
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\1" * 65536)
        except OSError:
            pass
        finally:
            os.close(fd)

    try:
        # The document must exist before the disk is full: write it hidden first.
        expect_fault_then_recovery(run, "disk full", inject, lambda: os.remove(filler), "store")
    finally:
        run.close()


def read_only_state(bin_dir):
    run = Run(bin_dir)

    def inject():
        subprocess.run(["mount", "--bind", run.state, run.state], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", run.state], check=True)

    try:
        # The database file stays open (its writes still succeed); the move into the archive
        # through the read-only mount fails: the recorded document waits in the inbox.
        expect_fault_then_recovery(run, "read-only state directory", inject, lambda: subprocess.run(["umount", run.state], check=True), "archive")
    finally:
        run.close()


def database_locked(bin_dir):
    run = Run(bin_dir)
    release = threading.Event()

    def hold():
        db = sqlite3.connect(os.path.join(run.state, "consortiumd.sqlite"), timeout=30, isolation_level=None)
        db.execute("BEGIN EXCLUSIVE")
        release.wait(60)
        db.execute("COMMIT"); db.close()

    holder = threading.Thread(target=hold)
    try:
        expect_fault_then_recovery(run, "database locked", lambda: (holder.start(), time.sleep(0.3)), release.set, "store")
    finally:
        release.set()
        run.close()


def database_corrupt(bin_dir):
    run = Run(bin_dir)
    try:
        run.start(); run.seed()
        run.proc.send_signal(signal.SIGTERM); run.proc.wait(20)
        db = os.path.join(run.state, "consortiumd.sqlite")
        backup = db + ".backup"
        shutil.copy(db, backup)
        with open(db, "wb") as f:
            f.write(b"this is not a database at all" * 400)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        run.start()
        try:
            code = run.proc.wait(20)
        except subprocess.TimeoutExpired:
            code = None
        err = run.proc.stderr.read().decode("utf-8", "replace")
        check("database corrupt", "refuses to start (exit 1) saying why", code == 1 and "consortiumd" in err, err[:200])
        # Only a damaged database sends the operator to the backup, naming the configured directory.
        check("database corrupt", "names the damage and the backup of the configured stateDirectory",
              "已损坏" in err and f"从备份恢复 {run.state}" in err and "/var/lib/consortiumd" not in err, err[:400])
        shutil.copy(backup, db)
        run.start()
        check("database corrupt", "starts again once the database is restored from the backup", run.wait_empty(15) and run.alive())
        verify = subprocess.run([os.path.join(run.bin, "consortiumctl"), "verify", "--config", run.config], capture_output=True, text=True)
        check("database corrupt", "consortiumctl verify passes after the restore", verify.returncode == 0, verify.stdout)
    finally:
        run.close()


def inbox_removed(bin_dir):
    run = Run(bin_dir)
    try:
        # The document cannot be dropped while the inbox is gone: drop it after re-creating it.
        run.start(); run.seed()
        gone = run.inbox + ".gone"
        os.rename(run.inbox, gone)
        failures = run.wait_journal(FAILURE, 1, timeout=10)
        check("inbox deleted", "reported at PRIORITY err", bool(failures) and failures[0]["PRIORITY"] == "3")
        time.sleep(2.5)
        check("inbox deleted", "reported once while it lasts", len(run.journal(FAILURE)) <= 2, f"{len(run.journal(FAILURE))}")
        check("inbox deleted", "the daemon stays up", run.alive())
        os.makedirs(run.inbox)
        recovered = run.wait_journal(RECOVERED, 1, timeout=15)
        check("inbox re-created", "recovered by itself (recovered entry)", bool(recovered))
        time.sleep(0.5)
        run.drop("after.yaml", DOC)
        check("inbox re-created", "a document dropped afterwards is accepted", run.wait_empty(10) and os.path.exists(os.path.join(run.state, "archive", DOC_SHA)))
    finally:
        run.close()


def inotify_overflow(bin_dir):
    path = "/proc/sys/fs/inotify/max_queued_events"
    old = open(path).read().strip()
    run = Run(bin_dir, size="64m")
    try:
        # The limit applies to inotify instances created after it is set: set it before the start.
        with open(path, "w") as f:
            f.write("8")
        run.start(); run.seed()
        # The daemon is busy evaluating while 300 acknowledgements arrive at once.
        for i in range(300):
            notice = hashlib.sha256(str(i).encode()).hexdigest()[:32]
            run.drop(f"ack-{i:03d}.yaml", f"version: 1\nkind: Acknowledgement\ndate: 2026-01-01\nnotice: \"{notice}\"\nby: fault\n".encode())
        ok = run.wait_empty(60)
        accepted = len(run.wait_journal(ACCEPTED, 305, timeout=20))
        failures = [e for e in run.journal(FAILURE) if "IN_Q_OVERFLOW" in e.get("ERROR", "")]
        check("inotify queue overflow", "the overflow is reported", bool(failures))
        check("inotify queue overflow", "every file still taken (full scan)", ok and accepted == 305, f"{accepted} accepted")
    finally:
        with open(path, "w") as f:
            f.write(old)
        run.close()


SCENARIOS = {"disk-full": disk_full, "read-only": read_only_state, "locked": database_locked,
             "corrupt": database_corrupt, "inbox": inbox_removed, "overflow": inotify_overflow}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug"))
    parser.add_argument("--only")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("faults.py: run as root (mounts)", file=sys.stderr); return 2
    for name, scenario in SCENARIOS.items():
        if args.only and args.only != name:
            continue
        scenario(args.bin)
    failed = [r for r in results if not r[2]]
    print(f"\n{len(results)} checks, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
