/// Walks the WordprocessingML main part (`w:document/w:body`) as a stream of XML events and builds
/// the `WordDocument`: paragraphs and tables in body order. Elements are matched by the prefix the
/// root binds to each namespace (normally `w:`, `mc:`, `w14:`), so another prefix for the same
/// namespace reads the same. Tracked changes are read as accepted (insertions and moves in,
/// deletions and moved-away text out); content controls are transparent; drawings, fields' codes,
/// notes' references, bookmarks, proofing marks and section properties are left out.
struct BodyReader {
    private var xml: XMLTokenizer
    /// Written prefix → canonical prefix, for the namespaces the walk needs; nil when they are
    /// already `w`, `mc` and `w14` (the usual case: names are then used as written).
    private var prefixes: [String: String]?

    static let namespaces: [String: String] = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
        "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
        "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
        "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    ]

    static func read(_ bytes: [UInt8], part: String, limits: DocxLimits) throws(DocxError) -> WordDocument {
        var reader = BodyReader(xml: try XMLTokenizer(bytes, part: part, limits: limits))
        return try reader.document()
    }

    private init(xml: XMLTokenizer) { self.xml = xml }

    // MARK: - Events

    private mutating func next() throws(DocxError) -> XMLEvent? {
        guard let event = try xml.next() else { return nil }
        guard let prefixes else { return event }
        switch event {
        case .start(let name, let attributes):
            return .start(name: Self.canonical(name, prefixes),
                          attributes: attributes.map { XMLAttribute(name: Self.canonical($0.name, prefixes), value: $0.value) })
        case .end(let name):
            return .end(name: Self.canonical(name, prefixes))
        case .text:
            return event
        }
    }

    private static func canonical(_ name: String, _ prefixes: [String: String]) -> String {
        guard let colon = name.firstIndex(of: ":") else {
            return prefixes[""].map { $0 + ":" + name } ?? name
        }
        guard let mapped = prefixes[String(name[..<colon])] else { return "?" + name }
        return mapped + name[colon...]
    }

    /// Consumes the rest of the element whose start was just read.
    private mutating func skip() throws(DocxError) {
        var depth = 1
        while let event = try xml.next() {
            switch event {
            case .start: depth += 1
            case .end: depth -= 1; if depth == 0 { return }
            case .text: break
            }
        }
    }

    // MARK: - Document and blocks

    private mutating func document() throws(DocxError) -> WordDocument {
        guard case .start(let rootName, let attributes) = try xml.next() else { throw .notWordDocument(part: xml.part) }
        var bound: [String: String] = [:]
        for attribute in attributes {
            let prefix: String
            if attribute.name == "xmlns" { prefix = "" } else if attribute.name.hasPrefix("xmlns:") { prefix = String(attribute.name.dropFirst(6)) } else { continue }
            if let canonical = Self.namespaces[attribute.value] { bound[prefix] = canonical }
        }
        if bound.contains(where: { $0.key != $0.value }) { prefixes = bound }
        guard Self.canonical(rootName, bound) == "w:document" else { throw .notWordDocument(part: xml.part) }
        var blocks: [WordDocument.Block]?
        while let event = try next() {
            guard case .start(let name, _) = event else { continue }
            if name == "w:body", blocks == nil {
                var body: [WordDocument.Block] = []
                try readBlocks(into: &body)
                blocks = body
            } else {
                try skip()
            }
        }
        guard let blocks else { throw .notWordDocument(part: xml.part) }
        return WordDocument(blocks: blocks)
    }

    /// Block-level content up to the end of the current element, appended to `blocks` (content at
    /// every depth goes straight into the one array: no copying per level of nesting).
    private mutating func readBlocks(into blocks: inout [WordDocument.Block]) throws(DocxError) {
        while let event = try next() {
            switch event {
            case .start(let name, _): try readBlock(name, into: &blocks)
            case .end: return
            case .text: break
            }
        }
    }

    private mutating func readBlock(_ name: String, into blocks: inout [WordDocument.Block]) throws(DocxError) {
        switch name {
        case "w:p":
            var text = ""
            try readInline(into: &text)
            blocks.append(.paragraph(text))
        case "w:tbl":
            blocks.append(.table(try readTable()))
        case "w:sdt":
            try readContentControl(into: &blocks) { (reader: inout BodyReader, blocks: inout [WordDocument.Block]) throws(DocxError) in
                try reader.readBlocks(into: &blocks)
            }
        case "w:customXml", "w:smartTag", "w:ins", "w:moveTo":
            try readBlocks(into: &blocks)
        case "mc:AlternateContent":
            try readAlternate(into: &blocks) { (reader: inout BodyReader, blocks: inout [WordDocument.Block]) throws(DocxError) in
                try reader.readBlocks(into: &blocks)
            }
        default:
            try skip()
        }
    }

    // MARK: - Tables

    private mutating func readTable() throws(DocxError) -> WordDocument.Table {
        var rows: [[WordDocument.Cell]] = []
        try readRows(into: &rows)
        return WordDocument.Table(rows: rows)
    }

    /// Rows up to the end of the current element (`w:tbl`, or a content control around rows).
    private mutating func readRows(into rows: inout [[WordDocument.Cell]]) throws(DocxError) {
        while let event = try next() {
            switch event {
            case .start("w:tr", _):
                var cells: [WordDocument.Cell] = []
                if try readCells(into: &cells) == false { rows.append(cells) }
            case .start("w:sdt", _), .start("w:sdtContent", _), .start("w:customXml", _):
                try readRows(into: &rows)
            case .start:
                try skip()
            case .end:
                return
            case .text:
                break
            }
        }
    }

    /// Cells up to the end of the current element (`w:tr`, or a content control around cells).
    /// Returns whether the row is a tracked deletion (`w:trPr/w:del`), which is left out.
    private mutating func readCells(into cells: inout [WordDocument.Cell]) throws(DocxError) -> Bool {
        var deleted = false
        while let event = try next() {
            switch event {
            case .start("w:tc", _):
                cells.append(try readCell())
            case .start("w:trPr", _):
                deleted = try containsElement("w:del")
            case .start("w:sdt", _), .start("w:sdtContent", _), .start("w:customXml", _):
                deleted = try readCells(into: &cells) || deleted
            case .start:
                try skip()
            case .end:
                return deleted
            case .text:
                break
            }
        }
        return deleted
    }

    private mutating func readCell() throws(DocxError) -> WordDocument.Cell {
        var cell = WordDocument.Cell(text: "")
        var blocks: [WordDocument.Block] = []
        while let event = try next() {
            switch event {
            case .start("w:tcPr", _):
                try readCellProperties(&cell)
            case .start(let name, _):
                try readBlock(name, into: &blocks)
            case .end:
                cell.text = blocks.map(Self.text).joined(separator: "\n")
                return cell
            case .text:
                break
            }
        }
        return cell
    }

    private mutating func readCellProperties(_ cell: inout WordDocument.Cell) throws(DocxError) {
        var depth = 1
        while let event = try next() {
            switch event {
            case .start(let name, let attributes):
                depth += 1
                if depth == 2, name == "w:gridSpan", let value = attributes["w:val"].flatMap({ Int($0) }) {
                    cell.span = min(max(value, 1), WordDocument.maxGridSpan)
                } else if depth == 2, name == "w:vMerge" {
                    cell.continuesMerge = attributes["w:val"] != "restart"
                }
            case .end:
                depth -= 1
                if depth == 0 { return }
            case .text:
                break
            }
        }
    }

    /// Whether an element of this name occurs inside the current element (consumed to its end).
    private mutating func containsElement(_ wanted: String) throws(DocxError) -> Bool {
        var depth = 1
        var found = false
        while let event = try next() {
            switch event {
            case .start(let name, _): depth += 1; found = found || name == wanted
            case .end: depth -= 1; if depth == 0 { return found }
            case .text: break
            }
        }
        return found
    }

    /// A block's text inside a cell: a nested table gives its rows joined by "\n", cells by "\t".
    static func text(_ block: WordDocument.Block) -> String {
        switch block {
        case .paragraph(let text): text
        case .table(let table): table.rows.map { $0.map(\.text).joined(separator: "\t") }.joined(separator: "\n")
        }
    }

    // MARK: - Runs

    /// The text of inline content (a paragraph's runs) up to the end of the current element,
    /// appended to `text`.
    private mutating func readInline(into text: inout String) throws(DocxError) {
        while let event = try next() {
            switch event {
            case .start(let name, let attributes):
                try readInlineElement(name, attributes, into: &text)
            case .end:
                return
            case .text:
                break
            }
        }
    }

    private mutating func readInlineElement(_ name: String, _ attributes: [XMLAttribute], into text: inout String) throws(DocxError) {
        switch name {
        case "w:t":
            while let event = try next() {
                if case .text(let value) = event { text += value } else if case .end = event { return } else { try skip() }
            }
        case "w:tab", "w:ptab":
            text += "\t"; try skip()
        case "w:br" where ["page", "column"].contains(attributes["w:type"]):
            try skip()  // a page or column break is layout, not a line of the text
        case "w:br", "w:cr":
            text += "\n"; try skip()
        case "w:noBreakHyphen":
            text += "-"; try skip()
        case "w:sym":
            text += Self.symbol(attributes["w:char"]); try skip()
        case "w:r", "w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:fldSimple", "w:dir", "w:bdo",
             "w:ruby", "w:rubyBase", "w:sdtContent":
            try readInline(into: &text)
        case "w:sdt":
            try readContentControl(into: &text) { (reader: inout BodyReader, text: inout String) throws(DocxError) in
                try reader.readInline(into: &text)
            }
        case "mc:AlternateContent":
            try readAlternate(into: &text) { (reader: inout BodyReader, text: inout String) throws(DocxError) in
                try reader.readInline(into: &text)
            }
        default:
            // w:delText, w:del, w:moveFrom, w:instrText, w:rPr, w:drawing, w:pict, w:object, references, marks…
            try skip()
        }
    }

    // MARK: - Content controls and alternate content

    /// A `w:sdt`: its content read into `content`; when it is a check box
    /// (`w:sdtPr/w14:checkbox`) whose content is just the glyph, "☑"/"☐" by `w14:checked` instead.
    private mutating func readContentControl<Content: BodyContent>(
        into content: inout Content, _ read: (inout BodyReader, inout Content) throws(DocxError) -> Void
    ) throws(DocxError) {
        let mark = content.mark
        var checked: Bool?
        while let event = try next() {
            switch event {
            case .start("w:sdtPr", _):
                checked = try readCheckbox()
            case .start("w:sdtContent", _):
                try read(&self, &content)
            case .start:
                try skip()
            case .end:
                if let checked, content.isGlyph(from: mark) {
                    content.truncate(to: mark)
                    content.append(text: Self.box(checked))
                }
                return
            case .text:
                break
            }
        }
    }

    /// In `w:sdtPr`: nil when there is no `w14:checkbox`, else whether `w14:checked` is on.
    private mutating func readCheckbox() throws(DocxError) -> Bool? {
        var depth = 1
        var isCheckbox = false
        var checked = false
        while let event = try next() {
            switch event {
            case .start(let name, let attributes):
                depth += 1
                if name == "w14:checkbox" { isCheckbox = true }
                if name == "w14:checked" { checked = ["1", "true", "on"].contains(attributes["w14:val"] ?? "1") }
            case .end:
                depth -= 1
                if depth == 0 { return isCheckbox ? checked : nil }
            case .text:
                break
            }
        }
        return nil
    }

    /// `mc:AlternateContent`: the first `mc:Choice` that gives some text, else `mc:Fallback`;
    /// never both (a choice that gives no text is taken back).
    private mutating func readAlternate<Content: BodyContent>(
        into content: inout Content, _ read: (inout BodyReader, inout Content) throws(DocxError) -> Void
    ) throws(DocxError) {
        var chosen = false
        while let event = try next() {
            switch event {
            case .start("mc:Choice", _) where !chosen:
                let mark = content.mark
                try read(&self, &content)
                if content.hasText(from: mark) { chosen = true } else { content.truncate(to: mark) }
            case .start("mc:Fallback", _) where !chosen:
                try read(&self, &content)
                chosen = true
            case .start:
                try skip()
            case .end:
                return
            case .text:
                break
            }
        }
    }

    // MARK: - Check boxes

    /// `w:sym` check box glyphs (Wingdings): F0FE/F0FD/F052 are ticked boxes, F0A8/F06F/F0A3 empty ones.
    static func symbol(_ code: String?) -> String {
        switch code?.uppercased() {
        case "F0FE", "F0FD", "F052": "☑"
        case "F0A8", "F06F", "F0A3": "☐"
        default: ""
        }
    }

    static func box(_ checked: Bool) -> String { checked ? "☑" : "☐" }

    /// A check box control's content is "just the glyph": one character (or nothing) besides spaces.
    static func isGlyph(_ text: Substring) -> Bool {
        var count = 0
        for character in text where !character.isWhitespace {
            count += 1
            if count > 1 { return false }
        }
        return true
    }
}
