/// Why a document (or one of its fields) is rejected: the field path (`members[2].uscc`), the
/// YAML/JSON line when known, and the reason in Chinese and English.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Field path from the document root, `""` for the whole file.
    public var path: String
    /// 1-based line of the offending value, when known.
    public var line: Int?
    public var message: String
    public var messageEn: String

    public init(path: String, line: Int? = nil, message: String, messageEn: String) {
        self.path = path
        self.line = line
        self.message = message
        self.messageEn = messageEn
    }

    /// `members[2].uscc (第3行): 中文 / English`
    public var description: String {
        var head = path.isEmpty ? "" : path
        if let line { head += head.isEmpty ? "第\(line)行" : " (第\(line)行)" }
        return (head.isEmpty ? "" : head + ": ") + message + " / " + messageEn
    }
}

/// The text encoding a document was read in (`DOCUMENT_ENCODING`).
public enum DocumentEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8-BOM"
    case gb18030 = "GB18030"
    /// A filled Word form (docs/word-forms.md).
    case wordForm = "DOCX"
}

/// Limits applied before and while decoding (operations.md config keys).
public struct DecodingLimits: Sendable, Equatable {
    public var maxDocumentBytes: Int
    public var maxDocumentNodes: Int
    /// A Word form's size (`maxDocxBytes`: scanned seals are large).
    public var maxDocxBytes: Int
    public init(maxDocumentBytes: Int = 4 * 1024 * 1024, maxDocumentNodes: Int = 100_000, maxDocxBytes: Int = 20 * 1024 * 1024) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDocumentNodes = maxDocumentNodes
        self.maxDocxBytes = maxDocxBytes
    }
    public static let `default` = DecodingLimits()
}

/// A successfully decoded file.
public struct DecodedDocument: Sendable, Equatable {
    public var document: Document
    public var encoding: DocumentEncoding
    public init(document: Document, encoding: DocumentEncoding) {
        self.document = document
        self.encoding = encoding
    }
}
