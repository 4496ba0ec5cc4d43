import ConsortiumDocx
import ConsortiumDocxSamples
import Testing

@Suite struct DocxReaderTests {
    typealias Cell = WordDocument.Cell

    @Test func formBodyGivesTheExactDocument() throws {
        let bytes = try SampleDocx.docx(body: SampleDocx.formBody)
        #expect(DocxReader.looksLikeDocx(bytes))
        let document = try DocxReader.read(bytes)
        let expected = WordDocument(blocks: [
            .paragraph("柳州市创新联合体组建申请表"),
            .paragraph("名称\tA&B\n第二行"),
            .paragraph("成员12家"),
            .table(
                WordDocument.Table(rows: [
                    [Cell(text: "牵头单位"), Cell(text: "柳州\n五菱", span: 2)],
                    [Cell(text: "", continuesMerge: true), Cell(text: "企业"), Cell(text: "☑是 ☐否")],
                    [Cell(text: "☑有☐无"), Cell(text: "外\na\tb\nc\td"), Cell(text: "选择仅后备")],
                ])
            ),
            .paragraph("<原样>一二1"),
        ])
        #expect(document == expected)
        #expect(document.tables.count == 1)
        #expect(document.paragraphs.count == 4)
    }

    @Test func storedPartsAndEmptyParagraphsAreRead() throws {
        var zip = HostileDocx.writer(document: Array(SampleDocx.document(body: "<w:p/><w:p><w:r><w:t>b</w:t></w:r></w:p>").utf8))
        let stored = zip.entries.indices.map { _ in false }
        zip.entries = []
        for (name, content) in SampleDocx.parts(documentXML: SampleDocx.document(body: "<w:p/><w:p><w:r><w:t>b</w:t></w:r></w:p>")) {
            zip.add(name, content, deflate: stored.isEmpty)
        }
        #expect(try DocxReader.read(zip.bytes()) == WordDocument(blocks: [.paragraph(""), .paragraph("b")]))
    }

    @Test func theOfficeDocumentRelationshipIsFollowed() throws {
        let xml = Array(SampleDocx.document(body: "<w:p><w:r><w:t>main</w:t></w:r></w:p>").utf8)
        let parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(SampleDocx.contentTypes.utf8)),
            ("_rels/.rels", Array(SampleDocx.relationships(main: "/word/main.xml").utf8)),
            ("word/main.xml", xml),
        ]
        #expect(try DocxReader.read(SampleDocx.zip(parts)).paragraphs == ["main"])

        // A target that is not a simple part name is not followed: word/document.xml is required.
        var odd = parts
        odd[1] = ("_rels/.rels", Array(SampleDocx.relationships(main: "../word/main.xml").utf8))
        let oddBytes = try SampleDocx.zip(odd)
        let error = try #require(throws: DocxError.self) { try DocxReader.read(oddBytes) }
        #expect(error.code == .missingMainPart)
        #expect(error.zh.contains("word/document.xml"))
        odd.append(("word/document.xml", Array(SampleDocx.document(body: "<w:p><w:r><w:t>default</w:t></w:r></w:p>").utf8)))
        #expect(try DocxReader.read(SampleDocx.zip(odd)).paragraphs == ["default"])
    }

    @Test func anotherPrefixForTheWordNamespaceReadsTheSame() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <x:document xmlns:x="\(SampleDocx.wordNamespace)"><x:body><x:p><x:r><x:t>甲</x:t><x:tab/><x:t>乙</x:t></x:r></x:p>\
            <x:tbl><x:tr><x:tc><x:tcPr><x:gridSpan x:val="3"/></x:tcPr><x:p><x:r><x:t>c</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>
            """
        let document = try DocxReader.read(SampleDocx.zip(SampleDocx.parts(documentXML: xml)))
        #expect(document == WordDocument(blocks: [.paragraph("甲\t乙"), .table(.init(rows: [[Cell(text: "c", span: 3)]]))]))

        // The default namespace works too; a w: prefix bound to another namespace is not Word.
        let plain = "<document xmlns=\"\(SampleDocx.wordNamespace)\"><body><p><r><t>d</t></r></p></body></document>"
        #expect(try DocxReader.read(SampleDocx.zip(SampleDocx.parts(documentXML: plain))).paragraphs == ["d"])
        let foreign = "<w:document xmlns:w=\"urn:other\"><w:body/></w:document>"
        #expect(throws: DocxError.self) { try DocxReader.read(SampleDocx.zip(SampleDocx.parts(documentXML: foreign))) }
    }

    @Test func checkBoxesAndSymbols() throws {
        let body = """
            <w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/></w14:checkbox></w:sdtPr>\
            <w:sdtContent><w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r></w:sdtContent></w:sdt></w:p>\
            <w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked/></w14:checkbox></w:sdtPr>\
            <w:sdtContent><w:r><w:t>□</w:t></w:r></w:sdtContent></w:sdt></w:p>\
            <w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>\
            <w:sdtContent><w:r><w:t>不是一个字</w:t></w:r></w:sdtContent></w:sdt></w:p>\
            <w:p><w:sdt><w:sdtPr><w:alias w:val="名称"/></w:sdtPr><w:sdtContent><w:r><w:t>普通控件</w:t></w:r></w:sdtContent></w:sdt></w:p>\
            <w:p><w:r><w:sym w:char="f0fd"/><w:sym w:char="F052"/><w:sym w:char="F06F"/><w:sym w:char="F0A3"/><w:sym w:char="F020"/></w:r></w:p>
            """
        let document = try DocxReader.read(SampleDocx.docx(body: body))
        #expect(document.paragraphs == ["☐", "☑", "不是一个字", "普通控件", "☒☑☐☐"])
    }

    @Test func trackedChangesAreReadAsAccepted() throws {
        let body = """
            <w:p><w:r><w:t>a</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>b</w:delText></w:r></w:del>\
            <w:ins w:id="2" w:author="x"><w:r><w:t>c</w:t></w:r></w:ins>\
            <w:moveFrom w:id="3" w:author="x"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>\
            <w:moveTo w:id="4" w:author="x"><w:r><w:t>d</w:t></w:r></w:moveTo></w:p>
            """
        #expect(try DocxReader.read(SampleDocx.docx(body: body)).paragraphs == ["acd"])
    }

    @Test func rowAndCellContentControlsAreTransparent() throws {
        let body = """
            <w:tbl><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>\
            </w:sdtContent></w:sdt><w:tc><w:tcPr><w:vMerge w:val="continue"/><w:gridSpan w:val="999"/></w:tcPr><w:p/></w:tc></w:tr>\
            </w:sdtContent></w:sdt></w:tbl>
            """
        let table = try DocxReader.read(SampleDocx.docx(body: body)).tables[0]
        #expect(table.rows == [[Cell(text: "1"), Cell(text: "", span: WordDocument.maxGridSpan, continuesMerge: true)]])
    }

    @Test func depthAndElementLimitsHoldAtTheBoundary() throws {
        // The body below nests: w:document, w:body, then `levels` w:customXml, w:p.
        func nested(_ levels: Int) throws -> [UInt8] {
            try SampleDocx.docx(
                body: String(repeating: "<w:customXml>", count: levels) + "<w:p/>" + String(repeating: "</w:customXml>", count: levels)
            )
        }
        let limits = DocxLimits(maxXMLDepth: 10)
        #expect(try DocxReader.read(nested(7), limits: limits).paragraphs == [""])
        #expect(throws: DocxError.self) { try DocxReader.read(nested(8), limits: limits) }

        let paragraphs = String(repeating: "<w:p/>", count: 100)
        // w:document, w:body, 100 w:p, w:sectPr, w:pgSz.
        #expect(try DocxReader.read(SampleDocx.docx(body: paragraphs), limits: DocxLimits(maxXMLElements: 104)).paragraphs.count == 100)
        #expect(throws: DocxError.self) { try DocxReader.read(SampleDocx.docx(body: paragraphs), limits: DocxLimits(maxXMLElements: 103)) }
    }

    @Test func entryCountAndFileSizeLimitsHoldAtTheBoundary() throws {
        var zip = HostileDocx.writer()
        for i in 0..<(2_000 - 3) { zip.add("word/media/e\(i).txt", [], deflate: false) }
        #expect(try DocxReader.read(zip.bytes()).paragraphs == ["x"])
        zip.add("word/media/one-more.txt", [], deflate: false)
        #expect(code(zip.bytes()) == .tooManyEntries)

        let bytes = HostileDocx.writer().bytes()
        #expect(try DocxReader.read(bytes, limits: DocxLimits(maxDocxBytes: bytes.count)).paragraphs == ["x"])
        #expect(code(bytes, DocxLimits(maxDocxBytes: bytes.count - 1)) == .fileTooLarge)
    }

    @Test func declaredSumAndRatioLimitsHoldAtTheBoundary() throws {
        // 2 MiB of zeros: about 2 KB deflated, ratio ~1000.
        let bomb = HostileDocx.zeroBomb(count: 2 << 20, declared: 2 << 20)
        #expect(code(bomb, DocxLimits(compressionRatioFloor: 4 << 20)) == .xmlMalformed)  // inflated and read: zeros are not XML
        #expect(code(bomb, DocxLimits(compressionRatioFloor: 1 << 20)) == .compressionRatio)
        #expect(code(bomb, DocxLimits(maxPartBytes: (2 << 20) - 1, compressionRatioFloor: 4 << 20)) == .partTooLarge)
        #expect(code(bomb, DocxLimits(maxUncompressedBytes: 2 << 20, compressionRatioFloor: 4 << 20)) == .declaredSizeTooLarge)
    }

    func code(_ bytes: [UInt8], _ limits: DocxLimits = .default) -> DocxError.Code? {
        do {
            _ = try DocxReader.read(bytes, limits: limits)
            return nil
        } catch {
            return error.code
        }
    }
}

extension DocxReaderTests {
    @Test func entriesWithDataDescriptorsAreRead() throws {
        var zip = HostileDocx.writer()
        for index in zip.entries.indices { zip.entries[index].flags |= 0x0008 }
        #expect(try DocxReader.read(zip.bytes()).paragraphs == ["x"])
        zip.entries[2].crc32 ^= 1
        #expect(code(zip.bytes()) == .checksumMismatch)
    }

    @Test func aZip64EndRecordIsRead() throws {
        let zip = HostileDocx.writer()
        #expect(try DocxReader.read(zip.bytes(zip64End: true)).paragraphs == ["x"])
        // A ZIP64 end record pointing nowhere is a broken file, not a trap.
        var broken = zip.bytes(zip64End: true)
        let locator = broken.count - 22 - 20
        broken[locator + 8] ^= 0x40
        #expect(code(broken) == .corruptZip)
    }

    /// Deep nesting at the default depth limit: transparent containers 250 deep around 20,000 runs
    /// and 20,000 paragraphs, alternate content 60 deep; everything is read, in bounded time.
    @Test func deepNestingAtTheDefaultLimitReadsEverything() throws {
        let levels = 250
        let many = String(repeating: "<w:r><w:t>字</w:t></w:r>", count: 20_000)
        let inline = String(repeating: "<w:hyperlink>", count: levels) + many + String(repeating: "</w:hyperlink>", count: levels)
        let blocks =
            String(repeating: "<w:customXml>", count: levels) + String(repeating: "<w:p><w:r><w:t>p</w:t></w:r></w:p>", count: 20_000)
            + String(repeating: "</w:customXml>", count: levels)
        let alternate =
            String(repeating: "<mc:AlternateContent><mc:Choice Requires=\"wps\">", count: 60) + "<w:t>深</w:t>"
            + String(repeating: "</mc:Choice><mc:Fallback><w:t>错</w:t></mc:Fallback></mc:AlternateContent>", count: 60)
        let clock = ContinuousClock()
        let start = clock.now
        let document = try DocxReader.read(SampleDocx.docx(body: "<w:p>\(inline)</w:p>\(blocks)<w:p><w:r>\(alternate)</w:r></w:p>"))
        #expect(clock.now - start < .seconds(20))
        #expect(document.blocks.count == 20_002)
        #expect(document.paragraphs.first == String(repeating: "字", count: 20_000))
        #expect(document.paragraphs.last == "深")
    }

    @Test func nestedTablesAtTheDefaultLimit() throws {
        // Each nested table adds w:tbl, w:tr, w:tc: 80 levels are 240 elements deep.
        let levels = 80
        let open = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>L</w:t></w:r></w:p>"
        let body = String(repeating: open, count: levels) + String(repeating: "</w:tc></w:tr></w:tbl>", count: levels)
        let table = try DocxReader.read(SampleDocx.docx(body: body)).tables[0]
        #expect(table.rows[0][0].text == Array(repeating: "L", count: levels).joined(separator: "\n"))
        let deeper = String(repeating: open, count: 90) + String(repeating: "</w:tc></w:tr></w:tbl>", count: 90)
        #expect(code(try SampleDocx.docx(body: deeper)) == .xmlTooDeep)
    }
}
