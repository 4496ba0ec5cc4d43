#!/usr/bin/env python3
"""Drop the hostile corpus (scripts/hostile-corpus.py) into a running consortiumd and check it.

  scripts/hostile-run.py [--bin DIR] [--timeout S] [--no-strace] [--keep]

Starts `consortiumd` (default .build/debug) on a fresh temporary state directory, under
`strace -f` when strace is installed, generates the corpus on the same file system, moves every
entry into the inbox by rename(2), waits until the inbox is empty (a timeout is a hang; entries
that stay put while the daemon keeps working are reported as stuck), drops one valid probe to
show the daemon still works, stops it with SIGTERM and checks:

  - every entry ended in exactly one place: rejected/ with NAME.error.txt giving a reason,
    archive/ (the few valid ones), or pending/; what was expected of each (manifest);
  - the daemon did not crash (it was alive until SIGTERM, exited 0, no fatal signal in strace);
  - nothing outside its folders was opened (strace: open/openat/openat2 paths outside the state
    directory other than system libraries, locale/zone data, /proc, /sys, /dev/null|urandom, the
    journal socket, its config), nothing outside was renamed, unlinked or created;
  - no symbolic link, FIFO, socket, device or directory in the inbox was opened, nor any link
    target (/etc/shadow, the outside files);
  - the 1 GB sparse file was not read (strace: never opened; /proc/PID/io rchar well under 1 GB).

Prints a summary table and the details; exits 1 on any violation. Standard library only.
"""
import argparse, collections, importlib.util, json, os, re, shutil, signal, socket, sqlite3, stat, subprocess
import sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_corpus_module():
    spec = importlib.util.spec_from_file_location("hostile_corpus", os.path.join(ROOT, "scripts", "hostile-corpus.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ignored(name):
    return name.startswith(b".") or name.endswith(b".tmp") or name.endswith(b".part")


def inbox_entries(inbox):
    return sorted(n for n in os.listdir(os.fsencode(inbox)) if not ignored(n))


ESC = re.compile(rb'\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)', re.S)


def unescape(s):
    """strace -x quoting back to bytes."""
    table = {b"n": b"\n", b"t": b"\t", b"r": b"\r", b"v": b"\v", b"f": b"\f", b"\\": b"\\", b'"': b'"'}

    def rep(m):
        g = m.group(1)
        if g[:1] == b"x":
            return bytes([int(g[1:], 16)])
        if g[:1].isdigit():
            return bytes([int(g, 8) & 0xFF])
        return table.get(g, g)
    return ESC.sub(rep, s)


LINE = re.compile(rb'^(\d+)\s+(?:<\.\.\. )?(\w+)(?:\(| resumed>)(.*)$')
QUOTED = re.compile(rb'"((?:[^"\\]|\\.)*)"')


def parse_strace(path):
    calls = []  # (pid, syscall, [paths], line)
    with open(path, "rb") as f:
        for line in f:
            m = LINE.match(line.rstrip(b"\n"))
            if not m:
                continue
            pid, name, rest = m.group(1), m.group(2).decode(), m.group(3)
            if b"resumed>" in line.split(b"(", 1)[0] or "resumed" in name:
                continue  # the path was on the <unfinished ...> line
            calls.append((pid, name, [unescape(q) for q in QUOTED.findall(rest)], line.rstrip(b"\n")))
    return calls


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug"))
    p.add_argument("--timeout", type=float, default=180, help="seconds for the inbox to empty (default 180)")
    p.add_argument("--no-strace", action="store_true")
    p.add_argument("--keep", action="store_true")
    args = p.parse_args()
    daemon_bin = os.path.join(args.bin, "consortiumd")
    if not os.access(daemon_bin, os.X_OK):
        raise SystemExit(f"{daemon_bin} missing: swift build")
    strace = None if args.no_strace else shutil.which("strace")

    base = tempfile.mkdtemp(prefix="consortiumd-hostile-run-")
    state, corpus, outside = (os.path.join(base, d) for d in ("state", "corpus", "outside"))
    for d in ("inbox", "rejected", "pending", "notices"):
        os.makedirs(os.path.join(state, d))
    manifest_path, entries = load_corpus_module().generate(corpus, outside)
    with open(manifest_path) as f:
        manifest = json.load(f)
    config = os.path.join(state, "consortiumd.yaml")
    with open(config, "w") as f:
        for key, sub in (("inbox", "inbox"), ("rejected", "rejected"), ("pending", "pending"), ("noticeDirectory", "notices")):
            f.write(f"{key}: {state}/{sub}\n")
        f.write(f"stateDirectory: {state}\nrescanSeconds: 5\n")
    inbox, rejected, pending, archive = (os.path.join(state, d) for d in ("inbox", "rejected", "pending", "archive"))

    notify = os.path.join(base, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(notify)
    sock.settimeout(0.1)
    trace_log = os.path.join(base, "strace.log")
    cmd = [daemon_bin, "--config", config]
    if strace:
        cmd = [strace, "-f", "-qq", "-x", "-s", "65535", "-o", trace_log, "-e",
               "trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,"
               "link,linkat,symlink,symlinkat,truncate,chmod,fchmodat,chown,fchownat,newfstatat,lstat,stat,statx,execve,connect"] + cmd
    stderr_log = open(os.path.join(base, "daemon-stderr.log"), "wb")
    started_us = time.time_ns() // 1000
    proc = subprocess.Popen(cmd, env=dict(os.environ, NOTIFY_SOCKET=notify), stdout=stderr_log, stderr=stderr_log)
    violations, notes = [], []
    t_start = time.time()
    ready = False
    while time.time() - t_start < 120 and proc.poll() is None:
        try:
            if b"READY=1" in sock.recv(65536).split(b"\n"):
                ready = True
                break
        except socket.timeout:
            pass
    if not ready:
        raise SystemExit(f"the daemon did not become ready (see {base})")
    pid = proc.pid
    if strace:
        kids = []
        for tid in os.listdir(f"/proc/{proc.pid}/task"):
            with open(f"/proc/{proc.pid}/task/{tid}/children") as f:
                kids += f.read().split()
        pid = int(kids[0])

    # Drop everything (rename: links, FIFOs, sockets, devices and hard links stay what they are).
    t_drop = time.time()
    for e in entries:
        name = bytes.fromhex(e["name_hex"])
        os.rename(os.path.join(os.fsencode(corpus), name), os.path.join(os.fsencode(inbox), name))

    # Wait for the inbox to empty; entries that stay while the rest moves on are "stuck".
    last, last_change, hang, stuck = None, time.time(), False, []
    while True:
        left = inbox_entries(inbox)
        if not left:
            break
        if left != last:
            last, last_change = left, time.time()
        if time.time() - last_change > 16:  # three rescans (rescanSeconds 5) without progress
            stuck = left
            break
        if time.time() - t_drop > args.timeout:
            hang = True
            stuck = left
            break
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    t_empty = time.time()
    # Still working? A valid probe must be taken within 10 s.
    corpus_mod = load_corpus_module()
    probe = corpus_mod.examples()[0][1].replace(b"LZ-2024-001", b"HX-PROBE")
    with open(os.path.join(inbox, ".probe.yaml.tmp"), "wb") as f:
        f.write(probe)
    os.rename(os.path.join(inbox, ".probe.yaml.tmp"), os.path.join(inbox, "probe.yaml"))
    t_probe = time.time()
    while os.path.exists(os.path.join(inbox, "probe.yaml")) and time.time() - t_probe < 10:
        time.sleep(0.05)
    probe_ok = not os.path.exists(os.path.join(inbox, "probe.yaml"))
    probe_ms = (time.time() - t_probe) * 1000
    alive = proc.poll() is None
    rchar = None
    try:
        with open(f"/proc/{pid}/io") as f:
            rchar = int(dict(l.split(": ") for l in f.read().splitlines())["rchar"])
    except OSError:
        pass
    rss = None
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    if alive:
        os.kill(pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            violations.append("the daemon did not stop within 60 s of SIGTERM")
            os.kill(pid, signal.SIGKILL); proc.wait()
    exit_status = proc.returncode
    crashed = (not alive) or exit_status != 0
    if not alive:
        violations.append(f"CRASH: the daemon was not running at the end (exit status {exit_status}); see {base}/daemon-stderr.log")
    elif exit_status != 0:
        violations.append(f"the daemon exited {exit_status} on SIGTERM")
    if hang:
        violations.append(f"HANG: the inbox did not empty within {args.timeout:.0f} s")
    if not probe_ok:
        violations.append("the daemon did not take a valid probe within 10 s after the corpus")

    # --- where did each entry go?
    db = sqlite3.connect(f"file:{os.path.join(state, 'consortiumd.sqlite')}?mode=ro", uri=True)
    doc_names = collections.Counter(n for (n,) in db.execute("SELECT name FROM document"))
    rej = set(os.listdir(os.fsencode(rejected)))
    pend = set(os.listdir(os.fsencode(pending)))
    left_now = set(inbox_entries(inbox))
    results = []
    def printable(raw):
        """The daemon's spelling of a name that is not UTF-8: valid parts kept, other bytes %XX."""
        out, i = "", 0
        while i < len(raw):
            for n in range(min(4, len(raw) - i), 0, -1):
                try:
                    t = raw[i:i + n].decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if "%" not in t and "/" not in t:
                    out += t; i += n; break
            else:
                out += "%%%02X" % raw[i]; i += 1
        return out.encode()

    for e in entries:
        name = bytes.fromhex(e["name_hex"])
        try:
            name.decode("utf-8")
        except UnicodeDecodeError:
            # Not UTF-8: rejected under its printable spelling (the bytes cannot name a path there).
            name = printable(name)
        places = []
        if name in rej:
            places.append("rejected")
        if name in pend:
            places.append("pending")
        if name in left_now:
            places.append("inbox")
        try:
            text_name = name.decode("utf-8")
        except UnicodeDecodeError:
            text_name = None
        if text_name is not None and doc_names[text_name]:
            places.append("archive")
        results.append((e, name, places))
    outcome = collections.Counter()
    unexpected, no_reason, lost, twice = [], [], [], []
    for e, name, places in results:
        if len(places) == 0:
            lost.append(e); outcome["nowhere"] += 1; continue
        if len(places) > 1:
            twice.append((e, places))
        where = places[0]
        outcome[where] += 1
        if where == "rejected":
            err = os.path.join(os.fsencode(rejected), name + b".error.txt")
            try:
                with open(err, "rb") as f:
                    text = f.read().decode("utf-8", "replace")
                reasons = [l[2:].strip() for l in text.split("拒收原因 / reasons:\n", 1)[-1].splitlines() if l.startswith("- ")]
                if not reasons or not all(reasons):
                    no_reason.append((e, "error.txt gives no reason"))
                e["reason"] = reasons[0] if reasons else ""
            except OSError:
                no_reason.append((e, "no NAME.error.txt"))
            st = os.lstat(os.path.join(os.fsencode(rejected), name))
            kind = {stat.S_IFLNK: "symlink", stat.S_IFIFO: "fifo", stat.S_IFDIR: "directory", stat.S_IFSOCK: "socket",
                    stat.S_IFCHR: "device", stat.S_IFREG: "regular"}.get(stat.S_IFMT(st.st_mode), "?")
            want = {"hardlink": "regular"}.get(e["type"], e["type"])
            if kind != want:
                violations.append(f"{e['name']!r}: a {e['type']} became a {kind} in rejected/")
        ok = {"rejected": where == "rejected", "accepted": where == "archive",
              "placed": where in ("archive", "pending", "rejected")}[e["expect"]]
        if not ok:
            unexpected.append((e, where))
    for e in lost:
        violations.append(f"LOST: {e['name']!r} ({e['what']}) is nowhere")
    for e, places in twice:
        violations.append(f"TWICE: {e['name']!r} is in {places}")
    for e, why in no_reason:
        violations.append(f"NO REASON: rejected/{e['name']!r}: {why}")
    for e, where in unexpected:
        if where == "inbox":
            continue  # reported as STUCK below
        violations.append(f"UNEXPECTED: {e['name']!r} ({e['what']}): expected {e['expect']}, ended in {where}")

    # --- strace
    trace = {"opened outside": collections.Counter(), "written outside": [], "special opened": [], "targets opened": [],
             "sparse opened": [], "fatal signals": [], "non-utf8 name syscalls": [], "calls": 0}
    allowed = [b"/lib/", b"/lib64/", b"/usr/lib/", b"/usr/lib64/", b"/usr/share/zoneinfo/", b"/usr/share/locale/",
               b"/usr/share/i18n/", b"/usr/lib/locale/", b"/opt/swift/usr/lib/", b"/proc/", b"/sys/", b"/etc/ld.so.cache",
               b"/etc/ld.so.preload", b"/etc/localtime", b"/etc/timezone", b"/dev/null", b"/dev/urandom", b"/dev/random",
               b"/run/systemd/journal/", os.fsencode(config), os.fsencode(daemon_bin), os.fsencode(os.path.realpath(daemon_bin))]
    state_b = os.fsencode(state) + b"/"
    # The dynamic loader searches the binary's RUNPATH ($ORIGIN) for shared libraries.
    bin_dir = os.fsencode(os.path.dirname(os.path.realpath(daemon_bin))) + b"/"
    special_names = {bytes.fromhex(e["name_hex"]) for e in entries if e["type"] not in ("regular", "hardlink")}
    targets = [b"/etc/shadow", b"/etc/passwd", os.fsencode(os.path.join(outside, "secret-valid.yaml")), b"/dev/zero",
               b"/proc/self/mem", os.fsencode(os.path.join(outside, "dir")), os.fsencode(outside)]
    bad_names = [bytes.fromhex(e["name_hex"]) for e in entries if e["type"] == "regular" and not _utf8(bytes.fromhex(e["name_hex"]))]
    lossy = {n.decode("utf-8", "replace").encode(): n for n in bad_names}
    if strace and os.path.exists(trace_log):
        with open(trace_log, "rb") as f:
            for line in f:
                if b"+++ killed by" in line or (b"--- SIG" in line and b"SIGTERM" not in line and b"SIGCHLD" not in line):
                    trace["fatal signals"].append(line.decode(errors="replace").strip())
        calls = parse_strace(trace_log)
        trace["calls"] = len(calls)
        for pid_, name, paths, line in calls:
            if not paths:
                continue
            if name == "execve":
                continue
            is_open = name in ("open", "openat", "openat2", "creat")
            writes = name in ("rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "link", "linkat",
                              "symlink", "symlinkat", "truncate", "chmod", "fchmodat", "chown", "fchownat", "creat") or \
                (is_open and re.search(rb"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", line))
            for path in paths[:2] if name.startswith("rename") or name.startswith("link") else paths[:1]:
                inside = path.startswith(state_b) or path == os.fsencode(state)
                if not path.startswith(b"/"):
                    inside = False
                base_name = path.rsplit(b"/", 1)[-1]
                in_our_dirs = path.startswith(os.fsencode(inbox) + b"/") or path.startswith(os.fsencode(rejected) + b"/")
                if is_open and in_our_dirs and base_name in special_names:
                    trace["special opened"].append(line.decode(errors="replace"))
                if is_open and any(path == t or path.startswith(t + b"/") for t in targets):
                    trace["targets opened"].append(line.decode(errors="replace"))
                if is_open and base_name == b"sparse-1GB.yaml" and path.startswith(os.fsencode(inbox) + b"/"):
                    trace["sparse opened"].append(line.decode(errors="replace"))
                if any(n in path for n in bad_names) or any(l in path for l in lossy):
                    trace["non-utf8 name syscalls"].append(readable(line))
                if inside:
                    continue
                if writes:
                    trace["written outside"].append(line.decode(errors="replace"))
                elif is_open and not any(path.startswith(a) for a in allowed) and not (
                        path.startswith(bin_dir) and re.search(rb"\.so(\.\d+)*$", path)):
                    trace["opened outside"][path.decode(errors="backslashreplace")] += 1
        for path, n in trace["opened outside"].items():
            violations.append(f"OUTSIDE: opened {path!r} ({n}x)")
        for l in trace["written outside"]:
            violations.append(f"OUTSIDE WRITE: {l}")
        for l in trace["special opened"]:
            violations.append(f"SPECIAL OPENED: {l}")
        for l in trace["targets opened"]:
            violations.append(f"LINK TARGET OPENED: {l}")
        for l in trace["sparse opened"]:
            violations.append(f"SPARSE OPENED: {l}")
        for l in trace["fatal signals"]:
            violations.append(f"SIGNAL: {l}")
    else:
        notes.append("strace not available (or --no-strace): reads outside the folders were not traced")
    if rchar is not None and rchar > 512 * 1024 * 1024:
        violations.append(f"SPARSE READ?: the daemon read {rchar} bytes in all (rchar)")

    # The journal: a rejected event per rejected entry; anything said about the stuck ones?
    journal = {"rejected events": "?", "failure events": "?", "entries naming a stuck file": "?"}
    if shutil.which("journalctl") and os.path.exists("/run/systemd/journal/socket"):
        subprocess.run(["journalctl", "--sync"], capture_output=True)
        out = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"_PID={pid}"], capture_output=True, text=True).stdout
        # Only this daemon's entries: an earlier process may have had the same PID (pid_max 32768).
        js = [j for j in (json.loads(l) for l in out.splitlines() if l.strip()) if int(j.get("__REALTIME_TIMESTAMP", "0")) >= started_us]
        mid = lambda n: __import__("hashlib").sha256(n.encode()).hexdigest()[:32]
        journal["rejected events"] = sum(1 for j in js if j.get("MESSAGE_ID") == mid("consortiumd:event:document-rejected"))
        journal["failure events"] = sum(1 for j in js if j.get("PRIORITY") in ("0", "1", "2", "3") and "NOTICE_ID" not in j)
        real = {bytes.fromhex(e["name_hex"]) for e in entries}
        lossy_stuck = [n.decode("utf-8", "replace") for n in stuck if n.decode("utf-8", "replace").encode() not in real]
        journal["entries naming a stuck file"] = sum(1 for j in js if any(l in str(j.get("MESSAGE", "")) + str(j.get("DOCUMENT_NAME", "")) for l in lossy_stuck))
    stuck_names = [n.decode("utf-8", "backslashreplace") for n in stuck]
    for n in stuck:
        known = n in bad_names
        violations.append(f"STUCK in the inbox{' (non-UTF-8 name)' if known else ''}: {n.decode('utf-8', 'backslashreplace')!r}")

    kinds = collections.Counter(e["type"] for e in entries)
    rows = [("files tried", f"{len(entries)} ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))})"),
            ("rejected (with reason)", f"{outcome['rejected']} ({outcome['rejected'] - len(no_reason)})"),
            ("accepted (archive/)", outcome["archive"]), ("pending (pending/)", outcome["pending"]),
            ("stuck in the inbox", len(stuck)), ("lost (nowhere)", len(lost)),
            ("unexpected outcome (incl. stuck)", len(unexpected)),
            ("hangs", 1 if hang else 0), ("crashes", 1 if crashed else 0),
            ("inbox emptied / gave up after (s)", f"{t_empty - t_drop:.1f}"),
            ("probe after the corpus taken in (ms)", f"{probe_ms:.0f}" if probe_ok else "NOT TAKEN"),
            ("bytes read by the daemon (rchar)", rchar if rchar is not None else "?"),
            ("peak resident memory (MB)", rss if rss is not None else "?"),
            ("journal: document-rejected events", journal["rejected events"]),
            ("journal: error events (priority <= 3)", journal["failure events"]),
            ("journal: entries naming a stuck file", journal["entries naming a stuck file"]),
            ("strace", f"{trace['calls']} calls traced" if strace else "not used"),
            ("  opened outside its folders", len(trace["opened outside"])),
            ("  written outside its folders", len(trace["written outside"])),
            ("  links/FIFOs/sockets/devices/dirs opened", len(trace["special opened"])),
            ("  link targets opened", len(trace["targets opened"])),
            ("  1 GB sparse file opened", len(trace["sparse opened"])),
            ("violations", len(violations))]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    if trace["non-utf8 name syscalls"]:
        print("\nnon-UTF-8 names (and their lossy U+FFFD spellings): what the daemon did with them (strace, pid removed):")
        seen = collections.Counter(re.sub(r"^\d+\s+", "", re.sub(r", 0x[0-9a-f]+", ", ...", l)) for l in trace["non-utf8 name syscalls"])
        for l, n in seen.items():
            print(f"  {n:3}x  {l[:400]}")
    print("\nreasons given (first line of error.txt), by entry type:")
    by_type = collections.defaultdict(collections.Counter)
    for e, name, places in results:
        if places and places[0] == "rejected":
            by_type[e["type"]][e.get("reason", "")[:110]] += 1
    for t, reasons in sorted(by_type.items()):
        for r, n in reasons.most_common(4 if t == "regular" else 3):
            print(f"  {t:9} {n:4}x  {r}")
    for n in notes:
        print("note:", n)
    if violations:
        print("\nVIOLATIONS:")
        for v in violations:
            print(" -", v)
    if args.keep or violations:
        print(f"\nstate, corpus and strace log kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if violations else 0


def readable(line):
    """An strace line with its quoted strings decoded (-x prints them in hex)."""
    return QUOTED.sub(lambda m: repr(unescape(m.group(1)).decode("utf-8", "backslashreplace")).encode(), line).decode(errors="replace")


def _utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    sys.exit(main())
