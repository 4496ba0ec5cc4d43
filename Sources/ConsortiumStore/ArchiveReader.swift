import ConsortiumCore
import ConsortiumDocx
import Foundation

/// Reads the accepted documents back from the store and the archive (the original bytes are
/// the truth): the daemon at start-up, `consortiumctl` read-only, `verify`.
public enum ArchiveReader {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What reading one row's archived original gave.
    private enum Outcome {
        case decoded(Document)
        /// The file is not in the archive (looked for among the unmoved files afterwards).
        case missing
        case undecodable
    }

    /// Every accepted document in arrival order. A document recorded but not yet moved (a crash
    /// between the commit and the rename) is read from the inbox or `pending/`, where it still is.
    /// The archived originals are read and decoded in parallel over the processors (POSIX
    /// threads joined before this returns); the result and the first failure reported are the
    /// same as reading them one by one in arrival order.
    public static func documents(
        _ store: Store,
        config: ConsortiumConfig,
        threads: Int = ParallelFor.processorCount
    ) throws -> [RecordedDocument] {
        var strays: [String: [UInt8]]?
        return try decode(try store.archivedDocuments(), config: config, threads: threads, strays: &strays)
    }

    /// The accepted documents of one consortium, in arrival order.
    public static func documents(of consortium: ConsortiumID, _ store: Store, config: ConsortiumConfig) throws -> [RecordedDocument] {
        var strays: [String: [UInt8]]?
        return try decode(try store.archivedDocuments(consortium: consortium), config: config, threads: 1, strays: &strays)
    }

    /// What `consortiumctl show` evaluates for one consortium: its accepted documents, those of
    /// every consortium its findings depend on (`RelatedConsortia.context`, from the `unit`
    /// table), and the Acknowledgements of the notices `noticeIDs` gives for those documents.
    /// Evaluating them gives the consortium the state, findings and notices evaluating every
    /// accepted document gives it (ShowDocumentsTests, RelationsCLITests), reading a few dozen files instead of the
    /// archive. Nil when the relation tables do not cover every document yet
    /// (`Store.relationsComplete`): then the caller reads everything.
    public static func documents(
        showing id: ConsortiumID,
        _ store: Store,
        config: ConsortiumConfig,
        noticeIDs: ([RecordedDocument]) -> [String]
    ) throws -> [RecordedDocument]? {
        guard try store.relationsComplete() else { return nil }
        let out = try withContext(of: [id], naming: [], store, config: config)
        var strays: [String: [UInt8]]?
        return try out + decode(try store.acknowledgementRows(of: noticeIDs(out)), config: config, threads: 1, strays: &strays)
    }

    /// What `consortiumctl check` needs to classify `candidates` (decoded files, in the order
    /// given) as the daemon would and to judge their findings: the accepted documents of their
    /// consortia, those of every consortium the findings of those depend on (sharing a unit named
    /// in a lead role, or with an Incident naming one of their units: `RelatedConsortia.context`,
    /// the candidates' units included). A candidate with the SHA-256 of an accepted document of
    /// its consortium is found a duplicate among these; an Acknowledgement (no consortium) that
    /// repeats an accepted one is classified accepted instead of duplicate, which `check` reports
    /// alike and which changes no finding. Nil when the relation tables do not cover every
    /// document yet.
    public static func documents(
        checking candidates: [Document],
        _ store: Store,
        config: ConsortiumConfig
    ) throws -> [RecordedDocument]? {
        guard try store.relationsComplete() else { return nil }
        return try withContext(of: Set(candidates.compactMap(\.consortium)), naming: candidates.map(\.body), store, config: config)
    }

    /// The accepted documents of `consortia`, then those of the consortia their findings depend on
    /// (`RelatedConsortia.context`, through the `unit` table), counting also the units `extra`
    /// documents name (files not accepted yet).
    private static func withContext(
        of consortia: Set<ConsortiumID>,
        naming extra: [DocumentBody],
        _ store: Store,
        config: ConsortiumConfig
    ) throws -> [RecordedDocument] {
        var out: [RecordedDocument] = []
        for id in consortia.sorted() { out += try documents(of: id, store, config: config) }
        let bodies = out.map(\.document.body) + extra
        let leads = bodies.flatMap(RelatedConsortia.leadUnits(named:))
        let units = bodies.flatMap(RelatedConsortia.units(named:))
        let related = try store.consortia(naming: leads, as: .lead).union(store.consortia(naming: units, as: .listed))
        for id in related.subtracting(consortia).sorted() { out += try documents(of: id, store, config: config) }
        return out
    }

    /// Every accepted document, handed to `body` a group at a time: the documents of about
    /// `consortia` consortia (each consortium's together, in arrival order), then the documents
    /// without a consortium. Start-up builds its resident consortia this way without holding
    /// every decoded document at once (a group's decoded documents are most of start-up's peak
    /// memory above the resident model: 250 consortia, about 5,000 documents, keep it small while
    /// each group still has work enough for every processor).
    public static func forEachGroup(
        _ store: Store,
        config: ConsortiumConfig,
        consortia: Int = 250,
        threads: Int = ParallelFor.processorCount,
        _ body: ([[RecordedDocument]]) throws -> Void
    ) throws {
        var strays: [String: [UInt8]]?
        var rows: [Store.ArchivedRow] = []
        var starts: [Int] = []  // where each consortium's rows begin in `rows`
        func flush() throws {
            guard !rows.isEmpty else { return }
            let decoded = try decode(rows, config: config, threads: threads, strays: &strays)
            let ends = starts.dropFirst() + [decoded.count]
            try body(zip(starts, ends).map { Array(decoded[$0..<$1]) })
            rows.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
        }
        try store.forEachArchivedRowByConsortium { row in
            if rows.isEmpty || row.consortium != rows.last!.consortium || (row.consortium == nil && rows.count - starts.last! >= 256) {
                if starts.count >= consortia { try flush() }
                starts.append(rows.count)
            }
            rows.append(row)
        }
        try flush()
    }

    /// The documents of `rows` (read and decoded in parallel), in their order.
    public static func documents(
        rows: [Store.ArchivedRow],
        config: ConsortiumConfig,
        threads: Int = ParallelFor.processorCount
    ) throws -> [RecordedDocument] {
        var strays: [String: [UInt8]]?
        return try decode(rows, config: config, threads: threads, strays: &strays)
    }

    /// Reads and decodes `rows` (in parallel), in their order.
    private static func decode(
        _ rows: [Store.ArchivedRow],
        config: ConsortiumConfig,
        threads: Int,
        strays: inout [String: [UInt8]]?
    ) throws -> [RecordedDocument] {
        let outcomes = ParallelFor.map(rows, threads: threads, grain: 32) { row -> Outcome in
            guard let bytes = try? FileSystem.readRegularFile(config.stateDirectory + "/" + row.archive, limit: Int.max - 1) else {
                return .missing
            }
            return decode(bytes, name: row.name, config: config)
        }
        var out: [RecordedDocument] = []
        out.reserveCapacity(rows.count)
        for (row, outcome) in zip(rows, outcomes) {
            var outcome = outcome
            if case .missing = outcome {
                if strays == nil { strays = unmovedFiles(config) }
                guard let bytes = strays?[row.sha256] else {
                    throw Failure(description: "存档文件 \(row.archive) 缺失（数据库记录了它）/ archived document \(row.archive) is missing")
                }
                outcome = decode(bytes, name: row.name, config: config)
            }
            guard case .decoded(let document) = outcome else {
                throw Failure(description: "存档文件 \(row.archive) 无法解码 / archived document \(row.archive) does not decode")
            }
            out.append(RecordedDocument(document: document, sha256: row.sha256, arrival: row.arrival, name: row.name))
        }
        return out
    }

    private static func decode(_ bytes: [UInt8], name: String, config: ConsortiumConfig) -> Outcome {
        guard case .success(let decoded) = InboxDecoder.decode(bytes, name: name, limits: config.limits) else { return .undecodable }
        return .decoded(decoded.document)
    }

    /// Regular files in the inbox and `pending/` by SHA-256.
    package static func unmovedFiles(_ config: ConsortiumConfig) -> [String: [UInt8]] {
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
