import ConsortiumCore
import ConsortiumDocx
import Foundation

/// Reads the accepted documents back from the store and the archive (the original bytes are
/// the truth): the daemon at start-up, `consortiumctl` read-only, `verify`.
public enum ArchiveReader {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every accepted document in arrival order. A document recorded but not yet moved (a crash
    /// between the commit and the rename) is read from the inbox or `pending/`, where it still is.
    public static func documents(_ store: Store, config: ConsortiumConfig) throws -> [RecordedDocument] {
        var out: [RecordedDocument] = []
        var strays: [String: [UInt8]]?
        for row in try store.documents() {
            var bytes = try? FileSystem.readRegularFile(config.stateDirectory + "/" + row.archive, limit: Int.max - 1)
            if bytes == nil {
                if strays == nil { strays = unmovedFiles(config) }
                bytes = strays?[row.sha256]
            }
            guard let bytes else {
                throw Failure(description: "存档文件 \(row.archive) 缺失（数据库记录了它）/ archived document \(row.archive) is missing")
            }
            guard case .success(let decoded) = InboxDecoder.decode(bytes, name: row.name, limits: config.limits) else {
                throw Failure(description: "存档文件 \(row.archive) 无法解码 / archived document \(row.archive) does not decode")
            }
            out.append(RecordedDocument(document: decoded.document, sha256: row.sha256, arrival: row.arrival, name: row.name))
        }
        return out
    }

    /// Regular files in the inbox and `pending/` by SHA-256.
    static func unmovedFiles(_ config: ConsortiumConfig) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        for directory in [config.inbox, config.pending] {
            for name in (try? FileSystem.names(in: directory)) ?? [] {
                if let bytes = try? FileSystem.readRegularFile(directory + "/" + name, limit: config.sizeLimit(forName: name).bytes) {
                    found[SHA256.hex(bytes)] = bytes
                }
            }
        }
        return found
    }
}
