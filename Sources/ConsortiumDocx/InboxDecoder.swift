import ConsortiumCore
import Foundation

/// The one way an inbox file becomes a document: the daemon, its start-up re-reading of the
/// archive, `consortiumctl verify`, `check` and `evaluate` all call this, so a Word form decodes
/// the same everywhere. YAML/JSON go to `DocumentDecoder`; a `.docx` (by name, or by its ZIP
/// signature) to the Word reader and `WordFormDecoder`.
public enum InboxDecoder {
    /// A `.docx`/`.doc` name, or bytes starting with a ZIP local-file signature (`PK\u{3}\u{4}`:
    /// a .docx, or an .odt), the OLE compound-file signature (an old Word 97-2003 `.doc` or a
    /// password-protected `.docx`), or those of a PDF, a picture or an RTF file: the Word reader
    /// then says what it is and what to do, rather than the YAML decoder complaining about NUL
    /// bytes or its syntax.
    public static func isWordForm(name: String, bytes: [UInt8]) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".docx") || lower.hasSuffix(".doc") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
            || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) || FileFormat.isForeign(bytes)
    }

    public static func decode(_ bytes: [UInt8], name: String, limits: DecodingLimits) -> Result<DecodedDocument, DocumentRejection> {
        guard isWordForm(name: name, bytes: bytes) else { return DocumentDecoder.decode(Data(bytes), limits: limits) }
        let word: WordDocument
        do {
            word = try DocxReader.read(bytes, limits: DocxLimits(maxDocxBytes: limits.maxDocxBytes))
        } catch {
            // A PDF, picture or RTF file is not a Word form: no DOCX encoding is recorded for it.
            let notWord: Set<DocxError.Code> = [.pdf, .image, .rtf]
            return .failure(
                DocumentRejection(
                    errors: [DocumentError(path: "", message: error.zh, messageEn: error.en)],
                    encoding: notWord.contains(error.code) ? nil : .wordForm
                )
            )
        }
        return WordFormDecoder.decode(word)
            .map { DecodedDocument(document: $0, encoding: .wordForm) }
            .mapError { DocumentRejection(errors: $0.errors, encoding: .wordForm) }
    }
}
