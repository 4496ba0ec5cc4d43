import ArgumentParser
import ConsortiumCore
import ConsortiumDaemon
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
enum StateLoader {
    static let databaseName = "consortiumd.sqlite"

    static func databasePath(_ config: ConsortiumConfig) -> String {
        config.stateDirectory.hasSuffix("/") ? config.stateDirectory + databaseName : config.stateDirectory + "/" + databaseName
    }

    /// The daemon's store, read-only; nil when the daemon has not run yet.
    static func openStore(_ config: ConsortiumConfig) throws -> Store? {
        let path = databasePath(config)
        guard case .missing = FileAccess.probe(path) else {
            do { return try Store(readOnlyAt: path) } catch {
                Console.error(StateError.unreadable(path, String(describing: error)).description)
                throw ExitCode(ExitStatus.usage)
            }
        }
        return nil
    }

    static func source(for config: ConsortiumConfig) throws(StateError) -> any DocumentSource {
        let path = databasePath(config)
        switch FileAccess.probe(path) {
        case .missing: return EmptyState()
        default: return try SQLiteStateReader.open(path, config: config)
        }
    }
}

/// The reader of the daemon's SQLite database, opened read-only; the documents are decoded
/// again from the archive, exactly as the daemon loads them at start-up.
struct SQLiteStateReader: DocumentSource {
    let store: Store
    let config: ConsortiumConfig

    static func open(_ path: String, config: ConsortiumConfig) throws(StateError) -> any DocumentSource {
        do { return SQLiteStateReader(store: try Store(readOnlyAt: path), config: config) } catch {
            throw StateError.unreadable(path, String(describing: error))
        }
    }

    func acceptedDocuments() throws(StateError) -> [RecordedDocument] {
        do { return try ArchiveReader.documents(store, config: config) } catch {
            throw StateError.unreadable(StateLoader.databasePath(config), String(describing: error))
        }
    }
}

enum StateError: Error, CustomStringConvertible {
    case unreadable(String, String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "无法读取状态数据库 \(path)：\(reason) / cannot read the state database \(path): \(reason)"
        }
    }
}
