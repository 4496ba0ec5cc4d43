#!/usr/bin/env python3
"""The metrics file through the real node_exporter (runbook.md "Monitoring"; CI runs it).

  python3 scripts/monitoring-test.py [--bin DIR]

Runs consortiumd on the examples in a directory of its own, starts Debian's
prometheus-node-exporter on 127.0.0.1 (a free port, only the textfile collector) reading the
daemon's metricsDirectory, and checks that node_exporter's /metrics carries the daemon's series
with the values the examples give (open notices as `consortiumctl notices --json` counts them,
consortia by status as `consortiumctl list --json`, 18 documents accepted), that `promtool check
metrics` finds nothing to say of the file, and that the values change when documents are dropped
(an acknowledgement, a broken file, a copy). A second node_exporter reads the file through a
symbolic link from a directory of its own, as user prometheus, with the permissions that
deploy/prometheus/consortiumd-node-exporter.conf (tmpfiles.d) gives it (runbook.md 15.2). Prints
one line per check and exits non-zero on any failure.
"""
import argparse, json, os, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")
failures = 0


def check(what, ok, detail=""):
    global failures
    print(("PASS  " if ok else "FAIL  ") + what + (f"  ({detail})" if detail and not ok else ""))
    if not ok:
        failures += 1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(predicate, timeout=20.0, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def parse(text):
    """name{labels} -> value of every sample (labels as a sorted tuple of pairs)."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        series, value = line.rsplit(" ", 1)
        name, labels = series, ()
        if "{" in series:
            name, rest = series.split("{", 1)
            pairs = []
            for item in rest.rstrip("}").split('",'):
                if item:
                    key, val = item.split("=", 1)
                    pairs.append((key, val.strip('"')))
            labels = tuple(sorted(pairs))
        out[(name, labels)] = float(value)
    return out


def series(samples, name, **labels):
    """The samples of `name` whose labels include `labels`, by their remaining labels."""
    want = set(labels.items())
    return {tuple(p for p in k[1] if p[0] not in labels): v for k, v in samples.items() if k[0] == name and want <= set(k[1])}


class NodeExporter:
    def __init__(self, directory, user=()):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [*user, "prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{self.port}", "--collector.disable-defaults",
             "--collector.textfile", f"--collector.textfile.directory={directory}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if not wait(lambda: self.get() is not None, 10):
            raise SystemExit("node_exporter did not answer: " + self.proc.stderr.read().decode()[-2000:])

    def get(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=2) as r:
                return r.read().decode()
        except OSError:
            return None

    def samples(self):
        return parse(self.get() or "")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=None)
    args = parser.parse_args()
    bin_dir = args.bin or subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    for tool in ("prometheus-node-exporter", "promtool"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: bash scripts/setup.sh installs it")
    base = tempfile.mkdtemp(prefix="consortiumd-metrics-")
    state, metrics_dir = f"{base}/state", f"{base}/state/metrics"
    config = f"{base}/consortiumd.yaml"
    with open(config, "w") as f:
        f.write(f"inbox: {state}/inbox\nrejected: {state}/rejected\npending: {state}/pending\nstateDirectory: {state}\n"
                f"noticeDirectory: {state}/notices\nrescanSeconds: 60\nbureau: liuzhou\n")
    os.makedirs(f"{state}/inbox")
    for name in sorted(os.listdir(EXAMPLES)):
        shutil.copy(os.path.join(EXAMPLES, name), f"{state}/inbox/{name}")
        os.utime(f"{state}/inbox/{name}", (time.time() - 60, time.time() - 60))
    daemon = subprocess.Popen([f"{bin_dir}/consortiumd", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    exporters = []
    try:
        prom = f"{metrics_dir}/consortiumd.prom"
        check("the daemon writes consortiumd.prom after its start-up evaluation", bool(wait(lambda: os.path.exists(prom))))
        wait(lambda: not os.listdir(f"{state}/inbox"))
        mode = os.stat(prom).st_mode & 0o777
        check(f"the file is readable by node_exporter's user (mode {oct(mode)})", mode == 0o644)
        lint = subprocess.run(["promtool", "check", "metrics"], stdin=open(prom), capture_output=True, text=True)
        print(f"----- promtool check metrics < {prom}: exit {lint.returncode}{' ' + (lint.stdout + lint.stderr).strip() if lint.stdout or lint.stderr else ', nothing to say'}")
        check("promtool check metrics is clean", lint.returncode == 0 and not (lint.stdout + lint.stderr).strip(), lint.stdout + lint.stderr)

        node = NodeExporter(metrics_dir)
        exporters.append(node)
        ctl = lambda *a: json.loads(subprocess.run([f"{bin_dir}/consortiumctl", *a, "--config", config, "--json"],
                                                   capture_output=True, text=True, check=True).stdout)

        def expected_open():
            counted = {}
            for n in ctl("notices"):
                if n["open"] and n["event"] == "open":
                    key = (("acknowledged", "true" if n["acknowledged"] else "false"), ("rule", n["rule"]), ("severity", n["severity"]))
                    counted[key] = counted.get(key, 0) + 1
            return counted

        def compare(label):
            s = node.samples()
            got = {k: v for k, v in series(s, "consortiumd_open_notices").items() if v}
            want = expected_open()
            print(f"----- {label}: consortiumd_open_notices from node_exporter")
            for key in sorted(got):
                print("      " + ", ".join(f"{k}={v}" for k, v in key) + f"  {got[key]:g}")
            check(f"{label}: open notices by severity/rule/acknowledged equal consortiumctl notices --json counted ({sum(want.values())})",
                  got == {k: float(v) for k, v in want.items()}, f"{got} vs {want}")
            statuses = {}
            for entry in ctl("list"):
                statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
            got_status = {k[0][1]: v for k, v in series(s, "consortiumd_consortia").items() if v}
            check(f"{label}: consortia by status equal consortiumctl list --json ({statuses})",
                  got_status == {k: float(v) for k, v in statuses.items()}, f"{got_status}")
            return s

        s = wait(lambda: (lambda s: s if series(s, "consortiumd_documents_total", outcome="accepted").get(()) == 18 else None)(node.samples()), 10) or node.samples()
        check("node_exporter carries consortiumd_documents_total{outcome=\"accepted\"} 18",
              series(s, "consortiumd_documents_total", outcome="accepted").get(()) == 18)
        check("node_exporter reports the file's mtime (node_textfile_mtime_seconds)",
              any(k[0] == "node_textfile_mtime_seconds" and ("file", "consortiumd.prom") in k[1] or
                  k[0] == "node_textfile_mtime_seconds" and any(p[0] == "file" and p[1].endswith("/consortiumd.prom") for p in k[1]) for k in s))
        check("no textfile scrape error", series(s, "node_textfile_scrape_error").get(()) == 0)
        check("the last full evaluation's time and duration are there",
              s.get(("consortiumd_last_full_evaluation_timestamp_seconds", ())) and ("consortiumd_last_full_evaluation_duration_seconds", ()) in s)
        check("consortiumd_build_info and consortiumd_start_time_seconds are there",
              any(k[0] == "consortiumd_build_info" for k in s) and ("consortiumd_start_time_seconds", ()) in s)
        before = compare("after the examples")
        order = ["crit", "err", "warning", "notice", "info"]
        unacknowledged = sorted((n for n in ctl("notices") if n["open"] and n["event"] == "open" and not n["acknowledged"]),
                                key=lambda n: order.index(n["severity"]))
        check("the examples leave a notice open, unacknowledged", bool(unacknowledged))
        notice = unacknowledged[0]
        group = lambda s, acknowledged: series(s, "consortiumd_open_notices", severity=notice["severity"], rule=notice["rule"],
                                               acknowledged=acknowledged).get((), 0)

        # As deployed on Debian (runbook.md 15.2): node_exporter runs as prometheus and reads its
        # own textfile directory, where deploy/install.sh links consortiumd.prom, and
        # deploy/prometheus/consortiumd-node-exporter.conf (tmpfiles.d, here with this run's paths)
        # lets prometheus pass through the state directory, which stays 0750.
        linked = f"{base}/node-exporter"
        os.makedirs(linked)
        os.chmod(base, 0o755)
        os.chmod(state, 0o750)
        as_prometheus = ["runuser", "-u", "prometheus", "--"]
        reads = lambda: subprocess.run([*as_prometheus, "cat", prom], capture_output=True).returncode == 0
        check("before the tmpfiles.d snippet, user prometheus cannot read the file (state directory 0750)", not reads())
        with open(os.path.join(ROOT, "deploy/prometheus/consortiumd-node-exporter.conf")) as f:
            snippet = f.read().replace("/var/lib/consortiumd", state)
        with open(f"{base}/tmpfiles.conf", "w") as f:
            f.write(snippet)
        applied = subprocess.run(["systemd-tmpfiles", "--create", f"{base}/tmpfiles.conf"], capture_output=True, text=True)
        check("systemd-tmpfiles --create deploy/prometheus/consortiumd-node-exporter.conf", applied.returncode == 0, applied.stderr)
        os.symlink(prom, f"{linked}/consortiumd.prom")  # as deploy/install.sh links it
        check("after it, user prometheus reads consortiumd.prom through the link, and still cannot list the state directory",
              reads() and subprocess.run([*as_prometheus, "cat", f"{linked}/consortiumd.prom"], capture_output=True).returncode == 0
              and subprocess.run([*as_prometheus, "ls", state], capture_output=True).returncode != 0)
        other = NodeExporter(linked, user=as_prometheus)
        exporters.append(other)
        check("node_exporter as user prometheus on its own directory (the link): the same open notices, no scrape error",
              series(other.samples(), "consortiumd_open_notices") == series(before, "consortiumd_open_notices")
              and series(other.samples(), "node_textfile_scrape_error").get(()) == 0)

        # Drop documents: acknowledge that notice, a broken file, a copy of an example.
        subprocess.run([f"{bin_dir}/consortiumctl", "ack", notice["id"], "--by", "监控测试", "--note", "已启动审查", "--config", config],
                       check=True, capture_output=True)
        with open(f"{state}/inbox/.broken.yaml.tmp", "w") as f:
            f.write("schema: consortium-document/v1\nkind: [not a kind\n")
        os.rename(f"{state}/inbox/.broken.yaml.tmp", f"{state}/inbox/broken.yaml")
        first = sorted(os.listdir(EXAMPLES))[0]
        shutil.copy(os.path.join(EXAMPLES, first), f"{state}/inbox/.copy.tmp")
        os.rename(f"{state}/inbox/.copy.tmp", f"{state}/inbox/copy.yaml")

        def changed():
            s = node.samples()
            docs = series(s, "consortiumd_documents_total")
            done = docs.get((("outcome", "accepted"),)) == 19 and docs.get((("outcome", "rejected"),)) == 1 and docs.get((("outcome", "duplicate"),)) == 1
            return s if done else None
        after = wait(changed, 15)
        check("after the drop: accepted 19, rejected 1, duplicate 1 (consortiumd_documents_total)", bool(after),
              str(series(node.samples(), "consortiumd_documents_total")))
        after = compare("after the drop")
        check(f"the acknowledged {notice['severity']} {notice['rule']} notice moved from acknowledged=\"false\" to \"true\"",
              group(after, "true") == group(before, "true") + 1 and group(after, "false") == group(before, "false") - 1,
              f"{group(before, 'false')}/{group(before, 'true')} -> {group(after, 'false')}/{group(after, 'true')}")
        check("archived documents 18 -> 19", series(before, "consortiumd_archived_documents").get(()) == 18
              and series(after, "consortiumd_archived_documents").get(()) == 19)
        check("no file left in the inbox", series(after, "consortiumd_files", directory="inbox").get(()) == 0)
    finally:
        for e in exporters:
            e.stop()
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
        shutil.rmtree(base, ignore_errors=True)
    print(f"monitoring-test: {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
