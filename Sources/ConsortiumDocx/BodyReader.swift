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
        try descendants { _, _, _ in }
    }

    /// Calls `handle` for each child element of the current element, up to the current element's
    /// end; a child that `handle` does not take (returns false) is skipped whole.
    private mutating func children(
        _ handle: (inout BodyReader, String, [XMLAttribute]) throws(DocxError) -> Bool
    ) throws(DocxError) {
        while let event = try next() {
            switch event {
            case .start(let name, let attributes):
                if try !handle(&self, name, attributes) { try skip() }
            case .end:
                return
            case .text:
                break
            }
        }
    }

    /// Calls `visit` for every element inside the current element with its depth (1 for a child),
    /// up to the current element's end.
    private mutating func descendants(_ visit: (String, [XMLAttribute], Int) -> Void) throws(DocxError) {
        var depth = 1
        while let event = try next() {
            switch event {
            case .start(let name, let attributes):
                visit(name, attributes, depth)
                depth += 1
            case .end:
                depth -= 1
                if depth == 0 { return }
            case .text:
                break
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
        try children { reader, name, _ throws(DocxError) in
            guard name == "w:body", blocks == nil else { return false }
            var body: [WordDocument.Block] = []
            try reader.readBlocks(into: &body)
            blocks = body
            return true
        }
        guard let blocks else { throw .notWordDocument(part: xml.part) }
        return WordDocument(blocks: blocks)
    }

    /// Block-level content up to the end of the current element, appended to `blocks` (content at
    /// every depth goes straight into the one array: no copying per level of nesting).
    private mutating func readBlocks(into blocks: inout [WordDocument.Block]) throws(DocxError) {
        try children { reader, name, _ throws(DocxError) in try reader.readBlock(name, into: &blocks) }
    }

    /// One block-level element; false when it is not one the walk reads (the caller skips it).
    private mutating func readBlock(_ name: String, into blocks: inout [WordDocument.Block]) throws(DocxError) -> Bool {
        switch name {
        case "w:p":
            var text = ""
            try readInline(into: &text)
            blocks.append(.paragraph(text))
        case "w:tbl":
            var rows: [[WordDocument.Cell]] = []
            try readRows(into: &rows)
            blocks.append(.table(WordDocument.Table(rows: rows)))
        case "w:sdt":
            try readContentControl(into: &blocks) { reader, blocks throws(DocxError) in try reader.readBlocks(into: &blocks) }
        case "w:customXml", "w:smartTag", "w:ins", "w:moveTo":
            try readBlocks(into: &blocks)
        case "mc:AlternateContent":
            try readAlternate(into: &blocks) { reader, blocks throws(DocxError) in try reader.readBlocks(into: &blocks) }
        default:
            return false
        }
        return true
    }

    // MARK: - Tables

    /// Rows up to the end of the current element (`w:tbl`, or a content control around rows).
    private mutating func readRows(into rows: inout [[WordDocument.Cell]]) throws(DocxError) {
        try children { reader, name, _ throws(DocxError) in
            switch name {
            case "w:tr":
                var cells: [WordDocument.Cell] = []
                if try !reader.readCells(into: &cells) { rows.append(cells) }
            case "w:sdt", "w:sdtContent", "w:customXml":
                try reader.readRows(into: &rows)
            default:
                return false
            }
            return true
        }
    }

    /// Cells up to the end of the current element (`w:tr`, or a content control around cells).
    /// Returns whether the row is a tracked deletion (`w:trPr/w:del`), which is left out.
    private mutating func readCells(into cells: inout [WordDocument.Cell]) throws(DocxError) -> Bool {
        var deleted = false
        try children { reader, name, _ throws(DocxError) in
            switch name {
            case "w:tc":
                cells.append(try reader.readCell())
            case "w:trPr":
                try reader.descendants { name, _, _ in deleted = deleted || name == "w:del" }
            case "w:sdt", "w:sdtContent", "w:customXml":
                deleted = try reader.readCells(into: &cells) || deleted
            default:
                return false
            }
            return true
        }
        return deleted
    }

    private mutating func readCell() throws(DocxError) -> WordDocument.Cell {
        var cell = WordDocument.Cell(text: "")
        var blocks: [WordDocument.Block] = []
        try children { reader, name, _ throws(DocxError) in
            guard name == "w:tcPr" else { return try reader.readBlock(name, into: &blocks) }
            try reader.descendants { name, attributes, depth in
                if depth == 1, name == "w:gridSpan", let value = attributes["w:val"].flatMap({ Int($0) }) {
                    cell.span = min(max(value, 1), WordDocument.maxGridSpan)
                } else if depth == 1, name == "w:vMerge" {
                    cell.continuesMerge = attributes["w:val"] != "restart"
                }
            }
            return true
        }
        cell.text = blocks.map(Self.text).joined(separator: "\n")
        return cell
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
        try children { reader, name, attributes throws(DocxError) in try reader.readInlineElement(name, attributes, into: &text) }
    }

    /// One inline element; false when it is not one the walk reads (the caller skips it): w:delText,
    /// w:del, w:moveFrom, w:instrText, w:rPr, w:drawing, w:pict, w:object, references, marks…
    private mutating func readInlineElement(_ name: String, _ attributes: [XMLAttribute], into text: inout String) throws(DocxError) -> Bool {
        switch name {
        case "w:t":
            while let event = try next() {
                switch event {
                case .text(let value): text += value
                case .start: try skip()
                case .end: return true
                }
            }
            return true
        case "w:tab", "w:ptab":
            text += "\t"
        case "w:br" where ["page", "column"].contains(attributes["w:type"]):
            break  // a page or column break is layout, not a line of the text
        case "w:br", "w:cr":
            text += "\n"
        case "w:noBreakHyphen":
            text += "-"
        case "w:sym":
            text += Self.symbol(attributes["w:char"])
        case "w:r", "w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:fldSimple", "w:dir", "w:bdo",
             "w:ruby", "w:rubyBase", "w:sdtContent":
            try readInline(into: &text)
            return true
        case "w:sdt":
            try readContentControl(into: &text) { reader, text throws(DocxError) in try reader.readInline(into: &text) }
            return true
        case "mc:AlternateContent":
            try readAlternate(into: &text) { reader, text throws(DocxError) in try reader.readInline(into: &text) }
            return true
        default:
            return false
        }
        try skip()
        return true
    }

    // MARK: - Content controls and alternate content

    /// A `w:sdt`: its content read into `content`; when it is a check box
    /// (`w:sdtPr/w14:checkbox`) whose content is just the glyph, "☑"/"☐" by `w14:checked` instead.
    private mutating func readContentControl<Content: BodyContent>(
        into content: inout Content, _ read: (inout BodyReader, inout Content) throws(DocxError) -> Void
    ) throws(DocxError) {
        let mark = content.mark
        var isCheckbox = false
        var checked = false
        try children { reader, name, _ throws(DocxError) in
            switch name {
            case "w:sdtPr":
                try reader.descendants { name, attributes, _ in
                    if name == "w14:checkbox" { isCheckbox = true }
                    if name == "w14:checked" { checked = ["1", "true", "on"].contains(attributes["w14:val"] ?? "1") }
                }
            case "w:sdtContent":
                try read(&reader, &content)
            default:
                return false
            }
            return true
        }
        if isCheckbox, content.isGlyph(from: mark) {
            content.truncate(to: mark)
            content.append(text: Self.box(checked))
        }
    }

    /// `mc:AlternateContent`: the first `mc:Choice` that gives some text, else `mc:Fallback`;
    /// never both (a choice that gives no text is taken back).
    private mutating func readAlternate<Content: BodyContent>(
        into content: inout Content, _ read: (inout BodyReader, inout Content) throws(DocxError) -> Void
    ) throws(DocxError) {
        var chosen = false
        try children { reader, name, _ throws(DocxError) in
            guard !chosen, name == "mc:Choice" || name == "mc:Fallback" else { return false }
            let mark = content.mark
            try read(&reader, &content)
            if name == "mc:Fallback" || content.hasText(from: mark) { chosen = true } else { content.truncate(to: mark) }
            return true
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
