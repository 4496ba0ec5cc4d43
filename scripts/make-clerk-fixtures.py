#!/usr/bin/env python3
"""Word forms as clerks and office suites make them: fixtures saved by real LibreOffice.

Builds variants of the filled forms of scripts/make-docx-forms.py the way clerks fill them in Word,
WPS and LibreOffice (ticks after their label, Wingdings ticks as symbols, as private-use text and as
"R"/"£" typed in Wingdings 2, legacy FORMCHECKBOX fields, content-control check boxes, automatic
numbering, `七．` headings, a heading and its text in one paragraph, 任务分工 as a table, a missing
cover line, split tables, an auto-updating DATE field, hidden text, ambiguous ticks, mistyped
consortium keys), then saves each through LibreOffice (`soffice --headless --convert-to docx`),
and converts the combined form to PDF, RTF, JPEG, ODT and .doc — the files that are not Word forms.

    python3 scripts/make-clerk-fixtures.py      # writes Tests/Fixtures/docx/clerk/ (needs soffice, pdftoppm)

Each file's expectation is in Tests/Fixtures/docx/clerk/expected.json: the document it decodes to
(a YAML file) or the texts its rejection must contain. LibreOffice stamps its output (dates, ids),
so a re-run rewrites the files with other bytes and the same content (docs/word-forms.md).
"""
import copy
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "docx", "clerk")

spec = importlib.util.spec_from_file_location("forms", os.path.join(ROOT, "scripts", "make-docx-forms.py"))
forms = importlib.util.module_from_spec(spec)
spec.loader.exec_module(forms)

# ---------------------------------------------------------------- inline markup: ⟦kind:args⟧

ORIGINAL_RUN, ORIGINAL_PARA, ORIGINAL_TABLE = forms.run, forms.para, forms.table
MARK = re.compile(r"⟦([a-z]+):([^⟧]*)⟧")


def field_checkbox(checked):
    state = "<w:checked/>" if checked else ""
    return ("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"\"/><w:enabled/><w:calcOnExit w:val=\"0\"/>"
            f"<w:checkBox><w:sizeAuto/><w:default w:val=\"0\"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>"
            "<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")


def control_checkbox(checked):
    glyph = "☒" if checked else "☐"
    return (f"<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"{1 if checked else 0}\"/>"
            "<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/>"
            "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/>"
            f"</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>")


def special(kind, args):
    if kind == "sym":
        font, char = args.split(":")
        return f"<w:r><w:sym w:font=\"{font}\" w:char=\"{char}\"/></w:r>"
    if kind == "font":
        font, text = args.split(":", 1)
        return (f"<w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\"/></w:rPr>"
                f"<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>")
    if kind == "ffbox":
        return field_checkbox(args == "1")
    if kind == "sdtbox":
        return control_checkbox(args == "1")
    if kind == "hide":
        return f"<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space=\"preserve\">{escape(args)}</w:t></w:r>"
    if kind == "date":
        return ("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy年M月d日\" </w:instrText></w:r>"
                f"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{escape(args)}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    raise ValueError(kind)


def run(text, bold=False, size=None):
    out, last = "", 0
    for m in MARK.finditer(text):
        if m.start() > last:
            out += ORIGINAL_RUN(text[last:m.start()], bold, size)
        if m.group(1) != "num":
            out += special(m.group(1), m.group(2))
        last = m.end()
    if last < len(text):
        out += ORIGINAL_RUN(text[last:], bold, size)
    return out


# How the current variant rewrites paragraphs (the agreement's headings, the cover line) and tables.
VARIANT = {}


def para(text="", **kwargs):
    rewrite = VARIANT.get("paragraphs", {})
    if text in rewrite:
        text = rewrite[text]
        if text is None:
            return ""
    after = ""
    if isinstance(text, tuple):
        text, after = text
    m = re.match(r"⟦num:(\d+):(\d+)⟧", text or "")
    xml = ORIGINAL_PARA(text[m.end():] if m else text, **kwargs)
    if m:
        xml = xml.replace("<w:pPr>", f"<w:pPr><w:numPr><w:ilvl w:val=\"{m.group(2)}\"/><w:numId w:val=\"{m.group(1)}\"/></w:numPr>", 1)
    return xml + after


def table(rows):
    split = VARIANT.get("split")
    if split and not VARIANT.get("split_done") and len(rows) > 40:
        VARIANT["split_done"] = True
        at, between = split
        return ORIGINAL_TABLE(rows[:at]) + ORIGINAL_PARA(between) + ORIGINAL_TABLE(rows[at:])
    return ORIGINAL_TABLE(rows)


forms.run, forms.para, forms.table = run, para, table

NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>\
<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>\
<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>\
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""


def write_docx(path, title, body, numbering=False):
    """make-docx-forms.py's writer, with the w14 namespace for content controls and an optional numbering part."""
    document = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
                "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"w14\"><w:body>"
                + body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                "<w:pgMar w:top=\"1440\" w:right=\"1418\" w:bottom=\"1440\" w:left=\"1418\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
                "</w:sectPr></w:body></w:document>")
    content_types, doc_rels = forms.CONTENT_TYPES, forms.DOC_RELS
    parts = [("word/document.xml", document)]
    if numbering:
        content_types = content_types.replace("</Types>", "<Override PartName=\"/word/numbering.xml\" ContentType="
                                              "\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/></Types>")
        doc_rels = doc_rels.replace("</Relationships>", "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
                                    "officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>")
        parts.append(("word/numbering.xml", NUMBERING))
    parts += [("[Content_Types].xml", content_types), ("_rels/.rels", forms.RELS), ("docProps/core.xml", forms.core(title)),
              ("word/_rels/document.xml.rels", doc_rels), ("word/styles.xml", forms.STYLES)]
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))

# ---------------------------------------------------------------- the variants

TITLE = "柳州市创新联合体组建申请表"
HEADINGS_1 = ["一、技术创新目标（限500字）", "二、科研团队情况",
              "三、联合体已建市级及以上创新平台数量（含重点实验室、工程（技术）研究中心、企业技术创新中心等各类创新平台）",
              "四、成员单位在行业（或领域）中地位的简要说明", "五、联合体已具备的合作基础、开展活动和取得的实效"]
HEADINGS_2 = ["一、参与单位"] + [t for t, _ in forms.AGREEMENT_SECTIONS] + ["八、所有成员单位签章"]


def ticks(form, agreement, yes, no, signed=None):
    """Every yes/no cell of the scenario written with `yes(True/False)` / `no` layouts."""
    x = form["extra"]
    for m in x["members"]:
        m[4] = yes if m[4] in (forms.BOX_YES, "是") else no
    x["leads"][0][2] = yes
    x["fundRules"] = yes
    x["leadSeal"] = yes
    agreement["clauses"] = {k: yes for k in agreement["clauses"]}
    if signed:
        for s in agreement["signatures"]:
            s[2] = s[3] = signed


def combined(form, agreement, numbering=False):
    return forms.application_part(form) + forms.agreement_part(agreement, True)


def variants():
    """(name, build(form, agreement) -> body, numbering, expectation) for each .docx fixture."""
    out = []

    def add(name, mutate=None, variant=None, numbering=False, expect=None, only=None):
        out.append((name, mutate, variant or {}, numbering, expect or {"document": "../01-combined.yaml"}, only))

    def after_label(f, a):
        ticks(f, a, "是☑ 否☐", "是☐ 否☑")
        x = f["extra"]
        x["fundRules"] = "是☑否☐"
        x["leadSeal"] = "是 ☑ 否 ☐"
        for i, m in enumerate(x["members"]):
            m[4] = ("是☑ 否" if i % 2 else "是 ☑ 否 ☐") if m[4] == "是☑ 否☐" else "是 否☑"
        a["clauses"] = {k: ("是☑ 否" if i % 2 else "是☑否☐") for i, k in enumerate(a["clauses"])}
        x["leads"][0][3] = "38.6亿元人民币"
    add("21-ticks-after-label", after_label)

    sym_yes = "⟦sym:Wingdings 2:F052⟧是 ⟦sym:Wingdings 2:F0A3⟧否"
    sym_no = "⟦sym:Wingdings:F0A8⟧是 ⟦sym:Wingdings:F0FE⟧否"
    add("22-wingdings-symbols", lambda f, a: ticks(f, a, sym_yes, sym_no, "⟦sym:Wingdings:F0FE⟧"))
    typed = lambda f, a: ticks(f, a, "是⟦font:Wingdings 2:R⟧ 否⟦font:Wingdings 2:£⟧", "是⟦font:Wingdings 2:£⟧ 否⟦font:Wingdings 2:R⟧",
                               "⟦font:Wingdings 2:R⟧")
    add("24-wingdings2-typed-R", typed)
    add("25-formcheckbox", lambda f, a: ticks(f, a, "⟦ffbox:1⟧是 ⟦ffbox:0⟧否", "⟦ffbox:0⟧是 ⟦ffbox:1⟧否", "⟦ffbox:1⟧"))
    add("26-content-control-checkbox", lambda f, a: ticks(f, a, "⟦sdtbox:1⟧是 ⟦sdtbox:0⟧否", "⟦sdtbox:0⟧是 ⟦sdtbox:1⟧否", "⟦sdtbox:1⟧"))

    numbered = {h: f"⟦num:1:0⟧{h[2:]}" for h in HEADINGS_1}
    numbered.update({h: f"⟦num:2:0⟧{h[2:]}" for h in HEADINGS_2})
    add("27-automatic-numbering", variant={"paragraphs": numbered}, numbering=True)

    def heading_variants(f, a):
        a["sections"]["goals"] = ""
        a["sections"]["tasks"] = ""
    task_table = ORIGINAL_TABLE([forms.columns(["成员单位", "承担任务"], [6, 14], bold=True)] + [
        forms.columns([u, t], [6, 14]) for u, t in [
            ("牵头单位", "总体规划、攻关任务组织、中试验证和产业化"), ("核心层单位", "功率模块封装、多物理场仿真和轻量化材料攻关"),
            ("紧密合作单位", "专项研究"), ("一般协作层单位", "测试、检测和国际合作支撑")]])
    dotted = {h: h[0] + "．" + h[2:] for h in HEADINGS_2}
    dotted["二、技术创新目标"] = "二．技术创新目标：" + forms.GOAL
    dotted["三、任务具体分工"] = ("三．任务具体分工", task_table)
    add("28-heading-variants", heading_variants, {"paragraphs": dotted})

    add("29-no-cover-line", variant={"paragraphs": {"附件1": None}})
    add("30-agreement-no-cover-line", variant={"paragraphs": {"附件2": None}}, expect={"document": "../02-agreement.yaml"},
        only="agreement")
    add("31-split-table", variant={"split": (20, "")})
    add("32-split-table-with-text", variant={"split": (20, "（续表）")},
        expect={"rejected": ["申请表被拆成了不止一个表格", "（续表）", "合并为一张表格"], "count": 1})

    def date_field(f, a):
        f["extra"]["date"] = "⟦date:2024年3月1日⟧"
    add("33-date-field", date_field, expect={"rejected": ["附表 规则核查补充信息「填报日期」", "自动更新的日期域", "请删除该域，直接键入日期"], "count": 1})

    def hidden(f, a):
        f["members"] = "十⟦hide:（原填12）⟧"
        f["contactName"] = "蒙丽华⟦hide:（待定）⟧"
        f["extra"]["fundRules"] = "☑是 ⟦hide:☑⟧☐否"
    add("34-hidden-text", hidden)

    def ambiguous(f, a):
        f["extra"]["fundRules"] = "是 ☑ 否"
    add("35-ambiguous-tick", ambiguous, expect={"rejected": ["「建立经费管理制度」", "无法判断勾选的是哪一项 `是 ☑ 否`"], "count": 1})

    def lower_key(f, a):
        f["extra"]["consortium"] = a["consortium"] = "lz-2024-001"
    add("36-key-lowercase", lower_key, expect={"rejected": ["`lz-2024-001` 不是联合体编号的写法：是否应为 `LZ-2024-001`？"], "count": 2})

    def spaced_key(f, a):
        f["extra"]["consortium"] = a["consortium"] = "LZ 2024 001"
    add("37-key-spaces", spaced_key, expect={"rejected": ["`LZ 2024 001` 不是联合体编号的写法：是否应为 `LZ-2024-001`？"], "count": 2})

    def clause_part(f, a):
        VARIANT["clauses"] = [c if c[0] != "disputes" else (c[0], c[1], "无") for c in forms.CLAUSES]
        a["sections"]["ip"] = "无"
    add("38-clause-part-empty", clause_part, expect={"document": "38-clause-part-empty.yaml"})
    return out


def soffice(args, cwd):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        return subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless"] + args, cwd=cwd, check=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        sys.exit("soffice or pdftoppm not found: apt-get install libreoffice-writer-nogui poppler-utils")
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    expected = []
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for name, mutate, variant, numbering, expect, only in variants():
            VARIANT.clear()
            VARIANT.update(copy.deepcopy(variant))
            app, form, agreement = forms.scenario()
            if mutate:
                mutate(form, agreement)
            saved_clauses = forms.CLAUSES
            forms.CLAUSES = VARIANT.get("clauses", saved_clauses)
            if only == "agreement":
                body = forms.agreement_part(agreement)
            else:
                body = combined(form, agreement)
            forms.CLAUSES = saved_clauses
            src = os.path.join(tmp, name + ".docx")
            write_docx(src, TITLE, body, numbering)
            sources.append(src)
            expected.append(dict(file=name + ".docx", **expect))
            if name == "38-clause-part-empty":
                app["agreement"]["clauses"] = [c for c in app["agreement"]["clauses"] if c not in ("disputes", "ip", "revenue")]
                forms.write_yaml(os.path.join(OUT, name + ".yaml"), app,
                                 "equivalent of 38-clause-part-empty.docx: 争议解决方式 ticked but its 协议中所在部分 is 无, and part 五 "
                                 "says 无 (科技成果及知识产权归属, 收益的分配): those clauses do not count")
            if name == "22-wingdings-symbols":
                # Word's own save (w:sym) is kept as made; LibreOffice's save of it is 23.
                shutil.copy(src, os.path.join(OUT, name + ".docx"))
        # Every other variant as LibreOffice saves it.
        lo_out = os.path.join(tmp, "lo")
        soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", lo_out] + [s for s in sources if "22-" not in s], tmp)
        for src in sources:
            base = os.path.basename(src)
            if base.startswith("22-"):
                continue
            shutil.copy(os.path.join(lo_out, base), os.path.join(OUT, base))
        # 23: the Wingdings symbols after a LibreOffice save (private-use text in the symbol fonts).
        sym = [s for s in sources if "22-" in s][0]
        shutil.copy(sym, os.path.join(tmp, "23-wingdings-private-use.docx"))
        soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", lo_out, "23-wingdings-private-use.docx"], tmp)
        shutil.copy(os.path.join(lo_out, "23-wingdings-private-use.docx"), OUT)
        expected.insert(2, {"file": "23-wingdings-private-use.docx", "document": "../01-combined.yaml"})

        # Files that are not Word forms, converted from the combined form (and the agreement alone).
        combined_src = os.path.join(ROOT, "Tests", "Fixtures", "docx", "01-combined.docx")
        agreement_src = os.path.join(ROOT, "Tests", "Fixtures", "docx", "02-agreement.docx")
        foreign = [("40-form.pdf", "pdf", agreement_src, ["这是 PDF 文件", "templates/"]),
                   ("41-form.rtf", "rtf", combined_src, ["这是 RTF 文件", "另存为"]),
                   ("42-scan.jpg", "jpg", agreement_src, ["这是 JPEG 图片（扫描件或照片）", "无法识别其中的文字"]),
                   ("43-form.odt", "odt", combined_src, ["这是 OpenDocument 文本（.odt）", "Word 2007-365 (.docx)"]),
                   ("44-form.doc", "doc:MS Word 97", combined_src, ["旧版 Word 97-2003 .doc", "另存为"])]
        for name, target, src, texts in foreign:
            stem = os.path.splitext(name)[0]
            shutil.copy(src, os.path.join(tmp, stem + ".docx"))
            if target == "jpg":
                # A scan: the first page rendered (Writer has no image export without Draw).
                soffice(["--convert-to", "pdf", "--outdir", tmp, stem + ".docx"], tmp)
                subprocess.run(["pdftoppm", "-r", "50", "-jpeg", "-singlefile", os.path.join(tmp, stem + ".pdf"),
                                os.path.join(lo_out, stem)], check=True)
                shutil.copy(os.path.join(lo_out, stem + ".jpg"), os.path.join(OUT, name))
                expected.append({"file": name, "rejected": texts, "count": 1})
                continue
            soffice(["--convert-to", target, "--outdir", lo_out, stem + ".docx"], tmp)
            produced = [f for f in os.listdir(lo_out) if f.startswith(stem + ".") and not f.endswith(".docx")]
            if not produced:
                sys.exit(f"soffice did not convert {stem}.docx to {target}: {sorted(os.listdir(lo_out))}")
            produced = produced[0]
            shutil.copy(os.path.join(lo_out, produced), os.path.join(OUT, name))
            expected.append({"file": name, "rejected": texts, "count": 1})
    expected.sort(key=lambda e: e["file"])
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", len(expected), "fixtures and expected.json in", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    sys.exit(main())
