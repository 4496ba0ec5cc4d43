/// Why a .docx is rejected: a code tests and callers can match, and the reason in Chinese (`zh`,
/// what operators read) and English (`en`), each saying what is wrong and what to do.
public struct DocxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// More than `maxDocxBytes`.
        case fileTooLarge
        /// Not a ZIP file (and not a compound file either).
        case notZip
        /// ZIP structure broken: truncated, offsets outside the file, inconsistent headers.
        case corruptZip
        /// An OLE compound file holding an encrypted OOXML package (a password to open).
        case encryptedPackage
        /// An OLE compound file without encryption streams: an old binary Word 97-2003 .doc.
        case legacyDoc
        /// An entry with the ZIP encryption flag (or strong encryption / AES).
        case encryptedEntry
        /// An entry name that is absolute, has `..`, a backslash, NUL, a drive letter, or is not UTF-8.
        case unsafeEntryName
        /// Two entries with the same name (ignoring ASCII case).
        case duplicateEntry
        /// More than `maxEntries` entries.
        case tooManyEntries
        /// VBA project or macro-enabled content type (.docm).
        case macroEnabled
        /// No main document part (`word/document.xml` or the officeDocument relationship's target).
        case missingMainPart
        /// A part that must be read uses a compression method other than stored or deflate.
        case unsupportedCompression
        /// Declared uncompressed sizes of all entries together exceed `maxUncompressedBytes`.
        case declaredSizeTooLarge
        /// One entry's declared uncompressed / compressed sizes exceed `maxCompressionRatio`.
        case compressionRatio
        /// A part that must be read is declared larger than `maxPartBytes`.
        case partTooLarge
        /// Extracting would exceed `maxUncompressedBytes` in all.
        case uncompressedTooLarge
        /// A part inflates to a different size than declared (a lying size), or is truncated.
        case sizeMismatch
        /// A part's CRC-32 differs from the declared one.
        case checksumMismatch
        /// An XML part declares an encoding other than UTF-8, or is not valid UTF-8.
        case xmlEncoding
        /// An XML part has a `<!DOCTYPE` or `<!ENTITY` declaration.
        case xmlDTD
        /// An XML part is not well-formed.
        case xmlMalformed
        /// An XML part nests elements deeper than `maxXMLDepth`.
        case xmlTooDeep
        /// An XML part has more than `maxXMLElements` elements.
        case xmlTooManyElements
        /// The main part is well-formed XML but not a WordprocessingML document with a `w:body`.
        case notWordDocument
        /// A PDF (`%PDF-`): a printed or scanned form.
        case pdf
        /// A picture (JPEG, PNG, TIFF, GIF, BMP): a scan or a photo of the form.
        case image
        /// Rich Text Format (`{\rtf`).
        case rtf
        /// An OpenDocument package (`.odt`, `.ods`…: LibreOffice's or WPS's ODF format).
        case openDocument
    }

    public var code: Code
    public var zh: String
    public var en: String

    public init(_ code: Code, zh: String, en: String) {
        self.code = code
        self.zh = zh
        self.en = en
    }

    /// `中文 / English`, the form `DocumentError` uses.
    public var description: String { zh + " / " + en }
}
