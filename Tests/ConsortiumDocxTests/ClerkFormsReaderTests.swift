import ConsortiumDocxSamples
import Testing

@testable import ConsortiumDocx

/// What office suites and clerks put into forms, read as the text a clerk sees
/// (docs/word-forms.md, "Ticks" and "Headings").
@Suite struct ClerkFormsReaderTests {
    static func run(_ text: String, font: String? = nil, hidden: Bool = false) -> String {
        var properties = ""
        if let font { properties += "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\"/>" }
        if hidden { properties += "<w:vanish/>" }
        return "<w:r><w:rPr>\(properties)</w:rPr><w:t xml:space=\"preserve\">\(text)</w:t></w:r>"
    }

    static func paragraphs(_ body: String, extra: [(String, [UInt8])] = []) throws -> [String] {
        try DocxReader.read(SampleDocx.zip(SampleDocx.parts(documentXML: SampleDocx.document(body: body)) + extra)).paragraphs
    }

    @Test func symbolFontsAsSymbolsAndAsText() throws {
        let body = [
            // Word's own save: w:sym with its font.
            "<w:p>\(Self.run("是"))<w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/></w:r>\(Self.run(" 否"))<w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F0A3\"/></w:r></w:p>",
            "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/></w:r>\(Self.run("是 "))<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/></w:r>\(Self.run("否"))</w:p>",
            // LibreOffice's and WPS's save of the same: private-use text in the symbol font.
            "<w:p>\(Self.run("是"))\(Self.run("\u{F052}", font: "Wingdings 2"))\(Self.run(" 否"))\(Self.run("\u{F0A3}", font: "Wingdings 2"))</w:p>",
            "<w:p>\(Self.run("\u{F0FE}", font: "Wingdings"))\(Self.run("是"))\(Self.run("\u{F0A8}", font: "Wingdings"))\(Self.run("否"))</w:p>",
            // R and £ typed in Wingdings 2.
            "<w:p>\(Self.run("R", font: "Wingdings 2"))\(Self.run("是 "))\(Self.run("£", font: "Wingdings2"))\(Self.run("否"))</w:p>",
            // √ from the Symbol font; private-use text whose font is not given.
            "<w:p>\(Self.run("是"))\(Self.run("Ö", font: "Symbol"))\(Self.run(" 否 8", font: "Symbol"))</w:p>",
            "<w:p>\(Self.run("\u{F0FE}是 \u{F0A8}否"))</w:p>",
            // Another Wingdings letter or symbol is not a letter: kept as a private-use character.
            "<w:p>\(Self.run("a", font: "Wingdings"))<w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F051\"/></w:r></w:p>",
            // A w:sym of a Unicode character in an ordinary font is that character.
            "<w:p><w:r><w:sym w:font=\"Segoe UI Symbol\" w:char=\"2611\"/></w:r>\(Self.run("是"))</w:p>",
        ].joined()
        #expect(try Self.paragraphs(body) == ["是☑ 否☐", "☑是 ☐否", "是☑ 否☐", "☑是☐否", "☑是 ☐否", "是√ 否 8", "☑是 ☐否", "\u{F061}\u{F051}", "☑是"])
    }

    @Test func legacyCheckBoxFieldsAndContentControls() throws {
        func field(_ data: String) -> String {
            "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"c\"/><w:enabled/><w:checkBox><w:sizeAuto/>\(data)</w:checkBox></w:ffData></w:fldChar></w:r>"
                + "<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        }
        let body =
            "<w:p>\(field("<w:default w:val=\"0\"/><w:checked/>"))\(Self.run("是"))\(field("<w:default w:val=\"0\"/>"))\(Self.run("否"))</w:p>"
            + "<w:p>\(Self.run("是"))\(field("<w:default w:val=\"1\"/>"))\(Self.run("否"))\(field("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>"))</w:p>"
            + "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr></w:rPr></w:r>"
            + "<w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>\(Self.run("是"))</w:p>"
        #expect(try Self.paragraphs(body) == ["☑是☐否", "是☑否☐", "☑是"])
    }

    @Test func hiddenTextAndFieldCodesAreLeftOut() throws {
        let body =
            "<w:p>\(Self.run("38"))\(Self.run("（旧值：40）", hidden: true))\(Self.run("人"))</w:p>"
            + "<w:p><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>shown</w:t></w:r></w:p>"
            + "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\(Self.run("3"))<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        #expect(try Self.paragraphs(body) == ["38人", "shown", "3"])
    }

    @Test func anAutoUpdatingDateFieldMarksItsCell() throws {
        func cell(_ content: String) -> String { "<w:tc><w:p>\(content)</w:p></w:tc>" }
        let complex =
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy年M月d日\" </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\(Self.run("2026年12月7日"))<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let simple = "<w:fldSimple w:instr=\" SAVEDATE \\@ &quot;yyyy.M.d&quot; \">\(Self.run("2026.12.7"))</w:fldSimple>"
        let body = "<w:tbl><w:tr>\(cell(complex))\(cell(Self.run("2024年3月1日")))\(cell(simple))</w:tr></w:tbl>"
        let row = try DocxReader.read(SampleDocx.docx(body: body)).tables[0].rows[0]
        #expect(row.map(\.text) == ["2026年12月7日", "2024年3月1日", "2026.12.7"])
        #expect(row.map(\.hasDateField) == [true, false, true])
    }

    static let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="\(SampleDocx.wordNamespace)">\
        <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>\
        <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>\
        </w:numbering>
        """
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(SampleDocx.wordNamespace)">\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>\
        <w:style w:type="character" w:styleId="Tick"><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr></w:style>\
        <w:style w:type="character" w:styleId="Secret"><w:rPr><w:vanish/></w:rPr></w:style>\
        </w:styles>
        """
    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/word/styles2.xml"/>\
        </Relationships>
        """

    @Test func automaticNumberingIsWrittenBeforeItsParagraph() throws {
        func numbered(_ text: String, _ id: Int, level: Int = 0) -> String {
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(id)\"/></w:numPr></w:pPr>\(Self.run(text))</w:p>"
        }
        let body =
            numbered("参与单位", 1) + numbered("牵头单位", 1, level: 1) + numbered("核心层", 1, level: 1)
            + "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr>\(Self.run("技术创新目标"))</w:p>"
            + "<w:p><w:pPr><w:pStyle w:val=\"H1b\"/></w:pPr>\(Self.run("任务具体分工"))</w:p>"
            + numbered("列表", 2) + numbered("重新编号", 3) + numbered("无编号", 0)
            + "<w:p>\(Self.run("勾选"))<w:r><w:rPr><w:rStyle w:val=\"Tick\"/></w:rPr><w:t>R</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"Secret\"/></w:rPr><w:t>隐</w:t></w:r></w:p>"
        let extra: [(String, [UInt8])] = [
            ("word/_rels/document.xml.rels", Array(Self.documentRelationships.utf8)),
            ("word/numbering.xml", Array(Self.numbering.utf8)), ("word/styles2.xml", Array(Self.styles.utf8)),
        ]
        #expect(
            try Self.paragraphs(body, extra: extra)
                == ["一、参与单位", "（一）\t牵头单位", "（二）\t核心层", "二、技术创新目标", "三、任务具体分工", "列表", "九、重新编号", "无编号", "勾选☑"]
        )
        // Without the parts, the same body reads without numbers.
        #expect(try Self.paragraphs(body).prefix(2) == ["参与单位", "牵头单位"])
    }

    /// A hostile `w:start` (huge, negative) is clamped: no overflow, no label of millions of letters.
    @Test func hostileCountersAreClamped() throws {
        let numbering = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:numbering xmlns:w="\(SampleDocx.wordNamespace)">\
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="9223372036854775807"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>\
            <w:lvl w:ilvl="1"><w:start w:val="-7"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>
            """
        func numbered(_ level: Int) -> String {
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>\(Self.run("x"))</w:p>"
        }
        let extra: [(String, [UInt8])] = [("word/numbering.xml", Array(numbering.utf8))]
        #expect(try Self.paragraphs(numbered(0) + numbered(0) + numbered(1), extra: extra) == ["100000.\tx", "100000.\tx", "100000.0\tx"])
    }

    @Test(arguments: [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五"), (110, "一百一十")])
    func chineseCounting(_ n: Int, _ text: String) {
        #expect(Numbering.chinese(n) == text)
    }
}

extension ClerkFormsReaderTests {
    /// What the clerk-form reading adds stays linear: 5,000 numbered paragraphs (2.4 MB) with unclosed
    /// fields, hidden and symbol-font runs; 50,000 table parts separated by empty paragraphs
    /// (joined into one table), read and mapped in bounded time.
    @Test func theAddedReadingStaysLinear() throws {
        let paragraph =
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + Self.run("R", font: "Wingdings 2") + Self.run("隐", hidden: true) + "</w:p>"
        let extra: [(String, [UInt8])] = [
            ("word/_rels/document.xml.rels", Array(Self.documentRelationships.utf8)),
            ("word/numbering.xml", Array(Self.numbering.utf8)), ("word/styles2.xml", Array(Self.styles.utf8)),
        ]
        let clock = ContinuousClock()
        var start = clock.now
        let read = try Self.paragraphs(String(repeating: paragraph, count: 5_000), extra: extra)
        #expect(clock.now - start < .seconds(30))
        #expect(read.count == 5_000 && read[1] == "二、☑" && read.last == "五千、☑")

        let part = WordDocument.Block.table(.init(rows: [[.init(text: "a"), .init(text: "b")]]))
        let blocks = Array(repeating: [part, WordDocument.Block.paragraph("")], count: 50_000).flatMap { $0 }
        start = clock.now
        let joined = WordFormDecoder.joiningSplitTables(blocks)
        #expect(clock.now - start < .seconds(10))
        #expect(joined.count == 2 && WordDocument(blocks: joined).tables[0].rows.count == 50_000)
        #expect(throws: Never.self) { _ = WordFormDecoder.decode(WordDocument(blocks: blocks)) }
    }
}
