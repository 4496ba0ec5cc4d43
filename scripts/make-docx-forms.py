#!/usr/bin/env python3
"""Writes the Word templates of 附件1 (组建申请表) and 附件2 (组建协议) and the .docx fixtures.

Standard library only: hand-written WordprocessingML in a zip with fixed timestamps, so the
output is byte-for-byte the same on every run (docs/word-forms.md).

    python3 scripts/make-docx-forms.py          # writes templates/ and Tests/Fixtures/docx/

templates/application-form.docx   附件1 (cover, 填表说明, the form, 审核意见) + 附表 规则核查补充信息
templates/agreement-form.docx     附件2 (cover, preamble, 一–八 with the signature table) + 附表 协议核查信息
Tests/Fixtures/docx/*.docx        filled fixtures, each with its equivalent YAML (*.yaml) or the
                                  rejection it must get (*.expected.txt)
"""
import copy
import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRID = 20            # grid columns of every table
TABLE_WIDTH = 9000   # twips (A4 with 2.5 cm margins leaves ~9070)
COL = TABLE_WIDTH // GRID
BOX_YES, BOX_NO = "☑", "☐"

# ---------------------------------------------------------------- WordprocessingML

def run(text, bold=False, size=None):
    props = "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"SimSun\"/>"
    if bold:
        props += "<w:b/>"
    if size:
        props += f"<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
    return f"<w:r><w:rPr>{props}</w:rPr><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>"


def para(text="", bold=False, size=None, align=None, page_break=False, indent=False, space_after=None):
    ppr = ""
    if page_break:
        ppr += "<w:pageBreakBefore/>"
    if space_after is not None:
        ppr += f"<w:spacing w:after=\"{space_after}\"/>"
    if indent:
        ppr += "<w:ind w:firstLine=\"480\"/>"
    if align:
        ppr += f"<w:jc w:val=\"{align}\"/>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run(text, bold, size) if text else ''}</w:p>"


def cell(text="", span=1, bold=False, align=None, min_lines=0):
    """One table cell; `text` lines become paragraphs (the reader joins them with "\\n")."""
    lines = text.split("\n") if text else [""]
    lines += [""] * max(0, min_lines - len(lines))
    body = "".join(para(line, bold=bold, align=align, space_after=0) for line in lines)
    grid = f"<w:gridSpan w:val=\"{span}\"/>" if span > 1 else ""
    return (f"<w:tc><w:tcPr><w:tcW w:w=\"{span * COL}\" w:type=\"dxa\"/>{grid}<w:vAlign w:val=\"center\"/></w:tcPr>"
            f"{body}</w:tc>")


def row(cells, height=None):
    trpr = f"<w:trPr><w:trHeight w:val=\"{height}\"/><w:cantSplit/></w:trPr>" if height else "<w:trPr><w:cantSplit/></w:trPr>"
    return "<w:tr>" + trpr + "".join(cells) + "</w:tr>"


def table(rows):
    borders = "".join(f"<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f"<w:gridCol w:w=\"{COL}\"/>" for _ in range(GRID))
    return (f"<w:tbl><w:tblPr><w:tblW w:w=\"{TABLE_WIDTH}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
            f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            f"<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def heading(text):
    """A row spanning the whole table (section heading)."""
    return row([cell(text, GRID, bold=True)], height=480)


def labelled(pairs):
    """A row of label/value pairs: one pair spans 6+14, two pairs 6+4+6+4."""
    spans = [(6, 14)] if len(pairs) == 1 else [(6, 4), (6, 4)]
    cells = []
    for (label, value), (ls, vs) in zip(pairs, spans):
        cells += [cell(label, ls, bold=True), cell(value, vs, align="center" if vs == 4 else None)]
    return row(cells, height=560)


def columns(values, spans, bold=False, height=420):
    return row([cell(v, s, bold=bold, align="center" if bold else None) for v, s in zip(values, spans)], height=height)


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/>
<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>
<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""


def core(title):
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            f"<dc:title>{escape(title)}</dc:title><dc:creator>柳州市科学技术局</dc:creator></cp:coreProperties>")


def write_docx(path, title, body):
    document = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body +
                "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                "<w:pgMar w:top=\"1440\" w:right=\"1418\" w:bottom=\"1440\" w:left=\"1418\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
                "</w:sectPr></w:body></w:document>")
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("docProps/core.xml", core(title)),
             ("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES), ("word/document.xml", document)]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))

# ---------------------------------------------------------------- the forms

MIN_TEAM_ROWS, MIN_PLATFORM_ROWS, MIN_MEMBER_ROWS, MIN_LEAD_ROWS, MIN_YEAR_ROWS = 10, 7, 10, 2, 6
TYPE_WORDS = {"enterprise": "企业", "university": "高等学校", "institute": "科研院所", "service": "服务机构", "other": "其他"}
LAYER_WORDS = {"lead": "牵头单位", "core": "核心层", "close": "紧密合作层", "general": "一般协作层"}
SECTOR_WORDS = {"manufacturing": "制造业", "services": "科技与信息服务业"}
LEVEL_WORDS = {"national": "国家级", "regional": "自治区级", "municipal": "市级"}
CLAUSES = [("goals", "技术创新目标", "二"), ("tasks", "任务分工", "三"), ("rights", "各成员单位的责任、权利与义务", "四"),
           ("dissolution", "联合体解散时各成员单位的权责分配", "四"), ("ip", "科技成果及知识产权归属", "五"),
           ("costs", "技术开发成本的承担", "四"), ("revenue", "转让、许可、咨询、服务等收益的分配", "五"),
           ("integrity", "科研诚信追究方式", "六"), ("liability", "违约责任追究方式", "七"), ("disputes", "争议解决方式", "七")]
YES_NO = f"{BOX_NO}是 {BOX_NO}否"


def yes_no(value):
    if value is None:
        return YES_NO
    return f"{BOX_YES}是 {BOX_NO}否" if value else f"{BOX_NO}是 {BOX_YES}否"


def cover(annex, title_lines, f, page_break=False):
    f = f or {}
    out = [para(annex, bold=True, size=32, page_break=page_break)] + [para()] * 3
    out += [para(line, bold=True, size=44, align="center") for line in title_lines]
    out += [para()] * 4
    for label, key, suffix in (("创新联合体名称：", "name", ""), ("产业领域：", "industry", ""), ("牵头单位：", "lead", "（盖章）"),
                               ("联 系 人：", "contact", ""), ("联系电话：", "phone", ""), ("填报日期：", "filed", "")):
        value = f.get(key, "") or ("    年   月   日" if key == "filed" else "_" * 24)
        out.append(para("        " + label + value + suffix, size=30))
    out += [para()] * 6
    out += [para("柳州市科学技术局", size=32, align="center"), para("2022年制", size=32, align="center")]
    return "".join(out)


def application_part(f):
    """附件1: cover, 填表说明, the form table with the three 审核意见 blocks, then the extra table."""
    f = f or {}
    out = cover("附件1", ["柳州市创新联合体", "组建申请表（模板）"], f.get("cover"))
    out += para("填表说明", bold=True, size=36, align="center", page_break=True)
    for line in ("一、联合体牵头单位须加盖法人公章。",
                 "二、产业领域指联合体所涉及我区传统特色优势产业、战略性新兴产业。",
                 "三、联合体内已建平台数量指所有成员单位在本产业领域已建成并正在运行的柳州市级及以上各类创新平台。",
                 "四、对联合体牵头单位、成员单位在行业（或领域）中地位、分工、合作基础、开展活动和取得的实效做简要说明。",
                 "五、联合体组建申请表需附《柳州市创新联合体组建协议》。",
                 "六、申请书一式三份，盖章后牵头单位、推荐单位、柳州市科技局各存一份。"):
        out += para(line, size=28, indent=True)
    out += para("柳州市创新联合体组建申请表", bold=True, size=36, align="center", page_break=True)
    g = f.get
    rows = [labelled([("联合体名称", g("name", ""))]),
            labelled([("联合体协议生效时间", g("agreementEffective", "年  月  日")), ("产业领域", g("industry", ""))]),
            labelled([("联合体牵头单位", g("leadName", ""))]),
            labelled([("联合体内已建相关自治区级及以上各类创新平台数量", g("regionalPlatforms", "")),
                      ("联合体内已建相关市级各类创新平台数量", g("municipalPlatforms", ""))]),
            labelled([("联系人", g("contactName", "")), ("电话", g("phone", ""))]),
            labelled([("成员总数（个）", g("members", "")), ("企业数量（个）", g("enterprises", ""))]),
            labelled([("高等学校数量（个）", g("universities", "")), ("研究机构数量（个）", g("institutes", ""))]),
            heading("一、技术创新目标（限500字）"),
            row([cell(g("goal", ""), GRID, min_lines=8)]),
            heading("二、科研团队情况")]
    five = [4, 4, 4, 4, 4]
    rows.append(columns(["姓名", "年龄", "职务/职称", "从事专业", "工作单位"], five, bold=True))
    team = g("team", [])
    rows += [columns(t, five) for t in team] + [columns([""] * 5, five)] * max(0, MIN_TEAM_ROWS - len(team))
    rows.append(heading("三、联合体已建市级及以上创新平台数量（含重点实验室、工程（技术）研究中心、企业技术创新中心等各类创新平台）"))
    rows.append(columns(["平台名称", "学科/产业领域", "市级及以上", "建设时间", "依托单位"], five, bold=True))
    platforms = g("platforms", [])
    rows += [columns(p, five) for p in platforms] + [columns([""] * 5, five)] * max(0, MIN_PLATFORM_ROWS - len(platforms))
    rows.append(heading("四、成员单位在行业（或领域）中地位的简要说明"))
    three = [2, 8, 10]
    rows.append(columns(["序号", "成员单位名称\n及统一社会信用代码", "在行业（或领域）中的地位，在联合体内分工（限200字）"], three, bold=True))
    members = g("memberRows", [])
    count = max(MIN_MEMBER_ROWS, len(members))
    rows += [columns([str(i + 1)] + (members[i] if i < len(members) else ["", ""]), three, height=720) for i in range(count)]
    rows.append(heading("五、联合体已具备的合作基础、开展活动和取得的实效"))
    rows.append(row([cell(g("basis", ""), GRID, min_lines=6)]))
    for who, seal in (("牵头单位审核意见", "牵头单位（盖章）："), ("县区科技主管部门审核意见：", "（盖章）"),
                      ("柳州市科学技术局审核意见：", "（盖章）")):
        text = "\n".join([who, "", "", "", " " * 40 + seal, " " * 44 + "年   月   日"])
        rows.append(row([cell(text, GRID)]))
    out += table(rows)
    out += extra_application_table(f.get("extra"))
    return out


def extra_application_table(x):
    """附表: what the form does not ask but the rules check (documents.md "Word forms")."""
    x = x or {}
    out = para("附表  规则核查补充信息", bold=True, size=32, align="center", page_break=True)
    out += para("本表填写申请表未列出、但组建条件（实施细则一、三、四）需要核查的信息，随申请表一并提交。"
                "勾选项请将“☐”改为“☑”，也可直接填写“是”或“否”。金额填写人民币元，可写“5亿元”“5,000万元”。", size=21)
    rows = [heading("一、基本信息"),
            labelled([("联合体编号", x.get("consortium", "")), ("填报日期", x.get("date", "  年  月  日"))]),
            heading("二、成员单位信息（每个成员单位一行，与申请表第四部分一致）")]
    spans = [2, 6, 4, 3, 3, 2]
    rows.append(columns(["序号", "成员单位名称", "统一社会信用代码\n（境外单位填国别代码:登记号）",
                         "单位类型\n（企业/高等学校/科研院所/服务机构/其他）", "层级\n（牵头单位/核心层/紧密合作层/一般协作层）",
                         "在柳州市内注册\n（是/否）"], spans, bold=True, height=900))
    members = x.get("members", [])
    count = max(MIN_MEMBER_ROWS, len(members))
    rows += [columns([str(i + 1)] + (members[i] if i < len(members) else [""] * 5), spans, height=560) for i in range(count)]
    rows.append(heading("三、牵头单位条件（每个牵头单位一行）"))
    four = [4, 4, 4, 4, 4]
    rows.append(columns(["牵头单位统一社会信用代码", "所属行业\n（制造业/科技与信息服务业）", "享受柳州市研发费用加计扣除",
                         "年主营业务收入（元）", "专职研发人员（人）"], four, bold=True, height=700))
    leads = x.get("leads", [])
    rows += [columns(l, four) for l in leads] + [columns(["", "", YES_NO, "", ""], four)] * max(0, MIN_LEAD_ROWS - len(leads))
    rows.append(heading("四、牵头单位近三个会计年度研究开发费用和销售收入"))
    quarter = [5, 5, 5, 5]
    rows.append(columns(["牵头单位统一社会信用代码", "会计年度", "研究开发费用（元）", "销售收入（元）"], quarter, bold=True))
    years = x.get("years", [])
    rows += [columns(y, quarter) for y in years] + [columns([""] * 4, quarter)] * max(0, MIN_YEAR_ROWS - len(years))
    rows.append(heading("五、组织机构与制度"))
    rows += [labelled([("决策机构", x.get("decision", ""))]), labelled([("咨询机构", x.get("advisory", ""))]),
             labelled([("常设执行机构", x.get("executive", ""))]),
             labelled([("常设执行机构工作人员（人）", x.get("executiveStaff", "")), ("建立经费管理制度", x.get("fundRules", YES_NO))])]
    rows.append(heading("六、首席专家"))
    rows += [labelled([("首席专家姓名", x.get("expertName", "")), ("职务/职称", x.get("expertTitle", ""))]),
             labelled([("首席专家工作单位", x.get("expertEmployer", ""))])]
    rows.append(heading("七、签章"))
    rows.append(labelled([("申请表已加盖牵头单位法人公章", x.get("leadSeal", YES_NO))]))
    return out + table(rows)


AGREEMENT_SECTIONS = [("二、技术创新目标", "goals"), ("三、任务具体分工", "tasks"),
                      ("四、各成员单位的责权利（明确创新联合体解散时各成员单位的权责分配）", "rights"),
                      ("五、科技成果、知识产权归属、许可使用和转化收益等分配办法", "ip"),
                      ("六、科研诚信追究方式", "integrity"), ("七、违约责任追究方式", "liability")]


def agreement_part(a, after_form=False):
    """附件2: cover, preamble, 一–八 with the signature table, then the 附表 协议核查信息."""
    a = a or {}
    out = cover("附件2", ["柳州市创新联合体组建协议", "（模板）"], a.get("cover"), page_break=after_form)
    industry = a.get("industryShort", "*****")
    out += para(f"为推动柳州市{industry}科技创新、技术进步和成果转化，依据柳州市{industry}产业目前实际情况和柳州市{industry}"
                f"重大科技专项要求，成立柳州市{a.get('nameShort', '*****')}创新联合体（以下简称联合体），经所有成员单位同意，"
                "签署联合组建协议，内容如下。", size=28, indent=True, page_break=True)
    out += para("一、参与单位", bold=True, size=28)
    for i, layer in enumerate(["牵头单位", "核心层单位", "紧密合作单位", "一般协作层单位"]):
        names = a.get("layers", {}).get(layer, "")
        out += para(f"{i + 1}. {layer}" + (f"：{names}" if names else ""), size=28, indent=True)
    for title, key in AGREEMENT_SECTIONS:
        out += para(title, bold=True, size=28)
        text = a.get("sections", {}).get(key, "")
        out += "".join(para(line, size=28, indent=True) for line in (text.split("\n") if text else ["", ""]))
    out += para("八、所有成员单位签章", bold=True, size=28)
    spans = [2, 7, 5, 3, 3]
    rows = [columns(["序号", "成员单位名称", "统一社会信用代码", "法定代表人签字", "加盖公章"], spans, bold=True)]
    signatures = a.get("signatures", [])
    count = max(MIN_MEMBER_ROWS, len(signatures))
    rows += [columns([str(i + 1)] + (signatures[i] if i < len(signatures) else ["", "", YES_NO, YES_NO]), spans, height=620)
             for i in range(count)]
    out += table(rows)
    out += para("附表  协议核查信息", bold=True, size=32, align="center", page_break=True)
    out += para("本表供核查组建协议是否包含实施细则四(二)要求的条款，并将本协议与同一联合体的组建申请表（附件1）对应。", size=21)
    rows = [labelled([("联合体编号", a.get("consortium", "")), ("填报日期", a.get("date", "  年  月  日"))]),
            heading("组建协议条款核对：协议中是否约定了下列事项"),
            columns(["条款", "协议中所在部分", "已约定（是/否）"], [10, 5, 5], bold=True)]
    ticks = a.get("clauses", {})
    for key, name, where in CLAUSES:
        rows.append(columns([name, where, ticks.get(key, YES_NO)], [10, 5, 5]))
    return out + table(rows)

# ---------------------------------------------------------------- the fixtures' data

def yaml_lines(value, indent=0):
    """A small YAML emitter: strings as JSON strings, `Date`s plain, ints plain."""
    pad = "  " * indent
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{k}:")
                out += yaml_lines(v, indent + 1)
            else:
                out.append(f"{pad}{k}: {scalar(v)}")
    else:
        for item in value:
            if not isinstance(item, (dict, list)):
                out.append(f"{pad}- {scalar(item)}")
                continue
            inner = yaml_lines(item, indent + 1)
            out.append(f"{pad}- {inner[0].strip()}")
            out += inner[1:]
    return out


class Date(str):
    pass


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) or isinstance(v, Date):
        return str(v)
    if isinstance(v, list):
        return "[]"
    return json.dumps(v, ensure_ascii=False)


LEAD = "91450205718263408H"
MEMBERS = [
    ("柳州市龙腾新能源汽车零部件股份有限公司", LEAD, "enterprise", "lead", True,
     "牵头单位。国内新能源汽车电驱动总成和热管理系统骨干供应商，配套整车企业十余家；负责联合体总体规划、攻关任务组织、中试验证和产业化。"),
    ("柳州华驰电驱动系统有限公司", "91450204765302182C", "enterprise", "core", True,
     "核心层。专注电机控制器和功率模块封装，负责SiC功率模块封装工艺和控制器开发。"),
    ("广西科技大学", "124502034980052706", "university", "core", True,
     "核心层。依托汽车与交通学院和广西汽车零部件与整车技术重点实验室，负责电驱动系统多物理场仿真、NVH分析和人才培养。"),
    ("柳州市汽车工程研究院", "124502024986153275", "institute", "core", True,
     "核心层。负责轻量化壳体材料与工艺研究，运行柳州市汽车轻量化技术创新中心。"),
    ("广西大学", "12450100498006345Y", "university", "close", False, "紧密合作层。负责高能量密度电池热失控机理与热管理控制策略研究。"),
    ("中国科学院电工研究所", "12110108400019528R", "institute", "close", False, "紧密合作层。负责高速永磁电机电磁设计和新型绝缘材料评价。"),
    ("柳州市精工模具有限公司", "91450206791317062T", "enterprise", "close", True, "紧密合作层。负责电驱动壳体一体化压铸模具设计制造。"),
    ("广西锂安电池科技有限公司", "91450100MA5K9Q3DXN", "enterprise", "general", False, "一般协作层。提供电池包样件和热管理系统联合测试条件。"),
    ("柳州市产品质量检验检测研究中心", "12450202498617891L", "service", "general", True, "一般协作层。负责电驱动总成及零部件的检验检测和标准验证服务。"),
    ("斯图加特车辆驱动技术研究所（Institut für Fahrzeugantriebe Stuttgart e.V.）", "DE:VR 12345", "institute", "general", False,
     "一般协作层。开展电驱动系统效率测试方法国际合作和联合培养。"),
]
PLATFORMS = [
    ("柳州市新能源汽车电驱动工程技术研究中心", "engineeringCenter", "新能源汽车电驱动系统", "municipal", "2019-06", LEAD),
    ("广西壮族自治区企业技术中心（柳州市龙腾新能源汽车零部件股份有限公司）", "enterpriseTechCenter", "新能源汽车关键零部件", "regional", "2021-11-18", LEAD),
    ("广西汽车零部件与整车技术重点实验室", "keyLab", "汽车零部件与整车技术", "regional", "2015-12", "124502034980052706"),
    ("柳州市汽车轻量化技术创新中心", "techInnovationCenter", "汽车轻量化材料与工艺", "municipal", "2022-09-30", "124502024986153275"),
]
TEAM = [("韦志明", 52, "总工程师/正高级工程师", "电机与电力电子", "柳州市龙腾新能源汽车零部件股份有限公司"),
        ("覃海燕", 46, "教授", "车辆工程", "广西科技大学"),
        ("黄志坚", 41, "高级工程师", "功率半导体封装", "柳州华驰电驱动系统有限公司"),
        ("莫晓东", 38, "研究员", "轻量化材料", "柳州市汽车工程研究院")]
YEARS = [(2021, 112000000, 3210000000), (2022, 131000000, 3540000000), (2023, 149000000, 3860000000)]
GOAL = ("围绕新能源汽车电驱动系统“卡脖子”环节，三年内突破高功率密度电驱动总成、SiC功率模块封装、一体化压铸壳体和整车热管理四项关键核心技术："
        "电驱动总成功率密度达到2.8kW/kg，系统最高效率不低于97%，SiC模块国产化并实现装车应用；制定团体标准3项，申请发明专利30项以上；"
        "建成电驱动中试验证平台1个，带动柳州市新能源汽车零部件本地配套率提高10个百分点，培育高层次研发人才50名。")
BASIS = "牵头单位与广西科技大学共建研究生联合培养基地8年，与柳州华驰、柳州市汽车工程研究院联合承担自治区科技重大专项1项、市级科技计划项目4项，共同申请发明专利21项。"
GOVERNANCE = ("理事会（由全体核心层单位组成，牵头单位任理事长单位）", "专家咨询委员会（首席专家任主任）",
              "联合体秘书处（设在柳州市龙腾新能源汽车零部件股份有限公司技术中心）", 5)

# How people type the values (the compliant combined fixture).
TYPED_COUNTS = {"members": "十", "enterprises": "４", "universities": "2个", "institutes": " 3 ", "regionalPlatforms": "二",
                "municipalPlatforms": "2"}
TYPED_REVENUE = "38.6亿元"
TYPED_STAFF = "326人"
TYPED_YEARS = [("2021年", "1.12亿元", "32.1亿"), ("2022", "13,100万元", "35.4亿元"), ("２０２３年度", "149000000元", "3,860,000,000")]
TYPED_BUILT = ["2019.6", "2021年11月18日", "2015年12月", "2022-9-30"]
TYPED_LEVEL = ["市级", "自治区级", "自治区级", "市级"]
TYPED_AGES = ["52", "46岁", "41", "３８"]


def scenario(key="LZ-2024-001", drop_members=(), blank=(), typed=True):
    """The consortium of examples/01 as (application dict for YAML, form values, agreement values)."""
    members = [m for i, m in enumerate(MEMBERS) if i not in drop_members]
    member_ids = {m[1] for m in members}
    platforms = [p for p in PLATFORMS if p[5] in member_ids]
    count = lambda pred: sum(1 for m in members if pred(m))
    declared = {"members": len(members), "enterprises": count(lambda m: m[2] == "enterprise"),
                "universities": count(lambda m: m[2] == "university"), "institutes": count(lambda m: m[2] == "institute"),
                "regionalPlatforms": sum(1 for p in platforms if p[3] != "municipal"),
                "municipalPlatforms": sum(1 for p in platforms if p[3] == "municipal")}
    app = {"version": 1, "kind": "Application", "consortium": key, "date": Date("2024-03-01"),
           "name": "柳州市新能源汽车关键零部件创新联合体", "industry": "新能源及智能汽车", "agreementEffective": Date("2024-02-26"),
           "contact": {"name": "蒙丽华", "phone": "0772-2610702"}}
    app["members"] = []
    for name, uscc, mtype, layer, liuzhou, role in members:
        entry = {"name": name}
        if uscc.startswith("DE:"):
            entry.update({"country": "DE", "foreignId": uscc})
        else:
            entry["uscc"] = uscc
        entry.update({"type": mtype, "layer": layer, "liuzhou": liuzhou, "role": role})
        app["members"].append(entry)
    app["declared"] = declared
    app["leads"] = [{"uscc": LEAD, "sector": "manufacturing", "rdDeduction": True, "revenue": 3860000000, "rdStaff": 326,
                     "fiscalYears": [{"year": y, "rdExpense": e, "sales": s} for y, e, s in YEARS]}]
    app["platforms"] = [{"name": n, "type": t, "field": f, "level": l,
                         "built": Date(b) if len(b) > 7 else b, "host": h} for n, t, f, l, b, h in platforms]
    app["goal"] = GOAL
    app["team"] = [{"name": n, "age": a, "title": t, "specialty": s, "employer": e} for n, a, t, s, e in TEAM]
    app["chiefExpert"] = {"name": "覃海燕", "employer": "广西科技大学", "title": "教授、博士生导师"}
    app["governance"] = {"decision": GOVERNANCE[0], "advisory": GOVERNANCE[1], "executive": GOVERNANCE[2],
                         "executiveStaff": GOVERNANCE[3], "fundRules": True}
    sig = lambda u: {"foreignId": u} if u.startswith("DE:") else {"uscc": u}
    app["agreement"] = {"clauses": [c[0] for c in CLAUSES],
                        "signatures": [dict(sig(m[1]), legalRep=True, seal=True) for m in members]}
    app["basis"] = BASIS
    app["leadSeal"] = True

    name_of = {m[1]: m[0] for m in MEMBERS}
    typed_count = lambda k: TYPED_COUNTS[k] if typed and len(members) == len(MEMBERS) else str(declared[k])
    form = {"cover": {"name": app["name"], "industry": app["industry"], "lead": name_of[LEAD], "contact": "蒙丽华",
                      "phone": "0772-2610702", "filed": "2024年3月1日"},
            "name": app["name"], "agreementEffective": "2024年2月26日" if typed else "2024-02-26", "industry": "新能源及智能汽车 ",
            "leadName": name_of[LEAD], "contactName": "蒙 丽华" if typed else "蒙丽华",
            "phone": "０７７２－２６１０７０２" if typed else "0772-2610702",
            "goal": GOAL, "basis": BASIS}
    for k in declared:
        form[k] = typed_count(k)
    form["team"] = [[n, TYPED_AGES[i] if typed else str(a), t, s, e] for i, (n, a, t, s, e) in enumerate(TEAM)]
    form["platforms"] = [[n, f, TYPED_LEVEL[PLATFORMS.index(p)] if typed else LEVEL_WORDS[l],
                          TYPED_BUILT[PLATFORMS.index(p)] if typed else b, name_of[h]]
                         for p in platforms for (n, t, f, l, b, h) in [p]]
    form["memberRows"] = [[f"{m[0]}\n{m[1]}", m[5]] for m in members]
    extra = {"consortium": key, "date": "2024.3.1" if typed else "2024-03-01",
             "members": [[m[0], m[1], TYPE_WORDS[m[2]] if m[2] != "university" or not typed else "高校",
                          LAYER_WORDS[m[3]] if m[3] != "lead" or not typed else "牵头",
                          (BOX_YES if m[4] else "否") if typed else ("是" if m[4] else "否")] for m in members],
             "leads": [[LEAD, "制造业", yes_no(True), TYPED_REVENUE if typed else "3860000000", TYPED_STAFF if typed else "326"]],
             "years": [[LEAD] + (list(TYPED_YEARS[i]) if typed else [str(y), str(e), str(s)]) for i, (y, e, s) in enumerate(YEARS)],
             "decision": GOVERNANCE[0], "advisory": GOVERNANCE[1], "executive": GOVERNANCE[2],
             "executiveStaff": "五" if typed else "5", "fundRules": yes_no(True),
             "expertName": "覃海燕", "expertTitle": "教授、博士生导师", "expertEmployer": "广西科技大学", "leadSeal": yes_no(True)}
    form["extra"] = extra
    for path in blank:
        where, field = path
        if where == "extra":
            extra[field] = "" if field not in ("fundRules", "leadSeal") else YES_NO
        elif where == "member":
            extra["members"][field[0]][field[1]] = ""
        else:
            form[field] = ""
    layers = {}
    for m in members:
        layers.setdefault({"lead": "牵头单位", "core": "核心层单位", "close": "紧密合作单位", "general": "一般协作层单位"}[m[3]], []).append(m[0])
    agreement = {"cover": form["cover"], "industryShort": "新能源汽车关键零部件", "nameShort": "新能源汽车关键零部件",
                 "layers": {k: "、".join(v) for k, v in layers.items()},
                 "sections": {"goals": GOAL,
                              "tasks": "牵头单位负责总体规划和中试验证；核心层单位分别承担功率模块封装、多物理场仿真和轻量化材料攻关；紧密合作单位承担专项研究；一般协作层单位提供测试、检测和国际合作支撑。",
                              "rights": "各成员单位按分工投入人员、设备和经费，技术开发成本由承担任务的单位按任务书约定比例承担，享有相应成果权益。\n联合体解散时，已投入的共用设备归出资单位所有，未完成任务由理事会协商移交。",
                              "ip": "联合攻关形成的科技成果和知识产权归完成单位共有，按贡献比例分配；许可他人使用或转让的收益、技术咨询和服务收益按投入比例分配。",
                              "integrity": "成员单位及其科研人员发生科研失信行为的，由理事会责令改正，情节严重的取消其成员资格，并报有关部门依规处理。",
                              "liability": "成员单位违反本协议约定的，应赔偿其他成员单位因此遭受的损失。\n因本协议发生争议的，由各方协商解决；协商不成的，提交柳州仲裁委员会仲裁。"},
                 "signatures": [[m[0], m[1], "已签" if typed and i % 2 else BOX_YES, BOX_YES if not typed or i % 3 else "是"]
                                for i, m in enumerate(members)],
                 "consortium": key, "date": "2024年3月1日" if typed else "2024-03-01",
                 "clauses": {c[0]: yes_no(True) for c in CLAUSES}}
    return app, form, agreement


def write_yaml(path, doc, comment):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {comment}\n" + "\n".join(yaml_lines(doc)) + "\n")


def main():
    templates = os.path.join(ROOT, "templates")
    write_docx(os.path.join(templates, "application-form.docx"), "柳州市创新联合体组建申请表（模板）", application_part(None))
    write_docx(os.path.join(templates, "agreement-form.docx"), "柳州市创新联合体组建协议（模板）", agreement_part(None))
    out = os.path.join(ROOT, "Tests", "Fixtures", "docx")
    os.makedirs(out, exist_ok=True)
    title = "柳州市创新联合体组建申请表"

    # 1. Compliant: 附件1 + 附件2 in one file, typed the way people type.
    app, form, agreement = scenario()
    write_docx(os.path.join(out, "01-combined.docx"), title, application_part(form) + agreement_part(agreement, True))
    write_yaml(os.path.join(out, "01-combined.yaml"), app, "equivalent of 01-combined.docx (附件1 + 附件2 in one file): examples/01's Application")

    # 2. The same as two files: 附件1 alone, then 附件2 alone (either order).
    write_docx(os.path.join(out, "02-form.docx"), title, application_part(form))
    write_docx(os.path.join(out, "02-agreement.docx"), "柳州市创新联合体组建协议", agreement_part(agreement))
    write_yaml(os.path.join(out, "02-pair.yaml"), app, "equivalent of 02-form.docx + 02-agreement.docx together")

    # 3. An unreadable count: rejected, naming the table and the row.
    _, form3, agreement3 = scenario(key="LZ-2024-103")
    form3["members"] = "约十个"
    write_docx(os.path.join(out, "03-unreadable-count.docx"), title, application_part(form3) + agreement_part(agreement3, True))
    with open(os.path.join(out, "03-unreadable-count.expected.txt"), "w", encoding="utf-8") as f:
        f.write("rejected: 附件1 申请表「成员总数（个）」: 无法识别的数量 `约十个`\n")

    # 4. Values missing from the extra table (and no 附件2): NOT_PROVIDED findings.
    app4, form4, _ = scenario(key="LZ-2024-104", blank=[("member", (4, 2)), ("extra", "fundRules")])
    write_docx(os.path.join(out, "04-not-provided.docx"), title, application_part(form4))
    write_yaml(os.path.join(out, "04-not-provided.yaml"), app4,
               "the complete data of 04-not-provided.docx; the .docx leaves members[4].type, governance.fundRules and agreement "
               "empty: NOT_PROVIDED for each, and the rules needing them are not judged")

    # 5. A rule violation: six members (MEMBERS_MIN), counts declared accordingly.
    app5, form5, agreement5 = scenario(key="LZ-2024-105", drop_members=(4, 5, 7, 9))
    write_docx(os.path.join(out, "05-too-few-members.docx"), title, application_part(form5) + agreement_part(agreement5, True))
    write_yaml(os.path.join(out, "05-too-few-members.yaml"), app5, "equivalent of 05-too-few-members.docx")

    # 6. An 附件2 missing a legal representative's signature and the 争议解决 clause.
    app6, form6, agreement6 = scenario(key="LZ-2024-106")
    agreement6["signatures"][2][2] = BOX_NO
    agreement6["clauses"]["disputes"] = yes_no(False)
    app6["agreement"]["signatures"][2]["legalRep"] = False
    app6["agreement"]["clauses"].remove("disputes")
    write_docx(os.path.join(out, "06-unsigned.docx"), title, application_part(form6) + agreement_part(agreement6, True))
    write_yaml(os.path.join(out, "06-unsigned.yaml"), app6, "equivalent of 06-unsigned.docx")
    print("wrote templates/application-form.docx, templates/agreement-form.docx and", len(os.listdir(out)), "files in Tests/Fixtures/docx/")


if __name__ == "__main__":
    sys.exit(main())
