#!/usr/bin/env python3
"""Benchmarks of the running daemon (not tests; numbers for README and docs/performance.md).

  scripts/bench-daemon.py latency [--count N]       drop-to-journal latency of single documents,
                                                    consortiumd and the floor (bench/floor.c)
  scripts/bench-daemon.py throughput [--count N]    N valid documents renamed into the inbox at
                                                    once: documents/s, consortiumd and floor --batch
  scripts/bench-daemon.py startup [--sizes 1000,10000] [--runs 3] [--cold]
                                                    process start to READY=1 with N documents held
  scripts/bench-daemon.py startup-scale [--consortia 100,1000,10000 | --state DIR] [--runs 3] [--verify-up-to N]
                                                    the same on states of N consortia x 20 documents
                                                    written directly (consortium-bench state)
  scripts/bench-daemon.py ctl [--consortia N | --state DIR] [--compare DIR]
                                                    consortiumctl show/check/list/evaluate on a state:
                                                    wall time and peak RSS (--compare: another build)
  scripts/bench-daemon.py idle [--seconds S]        CPU time and resident memory while idle

They build nothing of the daemon: run `swift build -c release` first (or pass --bin DIR). The
floor (bench/floor.c) is compiled with gcc into .build-floor/floor when missing or older than its
source. Each run starts its own consortiumd (and floor) on temporary directories under --tmp
(default /tmp; inbox, staging and archive share one file system) and needs a journald
(scripts/setup.sh starts one). Readiness is READY=1 on a NOTIFY_SOCKET of the script's own.
"""
import argparse, glob, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, hashlib, random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOOR_SOURCE = os.path.join(ROOT, "bench", "floor.c")
FLOOR_MESSAGE_ID = "5d972930e54688d0d8bbbf1dde003431"  # fixed in bench/floor.c
ACCEPTED = None  # set in main(): MESSAGE_ID of consortiumd's `document accepted`


def message_id(name):
    return hashlib.sha256(name.encode()).hexdigest()[:32]


class Notify:
    """A NOTIFY_SOCKET of our own (AF_UNIX, SOCK_DGRAM) to see READY=1."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)

    def env(self):
        env = dict(os.environ)
        env["NOTIFY_SOCKET"] = self.path
        env.pop("WATCHDOG_USEC", None); env.pop("WATCHDOG_PID", None)
        return env

    def _wait_for(self, proc, found, what, timeout):
        """Returns time.monotonic() when a message for which found(data) is true arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before {what}")
            self.sock.settimeout(0.2)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            if found(data):
                self.last = data
                return time.monotonic()
        raise RuntimeError("no %s within %d s" % (what, timeout))

    def wait_ready(self, proc, timeout=600):
        """Returns time.monotonic() when READY=1 arrived."""
        return self._wait_for(proc, lambda data: b"READY=1" in data.split(b"\n"), "READY=1", timeout)

    def wait_watching(self, proc, timeout=600):
        """Returns time.monotonic() when the daemon says it watches the inbox (STATUS=监视收件箱…):
        at once when it said so with READY=1, else when the work it does after READY=1 is done."""
        watching = "STATUS=监视收件箱".encode()
        if watching in getattr(self, "last", b""):
            return time.monotonic()
        return self._wait_for(proc, lambda data: watching in data, "watching the inbox", timeout)

    def close(self):
        self.sock.close()
        try: os.unlink(self.path)
        except FileNotFoundError: pass


def configure(state, extra=""):
    for d in ("inbox", "rejected", "pending", "notices"):
        os.makedirs(os.path.join(state, d), exist_ok=True)
    config = os.path.join(state, "consortiumd.yaml")
    if extra or not os.path.exists(config):
        with open(config, "w") as f:
            for key, sub in (("inbox", "inbox"), ("rejected", "rejected"), ("pending", "pending"), ("noticeDirectory", "notices")):
                f.write(f"{key}: {state}/{sub}\n")
            f.write(f"stateDirectory: {state}\n")
            f.write(extra)
    return config


def launch(bin_dir, state, keep_notify=False):
    """Starts consortiumd on `state` (already configured); returns (proc, seconds to READY=1), and
    the open NOTIFY_SOCKET with keep_notify (the caller closes it)."""
    config = configure(state)
    notify = Notify(state)
    env = notify.env()
    try:
        t0 = time.monotonic()
        proc = subprocess.Popen([os.path.join(bin_dir, "consortiumd"), "--config", config], env=env)
        ready = notify.wait_ready(proc)
    except BaseException:
        notify.close()
        raise
    if keep_notify:
        return proc, ready - t0, notify
    notify.close()
    return proc, ready - t0


def full_reevaluation(proc, notify):
    """SIGHUP: the daemon reloads its config and re-evaluates every consortium (reconciling the
    ledger), then sends READY=1. Returns (seconds from the signal to READY=1, CPU s used)."""
    cpu0 = cpu_ms(proc.pid)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGHUP)
    seconds = notify.wait_ready(proc) - t0
    return seconds, (cpu_ms(proc.pid) - cpu0) / 1000


def start(bin_dir, state, examples=True):
    configure(state)
    if examples:
        old = time.time() - 60
        for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*"))):
            target = os.path.join(state, "inbox", os.path.basename(path))
            shutil.copy(path, target)
            os.utime(target, (old, old))
    proc, _ = launch(bin_dir, state)
    deadline = time.time() + 30
    while os.listdir(os.path.join(state, "inbox")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    return proc


def floor_binary(args):
    path = args.floor
    if path == DEFAULT_FLOOR and (not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(FLOOR_SOURCE)):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run(["gcc", "-O2", "-o", path, FLOOR_SOURCE, "-lsqlite3", "-lsystemd"], check=True)
    return path


def start_floor(args, directory, batch=False, load=False):
    """Starts bench/floor.c on directory/{inbox,archive,floor.sqlite}; returns (proc, seconds to READY=1)."""
    os.makedirs(os.path.join(directory, "inbox"), exist_ok=True)
    notify = Notify(directory)
    command = [floor_binary(args)] + (["--batch"] if batch else []) + (["--load"] if load else []) + [
        os.path.join(directory, "inbox"), os.path.join(directory, "archive"), os.path.join(directory, "floor.sqlite")]
    try:
        t0 = time.monotonic()
        proc = subprocess.Popen(command, env=notify.env())
        ready = notify.wait_ready(proc)
    finally:
        notify.close()
    return proc, ready - t0


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try: proc.wait(timeout=120)
        except subprocess.TimeoutExpired: proc.kill(); proc.wait()


def journal(pid, mid):
    out = subprocess.run(["journalctl", "-o", "json", "--output-fields=DOCUMENT_NAME", f"_PID={pid}", f"MESSAGE_ID={mid}", "--no-pager"],
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def wait_journal(pid, mid, count, timeout=10.0):
    """The entries, once `count` of them are there (journald may lag behind a burst)."""
    deadline = time.time() + timeout
    while True:
        entries = journal(pid, mid)
        if len(entries) >= count or time.time() > deadline:
            return entries
        time.sleep(0.5)


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(round(q * (len(sorted_values) - 1))))]


def ack(i, seed=""):
    notice = hashlib.sha256(f"{seed}{i}".encode()).hexdigest()[:32]
    return f"version: 1\nkind: Acknowledgement\ndate: {time.strftime('%Y-%m-%d')}\nnotice: \"{notice}\"\nby: bench\n"


def drop_and_wait(inbox, name, text):
    """Writes `.name.tmp`, renames it to `name` (timed) and waits until the inbox no longer has it."""
    tmp = os.path.join(inbox, "." + name + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
    t0 = time.time_ns()
    os.rename(tmp, os.path.join(inbox, name))
    deadline = time.time() + 30
    while os.path.exists(os.path.join(inbox, name)) and time.time() < deadline:
        time.sleep(0.001)
    time.sleep(0.02)
    return t0


def latencies(dropped, entries):
    stamps = {e["DOCUMENT_NAME"]: int(e["__REALTIME_TIMESTAMP"]) for e in entries}
    return sorted((stamps[n] - t0 / 1000) / 1000 for n, t0 in dropped.items() if n in stamps)


def latency(args):
    """The same documents go to consortiumd and to the floor, alternately (one to the daemon, wait,
    the same one to the floor, wait), so both see the same load over the run."""
    base = tempfile.mkdtemp(prefix="consortiumd-latency-", dir=args.tmp)
    state, floor_dir = os.path.join(base, "daemon"), os.path.join(base, "floor")
    os.makedirs(state); os.makedirs(floor_dir)
    proc = start(args.bin, state)
    floor, _ = start_floor(args, floor_dir)
    dropped, floor_dropped = {}, {}
    try:
        for i in range(args.count):
            name = f"ack-{i:04d}.yaml"
            text = ack(i)
            dropped[name] = drop_and_wait(os.path.join(state, "inbox"), name, text)
            floor_dropped[name] = drop_and_wait(os.path.join(floor_dir, "inbox"), name, text)
        time.sleep(1.0)
        entries = wait_journal(proc.pid, ACCEPTED, args.count + len(glob.glob(os.path.join(ROOT, "examples", "*"))))
        floor_entries = wait_journal(floor.pid, FLOOR_MESSAGE_ID, args.count)
    finally:
        stop(proc); stop(floor)
        shutil.rmtree(base, ignore_errors=True)
    rows = [("consortiumd", latencies(dropped, entries)), ("floor", latencies(floor_dropped, floor_entries))]
    for label, lat in rows:
        if len(lat) != args.count:
            print(f"{label}: only {len(lat)} of {args.count} documents reached the journal", file=sys.stderr)
            return 1
    stats = [(label, [statistics.median(lat), percentile(lat, 0.9), percentile(lat, 0.99), lat[-1]]) for label, lat in rows]
    print("              documents  median (ms)  p90 (ms)  p99 (ms)  max (ms)")
    for label, v in stats:
        print(f"{label:12s}  {args.count:9d}  {v[0]:11.2f}  {v[1]:8.2f}  {v[2]:8.2f}  {v[3]:8.2f}")
    ratio = [a / b for a, b in zip(stats[0][1], stats[1][1])]
    print(f"{'daemon/floor':12s}  {'':9s}  {ratio[0]:10.2f}x  {ratio[1]:7.2f}x  {ratio[2]:7.2f}x  {ratio[3]:7.2f}x")
    return 0


# MARK: - a set of valid documents

def example(name):
    with open(os.path.join(ROOT, "examples", name), encoding="utf-8") as f:
        return f.read()


def document_set(count, seed="bench"):
    """`count` valid documents as (name, text), Applications first: count/20 consortia built from
    example 01 (Application, `consortium:` replaced by a new key, member list unchanged), 02
    (Recommendation), 03 (Approval), 04 (Project), 05 and 15 (AnnualReports), 10 (Change); the rest
    Acknowledgements of random 32-hex notice ids."""
    templates = [("application", "01-LZ-2024-001-application.yaml"), ("recommendation", "02-LZ-2024-001-recommendation.yaml"),
                 ("approval", "03-LZ-2024-001-approval.yaml"), ("project", "04-LZ-2024-001-project.yaml"),
                 ("report-2024", "05-LZ-2024-001-annual-report-2024.yaml"), ("report-2025", "15-LZ-2024-001-annual-report-2025.yaml"),
                 ("change", "10-LZ-2024-001-change.yaml")]
    texts = [(kind, example(name)) for kind, name in templates]
    for kind, text in texts:
        assert "consortium: LZ-2024-001\n" in text, kind
    consortia = min(count // 20, count // len(templates))
    rng = random.Random(f"{seed}-{count}")
    docs = []
    for kind, text in texts:  # every Application first, so nothing waits in pending/
        for c in range(consortia):
            key = f"LZ-T{count}-{c:05d}"
            docs.append((f"{key}-{kind}.yaml", text.replace("consortium: LZ-2024-001\n", f"consortium: {key}\n")))
    for i in range(count - len(docs)):
        notice = "%032x" % rng.getrandbits(128)
        docs.append((f"ack-{i:05d}.yaml",
                     f"version: 1\nkind: Acknowledgement\ndate: 2026-01-05\nnotice: \"{notice}\"\nby: bench\nnote: 批量吞吐测试\n"))
    return docs, consortia


def stage(docs, staging):
    os.makedirs(staging, exist_ok=True)
    for name, text in docs:
        with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
            f.write(text)
    os.sync()


def inbox_count(inbox):
    with os.scandir(inbox) as it:
        return sum(1 for e in it if not e.name.startswith("."))


def flood(docs, staging, inbox, proc, mid, timeout):
    """Renames every staged document into the inbox as fast as possible; waits until the inbox is
    empty and every accepted entry is in the journal. Returns (seconds to the last rename,
    seconds from the first rename to the last entry's __REALTIME_TIMESTAMP, entries)."""
    names = [name for name, _ in docs]
    t0 = time.time_ns()
    for name in names:
        os.rename(os.path.join(staging, name), os.path.join(inbox, name))
    renamed = (time.time_ns() - t0) / 1e9
    deadline = time.time() + timeout
    while inbox_count(inbox) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    entries = wait_journal(proc.pid, mid, len(names), timeout=max(10.0, deadline - time.time()))
    wanted = set(names)
    stamps = [int(e["__REALTIME_TIMESTAMP"]) for e in entries if e.get("DOCUMENT_NAME") in wanted]
    last = (max(stamps) - t0 / 1000) / 1e6 if stamps else float("nan")
    return renamed, last, len(stamps), inbox_count(inbox)


def ingest(bin_dir, state, docs, timeout):
    """A fresh daemon on `state` takes `docs`; returns the flood figures and stops it."""
    proc, _ = launch(bin_dir, state)
    try:
        stage(docs, os.path.join(state, "staging"))
        return flood(docs, os.path.join(state, "staging"), os.path.join(state, "inbox"), proc, ACCEPTED, timeout)
    finally:
        stop(proc)


def throughput(args):
    docs, consortia = document_set(args.count)
    base = tempfile.mkdtemp(prefix="consortiumd-throughput-", dir=args.tmp)
    rows = []
    try:
        state = os.path.join(base, "daemon")
        renamed, seconds, accepted, left = ingest(args.bin, state, docs, args.timeout)
        rejected = len([n for n in os.listdir(os.path.join(state, "rejected")) if not n.endswith(".error.txt")])
        pending = len(os.listdir(os.path.join(state, "pending")))
        rows.append(("consortiumd", renamed, seconds, accepted, left, rejected, pending))
        floor_dir = os.path.join(base, "floor")
        os.makedirs(floor_dir)
        floor, _ = start_floor(args, floor_dir, batch=True)
        try:
            stage(docs, os.path.join(floor_dir, "staging"))
            renamed, seconds, accepted, left = flood(docs, os.path.join(floor_dir, "staging"), os.path.join(floor_dir, "inbox"),
                                                     floor, FLOOR_MESSAGE_ID, args.timeout)
        finally:
            stop(floor)
        rows.append(("floor --batch", renamed, seconds, accepted, left, 0, 0))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"kept {base}", file=sys.stderr)
    print(f"{args.count} documents ({consortia} consortia x 7 documents, the rest Acknowledgements), renamed into the inbox at once")
    print("               renames (s)  first rename -> last accepted (s)  documents/s  accepted  left in inbox  rejected  pending")
    for label, renamed, seconds, accepted, left, rejected, pending in rows:
        print(f"{label:13s}  {renamed:11.3f}  {seconds:33.3f}  {accepted / seconds if seconds > 0 else 0:11.0f}  {accepted:8d}  {left:13d}  {rejected:8d}  {pending:7d}")
    d, f = rows[0], rows[1]
    if d[2] > 0 and f[2] > 0:
        print(f"daemon/floor time: {d[2] / f[2]:.2f}x")
    return 0 if all(r[3] == args.count for r in rows) else 1


def vm_hwm_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def startup(args):
    base = tempfile.mkdtemp(prefix="consortiumd-startup-", dir=args.tmp)
    rows = []
    try:
        for size in args.sizes:
            docs, consortia = document_set(size)
            state = os.path.join(base, f"daemon-{size}")
            renamed, seconds, accepted, left = ingest(args.bin, state, docs, args.timeout)
            if accepted != size:
                print(f"only {accepted} of {size} documents accepted while building the state", file=sys.stderr)
                return 1
            # The floor's state: the same documents taken by floor --batch.
            floor_dir = os.path.join(base, f"floor-{size}")
            os.makedirs(floor_dir)
            floor, _ = start_floor(args, floor_dir, batch=True)
            try:
                stage(docs, os.path.join(floor_dir, "staging"))
                flood(docs, os.path.join(floor_dir, "staging"), os.path.join(floor_dir, "inbox"), floor, FLOOR_MESSAGE_ID, args.timeout)
            finally:
                stop(floor)
            times, floor_times, hwm = [], [], []
            for _ in range(args.runs):
                if args.cold: drop_caches()
                proc, t = launch(args.bin, state)
                hwm.append(vm_hwm_mb(proc.pid))
                stop(proc)
                times.append(t)
                if args.cold: drop_caches()
                floor, t = start_floor(args, floor_dir, batch=True, load=True)
                stop(floor)
                floor_times.append(t)
            rows.append((size, consortia, statistics.median(times), min(times), max(times), statistics.median(floor_times), max(hwm)))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"process start -> READY=1, median of {args.runs} starts ({'cold' if args.cold else 'warm'} page cache); floor = floor --load (reads every archived file back)")
    print("documents  consortia  READY median (s)  min (s)  max (s)  floor (s)  daemon/floor  peak RSS at READY (MB)")
    for size, consortia, med, lo, hi, fl, mb in rows:
        print(f"{size:9d}  {consortia:9d}  {med:16.3f}  {lo:7.3f}  {hi:7.3f}  {fl:9.3f}  {med / fl:11.0f}x  {mb:22.1f}")
    return 0


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def startup_scale(args):
    """States of N consortia x 20 documents written by `consortium-bench state` (the daemon's Store,
    archive/SHA256 files) instead of the inbox. Per size: generate, `consortiumctl verify` (up to
    --verify-up-to consortia), one start that is not timed (the first start on a generated state
    opens the notice ledger: journal entries and notice files, as the daemon that took the documents
    would have), then --runs timed starts, each followed by `floor --load` on the same archive
    (reads every archived file back, single-threaded). Warm page cache (the state was just written
    and read). The config has `noticesFrom: 2099-01-01` (go-live backfill): the first start records
    the notices it opens without sending them to the journal; the timed starts open none. That first
    start writes a notice file per notice (in durable batches: one syncfs per batch) and is shown
    as "first start". CPU at READY: user + system time of all the
    daemon's threads when READY=1 arrived (median), from /proc/PID/stat."""
    bench = args.bench or next((p for p in (os.path.join(args.bin, "consortium-bench"),
                                             os.path.join(ROOT, ".build", "release", "consortium-bench")) if os.path.exists(p)), "consortium-bench")
    ctl = os.path.join(args.bin, "consortiumctl")
    base = tempfile.mkdtemp(prefix="consortiumd-startup-scale-", dir=args.tmp)
    rows, reevaluations, residents = [], [], []
    try:
        for consortia in ([None] if args.state else args.consortia):
            if args.state:
                # A state kept by an earlier run (--keep), e.g. by another build: no generation; its
                # first start here is this build's first start on it (an upgrade: stored states built).
                state, generated = args.state, 0.0
                db = os.path.join(state, "consortiumd.sqlite")
                consortia, documents = (int(x) for x in subprocess.run(
                    ["sqlite3", db, "SELECT COUNT(DISTINCT consortium), COUNT(*) FROM document"],
                    check=True, capture_output=True, text=True).stdout.strip().split("|"))
                config = configure(state)
            else:
                state = os.path.join(base, f"state-{consortia}")
            print(f"[{consortia} consortia] load average before: {load_average()}", file=sys.stderr, flush=True)
            if not args.state:
                t0 = time.monotonic()
                out = subprocess.run([bench, "state", "--consortia", str(consortia), "--out", state], check=True,
                                     capture_output=True, text=True).stdout
                generated = time.monotonic() - t0
                documents = int(out.split("documents")[1].split()[0])
                # A go-live backfill: the notices the first start opens are recorded, not sent to the journal.
                config = configure(state, extra="noticesFrom: 2099-01-01\n")
            verified = "not run"
            if consortia <= args.verify_up_to:
                v = subprocess.run([ctl, "verify", "--config", config], capture_output=True, text=True)
                verified = "exit %d" % v.returncode
                if v.returncode != 0:
                    print(v.stdout + v.stderr, file=sys.stderr)
                    return 1
            proc, first = launch(args.bin, state)
            stop(proc)
            print(f"[{consortia} consortia] generated in {generated:.1f} s, verify {verified}, first start {first:.1f} s",
                  file=sys.stderr, flush=True)
            floor_dir = os.path.join(base, f"floor-{consortia}")
            os.makedirs(os.path.join(floor_dir, "inbox"))
            times, floor_times, hwm, cpu, reeval, reeval_cpu, rss_after, hwm_after, evaluated = [], [], [], [], [], [], [], [], []
            for _ in range(args.runs):
                t0 = time.monotonic()
                proc, t, notify = launch(args.bin, state, keep_notify=True)
                cpu.append(cpu_ms(proc.pid) / 1000)
                try:
                    evaluated.append(notify.wait_watching(proc) - t0)
                    # The peak of the whole start-up, the evaluation after READY=1 included.
                    hwm.append(vm_hwm_mb(proc.pid))
                    seconds, used = full_reevaluation(proc, notify)
                finally:
                    notify.close()
                reeval.append(seconds); reeval_cpu.append(used)
                rss_after.append(rss_mb(proc.pid)); hwm_after.append(vm_hwm_mb(proc.pid))
                stop(proc)
                times.append(t)
                notify = Notify(floor_dir)
                try:
                    t0 = time.monotonic()
                    floor = subprocess.Popen([floor_binary(args), "--batch", "--load", os.path.join(floor_dir, "inbox"),
                                              os.path.join(state, "archive"), os.path.join(floor_dir, "floor.sqlite")], env=notify.env())
                    floor_times.append(notify.wait_ready(floor) - t0)
                finally:
                    notify.close()
                stop(floor)
            rows.append((consortia, documents, statistics.median(times), min(times), max(times), statistics.median(floor_times),
                         max(hwm), statistics.median(cpu), first, generated, verified, statistics.median(evaluated)))
            reevaluations.append((consortia, statistics.median(reeval), max(reeval), statistics.median(reeval_cpu),
                                  max(rss_after), max(hwm_after)))
            # What the daemon holds of this state, measured in a process of its own (malloc in use).
            out = subprocess.run([bench, "resident", "--state", state], check=True, capture_output=True, text=True).stdout
            residents.append(out.strip().splitlines()[-1])
            print(f"[{consortia} consortia] load average after: {load_average()}", file=sys.stderr, flush=True)
            if not args.keep and not args.state:
                shutil.rmtree(state, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"kept {base}", file=sys.stderr)
    print(f"process start -> READY=1, median of {args.runs} starts (warm page cache) after one untimed first start; "
          "floor = floor --load (reads every archived file back)")
    print("evaluated = process start -> watching the inbox after the start-up evaluation (the same moment as READY=1 for a "
          "daemon that evaluates before READY=1)")
    print("consortia  documents  READY median (s)  min (s)  max (s)  evaluated (s)  floor (s)  daemon/floor  peak RSS of start-up (MB)  "
          "CPU at READY (s)  first start (s)  generate (s)  verify")
    for consortia, documents, med, lo, hi, fl, mb, cpu, first, generated, verified, done in rows:
        print(f"{consortia:9d}  {documents:9d}  {med:16.3f}  {lo:7.3f}  {hi:7.3f}  {done:13.3f}  {fl:9.3f}  {med / fl:11.1f}x  {mb:22.1f}  "
              f"{cpu:16.2f}  {first:15.3f}  {generated:12.1f}  {verified}")
    print()
    print("full re-evaluation in the running daemon (SIGHUP after READY=1: config re-read, every consortium evaluated, "
          "ledger reconciled, READY=1), median of the starts")
    print("consortia  re-evaluation median (s)  max (s)  CPU (s)  RSS after (MB)  peak RSS of the process (MB)")
    for consortia, med, hi, used, rss, peak in reevaluations:
        print(f"{consortia:9d}  {med:24.3f}  {hi:7.3f}  {used:7.2f}  {rss:14.1f}  {peak:28.1f}")
    print()
    print("the daemon's resident model of each state, built as at start-up and evaluated once (consortium-bench resident --state DIR)")
    print("consortia  documents  acknowledgements  load (s)  resident model, malloc in use (MB)  per consortium (KB)  evaluate (s)  CPU (s)  notices  peak RSS (MB)")
    for line in residents:
        print(line)
    return 0


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def exact_cpu_ms_and_wakeups(pid):
    """CPU time of all threads from /proc/PID/task/*/schedstat (nanoseconds, not 10 ms ticks) and
    their voluntary context switches (each one a sleep, so each wakeup after it is counted)."""
    ns, switches = 0, 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                ns += int(f.read().split()[0])
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        switches += int(line.split()[1])
        except FileNotFoundError:
            pass
    return ns / 1e6, switches


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def scoped(args):
    """The evaluation after a batch, at scale: a state of --consortia realistic consortia written by
    `consortium-bench state` (every consortium names the same foreign institute as an ordinary
    member; --state DIR: one already written, documents are added to it), one first start (notices
    recorded, not sent: noticesFrom 2099-01-01), then a timed start and --count Changes (a new
    principal: a MAJOR_CHANGE notice) dropped one at a time, each for another consortium. Per
    Change: from the rename to the `__REALTIME_TIMESTAMP` of its MAJOR_CHANGE notice in the journal
    (the batch accepted and committed, the consortia it can affect evaluated, the notice reconciled
    and sent), and the daemon's CPU time (schedstat, all threads) from the rename until 0.3 s after
    that entry was read back."""
    bench = args.bench or next((p for p in (os.path.join(args.bin, "consortium-bench"),
                                             os.path.join(ROOT, ".build", "release", "consortium-bench")) if os.path.exists(p)), "consortium-bench")
    base = None if args.state else tempfile.mkdtemp(prefix="consortiumd-scoped-", dir=args.tmp)
    state = args.state or os.path.join(base, "state")
    try:
        if not args.state:
            subprocess.run([bench, "state", "--consortia", str(args.consortia), "--out", state], check=True, capture_output=True)
        config = os.path.join(state, "consortiumd.yaml")
        if not os.path.exists(config):
            configure(state, extra="noticesFrom: 2099-01-01\n")
            proc, _ = launch(args.bin, state)
            stop(proc)
            os.unlink(config)
            configure(state)
        elif "noticesFrom" in open(config).read():
            # A state kept by startup-scale or ctl: its first start is done; the notices are now sent.
            os.unlink(config)
            configure(state)
        proc, _ = launch(args.bin, state)
        inbox = os.path.join(state, "inbox")
        walls, cpus = [], []
        today = time.strftime("%Y-%m-%d")
        try:
            for i in range(args.count):
                key = f"LZ-S-{(i * 97 + args.offset) % args.consortia:06d}"
                text = (f"version: 1\nkind: Change\nconsortium: {key}\ndate: {today}\nchanges:\n"
                        f"  - principal: 主要负责人变更为测试人员{i}号（批次评估测量 {time.time_ns()}）\n")
                tmp = os.path.join(inbox, f".change-{i}.tmp")
                with open(tmp, "w") as f:
                    f.write(text)
                cpu0 = exact_cpu_ms_and_wakeups(proc.pid)[0]
                t0 = time.time_ns()
                os.rename(tmp, os.path.join(inbox, f"change-{i}-{t0}.yaml"))
                entry = None
                while entry is None:
                    if time.time_ns() - t0 > 60e9:
                        print(f"{key}: no MAJOR_CHANGE notice in the journal within 60 s", file=sys.stderr)
                        return 1
                    out = subprocess.run(["journalctl", "-o", "json", f"_PID={proc.pid}", "RULE=MAJOR_CHANGE", f"CONSORTIUM_ID={key}",
                                          "--no-pager", "--output-fields=__REALTIME_TIMESTAMP"], capture_output=True, text=True).stdout
                    stamps = [int(json.loads(line)["__REALTIME_TIMESTAMP"]) for line in out.splitlines() if line.strip()]
                    entry = next((s for s in stamps if s * 1000 >= t0), None)
                    if entry is None:
                        time.sleep(0.005)
                walls.append((entry * 1000 - t0) / 1e6)
                time.sleep(0.3)
                cpus.append(exact_cpu_ms_and_wakeups(proc.pid)[0] - cpu0)
        finally:
            stop(proc)
    finally:
        if base:
            shutil.rmtree(base, ignore_errors=True)
    walls.sort(); cpus.sort()
    print("consortia  changes  drop -> notice in the journal median (ms)  p90 (ms)  max (ms)  daemon CPU per change median (ms)  max (ms)")
    print(f"{args.consortia:9d}  {args.count:7d}  {statistics.median(walls):41.1f}  {percentile(walls, 0.9):8.1f}  {walls[-1]:8.1f}"
          f"  {statistics.median(cpus):33.1f}  {cpus[-1]:8.1f}")
    return 0


def idle(args):
    state = tempfile.mkdtemp(prefix="consortiumd-idle-", dir=args.tmp)
    proc = start(args.bin, state)
    # The metrics file (runbook.md 15) is on by default: idle, it must not be rewritten.
    metrics = os.path.join(state, "metrics", "consortiumd.prom")
    mtime = lambda: os.stat(metrics).st_mtime_ns if os.path.exists(metrics) else None
    try:
        before = cpu_ms(proc.pid)
        exact_before, switches_before = exact_cpu_ms_and_wakeups(proc.pid)
        metrics_before = mtime()
        time.sleep(args.seconds)
        after = cpu_ms(proc.pid)
        exact_after, switches_after = exact_cpu_ms_and_wakeups(proc.pid)
        metrics_after = mtime()
        rewritten = ("absent" if metrics_before is None else "no" if metrics_after == metrics_before
                     else f"{(metrics_after - metrics_before) / 1e9:.1f} s in")
        rss = rss_mb(proc.pid)
        accepted = len(journal(proc.pid, ACCEPTED))
    finally:
        stop(proc)
        shutil.rmtree(state, ignore_errors=True)
    print("idle seconds  documents loaded  CPU used (ms)  resident memory (MB)  CPU by schedstat (ms)  wakeups  metrics rewritten")
    print(f"{args.seconds:12d}  {accepted:16d}  {after - before:13.1f}  {rss:20.1f}  {exact_after - exact_before:21.3f}  {switches_after - switches_before:7d}  {rewritten:>17}")
    return 0


DEFAULT_FLOOR = os.path.join(ROOT, ".build-floor", "floor")


def ctl(args):
    """consortiumctl on a state (--state DIR, one a daemon has run on: the relation tables filled
    in; or --consortia N: written by `consortium-bench state`, then one daemon start): show and
    check of one consortium (--runs times each: median), list and evaluate once each, as text and
    as --json. Wall time and the peak RSS of the consortiumctl process (wait4's ru_maxrss); the
    output goes to /dev/null. Optionally the same commands of another build (--compare DIR with a
    consortiumctl, e.g. one from before the relation tables) on the same state."""
    bench = args.bench or next((p for p in (os.path.join(args.bin, "consortium-bench"),
                                             os.path.join(ROOT, ".build", "release", "consortium-bench")) if os.path.exists(p)), "consortium-bench")
    base = None if args.state else tempfile.mkdtemp(prefix="consortiumd-ctl-", dir=args.tmp)
    state = args.state or os.path.join(base, "state")
    try:
        if not args.state:
            subprocess.run([bench, "state", "--consortia", str(args.consortia), "--out", state], check=True, capture_output=True)
        config = os.path.join(state, "consortiumd.yaml")
        if not os.path.exists(config):
            configure(state, extra="noticesFrom: 2099-01-01\n")
            proc, _ = launch(args.bin, state)
            stop(proc)
        key = args.consortium
        rows = subprocess.run(["sqlite3", os.path.join(state, "consortiumd.sqlite"),
                               f"SELECT archive FROM document WHERE consortium = '{key}' AND kind = 'Project' ORDER BY arrival LIMIT 1"],
                              capture_output=True, text=True, check=True).stdout.split()
        if not rows:
            print(f"{key}: no Project in the state (give --consortium)", file=sys.stderr)
            return 1
        with open(os.path.join(state, rows[0]), encoding="utf-8") as f:
            project = f.read()
        candidate = os.path.join(state, "ctl-bench-project.yaml")
        with open(candidate, "w", encoding="utf-8") as f:
            f.write(re.sub(r"(?m)^project: .*$", "project: 2026ZZ99999", re.sub(r"(?m)^date: .*$", "date: " + time.strftime("%Y-%m-%d"), project)))
        today = time.strftime("%Y-%m-%d")
        commands = [("show", ["show", key], args.runs), ("show --json", ["show", "--json", key], args.runs),
                    ("check", ["check", candidate], args.runs), ("check --json", ["check", "--json", candidate], args.runs),
                    ("list", ["list"], 1), ("list --json", ["list", "--json"], 1),
                    ("evaluate", ["evaluate", "--at", today], 1), ("evaluate --json", ["evaluate", "--json", "--at", today], 1)]
        builds = [("this build", args.bin)] + ([("--compare", args.compare)] if args.compare else [])
        results = []
        for label, directory in builds:
            for name, argv, runs in commands:
                if label == "--compare" and args.compare_commands and name not in args.compare_commands:
                    continue
                walls, peaks = [], []
                for _ in range(runs):
                    t0 = time.monotonic()
                    proc = subprocess.Popen([os.path.join(directory, "consortiumctl")] + argv + ["--config", config],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    _, status, usage = os.wait4(proc.pid, 0)
                    walls.append(time.monotonic() - t0)
                    peaks.append(usage.ru_maxrss / 1024)
                    code = os.waitstatus_to_exitcode(status)
                    if code not in (0, 1):
                        print(f"{label}: consortiumctl {' '.join(argv)} exited {code}", file=sys.stderr)
                        return 1
                results.append((label, name, statistics.median(walls), max(peaks), runs))
                print(f"[{label}] {name}: {statistics.median(walls):.3f} s", file=sys.stderr, flush=True)
    finally:
        if base:
            shutil.rmtree(base, ignore_errors=True)
    print(f"consortiumctl on {args.state or str(args.consortia) + ' consortia'} ({key}; show/check: median of {args.runs} runs)")
    print("build       command           wall (s)  peak RSS (MB)")
    for label, name, wall, peak, runs in results:
        print(f"{label:10s}  {name:16s}  {wall:8.3f}  {peak:13.1f}")
    return 0


def main():
    global ACCEPTED
    ACCEPTED = message_id("consortiumd:event:document-accepted")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    parser.add_argument("--floor", default=DEFAULT_FLOOR, help="the floor program (built from bench/floor.c when it is the default)")
    parser.add_argument("--tmp", default=None, help="parent of the temporary directories (default: the system's)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("latency"); p.add_argument("--count", type=int, default=100)
    p = sub.add_parser("throughput"); p.add_argument("--count", type=int, default=10000)
    p.add_argument("--timeout", type=int, default=600); p.add_argument("--keep", action="store_true")
    p = sub.add_parser("startup"); p.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[1000, 10000])
    p.add_argument("--runs", type=int, default=3); p.add_argument("--cold", action="store_true", help="drop the page cache before each start (root)")
    p.add_argument("--timeout", type=int, default=600)
    p = sub.add_parser("startup-scale"); p.add_argument("--consortia", type=lambda v: [int(x) for x in v.split(",")], default=[100, 1000, 10000])
    p.add_argument("--runs", type=int, default=3); p.add_argument("--keep", action="store_true")
    p.add_argument("--verify-up-to", type=int, default=10000, help="run consortiumctl verify on states up to this many consortia")
    p.add_argument("--state", default=None, help="a state kept by an earlier run (--keep) instead of generating (--consortia is ignored)")
    p.add_argument("--bench", default=None, help="consortium-bench (default: beside consortiumd, else .build/release)")
    p = sub.add_parser("scoped"); p.add_argument("--consortia", type=int, default=10000); p.add_argument("--count", type=int, default=20)
    p.add_argument("--state", default=None, help="a state written by consortium-bench state --consortia N (documents are added to it)")
    p.add_argument("--offset", type=int, default=0, help="the first consortium's number (another run on the same --state: another offset)")
    p.add_argument("--bench", default=None, help="consortium-bench (default: beside consortiumd, else .build/release)")
    p = sub.add_parser("ctl"); p.add_argument("--consortia", type=int, default=10000)
    p.add_argument("--state", default=None, help="a state a daemon has run on (its consortiumd.yaml is used)")
    p.add_argument("--consortium", default="LZ-S-000123"); p.add_argument("--runs", type=int, default=3)
    p.add_argument("--compare", default=None, help="a directory with another consortiumctl to time on the same state")
    p.add_argument("--compare-commands", type=lambda v: v.split(","), default=None,
                   help="only these with --compare (e.g. show,check,list,evaluate: an older build's evaluate --json can take very long)")
    p.add_argument("--bench", default=None, help="consortium-bench (default: beside consortiumd, else .build/release)")
    p = sub.add_parser("idle"); p.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    return {"latency": latency, "throughput": throughput, "startup": startup, "startup-scale": startup_scale,
            "scoped": scoped, "ctl": ctl, "idle": idle}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
