#!/usr/bin/env python3
"""Benchmarks of the running daemon (not tests; numbers for README and docs).

  scripts/bench-daemon.py latency [--count N]   drop-to-journal latency of single documents
  scripts/bench-daemon.py idle [--seconds S]    CPU time and resident memory while idle

Both build nothing: run `swift build -c release` first (or pass --bin DIR). Each starts its own
consortiumd on a temporary state directory loaded with examples/, and needs a journald
(scripts/setup.sh starts one).
"""
import argparse, glob, json, os, shutil, statistics, subprocess, sys, tempfile, time, hashlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def message_id(name):
    return hashlib.sha256(name.encode()).hexdigest()[:32]


def start(bin_dir, state):
    for d in ("inbox", "rejected", "pending", "notices"):
        os.makedirs(os.path.join(state, d), exist_ok=True)
    config = os.path.join(state, "consortiumd.yaml")
    with open(config, "w") as f:
        for key, sub in (("inbox", "inbox"), ("rejected", "rejected"), ("pending", "pending"), ("noticeDirectory", "notices")):
            f.write(f"{key}: {state}/{sub}\n")
        f.write(f"stateDirectory: {state}\n")
    old = time.time() - 60
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*"))):
        target = os.path.join(state, "inbox", os.path.basename(path))
        shutil.copy(path, target)
        os.utime(target, (old, old))
    proc = subprocess.Popen([os.path.join(bin_dir, "consortiumd"), "--config", config])
    deadline = time.time() + 30
    while os.listdir(os.path.join(state, "inbox")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    return proc


def journal(pid, mid):
    out = subprocess.run(["journalctl", "-o", "json", f"_PID={pid}", f"MESSAGE_ID={mid}", "--no-pager"],
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def latency(args):
    state = tempfile.mkdtemp(prefix="consortiumd-latency-")
    proc = start(args.bin, state)
    inbox = os.path.join(state, "inbox")
    dropped = {}
    try:
        for i in range(args.count):
            name = f"ack-{i:04d}.yaml"
            notice = hashlib.sha256(f"{i}".encode()).hexdigest()[:32]
            tmp = os.path.join(inbox, "." + name + ".tmp")
            with open(tmp, "w") as f:
                f.write(f"version: 1\nkind: Acknowledgement\ndate: {time.strftime('%Y-%m-%d')}\nnotice: \"{notice}\"\nby: bench\n")
            t0 = time.time_ns()
            os.rename(tmp, os.path.join(inbox, name))
            dropped[name] = t0
            while os.path.exists(os.path.join(inbox, name)):
                time.sleep(0.001)
            time.sleep(0.02)
        time.sleep(1.0)
        entries = {e["DOCUMENT_NAME"]: int(e["__REALTIME_TIMESTAMP"]) for e in journal(proc.pid, message_id("consortiumd:event:document-accepted"))}
    finally:
        proc.terminate(); proc.wait()
        shutil.rmtree(state, ignore_errors=True)
    lat = sorted((entries[n] - t0 / 1000) / 1000 for n, t0 in dropped.items() if n in entries)
    if len(lat) != len(dropped):
        print(f"only {len(lat)} of {len(dropped)} documents reached the journal", file=sys.stderr)
        return 1
    p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
    print("documents  median (ms)  p90 (ms)  p99 (ms)  max (ms)")
    print(f"{len(lat):9d}  {statistics.median(lat):11.2f}  {lat[int(0.9 * (len(lat) - 1))]:8.2f}  {p99:8.2f}  {lat[-1]:8.2f}")
    return 0


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def idle(args):
    state = tempfile.mkdtemp(prefix="consortiumd-idle-")
    proc = start(args.bin, state)
    try:
        before = cpu_ms(proc.pid)
        time.sleep(args.seconds)
        after = cpu_ms(proc.pid)
        rss = rss_mb(proc.pid)
        accepted = len(journal(proc.pid, message_id("consortiumd:event:document-accepted")))
    finally:
        proc.terminate(); proc.wait()
        shutil.rmtree(state, ignore_errors=True)
    print("idle seconds  documents loaded  CPU used (ms)  resident memory (MB)")
    print(f"{args.seconds:12d}  {accepted:16d}  {after - before:13.1f}  {rss:20.1f}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("latency"); p.add_argument("--count", type=int, default=100)
    p = sub.add_parser("idle"); p.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    return latency(args) if args.command == "latency" else idle(args)


if __name__ == "__main__":
    sys.exit(main())
