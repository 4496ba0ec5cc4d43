#!/usr/bin/env python3
"""Make and verify 统一社会信用代码 (USCC, GB 32100-2015) for the examples.

  make-uscc.py make REG TYPE DIVISION ORGBODY   print one code, e.g.
      make-uscc.py make 9 1 450205 7182634
      REG/TYPE: 登记管理部门码 and 机构类别码 (9 1 = 工商/企业, 1 2 = 机构编制/事业单位,
      5 2 = 民政/社会服务机构); DIVISION: 6-digit 行政区划码; ORGBODY: 8 characters of the
      组织机构代码 body (digits, or e.g. MA5K9Q3D for newer units; its GB 11714 check
      character is added).
  make-uscc.py check CODE...                   check codes; exit 1 if any is invalid
  make-uscc.py verify FILE...                   every USCC-shaped value in the YAML/JSON
      documents must have a valid check character, and every member's `liuzhou` flag must
      agree with its division code (rules.md USCC_REGION; a foreign member has liuzhou false).

The examples' codes are synthetic: valid by construction, belonging to no real unit.
"""
import re
import sys

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def check_char(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def org_code(body8: str) -> str:
    """GB 11714 组织机构代码: 8 body characters and a check character."""
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    vals = [int(c) if c.isdigit() else ord(c) - 55 for c in body8]
    c = 11 - sum(v * w for v, w in zip(vals, weights)) % 11
    return body8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def make(reg: str, typ: str, division: str, body8: str) -> str:
    assert len(division) == 6 and division.isdigit(), "division code: 6 digits"
    assert len(body8) == 8 and all(c in CHARSET for c in body8), \
        "organisation code body: 8 characters of 0-9 and A-Y without I, O, S, V, Z"
    first17 = reg + typ + division + org_code(body8)
    return first17 + check_char(first17)


def valid(code: str) -> bool:
    return bool(SHAPE.match(code)) and check_char(code[:17]) == code[17]


def is_liuzhou(code: str) -> bool:
    return code[2:6] == "4502"


def load(path):
    import json
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f) if path.endswith(".json") else yaml.load(f, Loader=Loader)


def walk(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}[{i}]")
    else:
        yield path, node


def members_of(doc):
    if doc.get("kind") == "Application":
        yield from doc.get("members", [])
    if doc.get("kind") == "Change":
        for item in doc.get("changes", []):
            if "join" in item:
                yield item["join"]


def verify(paths) -> int:
    bad = 0
    for p in paths:
        doc = load(p)
        codes, problems = 0, []
        for where, value in walk(doc):
            if isinstance(value, str) and re.fullmatch(r"[0-9A-Z]{18}", value) and not where.endswith(("notice", "document")):
                codes += 1
                if not valid(value):
                    problems.append(f"{where}: {value} has an invalid check character (want {check_char(value[:17])})")
        for m in members_of(doc):
            if "uscc" in m and valid(m["uscc"]) and is_liuzhou(m["uscc"]) != m.get("liuzhou"):
                problems.append(f"member {m['name']}: liuzhou {m.get('liuzhou')} but division {m['uscc'][2:8]}")
            if "country" in m and m.get("liuzhou") is not False:
                problems.append(f"member {m['name']}: foreign member with liuzhou not false")
        bad += bool(problems)
        print(f"{'ok  ' if not problems else 'FAIL'} {p}: {codes} USCC value(s)" + "".join("\n     " + x for x in problems))
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "make" and len(argv) == 6:
        print(make(*argv[2:]))
        return 0
    if len(argv) >= 3 and argv[1] == "check":
        ok = True
        for code in argv[2:]:
            v = valid(code)
            ok &= v
            print(f"{code} {'valid' if v else 'INVALID'}" + (f" (Liuzhou {code[2:8]})" if v and is_liuzhou(code) else ""))
        return 0 if ok else 1
    if len(argv) >= 3 and argv[1] == "verify":
        return verify(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
