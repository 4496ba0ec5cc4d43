#!/usr/bin/env python3
"""One journal for several bureaus, on loopback (runbook.md section 16; CI runs it).

  python3 scripts/journal-remote-test.py [--bin DIR]

Two "cities" run consortiumd on the examples, each with its own state and `bureau:` (liuzhou,
guilin), writing to this machine's journal. Then, as the province's server would receive them:
  1. plain HTTP: systemd-journal-remote --listen-http=127.0.0.1:PORT --split-mode=host, and
     systemd-journal-upload --url=http://127.0.0.1:PORT of the system journal after a cursor
     taken before the cities started;
  2. TLS: the same with --listen-https and certificates made here with openssl (a CA, a server
     certificate for 127.0.0.1, a client certificate), as deploy/journal-remote/ configures them;
and `journalctl --directory` on the receiving side must find every notice of each city (by
MESSAGE_ID and BUREAU) with NOTICE_ID, RULE, CONSORTIUM_ID, BUREAU, SEVERITY and MESSAGE as the
local journal has them. Prints one line per check; exits non-zero on any failure.
"""
import argparse, hashlib, json, os, shutil, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")
REMOTE, UPLOAD = "/lib/systemd/systemd-journal-remote", "/lib/systemd/systemd-journal-upload"
FIELDS = ("NOTICE_ID", "RULE", "CONSORTIUM_ID", "BUREAU", "SEVERITY", "STAGE", "MESSAGE", "MESSAGE_ID", "_HOSTNAME")
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


def rule_ids(bin_dir):
    """MESSAGE_ID of every rule (consortiumd --list-message-ids)."""
    out = subprocess.run([f"{bin_dir}/consortiumd", "--list-message-ids"], capture_output=True, text=True, check=True).stdout
    return {mid for mid, name in (line.split(" ", 1) for line in out.splitlines()) if name.upper() == name}


def entries(args):
    out = subprocess.run(["journalctl", "--no-pager", "-o", "json", *args], capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def run_city(bin_dir, base, bureau):
    """Runs consortiumd on the examples until its inbox is empty; returns its config path."""
    state = f"{base}/{bureau}"
    os.makedirs(f"{state}/inbox")
    config = f"{state}/consortiumd.yaml"
    with open(config, "w") as f:
        f.write(f"inbox: {state}/inbox\nrejected: {state}/rejected\npending: {state}/pending\nstateDirectory: {state}\n"
                f"noticeDirectory: {state}/notices\nbureau: {bureau}\nmetricsDirectory: \"\"\n"
                # guilin also writes its diagnostics (swift-log's JournalLogHandler): BUREAU there too.
                + ("diagnostics: true\n" if bureau == "guilin" else ""))
    for name in sorted(os.listdir(EXAMPLES)):
        shutil.copy(os.path.join(EXAMPLES, name), f"{state}/inbox/{name}")
        os.utime(f"{state}/inbox/{name}", (time.time() - 60, time.time() - 60))
    proc = subprocess.Popen([f"{bin_dir}/consortiumd", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            if not os.listdir(f"{state}/inbox") and os.listdir(f"{state}/notices"):
                break
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)
    return config, proc.pid


def receive(base, name, listen, upload_args, after):
    """Runs systemd-journal-remote, uploads the system journal after `cursor` to it, stops it;
    returns the receiving directory."""
    out = f"{base}/{name}"
    os.makedirs(out)
    remote = subprocess.Popen([REMOTE, *listen, f"--output={out}/", "--split-mode=host"],
                              stdout=subprocess.DEVNULL, stderr=open(f"{base}/{name}-remote.log", "w"))
    try:
        time.sleep(0.5)
        upload = subprocess.run([UPLOAD, *upload_args, "--system", *after, "--follow=no",
                                 f"--save-state={out}.upload-state"], capture_output=True, text=True, timeout=120)
        check(f"{name}: systemd-journal-upload exits 0", upload.returncode == 0, (upload.stdout + upload.stderr)[-1500:])
    finally:
        remote.send_signal(signal.SIGTERM)
        remote.wait(15)
    files = sorted(os.listdir(out))
    print(f"----- {name}: received into {out}: {' '.join(files)}")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=None)
    args = parser.parse_args()
    bin_dir = args.bin or subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    for tool in (REMOTE, UPLOAD):
        if not os.access(tool, os.X_OK):
            raise SystemExit(f"{tool} is missing: bash scripts/setup.sh installs systemd-journal-remote")
    base = tempfile.mkdtemp(prefix="consortiumd-journal-remote-")
    try:
        # The journal's last entry before the cities start (none in an empty journal: all of it).
        cursor = next((line[len("-- cursor: "):] for line in subprocess.run(["journalctl", "-n", "0", "--show-cursor"], capture_output=True,
                                                                           text=True).stdout.splitlines() if line.startswith("-- cursor: ")), None)
        after = [f"--after-cursor={cursor}"] if cursor else []
        cities = {bureau: run_city(bin_dir, base, bureau) for bureau in ("liuzhou", "guilin")}
        configs = {bureau: config for bureau, (config, _) in cities.items()}
        rules = rule_ids(bin_dir)
        local = {}
        for bureau in ("liuzhou", "guilin"):
            got = [e for e in entries([*after, f"_PID={cities[bureau][1]}", f"BUREAU={bureau}"])
                   if e.get("MESSAGE_ID") in rules]
            local[bureau] = {e["NOTICE_ID"]: {k: e.get(k) for k in FIELDS} for e in got}
        for bureau, notices in local.items():
            sent = {n["id"] for n in json.loads(subprocess.run([f"{bin_dir}/consortiumctl", "notices", "--json", "--config", configs[bureau]],
                                                              capture_output=True, text=True, check=True).stdout) if n["sent"]}
            check(f"the local journal has {bureau}'s notices with BUREAU={bureau}: the {len(sent)} of consortiumctl notices",
                  bool(sent) and set(notices) == sent, f"{sorted(notices)} vs {sorted(sent)}")
        # Each city's daemon process (other consortiumd processes may write to this journal too).
        for bureau, (_, pid) in cities.items():
            every = entries([*after, f"_PID={pid}"])
            diagnostics = sum(1 for e in every if e.get("DIAGNOSTIC") == "1")
            check(f"every entry {bureau}'s daemon wrote ({len(every)}, {diagnostics} of them diagnostics) carries BUREAU={bureau}",
                  bool(every) and all(e.get("BUREAU") == bureau for e in every) and (bureau != "guilin" or diagnostics > 0),
                  str([e.get("MESSAGE") for e in every if e.get("BUREAU") != bureau][:3]))

        http_port = free_port()
        plain = receive(base, "http", [f"--listen-http=127.0.0.1:{http_port}"], [f"--url=http://127.0.0.1:{http_port}"], after)

        # TLS as in a real deployment (deploy/journal-remote/): a CA, the server's certificate
        # (here for 127.0.0.1), a client certificate; each side trusts the CA.
        tls = f"{base}/tls"
        os.makedirs(tls)
        ssl = lambda *a: subprocess.run(["openssl", *a], cwd=tls, check=True, capture_output=True)
        ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=consortiumd test CA", "-keyout", "ca.key", "-out", "ca.pem")
        for who, ext in (("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth"),
                         ("client", "extendedKeyUsage=clientAuth")):
            ssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={who}", "-keyout", f"{who}.key", "-out", f"{who}.csr")
            with open(f"{tls}/{who}.ext", "w") as f:
                f.write(ext + "\n")
            ssl("x509", "-req", "-in", f"{who}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", f"{who}.ext", "-out", f"{who}.pem")
        # Debian 12's systemd-journal-remote is built without --trust ("Option --trust is not
        # available"): it cannot check the cities' client certificates itself (runbook.md 16.3
        # says what restricts who may upload instead). The upload side checks the server's.
        https_port = free_port()
        secure = receive(base, "https",
                         [f"--listen-https=127.0.0.1:{https_port}", f"--key={tls}/server.key", f"--cert={tls}/server.pem"],
                         [f"--url=https://127.0.0.1:{https_port}", f"--key={tls}/client.key", f"--cert={tls}/client.pem", f"--trust={tls}/ca.pem"],
                         after)
        # A server whose certificate the city does not trust gets nothing.
        ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA", "-keyout", "other.key", "-out", "other.pem")
        port = free_port()
        os.makedirs(f"{base}/untrusted")
        remote = subprocess.Popen([REMOTE, f"--listen-https=127.0.0.1:{port}", f"--key={tls}/server.key", f"--cert={tls}/server.pem",
                                   f"--output={base}/untrusted/", "--split-mode=host"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            refused = subprocess.run([UPLOAD, f"--url=https://127.0.0.1:{port}", f"--key={tls}/client.key", f"--cert={tls}/client.pem",
                                      f"--trust={tls}/other.pem", "--system", *after, "--follow=no",
                                      f"--save-state={base}/untrusted.state"], capture_output=True, text=True, timeout=60)
        finally:
            remote.send_signal(signal.SIGTERM)
            remote.wait(15)
        reason = [line for line in (refused.stdout + refused.stderr).splitlines() if "fail" in line.lower()][:1]
        check(f"https: an upload that does not trust the server's certificate fails and sends nothing ({' '.join(reason)[:120]})",
              refused.returncode != 0 and not entries([f"--directory={base}/untrusted"]))

        for name, directory in (("http", plain), ("https", secure)):
            for bureau, notices in local.items():
                # What the province runs: every notice of one city, by MESSAGE_ID and BUREAU.
                remote = {}
                for rule_id in sorted({n["MESSAGE_ID"] for n in notices.values()}):
                    for e in entries([f"--directory={directory}", f"MESSAGE_ID={rule_id}", f"BUREAU={bureau}"]):
                        remote[e["NOTICE_ID"]] = {k: e.get(k) for k in FIELDS}
                check(f"{name}: journalctl --directory finds {bureau}'s {len(notices)} notices with "
                      f"NOTICE_ID, RULE, CONSORTIUM_ID, BUREAU, SEVERITY, MESSAGE intact", remote == notices and bool(remote),
                      f"{len(remote)} received; differing: {[k for k in notices if remote.get(k) != notices[k]][:3]}")
            # Both cities ran the same examples from this one host: the same NOTICE_ID and _HOSTNAME
            # in both, told apart only by BUREAU.
            one = sorted(local["guilin"].values(), key=lambda n: n["NOTICE_ID"])[0]
            query = [f"--directory={directory}", f"MESSAGE_ID={one['MESSAGE_ID']}", f"CONSORTIUM_ID={one['CONSORTIUM_ID']}", f"NOTICE_ID={one['NOTICE_ID']}"]
            both = entries(query)
            guilin = entries(query + ["BUREAU=guilin"])
            check(f"{name}: notice {one['NOTICE_ID']} came from both cities; BUREAU=guilin selects guilin's alone",
                  {e["BUREAU"] for e in both} == {"liuzhou", "guilin"} and bool(guilin) and all(e["BUREAU"] == "guilin" for e in guilin))
            if name == "http" and guilin:
                e = guilin[0]
                print(f"----- journalctl --directory=<received> MESSAGE_ID=… CONSORTIUM_ID={one['CONSORTIUM_ID']} BUREAU=guilin -o json (fields):")
                for k in ("BUREAU", "NOTICE_ID", "RULE", "CONSORTIUM_ID", "SEVERITY", "STAGE", "_HOSTNAME", "MESSAGE_ID"):
                    print(f"      {k}={e.get(k)}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"journal-remote-test: {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
