import ConsortiumDocx
import ConsortiumDocxSamples
import Testing

@Suite struct HostileDocxTests {
    static let names = HostileDocx.cases.map(\.name)

    @Test(arguments: names)
    func isRejectedForItsReason(_ name: String) throws {
        let hostile = try #require(HostileDocx.cases.first { $0.name == name })
        let bytes = hostile.build()
        let error = try #require(throws: DocxError.self) { try DocxReader.read(bytes) }
        #expect(error.code == hostile.expected, "\(name): \(error)")
        #expect(error.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
        #expect(!error.en.isEmpty && error.en.unicodeScalars.allSatisfy { $0.value < 0x3000 || "→×…".unicodeScalars.contains($0) })
    }

    @Test func reasonsSayWhatIsWrongAndWhatToDo() throws {
        func error(_ name: String) throws -> DocxError {
            let hostile = try #require(HostileDocx.cases.first { $0.name == name })
            return try #require(throws: DocxError.self) { try DocxReader.read(hostile.build()) }
        }
        #expect(try error("doctype-external-entity").zh.contains("包含 DTD/实体声明，拒绝处理（可能是外部实体攻击）"))
        #expect(try error("billion-laughs").zh.contains("word/document.xml"))
        let encrypted = try error("cfb-encrypted-docx")
        #expect(encrypted.zh.contains("文件已加密（设置了打开密码）") && encrypted.zh.contains("另存为 .docx"))
        #expect(try error("cfb-legacy-doc").zh.contains("旧版 Word 97-2003 .doc") && error("cfb-legacy-doc").zh.contains("另存为"))
        #expect(try error("vbaProject.bin").zh.contains(".docm") && error("vbaProject.bin").zh.contains("word/vbaProject.bin"))
        let malformed = try error("malformed-xml")
        #expect(malformed.zh.contains("`word/document.xml` 第 ") && malformed.en.contains("at byte "))
        #expect(try error("name-nul").zh.contains("word/a\\u{0}.xml"))
        #expect(try error("name-not-utf8").zh.contains("w%FF%FE"))
        #expect(try error("deflate-bomb-200MiB").zh.contains("超过上限 104857600 字节"))
    }

    /// The byte offset in a malformed-XML reason is where the problem is.
    @Test func malformedXMLNamesTheOffset() throws {
        let xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"\(SampleDocx.wordNamespace)\"><w:body><w:p></w:q></w:body></w:document>"
        let error = try #require(throws: DocxError.self) { try DocxReader.read(SampleDocx.zip(SampleDocx.parts(documentXML: xml))) }
        let offset = xml.utf8.count - "</w:q></w:body></w:document>".utf8.count
        #expect(error.code == .xmlMalformed)
        #expect(error.en.contains("at byte \(offset):"), "\(error.en)")
        #expect(error.en.contains("</w:q> does not match <w:p>"))
    }
}
