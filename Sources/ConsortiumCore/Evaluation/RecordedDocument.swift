/// An accepted document as the store holds it: the decoded document, the SHA-256 of its
/// original bytes, and its place in arrival order.
public struct RecordedDocument: Sendable, Equatable {
    public var document: Document
    /// Lowercase hex SHA-256 of the original file.
    public var sha256: String
    /// Arrival sequence number: ties of (date, kind) are applied in this order.
    public var arrival: Int
    /// The file name it arrived under.
    public var name: String

    public init(document: Document, sha256: String, arrival: Int, name: String) {
        self.document = document
        self.sha256 = sha256
        self.arrival = arrival
        self.name = name
    }

    /// What `applicationOrder` compares, as one comparable value (sorting on keys computed once
    /// is much cheaper than comparing records, which copies them).
    public var applicationKey: (CivilDate, Int, Int) { (document.date, document.kind.order, arrival) }

    /// The positions of `keys` in ascending order; equal keys keep their order.
    public static func sortedPositions(_ keys: [(CivilDate, Int, Int)]) -> [Int] {
        keys.indices.sorted { keys[$0] < keys[$1] }
    }

    /// The order in which documents are applied: date, then kind, then arrival (documents.md).
    public static func applicationOrder(_ a: RecordedDocument, _ b: RecordedDocument) -> Bool {
        if a.document.date != b.document.date { return a.document.date < b.document.date }
        if a.document.kind != b.document.kind { return a.document.kind < b.document.kind }
        return a.arrival < b.arrival
    }
}
