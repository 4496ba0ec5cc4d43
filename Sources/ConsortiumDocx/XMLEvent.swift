/// What `XMLTokenizer` reports. Names keep their prefix as written (`w:t`); a self-closing element is
/// reported as `start` then `end`.
enum XMLEvent: Equatable {
    case start(name: String, attributes: [XMLAttribute])
    case end(name: String)
    /// Character data (entities resolved) or a CDATA section.
    case text(String)
}
