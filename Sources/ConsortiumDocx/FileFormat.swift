/// Files that are not Word forms, known by their first bytes (docs/word-forms.md, "Files that are
/// not Word"): a clerk who drops a PDF, a scan, an RTF or an ODF file is told what it is and what
/// to do, rather than that it has NUL bytes or is not valid YAML.
enum FileFormat {
    /// A PDF, picture or RTF file: the reason it is not read.
    static func foreign(_ bytes: [UInt8]) -> DocxError? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .image("JPEG") }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image("PNG") }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .image("TIFF") }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return .image("GIF") }
        if bytes.count >= 26, bytes.starts(with: Array("BM".utf8)), bytes[6...9].allSatisfy({ $0 == 0 }),
            [12, 40, 52, 56, 64, 108, 124].contains(Int(bytes[14]) | Int(bytes[15]) << 8), bytes[16] == 0, bytes[17] == 0
        {
            return .image("BMP")
        }
        return nil
    }

    /// Whether the bytes begin like one of the files `foreign` names (the inbox then hands them to
    /// the Word reader, which says what they are).
    static func isForeign(_ bytes: [UInt8]) -> Bool { foreign(bytes) != nil }

    /// An OpenDocument package: a ZIP whose first entry is the stored `mimetype`
    /// (`application/vnd.oasis.opendocument.text` …); its media type.
    static func openDocumentType(_ bytes: [UInt8]) -> String? {
        // Local header (30 bytes): stored (method 0), its size at 18, name length 8 at 26, extra
        // length at 28; then the name `mimetype`, the extra field and the type itself.
        guard bytes.count > 38, bytes[8] == 0, bytes[9] == 0, bytes[26] == 8, bytes[27] == 0,
            bytes[30..<38].elementsEqual(Array("mimetype".utf8))
        else { return nil }
        let size = Int(bytes[18]) | Int(bytes[19]) << 8 | Int(bytes[20]) << 16 | Int(bytes[21]) << 24
        let start = 38 + (Int(bytes[28]) | Int(bytes[29]) << 8)
        guard size <= 100, start + size <= bytes.count else { return nil }
        let type = String(decoding: bytes[start..<(start + size)], as: UTF8.self)
        return type.hasPrefix("application/vnd.oasis.opendocument") ? type : nil
    }
}
