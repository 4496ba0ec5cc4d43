import ConsortiumCore
import Foundation
import GRDB
import Testing

@testable import ConsortiumDaemon
@testable import ConsortiumStore

/// The database keeps each consortium's replayed state (Store/StoredStates.swift, docs/performance.md
/// "Stored states"): written with the documents that changed it, read back at start-up instead of
/// replaying the archive; a doubtful one is replayed. A daemon started from them must give the
/// notices of one started by replaying the archive.
@Suite(.serialized) struct StoredStatesTests {
    static let now = ResidentDaemonTests.now
    static let today = ResidentDaemonTests.today

    static func database(_ config: ConsortiumConfig) throws -> DatabaseQueue {
        try DatabaseQueue(path: config.stateDirectory + "/" + Store.fileName)
    }

    static func storedIDs(_ config: ConsortiumConfig) throws -> [String] {
        try database(config).read { try String.fetchAll($0, sql: "SELECT consortium FROM stored_state ORDER BY consortium") }
    }

    /// The examples taken one file at a time (appended, rebuilt, held and released).
    static func ingestExamples(_ config: ConsortiumConfig, reversed: Bool = false) throws -> Daemon {
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        for name in reversed ? Examples.names.reversed() : Examples.names {
            try ResidentDaemonTests.drop(name, config)
            ResidentDaemonTests.scan(daemon)
        }
        daemon.evaluate(scope: nil)
        return daemon
    }

    /// A state with the examples taken in, its database and the consortia stored (three).
    static func storedExamples() throws -> (config: ConsortiumConfig, db: DatabaseQueue, ids: [String]) {
        let config = try ResidentDaemonTests.config()
        _ = try ingestExamples(config)
        return (config, try database(config), try storedIDs(config))
    }

    static func remove(_ config: ConsortiumConfig) {
        try? FileManager.default.removeItem(atPath: (config.stateDirectory as NSString).deletingLastPathComponent)
    }

    /// Every batch writes the states of the consortia it changed; each equals the state replaying
    /// the consortium's archived documents gives, and `verify` finds them so.
    @Test(arguments: [false, true]) func everyConsortiumIsStoredAsTheArchiveReplays(reversed: Bool) throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        let daemon = try Self.ingestExamples(config, reversed: reversed)
        if reversed { #expect(daemon.rebuilds > 0, "no consortium was rebuilt: the test would not see that path") }
        #expect(try Self.storedIDs(config) == daemon.model.consortia.map(\.id).sorted())
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let report = try Verification.run(store: store, config: config, today: Self.today)
        #expect(report.differences.isEmpty, "\(report.differences)")
        #expect(report.notes.contains { $0.contains("已核对 3 个保存的状态") }, "\(report.notes)")
        // Read back as start-up reads them: every state, none replayed.
        var outcome = ResidentModel.StoredStatesOutcome()
        let model = try ResidentModel.load(store, config: config, through: Self.today, outcome: { outcome = $0 })
        #expect(outcome.read == 3 && outcome.rebuiltCount == 0, "\(outcome)")
        let replayed = try ResidentModel.replayAll(store, config: config, through: Self.today)
        #expect(model.documentCount == replayed.documentCount && model.lastArrival == replayed.lastArrival)
        #expect(model.acknowledgements.count == replayed.acknowledgements.count && replayed.acknowledgements.count > 0)
        let acknowledgements = try Self.database(config).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM stored_acknowledgement") }
        #expect(acknowledgements == replayed.acknowledgements.count)
        for consortium in replayed.consortia {
            let same = model[consortium.id]?.stored == consortium.stored
            #expect(same, "\(consortium.id): read back differs from the replay")
        }
    }

    /// Start-up from stored states leaves the SHA-256 filter unbuilt: until `buildDuplicateFilter`
    /// every SHA-256 goes to the database, so a copy of an accepted document dropped before it is
    /// still kept as a duplicate; once built, the filter has every accepted document's prefix.
    @Test func theDuplicateFilterWaitsAndCopiesAreStillFound() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        _ = try Self.ingestExamples(config)
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        #expect(!daemon.model.duplicateFilterBuilt)
        let unknown = String(repeating: "f", count: 64)
        #expect(daemon.model.mayHaveAccepted(unknown), "an unbuilt filter must send every SHA-256 to the database")
        let name = Examples.names[0]
        try ResidentDaemonTests.drop(name, config)
        ResidentDaemonTests.scan(daemon)
        let duplicates = (try? FileManager.default.contentsOfDirectory(atPath: config.stateDirectory + "/archive/duplicates")) ?? []
        #expect(duplicates.count == 1, "the copy of \(name) was not kept as a duplicate: \(duplicates)")
        daemon.buildDuplicateFilter()
        #expect(daemon.model.duplicateFilterBuilt)
        let shas = try Self.database(config).read { try String.fetchAll($0, sql: "SELECT sha256 FROM document") }
        #expect(!shas.isEmpty && shas.allSatisfy { daemon.model.mayHaveAccepted($0) })
        let prefixes = Set(shas.map(ResidentModel.prefix))
        if !prefixes.contains(ResidentModel.prefix(unknown)) { #expect(!daemon.model.mayHaveAccepted(unknown)) }
    }

    /// A daemon started from the stored states and one started by replaying the archive (its
    /// stored states deleted before each start) hold the same open notices, on several days.
    @Test func startedFromStoredStatesGivesTheNoticesOfReplaying() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        _ = try Self.ingestExamples(config)
        // A copy of the whole state whose daemon replays the archive at each start.
        let root = (config.stateDirectory as NSString).deletingLastPathComponent
        let copyRoot = root + "-replayed"
        defer { try? FileManager.default.removeItem(atPath: copyRoot) }
        try FileManager.default.copyItem(atPath: root, toPath: copyRoot)
        var replaying = config
        for path in [\ConsortiumConfig.stateDirectory, \.inbox, \.pending, \.rejected, \.noticeDirectory] {
            replaying[keyPath: path] = copyRoot + String(config[keyPath: path].dropFirst(root.count))
        }
        var compared = 0
        for days in [0, 1, 45, 200, 400, 800, 1500] {
            let clock = Self.now.addingTimeInterval(Double(days) * 86_400)
            let stored = try Daemon.open(config: config, clock: { clock })
            #expect(
                stored.storedStatesOutcome.read == 3 && stored.storedStatesOutcome.rebuiltCount == 0,
                "day +\(days): \(stored.storedStatesOutcome)"
            )
            stored.evaluate(scope: nil)
            try Self.database(replaying).write { try $0.execute(sql: "DELETE FROM stored_state") }
            let replayed = try Daemon.open(config: replaying, clock: { clock })
            #expect(
                replayed.storedStatesOutcome.read == 0 && replayed.storedStatesOutcome.rebuilt[.missing] == 3,
                "day +\(days): \(replayed.storedStatesOutcome)"
            )
            replayed.evaluate(scope: nil)
            let a = try ResidentDaemonTests.ledger(config)
            let b = try ResidentDaemonTests.ledger(replaying)
            #expect(a == b, "day +\(days): the ledgers differ")
            #expect(try Self.noticeFiles(config) == Self.noticeFiles(replaying), "day +\(days): the notice files differ")
            compared += a.count
        }
        #expect(compared > 20)
    }

    /// The notice files' names and contents.
    static func noticeFiles(_ config: ConsortiumConfig) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: config.noticeDirectory) where !name.hasPrefix(".") {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: config.noticeDirectory + "/" + name))
        }
        return out
    }

    /// A stored state of another format, built from other document rows (its count, last or sum
    /// of arrivals differ), missing, or of a consortium without documents: that consortium is
    /// replayed (the others read back), the row is written again, and the model equals the replay.
    @Test func aDoubtfulStateIsReplayedAndStoredAgain() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        _ = try Self.ingestExamples(config)
        let db = try Self.database(config)
        let ids = try Self.storedIDs(config)
        #expect(ids.count == 3)
        try db.write { db in
            try db.execute(sql: "UPDATE stored_state SET format = 99 WHERE consortium = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE stored_state SET document_count = document_count + 1 WHERE consortium = ?", arguments: [ids[1]])
            try db.execute(sql: "DELETE FROM stored_state WHERE consortium = ?", arguments: [ids[2]])
            try db.execute(
                sql: """
                    INSERT INTO stored_state
                    SELECT 'LZ-NONE', format, policy, documents, state, parts, document_count, last_arrival, arrival_sum, checksum FROM stored_state LIMIT 1
                    """
            )
        }
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        let outcome = daemon.storedStatesOutcome
        #expect(outcome.read == 0 && outcome.rebuilt == [.format: 1, .documents: 1, .missing: 1] && outcome.orphaned == 1, "\(outcome)")
        #expect(try Self.storedIDs(config) == ids)
        // Every row holds again.
        let again = try Daemon.open(config: config, clock: { Self.now })
        #expect(again.storedStatesOutcome.read == 3 && again.storedStatesOutcome.rebuiltCount == 0, "\(again.storedStatesOutcome)")
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let replayed = try ResidentModel.replayAll(store, config: config, through: Self.today)
        for consortium in replayed.consortia {
            let same = again.model[consortium.id]?.stored == consortium.stored
            #expect(same, "\(consortium.id)")
        }
        // One read back, the others replayed (the per-consortium path, not the whole archive).
        // A document row removed and a later one added (same count): the last and the sum differ.
        try db.write {
            try $0.execute(
                sql: "UPDATE stored_state SET last_arrival = last_arrival + 1, arrival_sum = arrival_sum + 1 WHERE consortium = ?",
                arguments: [ids[1]]
            )
        }
        let partly = try Daemon.open(config: config, clock: { Self.now })
        #expect(partly.storedStatesOutcome.read == 2 && partly.storedStatesOutcome.rebuilt == [.documents: 1], "\(partly.storedStatesOutcome)")
        let same = partly.model[ids[1]]?.stored == replayed[ids[1]]?.stored
        #expect(same)
    }

    /// Rows stored before their document rows were recorded (NULL): each is checked once by its
    /// documents digest — read back and given its rows when the digest holds, replayed when not —
    /// and the next start checks them by their rows alone.
    @Test func rowsFromBeforeTheArrivalsAreCheckedByTheirDigestOnce() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        _ = try Self.ingestExamples(config)
        let db = try Self.database(config)
        let ids = try Self.storedIDs(config)
        let recorded = try db.read {
            try Row.fetchAll($0, sql: "SELECT consortium, document_count, last_arrival, arrival_sum FROM stored_state ORDER BY consortium")
        }
        try db.write { db in
            try db.execute(sql: "UPDATE stored_state SET document_count = NULL, last_arrival = NULL, arrival_sum = NULL")
            try db.execute(sql: "UPDATE stored_state SET documents = 'x' WHERE consortium = ?", arguments: [ids[1]])
        }
        let upgraded = try Daemon.open(config: config, clock: { Self.now })
        #expect(upgraded.storedStatesOutcome.read == 2 && upgraded.storedStatesOutcome.rebuilt == [.documents: 1], "\(upgraded.storedStatesOutcome)")
        // Every row has its document rows again, as the batch commit records them.
        let now = try db.read {
            try Row.fetchAll($0, sql: "SELECT consortium, document_count, last_arrival, arrival_sum FROM stored_state ORDER BY consortium")
        }
        #expect(now == recorded)
        let next = try Daemon.open(config: config, clock: { Self.now })
        #expect(next.storedStatesOutcome.read == 3 && next.storedStatesOutcome.rebuiltCount == 0, "\(next.storedStatesOutcome)")
    }

    /// A stored state whose bytes were damaged on disk (they no longer match the checksum written
    /// with them) is not read — the reader trusts its bytes — but replayed from the archive and
    /// stored again; `verify` names it.
    @Test func damagedBytesAreReplayedNotRead() throws {
        let (config, db, ids) = try Self.storedExamples()
        defer { Self.remove(config) }
        // Random bytes for one row's parts (the reader would run past their end), zeros for another's state.
        try db.write { db in
            try db.execute(sql: "UPDATE stored_state SET parts = randomblob(length(parts)) WHERE consortium = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE stored_state SET state = zeroblob(length(state)) WHERE consortium = ?", arguments: [ids[1]])
        }
        let verified = try Verification.run(store: Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName), config: config, today: Self.today)
        #expect(verified.differences.count == 1 && verified.differences[0].contains("保存的字节已损坏"), "\(verified.differences)")
        #expect(verified.differences.first.map { $0.contains(ids[0]) && $0.contains(ids[1]) } == true)
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        #expect(daemon.storedStatesOutcome.rebuilt == [.damaged: 2] && daemon.storedStatesOutcome.read == 1, "\(daemon.storedStatesOutcome)")
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let replayed = try ResidentModel.replayAll(store, config: config, through: Self.today)
        for id in ids {
            let same = daemon.model[id]?.stored == replayed[id]?.stored
            #expect(same, "\(id)")
        }
        // Stored again, with their checksum: the next start reads all three.
        let again = try Daemon.open(config: config, clock: { Self.now })
        #expect(again.storedStatesOutcome.read == 3 && again.storedStatesOutcome.rebuiltCount == 0, "\(again.storedStatesOutcome)")
        // A row from before the checksum is read as before and given it.
        try db.write { try $0.execute(sql: "UPDATE stored_state SET checksum = NULL") }
        let upgraded = try Daemon.open(config: config, clock: { Self.now })
        #expect(upgraded.storedStatesOutcome.read == 3)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM stored_state WHERE checksum IS NOT NULL") } == 3)
    }

    /// `verify` compares the stored states with the archive: a state that differs is named, with the fix.
    @Test func verifyNamesAStoredStateThatDiffers() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        _ = try Self.ingestExamples(config)
        let db = try Self.database(config)
        // Another consortium's state under this one's key and digest: built from other documents.
        let ids = try Self.storedIDs(config)
        try db.write { db in
            try db.execute(
                sql: """
                    UPDATE stored_state SET (state, parts, checksum) = (SELECT state, parts, checksum FROM stored_state WHERE consortium = ?)
                    WHERE consortium = ?
                    """,
                arguments: [ids[1], ids[0]]
            )
        }
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let report = try Verification.run(store: store, config: config, today: Self.today)
        #expect(
            report.differences.count == 1 && report.differences[0].contains(ids[0]) && report.differences[0].contains("DELETE FROM stored_state")
                && report.differences[0].contains("状态与存档重放的不同"),
            "\(report.differences)"
        )
        try db.write { try $0.execute(sql: "UPDATE stored_state SET documents = 'z' WHERE consortium = ?", arguments: [ids[2]]) }
        let again = try Verification.run(store: Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName), config: config, today: Self.today)
        #expect(again.differences.count == 1 && again.differences[0].contains("文件摘要不符"), "\(again.differences)")
        // Rows that name other document rows than the consortium's are named too.
        try db.write { try $0.execute(sql: "UPDATE stored_state SET arrival_sum = arrival_sum + 7 WHERE consortium = ?", arguments: [ids[1]]) }
        let rows = try Verification.run(store: Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName), config: config, today: Self.today)
        #expect(rows.differences.count == 1 && rows.differences[0].contains("文件行不符") && rows.differences[0].contains(ids[1]), "\(rows.differences)")
    }

    /// The Acknowledgements are read from their table; one it lacks is read back from the archive
    /// and stored again; one that differs from its archived document is a difference for `verify`.
    @Test func acknowledgementsAreReadFromTheirTable() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        let daemon = try Self.ingestExamples(config)
        let db = try Self.database(config)
        let count = try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM stored_acknowledgement") ?? 0 }
        #expect(count > 0 && count == daemon.model.acknowledgements.count)
        try db.write { try $0.execute(sql: "DELETE FROM stored_acknowledgement") }
        let again = try Daemon.open(config: config, clock: { Self.now })
        #expect(again.model.acknowledgements.count == count)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM stored_acknowledgement") } == count)
        again.evaluate(scope: nil)
        #expect(try ResidentDaemonTests.ledger(config) == (try ResidentDaemonTests.notices(config)).replayed)
        try db.write { try $0.execute(sql: "UPDATE stored_acknowledgement SET by = 'someone else'") }
        let report = try Verification.run(store: Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName), config: config, today: Self.today)
        #expect(report.differences.count == 1 && report.differences[0].contains("DELETE FROM stored_acknowledgement"), "\(report.differences)")
    }

    /// A reload with other policies replays every consortium and says so in one journal entry;
    /// the states are stored under the new policies (the next start reads them back).
    @Test func aReloadWithOtherPoliciesReplaysAndSaysSoOnce() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        let daemon = try Self.ingestExamples(config)
        nonisolated(unsafe) var entries: [[(String, String)]] = []
        daemon.emitter.onEvent = { event, fields in if event == .statesRebuilt { entries.append(fields) } }
        var shorter = Policy.seed
        shorter.validYears = 1
        var next = config
        next.policy = PolicySchedule(shorter)
        daemon.reload(next)
        #expect(entries.count == 1)
        let fields = Dictionary(entries.first ?? [], uniquingKeysWith: { a, _ in a })
        #expect(fields["STATES_REBUILT"] == "3" && fields["STATES_REBUILT_POLICY"] == "3" && fields["STATES_READ"] == "0", "\(fields)")
        let restarted = try Daemon.open(config: next, clock: { Self.now })
        #expect(restarted.storedStatesOutcome.read == 3 && restarted.storedStatesOutcome.rebuiltCount == 0, "\(restarted.storedStatesOutcome)")
        // Started with the old policies again: replayed, the reason is the policy.
        let old = try Daemon.open(config: config, clock: { Self.now })
        #expect(old.storedStatesOutcome.rebuilt == [.policy: 3], "\(old.storedStatesOutcome)")
    }

    /// A database from before the stored states (none stored): the first start replays everything
    /// and stores every state.
    @Test func theFirstStartAfterTheUpgradeStoresEveryState() throws {
        let config = try ResidentDaemonTests.config()
        defer { Self.remove(config) }
        _ = try Self.ingestExamples(config)
        try Self.database(config).write { try $0.execute(sql: "DELETE FROM stored_state") }
        let first = try Daemon.open(config: config, clock: { Self.now })
        #expect(first.storedStatesOutcome.rebuilt == [.missing: 3] && first.storedStatesOutcome.read == 0)
        #expect(try Self.storedIDs(config).count == 3)
        let second = try Daemon.open(config: config, clock: { Self.now })
        #expect(second.storedStatesOutcome.read == 3)
    }
}
