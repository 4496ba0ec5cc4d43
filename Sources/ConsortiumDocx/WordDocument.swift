/// The body of a Word document as plain, typed blocks in body order: what `DocxReader` makes of
/// untrusted .docx bytes. Headers, footers, notes, comments, drawings and formatting are not kept.
public struct WordDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case paragraph(String)
        case table(Table)
    }

    public struct Table: Sendable, Equatable {
        /// Rows (`w:tr`) in body order, each a list of its cells (`w:tc`) in order.
        public var rows: [[Cell]]
        public init(rows: [[Cell]]) { self.rows = rows }
    }

    public struct Cell: Sendable, Equatable {
        /// The cell's paragraphs joined by "\n"; `w:tab` → "\t", `w:br`/`w:cr` → "\n"; a nested table
        /// contributes its text (rows joined by "\n", cells by "\t").
        public var text: String
        /// `w:gridSpan` (1 when absent, at most `WordDocument.maxGridSpan`).
        public var span: Int
        /// `w:vMerge` without `w:val="restart"`: merged with the cell above.
        public var continuesMerge: Bool
        /// The cell shows the result of a field Word updates to today's date by itself (`DATE`,
        /// `SAVEDATE`…): its text is the day the file was last opened or saved, not a typed date.
        public var hasDateField: Bool
        public init(text: String, span: Int = 1, continuesMerge: Bool = false, hasDateField: Bool = false) {
            self.text = text
            self.span = span
            self.continuesMerge = continuesMerge
            self.hasDateField = hasDateField
        }
    }

    public var blocks: [Block]

    public init(blocks: [Block]) { self.blocks = blocks }

    /// Word allows 63 columns; a larger `w:gridSpan` is clamped to this.
    public static let maxGridSpan = 64

    /// The tables of the body, in order.
    public var tables: [Table] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }

    /// The paragraphs of the body outside tables, in order.
    public var paragraphs: [String] {
        blocks.compactMap { if case .paragraph(let text) = $0 { text } else { nil } }
    }
}
