import ConsortiumCore
import Foundation

/// Where `consortiumctl` gets the documents the daemon has accepted.
protocol DocumentSource {
    /// Every accepted document with its SHA-256, arrival number and file name.
    func acceptedDocuments() throws(StateError) -> [RecordedDocument]
}

/// The state of a daemon that has not run yet: no database, no documents.
struct EmptyState: DocumentSource {
    func acceptedDocuments() throws(StateError) -> [RecordedDocument] { [] }
}

/// Picks the source of the daemon's state: `<stateDirectory>/consortiumd.sqlite` when it
/// exists, otherwise `EmptyState`.
///
/// The SQLite store does not exist yet: it comes with the daemon. Until then an existing
/// database file is an error (exit 2) rather than a silently empty state — see
/// `SQLiteStateReader`, the one seam to fill in.
enum StateLoader {
    static let databaseName = "consortiumd.sqlite"

    static func databasePath(_ config: ConsortiumConfig) -> String {
        config.stateDirectory.hasSuffix("/") ? config.stateDirectory + databaseName : config.stateDirectory + "/" + databaseName
    }

    static func source(for config: ConsortiumConfig) throws(StateError) -> any DocumentSource {
        let path = databasePath(config)
        switch FileAccess.probe(path) {
        case .missing: return EmptyState()
        default: return try SQLiteStateReader.open(path)
        }
    }
}

/// SEAM — the reader of the daemon's SQLite database. Not implemented: the schema is the
/// daemon's and is written next. When it lands, `open` returns a `DocumentSource` that reads the
/// accepted documents (decoded again from the archive or from stored columns) in arrival order.
/// Do not replace this with a fake: a wrong empty state would hide every notice.
enum SQLiteStateReader {
    static func open(_ path: String) throws(StateError) -> any DocumentSource {
        throw StateError.readerNotAvailable(path)
    }
}

enum StateError: Error, CustomStringConvertible {
    case readerNotAvailable(String)
    case unreadable(String, String)

    var description: String {
        switch self {
        case .readerNotAvailable(let path):
            "状态数据库 \(path) 已存在，但此版本的 consortiumctl 尚不能读取（读取器随守护进程提供）/ the state database \(path) exists, but this consortiumctl cannot read it yet (the reader comes with the daemon)"
        case .unreadable(let path, let reason):
            "无法读取状态数据库 \(path)：\(reason) / cannot read the state database \(path): \(reason)"
        }
    }
}
