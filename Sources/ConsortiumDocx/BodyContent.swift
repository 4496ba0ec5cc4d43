/// What the body walk appends to: a paragraph's text, or a list of blocks. Content controls and
/// alternate content are read straight into it and, when needed, taken back to a mark.
protocol BodyContent {
    /// A position to come back to.
    var mark: Int { get }
    /// Whether what was added since `mark` has any text.
    func hasText(from mark: Int) -> Bool
    /// Whether what was added since `mark` is at most one character besides spaces (a check box glyph).
    func isGlyph(from mark: Int) -> Bool
    mutating func truncate(to mark: Int)
    mutating func append(text: String)
}

extension String: BodyContent {
    var mark: Int { utf8.count }
    func hasText(from mark: Int) -> Bool { utf8.count > mark }
    func isGlyph(from mark: Int) -> Bool { BodyReader.isGlyph(self[utf8.index(startIndex, offsetBy: mark)...]) }
    mutating func truncate(to mark: Int) { removeSubrange(utf8.index(startIndex, offsetBy: mark)...) }
    mutating func append(text: String) { self += text }
}

extension Array: BodyContent where Element == WordDocument.Block {
    var mark: Int { count }
    func hasText(from mark: Int) -> Bool { self[mark...].contains { !BodyReader.text($0).isEmpty } }
    func isGlyph(from mark: Int) -> Bool { count - mark <= 1 && BodyReader.isGlyph(Substring(self[mark...].first.map(BodyReader.text) ?? "")) }
    mutating func truncate(to mark: Int) { removeSubrange(mark...) }
    mutating func append(text: String) { append(.paragraph(text)) }
}
