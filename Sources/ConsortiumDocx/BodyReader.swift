/// Walks the WordprocessingML main part (`w:document/w:body`) as a stream of XML events and builds
/// the `WordDocument`: paragraphs and tables in body order. Elements are matched by the prefix the
/// root binds to each namespace (normally `w:`, `mc:`, `w14:`), so another prefix for the same
/// namespace reads the same. Tracked changes are read as accepted (insertions and moves in,
/// deletions and moved-away text out); content controls are transparent; drawings, fields' codes,
/// notes' references, bookmarks, proofing marks and section properties are left out. Hidden text
/// (`w:vanish`) is left out; automatic numbering is written before its paragraph (`二、`); check
/// boxes of every common kind become ☑/☐ (docs/word-forms.md, "Ticks").
struct BodyReader {
    private var xml: XMLTokenizer
    /// Automatic numbering and styles (empty when the package has none).
    private var numbering: Numbering
    /// The current run's properties (and, outside runs, the current paragraph style's).
    private var hidden = false
    private var font: SymbolFont?
    /// Open complex fields (`w:fldChar` begin … separate … end), innermost last; at most
    /// `maxFieldDepth` are tracked, deeper ones are only counted so their ends match.
    private var fields: [Field] = []
    private var untrackedFields = 0
    /// Whether an auto-updating date field's result was read since the current cell began.
    private var sawDateField = false

    struct Field {
        var code = ""
        var inResult = false
        /// A legacy check box form field (`w:ffData/w:checkBox`): its state.
        var checkbox: Bool?
    }

    static let maxFieldDepth = 16
    static let maxFieldCode = 256
    /// Field instructions whose result is a date Word updates by itself (on opening, saving or printing).
    static let dateFields: Set<String> = ["DATE", "TIME", "SAVEDATE", "PRINTDATE", "CREATEDATE"]
    /// Written prefix → canonical prefix, for the namespaces the walk needs; nil when they are
    /// already `w`, `mc` and `w14` (the usual case: names are then used as written).
    private var prefixes: [String: String]?

    static let namespaces: [String: String] = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
        "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
        "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
        "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    ]

    static func read(_ bytes: [UInt8], part: String, limits: DocxLimits, numbering: Numbering = Numbering()) throws(DocxError) -> WordDocument {
        var reader = BodyReader(xml: try XMLTokenizer(bytes, part: part, limits: limits), numbering: numbering)
        return try reader.document()
    }

    private init(xml: XMLTokenizer, numbering: Numbering) {
        self.xml = xml
        self.numbering = numbering
    }

    // MARK: - Events

    private mutating func next() throws(DocxError) -> XMLEvent? {
        guard let event = try xml.next() else { return nil }
        guard let prefixes else { return event }
        switch event {
        case .start(let name, let attributes):
            return .start(
                name: Self.canonical(name, prefixes),
                attributes: attributes.map { XMLAttribute(name: Self.canonical($0.name, prefixes), value: $0.value) }
            )
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
            if attribute.name == "xmlns" {
                prefix = ""
            } else if attribute.name.hasPrefix("xmlns:") {
                prefix = String(attribute.name.dropFirst(6))
            } else {
                continue
            }
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
            blocks.append(.paragraph(try readParagraph()))
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
        let outerSawDateField = sawDateField
        sawDateField = false
        defer { sawDateField = sawDateField || outerSawDateField }
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
        cell.hasDateField = sawDateField
        return cell
    }

    /// A block's text inside a cell: a nested table gives its rows joined by "\n", cells by "\t".
    static func text(_ block: WordDocument.Block) -> String {
        switch block {
        case .paragraph(let text): text
        case .table(let table): table.rows.map { $0.map(\.text).joined(separator: "\t") }.joined(separator: "\n")
        }
    }

    // MARK: - Paragraphs and runs

    /// A paragraph: its automatic number (if any) and its text. `w:pPr` comes first: its style
    /// gives the runs' default font and hidden state, its `w:numPr` (or its style's) the number.
    private mutating func readParagraph() throws(DocxError) -> String {
        var text = ""
        var style: String?
        var numID: String?
        var level: Int?
        let outer = (hidden, font)
        defer { (hidden, font) = outer }
        try children { reader, name, attributes throws(DocxError) in
            guard name == "w:pPr" else { return try reader.readInlineElement(name, attributes, into: &text) }
            var parent = ""
            try reader.descendants { name, attributes, depth in
                if depth == 1 { parent = name }
                if depth == 1, name == "w:pStyle" { style = attributes["w:val"] }
                if depth == 2, parent == "w:numPr", name == "w:numId" { numID = attributes["w:val"] }
                if depth == 2, parent == "w:numPr", name == "w:ilvl" { level = attributes["w:val"].flatMap { Int($0) } }
            }
            let styleID = style ?? reader.numbering.defaultParagraphStyle
            reader.hidden = reader.numbering.inherited(styleID) { $0.hidden } ?? false
            reader.font = reader.numbering.inherited(styleID) { $0.font }
            return true
        }
        let styleID = style ?? numbering.defaultParagraphStyle
        if let list = numID ?? numbering.inherited(styleID, { $0.numID }) {
            let label = numbering.label(numID: list, level: level ?? numbering.inherited(styleID) { $0.level } ?? 0)
            if !label.isEmpty { text = label + text }
        }
        return text
    }

    /// The text of inline content (a paragraph's runs) up to the end of the current element,
    /// appended to `text`.
    private mutating func readInline(into text: inout String) throws(DocxError) {
        try children { reader, name, attributes throws(DocxError) in try reader.readInlineElement(name, attributes, into: &text) }
    }

    /// Whether text read now is shown: not hidden, not a field's code, not the result of a check box field.
    private var shown: Bool {
        !hidden && !fields.contains { !$0.inResult || $0.checkbox != nil }
    }

    /// One inline element; false when it is not one the walk reads (the caller skips it): w:delText,
    /// w:del, w:moveFrom, w:drawing, w:pict, w:object, references, marks…
    private mutating func readInlineElement(_ name: String, _ attributes: [XMLAttribute], into text: inout String) throws(DocxError) -> Bool {
        switch name {
        case "w:t", "w:instrText":
            var value = ""
            while let event = try next() {
                switch event {
                case .text(let part): value += part
                case .start: try skip()
                case .end:
                    if name == "w:instrText" {
                        if let last = fields.indices.last, !fields[last].inResult, fields[last].code.utf8.count < Self.maxFieldCode {
                            fields[last].code += value
                        }
                    } else if shown {
                        text += SymbolFont.translate(value, font: font)
                    }
                    return true
                }
            }
            return true
        case "w:tab", "w:ptab":
            if shown { text += "\t" }
        case "w:br" where ["page", "column"].contains(attributes["w:type"]):
            break  // a page or column break is layout, not a line of the text
        case "w:br", "w:cr":
            if shown { text += "\n" }
        case "w:noBreakHyphen":
            if shown { text += "-" }
        case "w:sym":
            if shown { text += SymbolFont.symbol(font: attributes["w:font"], char: attributes["w:char"]) }
        case "w:r":
            let outer = (hidden, font)
            try readInline(into: &text)
            (hidden, font) = outer
            return true
        case "w:rPr":
            try readRunProperties()
            return true
        case "w:fldChar":
            try readFieldCharacter(attributes["w:fldCharType"], into: &text)
            return true
        case "w:fldSimple":
            if let code = attributes["w:instr"], Self.isDateField(code) { sawDateField = true }
            try readInline(into: &text)
            return true
        case "w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:dir", "w:bdo",
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

    /// A run's `w:rPr`: its character style, a symbol font, hidden text (`w:vanish`).
    private mutating func readRunProperties() throws(DocxError) {
        var style: String?
        var fonts: [XMLAttribute]?
        var vanish: Bool?
        try descendants { name, attributes, depth in
            guard depth == 1 else { return }
            switch name {
            case "w:rStyle": style = attributes["w:val"]
            case "w:rFonts": fonts = attributes
            case "w:vanish": vanish = Numbering.isOn(attributes)
            default: break
            }
        }
        if let vanish { hidden = vanish } else if let style, let styled = numbering.inherited(style, { $0.hidden }) { hidden = styled }
        if let fonts, fonts.contains(where: { ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"].contains($0.name) }) {
            font = SymbolFont.of(fonts)
        } else if let style, let styled = numbering.inherited(style, { $0.font }) {
            font = styled
        }
    }

    /// `w:fldChar`: a complex field begins (a legacy check box gives its box at once), its code
    /// ends and its result begins, or it ends.
    private mutating func readFieldCharacter(_ type: String?, into text: inout String) throws(DocxError) {
        var checkbox: Bool?
        var isCheckbox = false
        var explicit: Bool?
        var byDefault = false
        try descendants { name, attributes, _ in
            switch name {
            case "w:checkBox": isCheckbox = true
            case "w:checked": explicit = Numbering.isOn(attributes)
            case "w:default": byDefault = Numbering.isOn(attributes) && attributes["w:val"] != nil
            default: break
            }
        }
        if isCheckbox { checkbox = explicit ?? byDefault }
        switch type {
        case "begin":
            if let checkbox, shown { text += Self.box(checkbox) }
            if fields.count < Self.maxFieldDepth { fields.append(Field(checkbox: checkbox)) } else { untrackedFields += 1 }
        case "separate":
            guard untrackedFields == 0, let last = fields.indices.last else { break }
            fields[last].inResult = true
            if Self.isDateField(fields[last].code) { sawDateField = true }
        case "end":
            if untrackedFields > 0 { untrackedFields -= 1 } else if !fields.isEmpty { fields.removeLast() }
        default:
            break
        }
    }

    /// A field code whose result Word replaces with today's date (`DATE \@ "yyyy年M月d日"`, `SAVEDATE`…).
    static func isDateField(_ code: String) -> Bool {
        let word = code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\\" }).first.map { $0.uppercased() } ?? ""
        return dateFields.contains(word)
    }

    // MARK: - Content controls and alternate content

    /// A `w:sdt`: its content read into `content`; when it is a check box
    /// (`w:sdtPr/w14:checkbox`) whose content is just the glyph, "☑"/"☐" by `w14:checked` instead.
    private mutating func readContentControl<Content: BodyContent>(
        into content: inout Content,
        _ read: (inout BodyReader, inout Content) throws(DocxError) -> Void
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
        into content: inout Content,
        _ read: (inout BodyReader, inout Content) throws(DocxError) -> Void
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
