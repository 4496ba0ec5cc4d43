import ConsortiumCore
import Foundation

/// The one way an inbox file becomes a document: the daemon, its start-up re-reading of the
/// archive, `consortiumctl verify`, `check` and `evaluate` all call this, so a Word form decodes
/// the same everywhere. YAML/JSON go to `DocumentDecoder`; a `.docx` (by name, or by its ZIP
/// signature) to the Word reader and `WordFormDecoder`.
public enum InboxDecoder {
    /// A `.docx` name, or bytes starting with a ZIP local-file signature (`PK\u{3}\u{4}`).
    public static func isWordForm(name: String, bytes: [UInt8]) -> Bool {
        name.lowercased().hasSuffix(".docx") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    public static func decode(_ bytes: [UInt8], name: String, limits: DecodingLimits) -> Result<DecodedDocument, DocumentRejection> {
        guard isWordForm(name: name, bytes: bytes) else { return DocumentDecoder.decode(Data(bytes), limits: limits) }
        if bytes.count > limits.maxDocxBytes {
            return .failure(DocumentRejection(errors: [FileRejection.tooLarge(size: bytes.count, limit: limits.maxDocxBytes, key: "maxDocxBytes")],
                                              encoding: .wordForm))
        }
        let word: WordDocument
        do {
            word = try DocxReader.read(bytes, limits: DocxLimits(maxDocxBytes: limits.maxDocxBytes))
        } catch {
            return .failure(DocumentRejection(errors: [DocumentError(path: "", message: error.zh, messageEn: error.en)],
                                              encoding: .wordForm))
        }
        return WordFormDecoder.decode(word)
            .map { DecodedDocument(document: $0, encoding: .wordForm) }
            .mapError { DocumentRejection(errors: $0.errors, encoding: .wordForm) }
    }
}
