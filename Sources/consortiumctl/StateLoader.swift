import ArgumentParser
import ConsortiumCore
import ConsortiumStore
import Foundation

/// Where `consortiumctl` finds the daemon's state: `<stateDirectory>/consortiumd.sqlite`, opened
/// read-only; a daemon that has not run yet has none (no documents).
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
