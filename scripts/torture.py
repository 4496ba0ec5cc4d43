#!/usr/bin/env python3
"""Crash torture of consortiumd: drop documents while SIGKILLing the daemon, then check that
nothing was lost, nothing was applied or emitted twice, and the database agrees with the archive.

  scripts/torture.py [--kills N] [--files M] [--seed S] [--bin DIR] [--keep]
  scripts/torture.py --quick                     # 10 kills, 60 files (CI)

It starts `consortiumd` (from --bin, default .build/debug) on a fresh temporary state
directory with its own NOTIFY_SOCKET, and N times: starts the daemon, either kills it 0-300 ms
after the start, or waits for READY=1, drops a small batch of files by atomic rename
(`.NAME.tmp` -> NAME) and kills it 0-300 ms after the drop (SIGKILL); files are also dropped
while it is down. Then it drops what is left, lets a last daemon finish, stops it with SIGTERM
and checks:

  (a) every dropped file is in exactly one place: archive/SHA (content hash = name),
      archive/duplicates/SHA.N, rejected/NAME (with NAME.error.txt) or pending/; nothing left in
      the inbox; by content (multiset of SHA-256) and by name;
  (b) the document table has each accepted SHA once and each row's archive file exists with
      that SHA; every archive file and duplicate file has its row;
  (c) `consortiumctl verify --config F` exits 0;
  (d) no notice opened twice without a `resolved` in between: in the emission table and in the
      journal (NOTICE_ID entries of STAGE != resolved, not NOTICE_REPEAT, of every daemon run);
  (e) pending/ agrees with the pending table, and what is held there is exactly what
      `consortiumctl evaluate` of every dropped file leaves pending (a held document is judged
      again as soon as its consortium accepts a document: documents.md, revised 2026-12);
  (f) no daemon run ended on its own (a crash or a refusal to start);
  (g) every notice the ledger holds open has its notices/ID.json;
  (i) every stored state (stored_state row) was built from its consortium's documents (its
      documents digest, computed here from the document rows) and `verify` compared it with the
      state replaying the archive gives: no stored state disagrees with the archive;
  (h) every accepted document (document row) has at least one "document accepted" journal entry
      with its DOCUMENT_SHA256, from one of the daemon runs (entries are at least once: a kill
      between the commit and the entries has them sent at the next start; repeats are counted,
      not violations).

Standard library only. Needs a journald for (d)'s journal half and (h) (skipped, and said so,
without one).
"""
import argparse, collections, hashlib, json, os, random, re, shutil, signal, socket, sqlite3, subprocess
import sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")


def sha(data):
    return hashlib.sha256(data).hexdigest()


def example(prefix):
    for name in sorted(os.listdir(EXAMPLES)):
        if name.startswith(prefix):
            with open(os.path.join(EXAMPLES, name), "rb") as f:
                return f.read()
    raise SystemExit(f"examples/{prefix}* not found")


# ---------------------------------------------------------------------------------------------
# The corpus


def make_corpus(count, rng):
    """[(name, bytes, expected)] in drop order; expected is what a correct daemon should do
    (a hint for the report: accepted|duplicate|rejected|pending|any)."""
    app, rec, appr, proj, rep24, change, rep25 = (example(p) for p in ("01", "02", "03", "04", "05", "10", "15"))
    old = b"LZ-2024-001"
    files = []
    seq = [0]

    def add(stem, data, expected):
        seq[0] += 1
        files.append((f"{seq[0]:04d}-{stem}", data, expected))

    n_cons = 0
    pool = []  # documents waiting to be scheduled, per consortium, in a loosely shuffled order
    while len(files) + len(pool) < count:
        roll = rng.random()
        if roll < 0.35:
            n_cons += 1
            key = f"TT-{n_cons:04d}".encode()
            docs = [("application.yaml", app), ("recommendation.yaml", rec), ("approval.yaml", appr),
                    ("project.yaml", proj), ("report-2024.yaml", rep24), ("change.yaml", change), ("report-2025.yaml", rep25)]
            for stem, body in docs[: rng.randint(1, len(docs))]:
                pool.append((f"{key.decode()}-{stem}", body.replace(old, key), "any"))
        elif roll < 0.55:
            notice = "%032x" % rng.getrandbits(128)
            day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
            body = f"version: 1\nkind: Acknowledgement\ndate: {day}\nnotice: \"{notice}\"\nby: torture {rng.randint(0, 10**6)}\n"
            pool.append(("ack.yaml", body.encode(), "accepted"))
        elif roll < 0.70 and (files or pool):
            # An exact duplicate of an earlier file (its outcome follows the original's).
            src = rng.choice(files + pool)
            pool.append(("dup-" + src[0].split("-", 1)[-1], src[1], "copy"))
        elif roll < 0.76:
            key = f"TT-BAD-{rng.randint(0, 10**6)}".encode()
            body = app.replace(old, key).replace(b"91450205718263408H", b"91450205718263408J")
            pool.append(("bad-uscc.yaml", body, "rejected"))
        elif roll < 0.82:
            key = f"TT-UNK-{rng.randint(0, 10**6)}".encode()
            body = rec.replace(old, key) + f"unknownField{rng.randint(0, 999)}: 1\n".encode()
            pool.append(("unknown-field.yaml", body, "rejected"))
        elif roll < 0.88:
            key = f"TT-TRUNC-{rng.randint(0, 10**6)}".encode()
            body = app.replace(old, key)
            pool.append(("truncated.yaml", body[: rng.randint(20, len(body) * 2 // 3)], "rejected"))
        elif roll < 0.94:
            pool.append(("garbage.bin", bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000))), "rejected"))
        else:
            key = f"NOAPP-{rng.randint(0, 10**6)}".encode()
            pool.append(("orphan-recommendation.yaml", rec.replace(old, key), "pending"))
        # Move a few waiting documents to the drop order (keeps a consortium's documents loosely
        # ordered, so some arrive before their Application and wait in pending/).
        while pool and rng.random() < 0.6:
            i = min(len(pool) - 1, int(rng.expovariate(1.0)))
            stem, body, expected = pool.pop(i)
            add(stem, body, expected)
    rng.shuffle(pool)
    for stem, body, expected in pool:
        add(stem, body, expected)
    return files[:count]


# ---------------------------------------------------------------------------------------------
# The daemon


class Daemon:
    def __init__(self, bin_dir, state):
        self.bin = os.path.join(bin_dir, "consortiumd")
        self.state = state
        self.config = os.path.join(state, "consortiumd.yaml")
        self.inbox = os.path.join(state, "inbox")
        with open(self.config, "w") as f:
            for key, sub in (("inbox", "inbox"), ("rejected", "rejected"), ("pending", "pending"), ("noticeDirectory", "notices")):
                f.write(f"{key}: {state}/{sub}\n")
            f.write(f"stateDirectory: {state}\nrescanSeconds: 5\n")
        self.notify_path = os.path.join(state, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.notify_path)
        self.sock.setblocking(False)
        self.proc = None
        self.pids = []
        self.runs = []  # (pid, how it ended, returncode)
        self.log = open(os.path.join(os.path.dirname(state), "daemon-stderr.log"), "ab")

    def start(self):
        self.drain()
        env = dict(os.environ, NOTIFY_SOCKET=self.notify_path)
        self.log.write(f"--- start {time.time():.3f}\n".encode()); self.log.flush()
        self.proc = subprocess.Popen([self.bin, "--config", self.config], env=env, stdout=self.log, stderr=self.log)
        self.pids.append(self.proc.pid)

    def drain(self):
        out = []
        while True:
            try:
                out.append(self.sock.recv(65536).decode(errors="replace"))
            except BlockingIOError:
                return out

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for msg in self.drain():
                if "READY=1" in msg.split("\n"):
                    return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.005)
        return False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.runs.append((self.proc.pid, "killed", self.proc.returncode))
            return True
        self.runs.append((self.proc.pid, "ended by itself", self.proc.returncode))
        return False

    def stop(self, timeout=60):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill(); self.proc.wait()
                self.runs.append((self.proc.pid, "SIGTERM timed out", self.proc.returncode))
                return False
            self.runs.append((self.proc.pid, "stopped", self.proc.returncode))
            return self.proc.returncode == 0
        self.runs.append((self.proc.pid, "ended by itself", self.proc.returncode))
        return False


def drop(inbox, name, data, rng):
    tmp = os.path.join(inbox, "." + name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    if rng.random() < 0.7:
        # The writer finished long ago (no settle wait after a restart); otherwise fresh mtime.
        old = time.time() - 30
        os.utime(tmp, (old, old))
    os.rename(tmp, os.path.join(inbox, name))


def inbox_entries(inbox):
    return [n for n in os.listdir(inbox) if not (n.startswith(".") or n.endswith(".tmp") or n.endswith(".part"))]


def wait_settled(daemon, pending_dir, timeout):
    """Until the inbox is empty (and the daemon idle for a moment). False on timeout."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not inbox_entries(daemon.inbox):
            time.sleep(1.5)
            if not inbox_entries(daemon.inbox):
                return True
        if not daemon.alive():
            return False
        time.sleep(0.1)
    return False


# ---------------------------------------------------------------------------------------------
# The checks


def strip_suffix(name, dropped_names):
    if name in dropped_names:
        return name
    m = re.match(r"^(.*)\.(\d+)$", name)
    if m and m.group(1) in dropped_names:
        return m.group(1)
    return name


def check(state, files, daemon, ctl, since, violations):
    figures = collections.OrderedDict()
    inbox, archive = os.path.join(state, "inbox"), os.path.join(state, "archive")
    dups_dir, rejected, pending = os.path.join(archive, "duplicates"), os.path.join(state, "rejected"), os.path.join(state, "pending")
    dropped_names = {n for n, _, _ in files}
    dropped = collections.Counter(sha(d) for _, d, _ in files)

    def read(path):
        with open(path, "rb") as f:
            return f.read()

    found = collections.Counter()
    where = collections.defaultdict(list)  # sha -> places
    # archive/SHA
    archive_files = [n for n in os.listdir(archive) if n != "duplicates" and not n.startswith(".")]
    for n in archive_files:
        h = sha(read(os.path.join(archive, n)))
        if h != n:
            violations.append(f"(a) archive/{n}: content SHA-256 is {h}")
        found[h] += 1; where[h].append("archive/" + n)
    dup_files = [n for n in os.listdir(dups_dir) if not n.startswith(".")]
    for n in dup_files:
        h = sha(read(os.path.join(dups_dir, n)))
        if n.rsplit(".", 1)[0] != h:
            violations.append(f"(a) archive/duplicates/{n}: content SHA-256 is {h}")
        found[h] += 1; where[h].append("archive/duplicates/" + n)
    rej_names = sorted(os.listdir(rejected))
    rej_files = [n for n in rej_names if not n.endswith(".error.txt") and not n.startswith(".")]
    for n in rej_files:
        found_h = sha(read(os.path.join(rejected, n)))
        found[found_h] += 1; where[found_h].append("rejected/" + n)
        err = os.path.join(rejected, n + ".error.txt")
        if not os.path.exists(err):
            violations.append(f"(a) rejected/{n} has no {n}.error.txt")
        elif "拒收原因 / reasons:\n- " not in read(err).decode(errors="replace"):
            violations.append(f"(a) rejected/{n}.error.txt gives no reason")
    for n in rej_names:
        if n.endswith(".error.txt") and n[: -len(".error.txt")] not in rej_files:
            violations.append(f"(a) rejected/{n} without its file")
    pend_files = [n for n in os.listdir(pending) if not n.startswith(".")]
    for n in pend_files:
        h = sha(read(os.path.join(pending, n)))
        found[h] += 1; where[h].append("pending/" + n)
    left = inbox_entries(inbox)
    if left:
        violations.append(f"(a) {len(left)} files left in the inbox: {left[:5]}")
    for n in left:
        h = sha(read(os.path.join(inbox, n)))
        found[h] += 1; where[h].append("inbox/" + n)
    lost = sum(max(0, c - found[h]) for h, c in dropped.items())
    doubled = sum(max(0, c - dropped[h]) for h, c in found.items())
    for h, c in dropped.items():
        if found[h] < c:
            names = [n for n, d, _ in files if sha(d) == h]
            violations.append(f"(a) LOST {c - found[h]} of {c} files with SHA {h[:12]} ({names}); found at {where[h]}")
    for h, c in found.items():
        if c > dropped[h]:
            violations.append(f"(a) DOUBLED: SHA {h[:12]} dropped {dropped[h]} times, found {c} times at {where[h]}")

    db = sqlite3.connect(f"file:{os.path.join(state, 'consortiumd.sqlite')}?mode=ro", uri=True)
    docs = db.execute("SELECT sha256, name, archive FROM document").fetchall()
    dup_rows = db.execute("SELECT sha256, name, archive FROM duplicate").fetchall()
    pend_rows = db.execute("SELECT sha256, name, path, consortium FROM pending").fetchall()

    # By name: each dropped name in exactly one place.
    places = collections.defaultdict(list)
    for s, n, a in docs:
        places[n].append("document:" + a)
    for s, n, a in dup_rows:
        if os.path.exists(os.path.join(state, a)):
            places[n].append("duplicate:" + a)
    for n in rej_files:
        places[strip_suffix(n, dropped_names)].append("rejected/" + n)
    for n in pend_files:
        places[strip_suffix(n, dropped_names)].append("pending/" + n)
    for n in left:
        places[n].append("inbox/" + n)
    by_name_missing = [n for n in dropped_names if not places.get(n)]
    by_name_twice = {n: p for n, p in places.items() if len(p) > 1}
    for n in by_name_missing:
        violations.append(f"(a) by name: {n} is nowhere (no document/duplicate row, not in rejected/ or pending/)")
    for n, p in by_name_twice.items():
        violations.append(f"(a) by name: {n} is in {len(p)} places: {p}")
    for n in places:
        if n not in dropped_names:
            violations.append(f"(a) by name: {n} ({places[n]}) was never dropped")

    # (b) the document table
    shas = collections.Counter(s for s, _, _ in docs)
    for s, c in shas.items():
        if c > 1:
            violations.append(f"(b) document {s[:12]} recorded {c} times")
    for s, n, a in docs:
        p = os.path.join(state, a)
        if not os.path.exists(p):
            violations.append(f"(b) document row {n} ({s[:12]}): archive file {a} missing (found at {where.get(s)})")
        elif sha(read(p)) != s:
            violations.append(f"(b) document row {n}: {a} has another SHA-256")
    for n in archive_files:
        if n not in shas:
            violations.append(f"(b) archive/{n} has no document row")
    dup_archives = collections.Counter(a for _, _, a in dup_rows)
    for n in dup_files:
        if dup_archives["archive/duplicates/" + n] != 1:
            violations.append(f"(b) archive/duplicates/{n} has {dup_archives['archive/duplicates/' + n]} duplicate rows")

    # (c) verify
    v = subprocess.run([ctl, "verify", "--config", daemon.config], capture_output=True, text=True)
    verify = "exit 0" if v.returncode == 0 else f"exit {v.returncode}"
    if v.returncode != 0:
        violations.append(f"(c) consortiumctl verify {verify}: {(v.stdout + v.stderr).strip()[-2000:]}")

    # (i) stored states (docs/performance.md "Stored states"): every row was written with the
    # documents of its consortium (its digest is theirs, computed here), and verify compared each
    # with the state replaying the archive gives and found none that differs.
    shas = collections.defaultdict(list)
    for c, s_ in db.execute("SELECT consortium, sha256 FROM document WHERE consortium IS NOT NULL ORDER BY arrival"):
        shas[c].append(s_)
    stored = db.execute("SELECT consortium, documents FROM stored_state").fetchall()
    wrong = [c for c, d in stored if hashlib.sha256("".join(x + "\n" for x in shas.get(c, [])).encode()).hexdigest() != d]
    compared = re.search(r"已核对 (\d+) 个保存的状态", v.stdout)
    figures["stored states / consortia / compared with the archive by verify"] = (
        f"{len(stored)} / {len(shas)} / {compared.group(1) if compared else 'none'}")
    figures["stored states whose documents digest disagrees (must be 0)"] = len(wrong)
    # ... and with the document rows start-up compares (count, last and sum of arrivals).
    rows = {c: (n, last, total) for c, n, last, total in db.execute(
        "SELECT consortium, COUNT(*), MAX(arrival), SUM(arrival) FROM document WHERE consortium IS NOT NULL GROUP BY consortium")}
    stored_rows = db.execute("SELECT consortium, document_count, last_arrival, arrival_sum FROM stored_state").fetchall()
    wrong_rows = [c for c, n, last, total in stored_rows if rows.get(c) != (n, last, total)]
    figures["stored states whose document rows disagree (must be 0)"] = len(wrong_rows)
    # ... and whose bytes are those their checksum was computed from.
    damaged = [c for c, state, parts, checksum in db.execute("SELECT consortium, state, parts, checksum FROM stored_state")
               if hashlib.sha256(bytes(state) + bytes(parts)).hexdigest() != checksum]
    figures["stored states whose checksum disagrees (must be 0)"] = len(damaged)
    for c in damaged:
        violations.append(f"(i) the stored state of {c} does not match its checksum")
    for c in wrong:
        violations.append(f"(i) the stored state of {c} was not built from its documents (documents digest differs)")
    for c in wrong_rows:
        violations.append(f"(i) the stored state of {c} does not name its document rows (count, last or sum of arrivals differs)")
    if "保存的状态与存档不符" in v.stdout:
        violations.append("(i) verify: a stored state differs from the archive replay")
    if not compared or (len(stored) > 0 and int(compared.group(1)) == 0):
        violations.append(f"(i) verify compared no stored state ({len(stored)} rows)")

    # (d) notices opened twice: emission table
    em = db.execute("SELECT seq, notice, what FROM emission ORDER BY seq").fetchall()
    open_now, doubled_db = {}, []
    for seq_, notice, what in em:
        if what == "open":
            if open_now.get(notice):
                doubled_db.append((notice, seq_))
            open_now[notice] = True
        elif what == "resolved":
            open_now[notice] = False
    for notice, seq_ in doubled_db:
        violations.append(f"(d) emission table: notice {notice} opened again (seq {seq_}) without a resolved in between")
    naive = db.execute("SELECT notice, COUNT(*) FROM emission WHERE what='open' GROUP BY notice HAVING COUNT(*)>1").fetchall()
    figures["emissions (open/resolved/repeat)"] = "/".join(str(sum(1 for e in em if e[2] == w)) for w in ("open", "resolved", "repeat"))
    figures["ids opened >1 time (naive GROUP BY)"] = len(naive)

    # (d) journal
    journal_doubled, journal_note = [], ""
    if os.path.exists("/run/systemd/journal/socket") and shutil.which("journalctl"):
        subprocess.run(["journalctl", "--sync"], capture_output=True)
        args = ["journalctl", "-o", "json", "--no-pager", "--since", since, "SYSLOG_IDENTIFIER=consortiumd"]
        args += [f"_PID={p}" for p in daemon.pids]
        out = subprocess.run(args, capture_output=True, text=True).stdout
        entries = [json.loads(l) for l in out.splitlines() if l.strip()]
        # Only this run's daemons: a PID reused by another consortiumd has another command line.
        entries = [e for e in entries if daemon.config in str(e.get("_CMDLINE", ""))]
        entries.sort(key=lambda e: (int(e["__REALTIME_TIMESTAMP"]), e.get("__SEQNUM", "")))
        state_, opens, resolves = {}, 0, 0
        by_pid = collections.Counter(e.get("_PID") for e in entries)
        for e in entries:
            nid = e.get("NOTICE_ID")
            if not nid:
                continue
            if e.get("STAGE") == "resolved":
                resolves += 1
                state_[nid] = False
                continue
            if e.get("NOTICE_REPEAT") == "1":
                continue
            opens += 1
            if state_.get(nid):
                journal_doubled.append((nid, e.get("_PID"), e.get("STAGE")))
            state_[nid] = True
        for nid, pid, stage in journal_doubled:
            violations.append(f"(d) journal: notice {nid} (stage {stage}) emitted again by pid {pid} without a resolved in between")
        accepted_events = collections.Counter(e.get("DOCUMENT_SHA256") for e in entries
                                              if e.get("MESSAGE_ID") == hashlib.sha256(b"consortiumd:event:document-accepted").hexdigest()[:32])
        figures["journal entries (runs with entries)"] = f"{len(entries)} ({len(by_pid)})"
        figures["journal notice opens / resolves"] = f"{opens} / {resolves}"
        figures["journal 'accepted' events twice for a SHA"] = sum(1 for c in accepted_events.values() if c > 1)
        # (h) every accepted document has its "document accepted" entry (at least once).
        unannounced = [(s, n) for s, n, _ in docs if accepted_events.get(s, 0) == 0]
        figures["accepted documents / with a 'document accepted' entry"] = f"{len(docs)} / {len(docs) - len(unannounced)}"
        figures["accepted documents without an entry (must be 0)"] = len(unannounced)
        figures["'document accepted' entries in all / repeats (harmless)"] = (
            f"{sum(accepted_events.values())} / {sum(c - 1 for c in accepted_events.values() if c > 1)}")
        for s, n in unannounced[:20]:
            violations.append(f"(h) accepted document {n} ({s[:12]}) has no 'document accepted' journal entry")
        if len(unannounced) > 20:
            violations.append(f"(h) ... and {len(unannounced) - 20} more accepted documents without an entry")
        if len(entries) == 0:
            journal_note = "no journal entries found (journald not reachable?)"
    else:
        journal_note = "no journald: journal half of (d) and (h) skipped"

    # (e) pending consistency
    rows_by_path = {p: (s, c) for s, _, p, c in pend_rows}
    for n in pend_files:
        if n not in rows_by_path:
            violations.append(f"(e) pending/{n} has no pending row (it will never be applied nor rejected)")
    for p in rows_by_path:
        if p not in pend_files:
            violations.append(f"(e) pending row {p} has no file in pending/")
    # What is held must be exactly what `consortiumctl evaluate` of every dropped file leaves
    # pending (documents.md, revised 2026-12: arrival order never changes the result): a document
    # whose Application or Approval was accepted is judged again at once, never left waiting.
    held = {s for s, _, _, _ in pend_rows}
    world = tempfile.mkdtemp(prefix="torture-world-")
    try:
        by_path = {}
        for name, data, _ in files:
            path = os.path.join(world, name)
            with open(path, "wb") as f:
                f.write(data)
            by_path[path] = sha(data)
        today = time.strftime("%Y-%m-%d", time.localtime())
        e = subprocess.run([ctl, "evaluate", "--at", today, "--config", daemon.config, world], capture_output=True, text=True)
        expected_held = {by_path[line.split(": ", 1)[0]] for line in e.stderr.splitlines()
                         if "would stay pending" in line and line.split(": ", 1)[0] in by_path}
    finally:
        shutil.rmtree(world, ignore_errors=True)
    figures["held in pending/ (evaluate of every dropped file: same)"] = f"{len(held)} ({len(expected_held)})"
    for s in sorted(held - expected_held):
        violations.append(f"(e) {s[:12]}… is held in pending/ although evaluate of every dropped file applies it")
    for s in sorted(expected_held - held):
        if s in {r for (r,) in db.execute("SELECT sha256 FROM document")}:
            violations.append(f"(e) {s[:12]}… was accepted although evaluate of every dropped file leaves it pending")
    # (g) every notice the ledger holds open has its notices/ID.json
    open_ids = [i for (i,) in db.execute("SELECT id FROM notice WHERE open = 1")]
    no_file = [i for i in open_ids if not os.path.exists(os.path.join(state, "notices", i + ".json"))]
    figures["open notices without notices/ID.json (must be 0)"] = f"{len(no_file)} of {len(open_ids)}"
    if no_file:
        violations.append(f"(g) {len(no_file)} open notices of the ledger have no notices/ID.json (e.g. {no_file[0]}): never rewritten after the crash")
    db.close()

    outcomes = {"accepted": len(archive_files), "duplicates": len(dup_files), "rejected": len(rej_files), "pending": len(pend_files)}
    return figures, outcomes, lost, doubled, verify, len(doubled_db) + len(journal_doubled), journal_note


# ---------------------------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--files", type=int, default=400)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--quick", action="store_true", help="10 kills, 60 files")
    p.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug"))
    p.add_argument("--keep", action="store_true", help="keep the state directory")
    args = p.parse_args()
    if args.quick:
        args.kills, args.files = 10, 60
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    rng = random.Random(seed)
    for b in ("consortiumd", "consortiumctl"):
        if not os.access(os.path.join(args.bin, b), os.X_OK):
            raise SystemExit(f"{args.bin}/{b} missing: swift build")

    base = tempfile.mkdtemp(prefix="consortiumd-torture-")
    state = os.path.join(base, "state")
    for d in ("inbox", "rejected", "pending", "notices"):
        os.makedirs(os.path.join(state, d))
    files = make_corpus(args.files, rng)
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(time.time() - 2))
    t0 = time.time()
    daemon = Daemon(args.bin, state)
    violations = []
    queue = list(files)
    kills = kills_after_start = kills_after_drop = not_ready = 0
    per_cycle = max(1, -(-len(files) // max(1, args.kills)))

    def drop_batch(n):
        for _ in range(min(n, len(queue))):
            name, data, _ = queue.pop(0)
            drop(daemon.inbox, name, data, rng)

    print(f"torture: seed {seed}, {args.kills} kills, {len(files)} files, state {state}", flush=True)
    for cycle in range(args.kills):
        if queue and rng.random() < 0.3:
            drop_batch(rng.randint(1, per_cycle))  # arrives while the daemon is down
        daemon.start()
        if not queue or rng.random() < 0.4:
            time.sleep(rng.uniform(0, 0.3))
            kills_after_start += 1
        else:
            if not daemon.wait_ready():
                not_ready += 1
            drop_batch(rng.randint(1, 2 * per_cycle))
            time.sleep(rng.uniform(0, 0.3))
            kills_after_drop += 1
        if daemon.kill():
            kills += 1
        else:
            violations.append(f"(f) daemon run pid {daemon.proc.pid} ended by itself with status {daemon.proc.returncode} before the kill")
        if (cycle + 1) % 10 == 0:
            print(f"  {cycle + 1} kills, {len(files) - len(queue)} files dropped", flush=True)
    drop_batch(len(queue))
    daemon.start()
    if not daemon.wait_ready():
        violations.append("(f) the final daemon did not become ready")
    settled = wait_settled(daemon, os.path.join(state, "pending"), timeout=300)
    if not settled:
        violations.append("(a) the inbox did not empty within 300 s after the last start")
    time.sleep(1)
    if not daemon.stop():
        violations.append(f"(f) the final daemon did not stop cleanly on SIGTERM: {daemon.runs[-1]}")
    elapsed = time.time() - t0

    ctl = os.path.join(args.bin, "consortiumctl")
    figures, outcomes, lost, doubled, verify, notices_twice, journal_note = check(state, files, daemon, ctl, since, violations)
    expected = collections.Counter(e for _, _, e in files)

    rows = [("seed", seed), ("kills survived", f"{kills} of {args.kills} (after start {kills_after_start}, after a drop {kills_after_drop})"),
            ("runs not ready before the drop", not_ready),
            ("files dropped", len(files)), ("  of them: expected rejected / pending / duplicates (exact copies)",
                                             f"{expected['rejected']} / {expected['pending']} / {expected['copy']}"),
            ("accepted (archive/)", outcomes["accepted"]), ("duplicates (archive/duplicates/)", outcomes["duplicates"]),
            ("rejected (rejected/)", outcomes["rejected"]), ("pending (pending/)", outcomes["pending"]),
            ("lost (must be 0)", lost), ("doubled (must be 0)", doubled),
            ("notices opened twice (must be 0)", notices_twice)]
    rows += list(figures.items())
    rows += [("consortiumctl verify", verify), ("elapsed (s)", f"{elapsed:.1f}"), ("violations", len(violations))]
    width = max(len(str(k)) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    if journal_note:
        print("note:", journal_note)
    if violations:
        print("\nVIOLATIONS:")
        seen = set()
        for v in violations:
            if v not in seen:
                seen.add(v); print(" -", v)
    if args.keep or violations:
        print(f"\nstate kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
