/// The operators' acknowledgements by notice id, as the daemon keeps them between evaluations
/// (it does not keep the decoded documents). `latest(for:on:)` is the acknowledgement that
/// replaying every Acknowledgement dated on or before the day in replay order leaves in force.
public struct AcknowledgementIndex: Sendable {
    struct Entry: Sendable {
        var key: (CivilDate, Int, Int)
        var acknowledgement: Acknowledgement
    }
    /// Per notice id, in replay order (usually one).
    private var byNotice: [String: [Entry]] = [:]

    public init(_ records: [RecordedDocument] = []) {
        for record in records { add(record) }
    }

    public var count: Int { byNotice.values.reduce(0) { $0 + $1.count } }

    /// Adds `record` if it is an Acknowledgement (anything else is ignored).
    public mutating func add(_ record: RecordedDocument) {
        guard case .acknowledgement(let ack) = record.document.body else { return }
        let entry = Entry(key: record.applicationKey, acknowledgement: ack)
        var entries = byNotice.removeValue(forKey: ack.notice) ?? []
        let at = entries.firstIndex { entry.key < $0.key } ?? entries.count
        entries.insert(entry, at: at)
        byNotice[ack.notice] = entries
    }

    /// Forgets the acknowledgements that arrived as `arrivals` (their transaction failed).
    public mutating func remove(arrivals: Set<Int>) {
        for (notice, entries) in byNotice where entries.contains(where: { arrivals.contains($0.key.2) }) {
            let kept = entries.filter { !arrivals.contains($0.key.2) }
            byNotice[notice] = kept.isEmpty ? nil : kept
        }
    }

    /// The acknowledgement of `notice` in force on `day`.
    public func latest(for notice: String, on day: CivilDate) -> Acknowledgement? {
        byNotice[notice]?.last { $0.key.0 <= day }?.acknowledgement
    }
}
