/// The known key/value pairs of one mapping, looked up by key. The composer already rejected
/// duplicate keys, so a key appears at most once; mappings are small, so a scan is cheaper than
/// building a dictionary for every mapping of every document.
struct FieldPairs {
    private let pairs: [DocumentNodePair]

    init(_ pairs: [DocumentNodePair]) { self.pairs = pairs }

    subscript(key: String) -> DocumentNodePair? { pairs.first { $0.key == key } }
}
