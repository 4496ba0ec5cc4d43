#!/usr/bin/env python3
"""The report's cost (docs/performance.md "The report"; a benchmark, not a test, never in CI).

  scripts/bench-report.py [--consortia 10000] [--state DIR] [--runs 5] [--keep DIR] [--bin DIR] [--once] [--no-browser]

Makes a daemon state of N realistic consortia (consortium-bench state: 20 documents each, made from
examples/) unless --state names one, then:
  1. consortium-bench report: the full report as the daemon writes it (time, peak memory, sizes), the
     same again over itself, and the daemon's refresh after one document (the work it adds after
     each evaluation);
  2. headless Chromium (Debian's chromium) loading the overview: a page of its own loads index.html
     in an iframe and records performance.now() at the iframe's load event (parsing, style, layout
     and the overview's script), read back with --dump-dom; median of --runs, beside the same for
     an empty page (the browser's own floor).
Build first: swift build -c release --product consortium-bench (--bin DIR: where it is, default .build/release).
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def chromium_load_ms(page, profile):
    """Milliseconds from the wrapper's start to its iframe's load event."""
    wrapper = os.path.join(os.path.dirname(page), "bench-load.html")
    with open(wrapper, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><body><iframe id="f" style="width:1280px;height:900px" src="%s" '
                'onload="document.body.setAttribute(\'data-ms\', performance.now().toFixed(1))"></iframe></body></html>'
                % os.path.basename(page))
    out = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                          "--dump-dom", "file://" + wrapper], capture_output=True, text=True, timeout=300).stdout
    os.unlink(wrapper)
    m = re.search(r'data-ms="([0-9.]+)"', out)
    if not m:
        sys.exit("chromium gave no load time: " + out[:300])
    return float(m.group(1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--consortia", type=int, default=10000)
    p.add_argument("--state")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--keep", help="keep the report in this directory")
    p.add_argument("--once", action="store_true", help="skip the second full report (nothing changed); for 100,000")
    p.add_argument("--no-browser", action="store_true", help="skip Chromium (a 100,000-consortium report)")
    p.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    args = p.parse_args()
    bench = os.path.join(args.bin, "consortium-bench")
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print("commit %s   %s" % (commit, subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()))
    base = tempfile.mkdtemp(prefix="bench-report-")
    try:
        state = args.state
        if not state:
            state = os.path.join(base, "state")
            made = subprocess.run([bench, "state", "--consortia", str(args.consortia), "--out", state],
                                  check=True, capture_output=True, text=True)
            print(made.stdout.strip())
        out = args.keep or os.path.join(base, "report")
        run = subprocess.run([bench, "report", "--state", state, "--out", out] + (["--once"] if args.once else []),
                             check=True, capture_output=True, text=True)
        print(run.stdout.strip())
        if args.no_browser:
            return
        profile = os.path.join(base, "chromium-profile")
        empty = os.path.join(out, "bench-empty.html")
        with open(empty, "w") as f:
            f.write("<!DOCTYPE html><title>empty</title>")
        chromium_load_ms(empty, profile)  # a first start warms the browser's files
        floor = [chromium_load_ms(empty, profile) for _ in range(args.runs)]
        index = [chromium_load_ms(os.path.join(out, "index.html"), profile) for _ in range(args.runs)]
        pages = sorted(os.listdir(os.path.join(out, "c")))
        page = [chromium_load_ms(os.path.join(out, "c", pages[len(pages) // 2]), profile) for _ in range(args.runs)]
        os.unlink(empty)
        size = os.path.getsize(os.path.join(out, "index.html"))
        print("chromium load (ms, median of %d)   index.html %.0f (%.1f MB)   a consortium page %.0f   empty page %.0f"
              % (args.runs, statistics.median(index), size / 1048576, statistics.median(page), statistics.median(floor)))
        print("chromium load of index.html, each run (ms): " + " ".join("%.0f" % x for x in index))
        print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
