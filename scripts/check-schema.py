#!/usr/bin/env python3
"""Validate the examples against schema/consortium-document.v1.json, and check the schema
rejects broken variants of them. One line per file / per variant; exit 1 on any failure.

  scripts/check-schema.py [FILE...]     (default: examples/*.yaml examples/*.json)

Also checks the story the examples tell: every USCC's check character and each member's
`liuzhou` flag (via make-uscc.py), the Applications' declared counts, signatures and text
limits, the JSON copies equal their YAML originals, the Withdrawal names an example file's
SHA-256 and the Acknowledgement's notice id is the one rules.md defines.
"""
import copy
import glob
import hashlib
import importlib.util
import json
import os
import sys

import yaml
from jsonschema import Draft202012Validator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "schema", "consortium-document.v1.json")


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (the daemon reads YYYY-MM-DD as text)."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f) if path.endswith(".json") else yaml.load(f, Loader=Loader)


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def describe(e):
    where = "/".join(str(p) for p in e.absolute_path) or "(root)"
    return f"{where}: {e.message[:160]}"


def rel(p):
    return os.path.relpath(p, ROOT)


failures = 0


def report(ok, line):
    global failures
    failures += not ok
    print(("ok    " if ok else "FAIL  ") + line)


def broken_variants(docs):
    """(what, document) pairs the schema must reject, made from valid examples."""
    by_kind = {}
    for d in docs.values():
        by_kind.setdefault(d["kind"], d)
    app, apv, prj = by_kind["Application"], by_kind["Approval"], by_kind["Project"]
    chg, ack, rec = by_kind["Change"], by_kind["Acknowledgement"], by_kind["Recommendation"]

    def edit(doc, fn):
        d = copy.deepcopy(doc)
        fn(d)
        return d

    v = []
    v.append(("unknown top-level field (colour)", edit(apv, lambda d: d.update(colour="red"))))
    v.append(("unknown field in a member (website)", edit(app, lambda d: d["members"][0].update(website="x"))))
    v.append(("USCC with a letter I", edit(app, lambda d: d["members"][1].update(uscc="9145020476530218IC"))))
    v.append(("USCC of 17 characters", edit(prj, lambda d: d.update(lead="91450205718263408"))))
    v.append(("USCC with a letter in the division code", edit(app, lambda d: d["leads"][0].update(uscc="914502A5718263408H"))))
    v.append(("foreign reference CN:…", edit(prj, lambda d: d["members"].append("CN:12345"))))
    v.append(("missing required goal", edit(app, lambda d: d.pop("goal"))))
    v.append(("missing required consortium", edit(prj, lambda d: d.pop("consortium"))))
    v.append(("missing required Platform field (built)", edit(app, lambda d: d["platforms"][0].pop("built"))))
    v.append(("missing required LeadQualification field (rdStaff)", edit(app, lambda d: d["leads"][0].pop("rdStaff"))))
    v.append(("member with both uscc and foreignId", edit(app, lambda d: d["members"][0].update(country="DE", foreignId="DE:X 1"))))
    v.append(("foreign member without country", edit(app, lambda d: [m.pop("country") for m in d["members"] if "foreignId" in m])))
    v.append(("country CN", edit(app, lambda d: [m.update(country="CN") for m in d["members"] if "foreignId" in m])))
    v.append(("signature with both uscc and foreignId", edit(app, lambda d: d["agreement"]["signatures"][0].update(foreignId="DE:X 1"))))
    v.append(("unknown clause id", edit(app, lambda d: d["agreement"]["clauses"].append("secrecy"))))
    v.append(("four fiscal years", edit(app, lambda d: d["leads"][0]["fiscalYears"].append({"year": 2020, "rdExpense": 1, "sales": 2}))))
    v.append(("no fiscal years", edit(app, lambda d: d["leads"][0].update(fiscalYears=[]))))
    v.append(("quoted integer \"10\"", edit(app, lambda d: d["declared"].update(members="10"))))
    v.append(("negative integer", edit(app, lambda d: d["leads"][0].update(rdStaff=-1))))
    v.append(("boolean as text \"true\"", edit(app, lambda d: d.update(leadSeal="true"))))
    v.append(("platform built 2019 (year only)", edit(app, lambda d: d["platforms"][0].update(built="2019"))))
    v.append(("date 2025-13-01", edit(apv, lambda d: d.update(date="2025-13-01"))))
    v.append(("version 2", edit(apv, lambda d: d.update(version=2))))
    v.append(("unknown kind", edit(apv, lambda d: d.update(kind="Appeal"))))
    v.append(("consortium key starting with -", edit(apv, lambda d: d.update(consortium="-LZ"))))
    v.append(("approved without number", edit(apv, lambda d: d.pop("number"))))
    v.append(("approved with a blank number", edit(apv, lambda d: d.update(number="  "))))
    v.append(("waiver of a decision rule", edit(apv, lambda d: d.update(waivers=[{"rule": "RECOMMENDATION_MISSING", "reason": "x"}]))))
    v.append(("district 柳东新区", edit(rec, lambda d: d.update(district="柳东新区"))))
    v.append(("district code 450207", edit(rec, lambda d: d.update(district="450207"))))
    v.append(("change item with two keys", edit(chg, lambda d: d["changes"].append({"principal": "甲", "executive": "乙"}))))
    v.append(("change item with an unknown key", edit(chg, lambda d: d["changes"].append({"rename": "甲"}))))
    v.append(("empty change item", edit(chg, lambda d: d["changes"].append({}))))
    v.append(("notice of 31 hex digits", edit(ack, lambda d: d.update(notice=d["notice"][:31]))))
    v.append(("withdrawal document of 63 hex digits",
              dict(version=1, kind="Withdrawal", consortium="LZ-2025-003", date="2025-08-05", document="a" * 63, reason="x")))
    v.append(("incident ground not in the list",
              dict(version=1, kind="Incident", consortium="LZ-2025-002", date="2026-03-05", ground="fraud", description="x")))
    return v


def accepted_variants(docs):
    """(what, document) pairs the schema must accept: the contract's other allowed forms."""
    by_kind = {d["kind"]: d for d in docs.values()}
    rec, apv = by_kind["Recommendation"], by_kind["Approval"]
    return [
        ("district as code 450205", dict(rec, district="450205")),
        ("district 柳州市融水县", dict(rec, district="柳州市融水县")),
        ("district 450221 (柳江县)", dict(rec, district="450221")),
        ("rejected decision without number", {k: v for k, v in dict(apv, decision="rejected").items() if k != "number"}),
        ("Acknowledgement with a consortium", dict(by_kind["Acknowledgement"], consortium="LZ-2024-001", notice="ABCDEF0123456789abcdef0123456789")),
        ("Dissolution with approval", dict(version=1, kind="Dissolution", consortium="X", date="2025-01-01", reason="", approval="柳科函〔2025〕1号")),
    ]


def story_checks(paths, docs):
    spec = importlib.util.spec_from_file_location("make_uscc", os.path.join(ROOT, "scripts", "make-uscc.py"))
    mu = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mu)
    for p, d in docs.items():
        problems = []
        for where, value in mu.walk(d):
            if isinstance(value, str) and len(value) == 18 and mu.SHAPE.match(value) and not mu.valid(value):
                problems.append(f"{where}: bad check character")
        for m in mu.members_of(d):
            if "uscc" in m and mu.is_liuzhou(m["uscc"]) != m["liuzhou"]:
                problems.append(f"{m['name']}: liuzhou flag disagrees with {m['uscc'][2:8]}")
        if d["kind"] == "Application":
            ms = d["members"]
            count = lambda t: sum(m["type"] == t for m in ms)
            plats = d.get("platforms", [])
            want = dict(members=len(ms), enterprises=count("enterprise"), universities=count("university"),
                        institutes=count("institute"),
                        regionalPlatforms=sum(x["level"] in ("regional", "national") for x in plats),
                        municipalPlatforms=sum(x["level"] == "municipal" for x in plats))
            if d["declared"] != want:
                problems.append(f"declared {d['declared']} != lists {want}")
            ids = [m.get("uscc") or m.get("foreignId") for m in ms]
            signed = {s.get("uscc") or s.get("foreignId") for s in d["agreement"]["signatures"] if s["legalRep"] and s["seal"]}
            if set(ids) - signed:
                problems.append(f"unsigned: {set(ids) - signed}")
            if len(d["goal"]) > 500 or any(len(m["role"]) > 200 for m in ms):
                problems.append("text limits")
        report(not problems, f"story {rel(p)}" + ("" if not problems else ": " + "; ".join(problems)))
    hashes = {}
    for p in paths:
        with open(p, "rb") as f:
            hashes[hashlib.sha256(f.read()).hexdigest()] = p
    for p, d in docs.items():
        if d["kind"] == "Withdrawal":
            target = hashes.get(d["document"].lower())
            report(target is not None and docs[target]["consortium"] == d["consortium"],
                   f"story {rel(p)}: document is the SHA-256 of {rel(target) if target else 'NO EXAMPLE FILE'}")
        if d["kind"] == "Acknowledgement":
            found = None
            for q, c in docs.items():
                if c["kind"] == "Change":
                    nid = hashlib.sha256("\x1f".join([c["consortium"], "MAJOR_CHANGE", c["date"], "finding"]).encode()).hexdigest()[:32]
                    if nid == d["notice"].lower():
                        found = q
            report(found is not None, f"story {rel(p)}: notice {d['notice']} = MAJOR_CHANGE of {rel(found) if found else 'NO CHANGE'}")
        if p.endswith(".json"):
            twin = os.path.join(os.path.dirname(os.path.dirname(p)), os.path.basename(p)[:-5] + ".yaml")
            if os.path.exists(twin):
                report(load(twin) == d, f"story {rel(p)}: same document as {rel(twin)}")


def main(argv):
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    # The examples, and the Agreement (附件2 on its own, docs/word-forms.md) of the Word-form fixtures.
    paths = argv[1:] or sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))) + \
        sorted(glob.glob(os.path.join(ROOT, "examples", "*.json"))) + \
        [os.path.join(ROOT, "Tests", "Fixtures", "docx", "02-agreement.yaml")]
    docs = {}
    for p in paths:
        try:
            doc = load(p)
        except Exception as e:  # noqa: BLE001
            report(False, f"{rel(p)}: cannot load: {e}")
            continue
        errs = errors(validator, doc)
        report(not errs, f"{rel(p)}: {doc.get('kind')} {doc.get('consortium', '-')} {doc.get('date')}"
               + "".join("\n        " + describe(e) for e in errs))
        if not errs:
            docs[p] = doc
    if not argv[1:]:
        kinds = {d["kind"] for d in docs.values()}
        missing = set(schema["$defs"]["kind"]["enum"]) - kinds
        report(not missing, f"every kind has a valid example" + (f" (missing {sorted(missing)})" if missing else ""))
        for what, doc in broken_variants(docs):
            errs = errors(validator, doc)
            report(bool(errs), f"rejects {what}" + (f"  [{describe(errs[0])}]" if errs else "  (ACCEPTED)"))
        for what, doc in accepted_variants(docs):
            errs = errors(validator, doc)
            report(not errs, f"accepts {what}" + "".join("  [" + describe(e) + "]" for e in errs))
        story_checks(paths, docs)
    print(f"{'FAILED' if failures else 'passed'}: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
