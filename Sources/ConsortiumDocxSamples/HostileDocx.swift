import ConsortiumDocx

/// The hostile .docx set: each input built in memory, small to build even when it expands to
/// hundreds of MiB, and the `DocxError.Code` it must be rejected with. Used by the tests, by
/// `consortium-bench docx-hostile` and as fuzzing seeds.
public enum HostileDocx {
    static let mib = 1 << 20
    public static let body = SampleDocx.document(body: "<w:p><w:r><w:t>x</w:t></w:r></w:p>")

    /// A .docx with the usual first two parts and `document` as word/document.xml.
    public static func writer(document: [UInt8] = Array(body.utf8), deflate: Bool = true) -> ZipWriter {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(SampleDocx.contentTypes.utf8), deflate: deflate)
        zip.add("_rels/.rels", Array(SampleDocx.relationships().utf8), deflate: deflate)
        zip.add("word/document.xml", document, deflate: deflate)
        return zip
    }

    /// word/document.xml as `count` zero bytes deflated, declaring `declared` bytes.
    public static func zeroBomb(count: Int, declared: Int) -> [UInt8] {
        let (data, crc) = ZipWriter.deflateZeros(count: count)
        var zip = writer()
        zip.entries[2] = ZipWriter.Entry(
            name: Array("word/document.xml".utf8),
            data: data,
            method: 8,
            crc32: crc,
            uncompressedSize: UInt32(declared)
        )
        return zip.bytes()
    }

    static func withName(_ name: [UInt8]) -> [UInt8] {
        var zip = writer()
        zip.add(name: name, Array("x".utf8))
        return zip.bytes()
    }

    static func withDocument(_ xml: String) -> [UInt8] { writer(document: Array(xml.utf8)).bytes() }

    /// word/document.xml with `count` pieces of XML from `unit` inside w:body.
    static func repeated(count: Int, _ unit: (Int) -> String) -> [UInt8] {
        let head = Array(SampleDocx.document(body: "").utf8)
        let split = head.count - "</w:body></w:document>".utf8.count - "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>".utf8.count
        var xml = Array(head[..<split])
        for index in 0..<count { xml += unit(index).utf8 }
        xml += "</w:body></w:document>".utf8
        return writer(document: xml).bytes()
    }

    /// word/document.xml with `count` empty elements in w:body, `<w:p/>` and `<w:x/>` in a
    /// pseudo-random order so that it does not deflate past the ratio limit.
    public static func elements(_ count: Int) -> [UInt8] {
        var state: UInt32 = 1
        return repeated(count: count) { _ in
            state = state &* 1_103_515_245 &+ 12_345
            return state & 0x1_0000 == 0 ? "<w:p/>" : "<w:x/>"
        }
    }

    /// word/document.xml of about `bytes` bytes: paragraphs of 1,000 characters drawn pseudo-randomly
    /// from 16 (so that it deflates well, but not past the ratio limit).
    public static func largeText(bytes: Int) -> [UInt8] {
        let characters = Array("柳州市创新联合体科技局成员单位牵头")
        var state: UInt32 = 7
        let paragraph = 1_000 * 3 + "<w:p><w:r><w:t></w:t></w:r></w:p>".utf8.count
        return repeated(count: bytes / paragraph) { _ in
            var text = ""
            for _ in 0..<1_000 {
                state = state &* 1_103_515_245 &+ 12_345
                text.append(characters[Int(state >> 16) & 15])
            }
            return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"
        }
    }

    public static let cases: [HostileCase] = [
        HostileCase("deflate-bomb-200MiB", .declaredSizeTooLarge) { zeroBomb(count: 200 * mib, declared: 200 * mib) },
        HostileCase("deflate-bomb-lying-size", .sizeMismatch) { zeroBomb(count: 200 * mib, declared: 4096) },
        HostileCase("deflate-bomb-50MiB-part", .partTooLarge) { zeroBomb(count: 200 * mib, declared: 50 * mib) },
        HostileCase("deflate-ratio-20MiB", .compressionRatio) { zeroBomb(count: 20 * mib, declared: 20 * mib) },
        HostileCase("many-entries-declared-sum", .declaredSizeTooLarge) {
            var zip = writer()
            let (data, crc) = ZipWriter.deflateZeros(count: 70 * 1024)
            for i in 0..<1_500 {
                zip.entries.append(
                    ZipWriter.Entry(
                        name: Array("word/media/z\(i).bin".utf8),
                        data: data,
                        method: 8,
                        crc32: crc,
                        uncompressedSize: 70 * 1024
                    )
                )
            }
            return zip.bytes()
        },
        HostileCase("lying-size", .sizeMismatch) {
            var zip = writer()
            zip.entries[2].uncompressedSize -= 10
            return zip.bytes()
        },
        HostileCase("unterminated-deflate", .sizeMismatch) {
            // A stored block header that is not final, whose 65,535 bytes run to the end of the file:
            // ZIPFoundation 0.9.20 on Linux loops forever on this.
            var zip = writer()
            zip.entries[2].data = [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("<w:document".utf8)
            return zip.bytes(comment: Array(repeating: 0x41, count: 1000))
        },
        HostileCase("crc-mismatch", .checksumMismatch) {
            var zip = writer()
            zip.entries[2].crc32 ^= 1
            return zip.bytes()
        },
        HostileCase("name-dotdot", .unsafeEntryName) { withName(Array("../evil".utf8)) },
        HostileCase("name-inner-dotdot", .unsafeEntryName) { withName(Array("word/../../evil.xml".utf8)) },
        HostileCase("name-absolute", .unsafeEntryName) { withName(Array("/etc/x".utf8)) },
        HostileCase("name-backslash", .unsafeEntryName) { withName(Array("a\\b".utf8)) },
        HostileCase("name-drive", .unsafeEntryName) { withName(Array("C:/x".utf8)) },
        HostileCase("name-nul", .unsafeEntryName) { withName(Array("word/a\0.xml".utf8)) },
        HostileCase("name-not-utf8", .unsafeEntryName) { withName([0x77, 0xFF, 0xFE]) },
        HostileCase("duplicate-entry", .duplicateEntry) {
            var zip = writer()
            zip.add("Word/Document.xml", Array(body.utf8))
            return zip.bytes()
        },
        HostileCase("too-many-entries", .tooManyEntries) {
            var zip = writer()
            for i in 0..<2_001 { zip.add("word/media/e\(i).txt", [], deflate: false) }
            return zip.bytes()
        },
        HostileCase("encryption-flag", .encryptedEntry) {
            var zip = writer()
            zip.entries[2].flags |= 1
            return zip.bytes()
        },
        HostileCase("local-name-differs", .corruptZip) {
            var zip = writer()
            zip.entries[2].localName = Array("word/documenX.xml".utf8)
            return zip.bytes()
        },
        HostileCase("header-offset-past-end", .corruptZip) {
            var zip = writer()
            zip.entries[2].localHeaderOffset = 0x7FFF_FFF0
            return zip.bytes()
        },
        HostileCase("overlapping-entries", .corruptZip) {
            // word/a.xml (stored) holds the whole local header and data of word/document.xml, which
            // the central directory lists as well: the two share bytes.
            var inner = writer()
            inner.entries.removeFirst(2)
            let innerBytes = Array(inner.bytes().prefix(30 + inner.entries[0].name.count + inner.entries[0].data.count))
            var zip = writer()
            zip.entries.removeLast()
            zip.add("word/a.xml", innerBytes, deflate: false)
            var shared = inner.entries[0]
            shared.centralOnly = true
            let aStart = zip.entries.dropLast().reduce(0) { $0 + 30 + $1.name.count + $1.data.count }
            shared.localHeaderOffset = UInt32(aStart + 30 + "word/a.xml".utf8.count)
            zip.entries.append(shared)
            return zip.bytes()
        },
        HostileCase("cfb-legacy-doc", .legacyDoc) { CompoundSample.file(streams: ["WordDocument", "1Table"]) },
        HostileCase("cfb-encrypted-docx", .encryptedPackage) { CompoundSample.file(streams: ["EncryptionInfo", "EncryptedPackage"]) },
        HostileCase("vbaProject.bin", .macroEnabled) {
            var zip = writer()
            zip.add("word/vbaProject.bin", Array(repeating: 7, count: 64))
            return zip.bytes()
        },
        HostileCase("macroEnabled-content-type", .macroEnabled) {
            var zip = writer()
            let types = SampleDocx.contentTypes.replacingOccurrences("document.main+xml", "document.macroEnabled.main+xml")
            zip.entries.remove(at: 0)
            zip.add("[Content_Types].xml", Array(types.utf8))
            return zip.bytes()
        },
        HostileCase("missing-document", .missingMainPart) {
            var zip = writer()
            zip.entries.removeLast()
            return zip.bytes()
        },
        HostileCase("doctype-external-entity", .xmlDTD) {
            withDocument(
                "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                    + "<w:document xmlns:w=\"\(SampleDocx.wordNamespace)\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
            )
        },
        HostileCase("billion-laughs", .xmlDTD) {
            var dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            for i in 1...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
            return withDocument(
                "<?xml version=\"1.0\"?>" + dtd
                    + "]><w:document xmlns:w=\"\(SampleDocx.wordNamespace)\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
            )
        },
        HostileCase("undefined-entity", .xmlMalformed) { withDocument(SampleDocx.document(body: "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>")) },
        HostileCase("nesting-300", .xmlTooDeep) {
            withDocument(SampleDocx.document(body: String(repeating: "<w:sdt>", count: 300) + String(repeating: "</w:sdt>", count: 300)))
        },
        HostileCase("elements-3000000", .xmlTooManyElements) { elements(3_000_000) },
        HostileCase("malformed-xml", .xmlMalformed) { withDocument(SampleDocx.document(body: "<w:p><w:r><w:t>x</w:r></w:t></w:p>")) },
        HostileCase("xml-utf16-declared", .xmlEncoding) {
            withDocument(SampleDocx.document(body: "").replacingOccurrences("encoding=\"UTF-8\"", "encoding=\"UTF-16\""))
        },
        HostileCase("not-word", .notWordDocument) { withDocument("<?xml version=\"1.0\"?><worksheet><sheetData/></worksheet>") },
        HostileCase("not-a-zip", .notZip) { Array("GIF8-not-a-zip\n".utf8) + Array(repeating: 0x20, count: 1000) },
        HostileCase("pdf-header", .pdf) { Array("%PDF-1.7\n".utf8) + Array(repeating: 0x20, count: 1000) },
        HostileCase("truncated-zip", .corruptZip) {
            let whole = writer().bytes()
            return Array(whole.prefix(whole.count * 2 / 3))
        },
        HostileCase("over-20MiB", .fileTooLarge) {
            var zip = writer()
            zip.add("word/media/big.bin", Array(repeating: 1, count: 20 * mib), deflate: false)
            return zip.bytes()
        },
    ]
}

extension String {
    /// `replacingOccurrences(of:with:)` without Foundation's overhead of options.
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
