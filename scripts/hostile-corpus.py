#!/usr/bin/env python3
"""Generate a corpus of hostile inbox entries for consortiumd.

  scripts/hostile-corpus.py [--out DIR] [--outside DIR]

Writes into DIR (default: a new temporary directory) at least 200 entries: truncated and
malformed YAML and JSON, alias bombs, 10k-level nesting, a 3 MiB line, huge numbers, wrong
types, invalid dates, non-UTF-8, UTF-16/32 with and without BOM, mixed encodings, NUL bytes,
an empty file, a 5 MiB file (over maxDocumentBytes), a 1 GB sparse file, names with newlines,
spaces, Unicode, leading dashes, 255 bytes and invalid UTF-8 bytes, symbolic links (to
/etc/shadow, to files outside, dangling, loops), a hard link to a file outside, FIFOs,
directories, a device node and a Unix socket; plus a few valid documents under hostile names.

DIR/manifest.json lists every entry: {"name_hex", "name", "type", "expect", "what"} where expect
is `rejected` (must end in rejected/ with a reason), `accepted` (a valid document: archive/),
`placed` (valid but its outcome depends on order: archive/, pending/ or rejected/, never lost).
The outside files (targets of links) go to --outside (default DIR-outside); they must never be
opened by the daemon (except the hard link, which is the same inode as an inbox file).

Move the entries into an inbox with rename(2) on the same file system (scripts/hostile-run.py
does): copying would follow the links and read the FIFOs. Standard library only.
"""
import argparse, json, os, socket, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")


def examples():
    out = []
    for name in sorted(os.listdir(EXAMPLES)):
        with open(os.path.join(EXAMPLES, name), "rb") as f:
            out.append((name, f.read()))
    return out


REC = b"""version: 1
kind: Recommendation
consortium: %s
date: 2024-03-20
district: \xe6\x9f\xb3\xe5\x8c\x97\xe5\x8c\xba
recommended: true
opinion: ok
"""


def rec(key=b"HX-REC", **over):
    text = REC % key
    for k, v in over.items():
        lines = [l for l in text.split(b"\n") if not l.startswith(k.encode() + b":")]
        text = b"\n".join(lines) + (k.encode() + b": " + v + b"\n")
    return text


class Corpus:
    def __init__(self, out, outside):
        self.out, self.outside = out, outside
        self.entries = []
        self.names = set()

    def _path(self, name):
        if isinstance(name, str):
            name = name.encode()
        assert name not in self.names, name
        assert b"/" not in name and name not in (b"", b".", b"..") and not name.startswith(b"."), name
        self.names.add(name)
        return name, os.path.join(os.fsencode(self.out), name)

    def _record(self, name, typ, expect, what):
        self.entries.append({"name_hex": name.hex(), "name": name.decode("utf-8", "backslashreplace"),
                             "type": typ, "expect": expect, "what": what})

    def file(self, name, data, what, expect="rejected"):
        name, path = self._path(name)
        with open(path, "wb") as f:
            f.write(data)
        self._record(name, "regular", expect, what)

    def special(self, name, typ, make, what):
        name, path = self._path(name)
        make(path)
        self._record(name, typ, "rejected", what)


def generate(out, outside=None):
    outside = outside or out.rstrip("/") + "-outside"
    os.makedirs(out, exist_ok=True)
    os.makedirs(outside, exist_ok=True)
    c = Corpus(out, outside)
    ex = examples()
    app = ex[0][1]

    # --- truncated documents: every example cut at 3 points (also inside multibyte characters)
    for name, data in ex:
        for frac in (0.25, 0.5, 0.9):
            cut = max(1, int(len(data) * frac))
            # A cut after the required fields can leave a valid document (a shortened text): placed.
            c.file(f"trunc-{int(frac * 100):02d}-{name}", data[:cut], f"{name} truncated at {cut} of {len(data)} bytes", expect="placed")
    for cut in (1, 7, 33, 100):
        c.file(f"trunc-{cut}-app.json", json.dumps({"version": 1, "kind": "Application", "consortium": "HX-J", "date": "2024-03-01",
                                                    "members": []}).encode()[:cut], f"JSON truncated at {cut}")

    # --- malformed YAML / JSON
    malformed = {
        "tab-indent.yaml": b"version: 1\nkind: Recommendation\nconsortium: HX-1\n\tdate: 2024-03-20\n",
        "unclosed-quote.yaml": b'version: 1\nkind: "Recommendation\nconsortium: HX-1\n',
        "unclosed-flow.yaml": b"version: 1\nkind: Recommendation\nconsortium: [HX-1\n",
        "unclosed-brace.json": b'{"version": 1, "kind": "Recommendation", "consortium": "HX-1"',
        "trailing-comma.json": b'{"version": 1, "kind": "Recommendation",}',
        "single-quotes.json": b"{'version': 1}",
        "duplicate-keys.yaml": rec() + b"kind: Approval\n",
        "undefined-alias.yaml": b"version: 1\nkind: *nothing\n",
        "multi-document.yaml": rec(b"HX-MD") + b"---\n" + rec(b"HX-MD2"),
        "yaml-directive.yaml": b"%YAML 2.0\n---\n" + rec(b"HX-DIR"),
        "python-tag.yaml": b"version: 1\nkind: !!python/object:os.system [\"id\"]\n",
        "custom-tag.yaml": rec(b"HX-TAG").replace(b"kind: Recommendation", b"kind: !evil Recommendation"),
        "binary-tag.yaml": rec(b"HX-BIN").replace(b"opinion: ok", b"opinion: !!binary aGVsbG8="),
        "merge-key.yaml": b"base: &b {version: 1, kind: Recommendation}\n<<: *b\nconsortium: HX-M\n",
        "only-comments.yaml": b"# nothing here\n# at all\n",
        "null-document.yaml": b"~\n",
        "top-level-list.yaml": b"- version: 1\n- kind: Recommendation\n",
        "top-level-scalar.yaml": b"hello\n",
        "top-level-list.json": b"[1, 2, 3]",
        "json-null.json": b"null",
        "complex-key.yaml": b"? [a, b]\n: 1\nversion: 1\n",
        "key-is-map.yaml": b"{version: 1}: x\n",
        "bad-indent.yaml": b"version: 1\n  kind: Recommendation\n consortium: X\n",
        "colon-soup.yaml": b":::\n:::\n- : - :\n",
        "document-end-only.yaml": b"...\n",
        "cr-only-lines.yaml": rec(b"HX-CR").replace(b"\n", b"\r"),
        "escape-seq-value.yaml": rec(b"HX-ESC").replace(b"opinion: ok", b'opinion: "\\e[31mRED\\e[0m\\u0007"'),
        "raw-ansi.yaml": rec(b"HX-ANSI").replace(b"opinion: ok", b"opinion: \x1b[2J\x1b]0;pwned\x07 x"),
        "control-chars.yaml": rec(b"HX-CTL").replace(b"opinion: ok", b"opinion: a\x01\x02\x7f b"),
        "bom-in-middle.yaml": rec(b"HX-MIDBOM").replace(b"opinion: ok", b"opinion: a\xef\xbb\xbfb"),
        "consortium-path.yaml": rec(b"../../etc/passwd"),
        "consortium-slash.yaml": rec(b"HX/../../x"),
        "consortium-long.yaml": rec(b"H" * 5000),
        "consortium-newline.yaml": rec(b'"HX-1\\nX"'),
        "ack-path-notice.yaml": b"version: 1\nkind: Acknowledgement\ndate: 2026-01-05\nnotice: \"../../../etc/passwd\"\nby: x\n",
        "ack-empty-notice.yaml": b"version: 1\nkind: Acknowledgement\ndate: 2026-01-05\nnotice: \"\"\nby: x\n",
        "kind-unknown.yaml": rec(b"HX-K").replace(b"Recommendation", b"Nonsense"),
        "kind-missing.yaml": rec(b"HX-K2").replace(b"kind: Recommendation\n", b""),
        "version-missing.yaml": rec(b"HX-V").replace(b"version: 1\n", b""),
        "unknown-field.yaml": rec(b"HX-UF") + b"surprise: 1\n",
        "unknown-field.json": b'{"version":1,"kind":"Acknowledgement","date":"2026-01-05","notice":"00000000000000000000000000000000","by":"x","extra":1}',
        "bad-uscc.yaml": app.replace(b"LZ-2024-001", b"HX-USCC").replace(b"91450205718263408H", b"91450205718263408J"),
        "uscc-lowercase.yaml": app.replace(b"LZ-2024-001", b"HX-USCC2").replace(b"91450100MA5K9Q3DXN", b"91450100ma5k9q3dxn"),
        "uscc-too-long.yaml": app.replace(b"LZ-2024-001", b"HX-USCC3").replace(b"91450204765302182C", b"91450204765302182CC"),
    }
    # Valid after all (YAML allows them): CR line breaks, escapes in double quotes, U+FEFF inside a value.
    valid_after_all = {"cr-only-lines.yaml", "escape-seq-value.yaml", "bom-in-middle.yaml"}
    for name, data in malformed.items():
        c.file("malformed-" + name, data, "malformed: " + name, expect="placed" if name in valid_after_all else "rejected")

    # --- alias bombs and nesting
    lol = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lol.append(b"a%d: &a%d [" % (i, i) + b", ".join([b"*a%d" % (i - 1)] * 9) + b"]")
    c.file("bomb-billion-laughs.yaml", b"version: 1\nkind: Recommendation\n" + b"\n".join(lol) + b"\n", "billion laughs (9^10 nodes)")
    c.file("bomb-in-value.yaml", b"x: &x [a, a, a, a, a, a, a, a]\n" + b"".join(b"y%d: &y%d [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n" % ((i, i) + ((b"x" if i == 0 else b"y%d" % (i - 1)),) * 8) for i in range(12)) + rec(b"HX-BOMB"), "alias bomb before a valid document")
    c.file("bomb-self-alias.yaml", b"a: &a\n  b: *a\n", "alias to its own ancestor")
    c.file("bomb-many-aliases.yaml", b"x: &x hello\nl: [" + b", ".join([b"*x"] * 200000) + b"]\n", "200k aliases of one scalar")
    c.file("nest-flow-seq-10k.yaml", b"[" * 10000 + b"]" * 10000, "10k nested flow sequences")
    c.file("nest-flow-map-10k.yaml", b"{a: " * 10000 + b"1" + b"}" * 10000, "10k nested flow mappings")
    c.file("nest-json-10k.json", b'{"a":' * 10000 + b"1" + b"}" * 10000, "10k nested JSON objects")
    c.file("nest-json-array-100k.json", b"[" * 100000 + b"]" * 100000, "100k nested JSON arrays")
    c.file("nest-block-seq-10k.yaml", b"- " * 10000 + b"x\n", "10k nested block sequences on one line")
    c.file("nest-unclosed-10k.yaml", b"[" * 10000, "10k unclosed flow sequences")
    c.file("nodes-150k.yaml", b"version: 1\nkind: Recommendation\nlist: [" + b"0," * 150000 + b"0]\n", "150k nodes (over maxDocumentNodes)")

    # --- huge strings and numbers
    big = b"A" * (3 * 1024 * 1024)
    c.file("huge-line-3MiB.yaml", rec(b"HX-HUGE").replace(b"opinion: ok", b"opinion: " + big), "3 MiB line as a value", expect="placed")
    c.file("huge-key-3MiB.yaml", rec(b"HX-HUGEK") + big + b": 1\n", "3 MiB key")
    c.file("huge-line-noeol.yaml", big, "3 MiB line, no newline, no document")
    c.file("huge-quoted-unclosed.yaml", b'opinion: "' + big, "3 MiB unclosed quoted string")
    for i, num in enumerate([b"1e400", b"99999999999999999999999999999999999999", b"-99999999999999999999999", b".nan", b".inf", b"-.inf",
                             b"0x7fffffffffffffffffff", b"0o777777777777777777777777", b"1_000_000", b"-0", b"9223372036854775808", b"1.5"]):
        c.file(f"number-{i:02d}.yaml", b"version: 1\nkind: Approval\nconsortium: HX-NUM\ndate: 2024-04-15\ndecision: approved\nnumber: X\nvalidYears: " + num + b"\n",
               f"validYears: {num.decode()}")
    c.file("number-version-huge.yaml", rec(b"HX-VH").replace(b"version: 1", b"version: 1" + b"0" * 5000), "version with 5000 digits")
    c.file("number-revenue-1e309.yaml", app.replace(b"LZ-2024-001", b"HX-REV").replace(b"revenue: 3860000000", b"revenue: 1e309"), "revenue 1e309")
    c.file("number-year-huge.yaml", ex[4][1].replace(b"year: 2024", b"year: 99999999999999999999"), "report year 1e20")

    # --- wrong types
    for i, (field, value) in enumerate([(b"version", b'"1"'), (b"version", b"2"), (b"version", b"[1]"), (b"kind", b"5"),
                                        (b"kind", b"{a: 1}"), (b"date", b"20240320"), (b"date", b"[2024, 3, 20]"),
                                        (b"recommended", b'"yes"'), (b"recommended", b"1"), (b"district", b"[a, b]"),
                                        (b"opinion", b"{nested: map}"), (b"consortium", b"123"), (b"consortium", b"null"),
                                        (b"consortium", b"true")]):
        # `consortium: 123` / `true` are valid keys (scalars taken as text): placed.
        c.file(f"type-{i:02d}-{field.decode()}.yaml", rec(b"HX-T%d" % i, **{field.decode(): value}), f"{field.decode()}: {value.decode()}",
               expect="placed" if field == b"consortium" and value in (b"123", b"true") else "rejected")
    c.file("type-members-string.yaml", app.replace(b"LZ-2024-001", b"HX-TM").split(b"members:")[0] + b"members: lots\n", "members: a string")

    # --- invalid dates
    for i, d in enumerate([b"2026-02-30", b"2026-13-01", b"2026-00-10", b"2026-01-00", b"2026-01-32", b"2023-02-29", b"0000-01-01",
                           b"9999-12-31", b"2026-1-1", b"2026-01-01T00:00:00Z", b"2026/01/05", b'"2026-02-30"', b"-2026-01-01",
                           b"20260-01-01", b"2026-02-29"]):
        c.file(f"date-{i:02d}.yaml", rec(b"HX-D%d" % i, date=d), f"date: {d.decode()}")

    # --- encodings
    text = rec(b"HX-ENC").decode()
    c.file("enc-latin1.yaml", b"version: 1\nkind: Recommendation\nconsortium: HX-L1\ndate: 2024-03-20\nopinion: caf\xe9 \xff\xfe\n", "Latin-1 bytes")
    c.file("enc-invalid-ff.yaml", b"\xff" * 64, "0xFF bytes")
    c.file("enc-overlong.yaml", rec(b"HX-OL").replace(b"opinion: ok", b"opinion: \xc0\xaf\xe0\x80\xaf"), "overlong UTF-8")
    c.file("enc-surrogate.yaml", rec(b"HX-SUR").replace(b"opinion: ok", b"opinion: \xed\xa0\x80"), "UTF-8-encoded surrogate")
    c.file("enc-cut-multibyte.yaml", rec(b"HX-CUT") + b"x: \xe6\x9f", "multibyte character cut at the end")
    c.file("enc-utf16le-bom.yaml", text.encode("utf-16"), "UTF-16 LE with BOM")
    c.file("enc-utf16be-bom.yaml", b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16 BE with BOM")
    c.file("enc-utf16le-nobom.yaml", text.encode("utf-16-le"), "UTF-16 LE without BOM")
    c.file("enc-utf16be-nobom.yaml", text.encode("utf-16-be"), "UTF-16 BE without BOM")
    c.file("enc-utf32-bom.yaml", text.encode("utf-32"), "UTF-32 with BOM")
    c.file("enc-utf8bom-then-utf16.yaml", b"\xef\xbb\xbf" + text.encode("utf-16-le"), "UTF-8 BOM then UTF-16")
    c.file("enc-utf8bom-then-latin1.yaml", b"\xef\xbb\xbf" + b"opinion: caf\xe9\n", "UTF-8 BOM then Latin-1")
    c.file("enc-mixed-utf8-gb18030.yaml", rec(b"HX-MIX").replace(b"opinion: ok", "opinion: 柳州".encode("utf-8") + "柳州".encode("gb18030")),
           "UTF-8 then GB18030 in one file (decodes as GB18030: mojibake)", expect="placed")
    c.file("enc-utf8-bom-valid.yaml", b"\xef\xbb\xbf" + rec(b"HX-BOMOK"), "valid, UTF-8 with BOM", expect="placed")
    c.file("enc-gb18030-valid.yaml", rec(b"HX-GB").decode().encode("gb18030"), "valid, GB18030", expect="placed")
    c.file("enc-crlf-valid.yaml", rec(b"HX-CRLF").replace(b"\n", b"\r\n"), "valid, CRLF line ends", expect="placed")
    c.file("enc-ebcdic.yaml", text.encode("cp500", "replace"), "EBCDIC")
    c.file("enc-shift-jis.yaml", "opinion: 日本語テキスト\n".encode("shift_jis"), "Shift-JIS")

    # --- NUL and empty
    c.file("nul-middle.yaml", rec(b"HX-NUL").replace(b"opinion: ok", b"opinion: o\x00k"), "NUL in a value")
    c.file("nul-start.yaml", b"\x00" + rec(b"HX-NUL2"), "NUL first")
    c.file("nul-only-1k.yaml", b"\x00" * 1024, "1 KiB of NUL")
    c.file("nul-after-doc.yaml", rec(b"HX-NUL3") + b"\x00", "NUL after a valid document")
    c.file("nul-bom.yaml", b"\xef\xbb\xbf\x00", "UTF-8 BOM then NUL")
    c.file("empty.yaml", b"", "zero bytes")
    c.file("empty-no-extension", b"", "zero bytes, no extension")
    c.file("whitespace-only.yaml", b"   \n\n\t\n", "only whitespace")
    c.file("bom-only.yaml", b"\xef\xbb\xbf", "only a UTF-8 BOM")
    c.file("garbage-random.bin", os.urandom(4096), "4 KiB random bytes")
    c.file("garbage-elf", open("/bin/true", "rb").read()[:65536], "an ELF binary")
    c.file("garbage-gzip.yaml.gz", b"\x1f\x8b\x08\x00" + os.urandom(500), "gzip-looking bytes")
    c.file("garbage-zip.docx", b"PK\x03\x04" + os.urandom(500), "zip-looking bytes named .docx")

    # --- size
    name, path = c._path("big-5MiB.yaml")
    with open(path, "wb") as f:
        f.write(rec(b"HX-BIG") + b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    c._record(name, "regular", "rejected", "5 MiB (over maxDocumentBytes, 4 MiB)")
    name, path = c._path("just-over-4MiB.yaml")
    with open(path, "wb") as f:
        f.write(b"#" * (4 * 1024 * 1024 + 1))
    c._record(name, "regular", "rejected", "4 MiB + 1 byte")
    name, path = c._path("sparse-1GB.yaml")
    with open(path, "wb") as f:
        f.truncate(1024 ** 3)
    c._record(name, "regular", "rejected", "1 GB sparse file (must not be read)")

    # --- hostile names (valid content, each its own consortium, so most are accepted)
    for i, n in enumerate([b"with space.yaml", b"  leading and trailing spaces  ", b"new\nline.yaml", b"tab\there.yaml",
                           b"carriage\rreturn.yaml", "中文文件名 申请.yaml".encode(), "emoji-😀-name.yaml".encode(),
                           "rtl-\u202egpj.yaml".encode(), "zero-width\u200b.yaml".encode(), "nfd-e\u0301.yaml".encode(),
                           "nfc-\u00e9.yaml".encode(), b"-rf", b"--help", b"-", b"--config=evil.yaml", b"*", b"?", b"[a-z]",
                           b"$(touch pwned)", b"`id`", b"a;b|c&d", b"quote\"s'.yaml", b"back\\slash.yaml", b"%s%n%x.yaml",
                           b"name.error.txt", b"name.yaml.tmp.not", b"x" * 255, ("长" * 85).encode(),
                           b"CON", b"ends-with-dot."]):
        key = b"HX-NAME-%03d" % i
        c.file(n, app.replace(b"LZ-2024-001", key), f"valid Application under hostile name {n!r}", expect="accepted")
    # Names with bytes that are not UTF-8 (a known weak spot); the decoy is the same name
    # with U+FFFD written properly, which is what a lossy decoding of the others yields.
    for i, n in enumerate([b"latin1-caf\xe9.yaml", b"\xff\xfe-bom-name.yaml", b"lone-\x80.yaml", b"cut-\xe6\x9f.yaml",
                           b"overlong-\xc0\xaf.yaml", b"surrogate-\xed\xa0\x80.yaml", b"gbk-\xc1\xf8\xd6\xdd.yaml"]):
        c.file(n, app.replace(b"LZ-2024-001", b"HX-BADNAME-%d" % i), f"valid Application under a non-UTF-8 name {n!r}", expect="rejected")  # a name that is not UTF-8 is rejected, by its bytes, with a reason
    c.file("latin1-caf\ufffd.yaml", app.replace(b"LZ-2024-001", b"HX-DECOY"),
           "decoy: the lossy UTF-8 decoding of latin1-caf\\xe9.yaml", expect="accepted")
    c.file("hostile-name-bad-content-\xa0\u3000.yaml", b"\xff\xfe\x00", "non-breaking/ideographic spaces, bad content")

    # --- outside targets, links and special files
    secret = os.path.join(outside, "secret-valid.yaml")
    with open(secret, "wb") as f:
        f.write(app.replace(b"LZ-2024-001", b"HX-OUTSIDE"))
    hard = os.path.join(outside, "hard-link-target.txt")
    with open(hard, "wb") as f:
        f.write(b"this file lives outside the inbox; hard-linked into it\n")
    os.makedirs(os.path.join(outside, "dir"), exist_ok=True)
    links = [("symlink-etc-shadow", "/etc/shadow"), ("symlink-etc-passwd.yaml", "/etc/passwd"),
             ("symlink-outside-valid.yaml", secret), ("symlink-relative-up.yaml", "../../../../../../../../etc/shadow"),
             ("symlink-dangling.yaml", "/nonexistent/nowhere.yaml"), ("symlink-dir", os.path.join(outside, "dir")),
             ("symlink-dev-zero", "/dev/zero"), ("symlink-proc-self-mem", "/proc/self/mem"), ("symlink-self", "symlink-self"),
             ("symlink-loop-a", "symlink-loop-b"), ("symlink-loop-b", "symlink-loop-a"), ("symlink-fifo", "fifo-plain")]
    for n, target in links:
        c.special(n, "symlink", lambda p, t=target: os.symlink(t, p), f"symbolic link to {target}")
    name, path = c._path("hardlink-outside.txt")
    os.link(hard, path)
    c._record(name, "hardlink", "rejected", "hard link to a text file outside the inbox (a regular file: read, rejected)")
    c.special("fifo-plain", "fifo", os.mkfifo, "FIFO (must not block the daemon)")
    c.special("fifo.yaml", "fifo", os.mkfifo, "FIFO named .yaml")
    c.special("dir-empty", "directory", os.mkdir, "empty directory")
    c.special("dir-named.yaml", "directory", os.mkdir, "directory named .yaml")

    def dir_with_files(p):
        os.mkdir(p)
        with open(os.path.join(p, b"inner.yaml"), "wb") as f:
            f.write(rec(b"HX-INNER"))
    c.special("dir-with-document", "directory", dir_with_files, "directory holding a valid document")
    try:
        c.special("device-null", "device", lambda p: os.mknod(p, 0o600 | 0o020000, os.makedev(1, 3)), "character device (like /dev/null)")
        c.special("device-zero.yaml", "device", lambda p: os.mknod(p, 0o600 | 0o020000, os.makedev(1, 5)), "character device (like /dev/zero)")
    except PermissionError:
        pass

    def make_socket(p):
        here = os.getcwd()
        os.chdir(os.path.dirname(p))
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(os.path.basename(p))
            s.close()
        finally:
            os.chdir(here)
    c.special("socket.yaml", "socket", make_socket, "Unix socket")
    # A regular file the daemon cannot read (root reads anyway; recorded for non-root runs).
    name, path = c._path("mode-000.yaml")
    with open(path, "wb") as f:
        f.write(rec(b"HX-MODE000"))
    os.chmod(path, 0)
    c._record(name, "regular", "placed", "mode 000 (root reads it anyway: valid content)")

    with open(os.path.join(outside, "manifest.json"), "w") as f:
        json.dump({"outside": outside, "outside_files": [secret, hard], "entries": c.entries}, f, ensure_ascii=False, indent=1)
    return os.path.join(outside, "manifest.json"), c.entries


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=None)
    p.add_argument("--outside", default=None)
    args = p.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="consortiumd-hostile-")
    manifest, entries = generate(out, args.outside)
    kinds = {}
    for e in entries:
        kinds[e["type"]] = kinds.get(e["type"], 0) + 1
    print(f"{len(entries)} entries in {out} ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}); manifest {manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
