import ConsortiumCore
import ConsortiumStore
import Foundation

/// The batch committer's state: the documents accepted and not yet committed (group commit),
/// and how to take them back out of the model if their transaction fails. It decides what a
/// commit writes (`take`); the daemon performs it (`Daemon.commit` in Daemon+Effects.swift).
struct Batch {
    /// Documents per transaction when many arrive together.
    static let limit = 256

    struct Entry {
        var record: RecordedDocument
        /// `consortium(of:)` the document (looked up once).
        var consortium: ConsortiumID?
        var source: String
        var encoding: DocumentEncoding
        var received: Date
        var fromPending: Bool
    }

    /// What one commit writes and, if it fails, puts back.
    struct Commit {
        var entries: [Entry]
        /// The consortia as they were before the batch changed them (nil: not there).
        var undo: [ConsortiumID: ResidentConsortium?]

        /// The rows of the transaction (the moment of truth).
        var rows: [Store.AcceptedRow] {
            entries.map { entry in
                Store.AcceptedRow(
                    arrival: entry.record.arrival,
                    sha256: entry.record.sha256,
                    name: entry.record.name,
                    document: entry.record.document,
                    encoding: entry.encoding,
                    received: entry.received,
                    archive: "archive/" + entry.record.sha256,
                    removingPending: entry.fromPending
                )
            }
        }
    }

    private(set) var entries: [Entry] = []
    /// The consortia as they were before the current batch changed them (nil: not there), put
    /// back if its transaction fails.
    private var undo: [ConsortiumID: ResidentConsortium?] = [:]

    var count: Int { entries.count }
    var isFull: Bool { entries.count >= Self.limit }

    func contains(sha: String) -> Bool { entries.contains(where: { $0.record.sha256 == sha }) }

    func entry(sha: String) -> Entry? { entries.first(where: { $0.record.sha256 == sha }) }

    /// The batch's documents of `consortium`.
    func records(of consortium: ConsortiumID) -> [RecordedDocument] {
        entries.lazy.map(\.record).filter { $0.document.consortium == consortium }
    }

    /// Keeps `before`, the consortium as it was before this batch first changed it.
    mutating func keepUndo(_ id: ConsortiumID, before: ResidentConsortium?) {
        if undo[id] == nil { undo[id] = .some(before) }
    }

    mutating func append(_ entry: Entry) { entries.append(entry) }

    /// The commit of everything accepted so far (nil: nothing); the batch starts again empty.
    mutating func take() -> Commit? {
        guard !entries.isEmpty else { return nil }
        defer {
            entries = []
            undo = [:]
        }
        return Commit(entries: entries, undo: undo)
    }
}
