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
            if name == "w:body", blocks == nil { blocks = try readBlocks() } else { try skip() }
        }
        guard let blocks else { throw .notWordDocument(part: xml.part) }
        return WordDocument(blocks: blocks)
    }

    /// Block-level content up to the end of the current element.
    private mutating func readBlocks() throws(DocxError) -> [WordDocument.Block] {
        var blocks: [WordDocument.Block] = []
        while let event = try next() {
            switch event {
            case .start(let name, _): try readBlock(name, into: &blocks)
            case .end: return blocks
            case .text: break
            }
        }
        return blocks
    }

    private mutating func readBlock(_ name: String, into blocks: inout [WordDocument.Block]) throws(DocxError) {
        switch name {
        case "w:p":
            blocks.append(.paragraph(try readInline()))
        case "w:tbl":
            blocks.append(.table(try readTable()))
        case "w:sdt":
            let (checked, content) = try readContentControl { (reader: inout BodyReader) throws(DocxError) in try reader.readBlocks() }
            if let checked, content.count <= 1, Self.isGlyph(content.first.map(Self.text) ?? "") {
                blocks.append(.paragraph(Self.box(checked)))
            } else {
                blocks += content
            }
        case "w:customXml", "w:smartTag", "w:ins", "w:moveTo":
            blocks += try readBlocks()
        case "mc:AlternateContent":
            blocks += try readAlternate({ (reader: inout BodyReader) throws(DocxError) in try reader.readBlocks() }, isEmpty: { $0.allSatisfy { Self.text($0).isEmpty } })
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

    /// The text of inline content (a paragraph's runs) up to the end of the current element.
    private mutating func readInline() throws(DocxError) -> String {
        var text = ""
        while let event = try next() {
            switch event {
            case .start(let name, let attributes):
                try readInlineElement(name, attributes, into: &text)
            case .end:
                return text
            case .text:
                break
            }
        }
        return text
    }

    private mutating func readInlineElement(_ name: String, _ attributes: [XMLAttribute], into text: inout String) throws(DocxError) {
        switch name {
        case "w:t":
            while let event = try next() {
                if case .text(let value) = event { text += value } else if case .end = event { return } else { try skip() }
            }
        case "w:tab", "w:ptab":
            text += "\t"; try skip()
        case "w:br", "w:cr":
            text += "\n"; try skip()
        case "w:noBreakHyphen":
            text += "-"; try skip()
        case "w:sym":
            text += Self.symbol(attributes["w:char"]); try skip()
        case "w:r", "w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:fldSimple", "w:dir", "w:bdo",
             "w:ruby", "w:rubyBase", "w:sdtContent":
            text += try readInline()
        case "w:sdt":
            let (checked, content) = try readContentControl { (reader: inout BodyReader) throws(DocxError) in try reader.readInline() }
            text += checked.flatMap { Self.isGlyph(content) ? Self.box($0) : nil } ?? content
        case "mc:AlternateContent":
            text += try readAlternate({ (reader: inout BodyReader) throws(DocxError) in try reader.readInline() }, isEmpty: \.isEmpty)
        default:
            // w:delText, w:del, w:moveFrom, w:instrText, w:rPr, w:drawing, w:pict, w:object, references, marks…
            try skip()
        }
    }

    // MARK: - Content controls and alternate content

    /// A `w:sdt`: its content read by `content`, and the checked state when it is a check box
    /// (`w:sdtPr/w14:checkbox/w14:checked`).
    private mutating func readContentControl<Content: DefaultConstructible>(
        _ content: (inout BodyReader) throws(DocxError) -> Content
    ) throws(DocxError) -> (checked: Bool?, content: Content) {
        var checked: Bool?
        var result = Content()
        while let event = try next() {
            switch event {
            case .start("w:sdtPr", _):
                checked = try readCheckbox()
            case .start("w:sdtContent", _):
                result = try content(&self)
            case .start:
                try skip()
            case .end:
                return (checked, result)
            case .text:
                break
            }
        }
        return (checked, result)
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

    /// `mc:AlternateContent`: the first `mc:Choice` that gives something, else `mc:Fallback`; never both.
    private mutating func readAlternate<Content: DefaultConstructible>(
        _ content: (inout BodyReader) throws(DocxError) -> Content, isEmpty: (Content) -> Bool
    ) throws(DocxError) -> Content {
        var chosen: Content?
        var fallback: Content?
        while let event = try next() {
            switch event {
            case .start("mc:Choice", _) where chosen == nil:
                let candidate = try content(&self)
                if !isEmpty(candidate) { chosen = candidate }
            case .start("mc:Fallback", _) where chosen == nil && fallback == nil:
                fallback = try content(&self)
            case .start:
                try skip()
            case .end:
                return chosen ?? fallback ?? Content()
            case .text:
                break
            }
        }
        return chosen ?? fallback ?? Content()
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
    static func isGlyph(_ text: String) -> Bool {
        text.filter { !$0.isWhitespace }.count <= 1
    }
}
