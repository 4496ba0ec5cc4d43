import ConsortiumCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A stand-in for the `docx-container` branch's `DocxReader` (the hardened reader of untrusted
/// .docx bytes) until it is merged: reads `word/document.xml` into a `WordDocument`. Only size
/// limits are applied here; the hostile-file handling belongs to `DocxReader`.
enum ProvisionalDocxReader {
    static let maxUncompressed = 100 * 1024 * 1024

    static func read(_ bytes: [UInt8]) -> Result<WordDocument, DocumentError> {
        let unreadable = DocumentError(path: "", message: "不是可读取的 Word 文档（.docx）：请用 Word 或 WPS 另存为 .docx 后重新放入",
                                       messageEn: "not a readable Word document (.docx): save it again as .docx and drop it again")
        guard let archive = try? Archive(data: Data(bytes), accessMode: .read),
              let entry = archive["word/document.xml"], entry.uncompressedSize <= UInt64(maxUncompressed) else {
            return .failure(unreadable)
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                xml.append(chunk)
                if xml.count > maxUncompressed { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            return .failure(unreadable)
        }
        let builder = BodyBuilder()
        let parser = XMLParser(data: xml)
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else { return .failure(unreadable) }
        return .success(WordDocument(blocks: builder.blocks))
    }

    /// Collects body paragraphs and tables (one level; nested tables contribute their text).
    private final class BodyBuilder: NSObject, XMLParserDelegate {
        var blocks: [WordDocument.Block] = []
        private var tableDepth = 0
        private var rows: [[WordDocument.Cell]] = []
        private var cells: [WordDocument.Cell] = []
        private var cellParagraphs: [String] = []
        private var paragraph = ""
        private var inText = false
        private var span = 1
        private var continuesMerge = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "w:tbl": tableDepth += 1; if tableDepth == 1 { rows = [] }
            case "w:tr" where tableDepth == 1: cells = []
            case "w:tc" where tableDepth == 1: cellParagraphs = []; span = 1; continuesMerge = false
            case "w:gridSpan" where tableDepth == 1: span = min(Int(attributes["w:val"] ?? "1") ?? 1, WordDocument.maxGridSpan)
            case "w:vMerge" where tableDepth == 1: continuesMerge = attributes["w:val"] != "restart"
            case "w:p": paragraph = ""
            case "w:t": inText = true
            case "w:tab": paragraph += "\t"
            case "w:br", "w:cr": paragraph += "\n"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { paragraph += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p": if tableDepth == 0 { blocks.append(.paragraph(paragraph)) } else { cellParagraphs.append(paragraph) }
            case "w:tc" where tableDepth == 1:
                cells.append(WordDocument.Cell(text: cellParagraphs.joined(separator: "\n"), span: span, continuesMerge: continuesMerge))
            case "w:tr" where tableDepth == 1: rows.append(cells)
            case "w:tbl":
                if tableDepth == 1 { blocks.append(.table(WordDocument.Table(rows: rows))) }
                tableDepth -= 1
            default: break
            }
        }
    }
}
