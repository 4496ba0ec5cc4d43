import Testing

@testable import ConsortiumDocx

@Suite struct XMLTokenizerTests {
    func events(_ xml: String, limits: DocxLimits = .default) throws(DocxError) -> [XMLEvent] {
        try events(Array(xml.utf8), limits: limits)
    }

    func events(_ bytes: [UInt8], limits: DocxLimits = .default) throws(DocxError) -> [XMLEvent] {
        var tokenizer = try XMLTokenizer(bytes, part: "p.xml", limits: limits)
        var out: [XMLEvent] = []
        while let event = try tokenizer.next() { out.append(event) }
        return out
    }

    func code(_ xml: String) -> DocxError.Code? {
        do {
            _ = try events(xml)
            return nil
        } catch { return error.code }
    }

    @Test func elementsAttributesTextAndReferences() throws {
        let xml =
            "\u{FEFF}<?xml version='1.0' encoding='utf-8' standalone=\"yes\"?>\n<!-- c --><?mso-application progid=\"Word\"?>"
            + "<a:r x=\"1 &amp; 2\" y='&lt;&#x41;&#66;\t&quot;'><b/>t&gt;&apos;<![CDATA[<&>]]><?pi x?><!-- -- --></a:r>\n"
        #expect(
            try events(xml) == [
                .start(name: "a:r", attributes: [XMLAttribute(name: "x", value: "1 & 2"), XMLAttribute(name: "y", value: "<AB \"")]),
                .start(name: "b", attributes: []), .end(name: "b"),
                .text("t>'"), .text("<&>"),
                .end(name: "a:r"),
            ]
        )
    }

    @Test func declarationsAndEntitiesAreRefused() {
        #expect(code("<!DOCTYPE a><a/>") == .xmlDTD)
        #expect(code("<a><!ENTITY x \"y\"></a>") == .xmlDTD)
        #expect(code("<a><!ELEMENT a ANY></a>") == .xmlDTD)
        #expect(code("<a>&x;</a>") == .xmlMalformed)
        #expect(code("<a>&#0;</a>") == .xmlMalformed)
        #expect(code("<a>&#xD800;</a>") == .xmlMalformed)
        #expect(code("<a>&#x110000;</a>") == .xmlMalformed)
        #expect(code("<a>& b</a>") == .xmlMalformed)
        #expect(code("<a>&#x+41;</a>") == .xmlMalformed)
    }

    @Test func encodingsOtherThanUTF8AreRefused() {
        #expect(code("<?xml version=\"1.0\" encoding=\"GB2312\"?><a/>") == .xmlEncoding)
        #expect(code("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>") == .xmlEncoding)
        #expect(throws: DocxError.self) { try events([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00]) }
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80]] {
            let bytes = Array("<a>".utf8) + bad + Array("</a>".utf8)
            #expect(throws: DocxError.self) { try events(bytes) }
            do { _ = try events(bytes) } catch { #expect(error.code == .xmlEncoding && error.en.contains("at byte 3:")) }
        }
        #expect(code("<a>中文 ☑ 𠀀</a>") == nil)
    }

    @Test func malformedDocumentsAreRefused() {
        for xml in [
            "", "  ", "<a>", "<a></b>", "</a>", "<a/><b/>", "x<a/>", "<a/>x", "<a x=1/>", "<a x=\"1\" x=\"2\"/>",
            "<a x=\"<\"/>", "<a x=\"1\"y=\"2\"/>", "<a", "<1a/>", "<a><!-- x</a>", "<a><![CDATA[x</a>",
            "<a><?xml version=\"1.0\"?></a>", "<?xml version=\"1.0\"", "<a b></a>", "<![CDATA[x]]><a/>",
        ] {
            #expect(code(xml) == .xmlMalformed, "\(xml)")
        }
    }

    @Test func depthAndElementCountAreCapped() {
        let limits = DocxLimits(maxXMLElements: 5, maxXMLDepth: 3)
        #expect((try? events("<a><b><c/></b></a>", limits: limits)) != nil)
        #expect(throws: DocxError.self) { try events("<a><b><c><d/></c></b></a>", limits: limits) }
        #expect((try? events("<a><b/><b/><b/><b/></a>", limits: limits)) != nil)
        #expect(throws: DocxError.self) { try events("<a><b/><b/><b/><b/><b/></a>", limits: limits) }
    }
}

extension XMLTokenizerTests {
    @Test func duplicateAttributesAreFoundPastTheLinearScan() {
        let many = (0..<20).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        #expect(code("<e \(many)/>") == nil)
        #expect(code("<e \(many) a3=\"x\"/>") == .xmlMalformed)
        #expect(code("<e a=\"1\" b=\"2\" a=\"3\"/>") == .xmlMalformed)
    }
}
