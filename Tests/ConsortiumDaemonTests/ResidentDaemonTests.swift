import ConsortiumCore
import ConsortiumStore
import Foundation
import GRDB
import Testing

@testable import ConsortiumDaemon

/// The daemon keeps its consortia replayed (ResidentModel) instead of the decoded documents. Whatever
/// order documents come in, and whatever fails on the way, its open notices must be those of
/// evaluating every accepted document read back from the archive.
@Suite(.serialized) struct ResidentDaemonTests {
    static let now = Date(timeIntervalSince1970: 1_798_768_800)  // 2027-01-01 12:00 in Liuzhou
    static let today = CivilDate("2027-01-01")!

    static func config() throws -> ConsortiumConfig {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("resident-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var config = ConsortiumConfig()
        config.stateDirectory = root + "/state"
        config.inbox = root + "/inbox"
        config.pending = root + "/pending"
        config.rejected = root + "/rejected"
        config.noticeDirectory = root + "/notices"
        return config
    }

    static func drop(_ name: String, _ config: ConsortiumConfig) throws {
        try Data(try Examples.bytes(name)).write(to: URL(fileURLWithPath: config.inbox + "/" + name))
    }

    /// Takes what is in the inbox as the working loop does (scan, then the touched consortia evaluated).
    static func scan(_ daemon: Daemon) {
        let touched = daemon.scanInbox()
        if !touched.isEmpty { daemon.evaluate(scope: touched) }
    }

    /// The open notices the daemon's ledger holds, and those of replaying every archived document.
    static func notices(_ config: ConsortiumConfig) throws -> (ledger: [String], replayed: [String]) {
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let documents = try ArchiveReader.documents(store, config: config)
        return (try ledger(config), Evaluator.evaluate(documents, on: today).notices.map(\.id).sorted())
    }

    static func ledger(_ config: ConsortiumConfig) throws -> [String] {
        try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName).notices().filter(\.open).map(\.id).sorted()
    }

    static func recorded(_ config: ConsortiumConfig) throws -> Int {
        try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName).documentCount
    }

    @Test func documentsInReverseOrderGiveTheNoticesOfReplayingEverything() throws {
        let config = try Self.config()
        defer { try? FileManager.default.removeItem(atPath: (config.stateDirectory as NSString).deletingLastPathComponent) }
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        // Latest first: most documents are dated before their consortium's others (replayed from
        // the archive) or wait for their Application in pending/.
        for name in Examples.names.reversed() {
            try Self.drop(name, config)
            Self.scan(daemon)
        }
        daemon.evaluate(scope: nil)
        // Some are refused in this order (a Revocation before the Approval): what matters is
        // that the model holds what the store recorded.
        let recorded = try Self.recorded(config)
        #expect(recorded >= 12 && daemon.documentCount == recorded && daemon.consortiumCount == 3)
        #expect(daemon.rebuilds > 0, "no consortium was replayed from the archive: the test would not see that path")
        let (ledger, replayed) = try Self.notices(config)
        #expect(!replayed.isEmpty)
        #expect(ledger == replayed)
        // Started again on the same state: the model read back from the archive says the same.
        let again = try Daemon.open(config: config, clock: { Self.now })
        #expect(again.documentCount == recorded && again.consortiumCount == 3)
        again.evaluate(scope: nil)
        #expect(try Self.notices(config).ledger == replayed)
    }

    /// The replay itself follows the policies (an approval's last day comes from validYears): a
    /// reload with other policies replays the consortia again.
    @Test func newPoliciesReplayTheConsortiaAgain() throws {
        let config = try Self.config()
        defer { try? FileManager.default.removeItem(atPath: (config.stateDirectory as NSString).deletingLastPathComponent) }
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        for name in Examples.names { try Self.drop(name, config) }
        Self.scan(daemon)
        daemon.evaluate(scope: nil)
        var shorter = Policy.seed
        shorter.validYears = 1
        var next = config
        next.policy = PolicySchedule(shorter)
        daemon.reload(next)
        daemon.evaluate(scope: nil)
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let documents = try ArchiveReader.documents(store, config: config)
        let expected = Evaluator.evaluate(documents, on: Self.today, policies: next.policy).notices.map(\.id).sorted()
        #expect(try Self.ledger(config) == expected)
        #expect(
            expected != Evaluator.evaluate(documents, on: Self.today).notices.map(\.id).sorted(),
            "the shorter validity changes nothing: the test would not see a stale replay"
        )
    }

    /// After a batch: the touched consortia and those sharing a unit with them (operations.md);
    /// once today's full evaluation has run, only those whose notices the batch can change (the
    /// others would come out as that evaluation left them). The examples' consortia share a
    /// university as an ordinary member, no lead unit and no unit an Incident names.
    @Test func aBatchEvaluatesThoseSharingAUnitUntilTodaysFullEvaluation() throws {
        let config = try Self.config()
        defer { try? FileManager.default.removeItem(atPath: (config.stateDirectory as NSString).deletingLastPathComponent) }
        nonisolated(unsafe) var now = Self.now
        let daemon = try Daemon.open(config: config, clock: { now })
        for name in Examples.names { try Self.drop(name, config) }
        Self.scan(daemon)
        #expect(daemon.lastEvaluated?.isSuperset(of: ["LZ-2024-001", "LZ-2025-002"]) == true, "before any full evaluation")
        daemon.evaluate(scope: nil)
        #expect(daemon.lastFullEvaluation == Self.today && daemon.lastEvaluated == nil)
        daemon.evaluate(scope: ["LZ-2024-001"])
        #expect(daemon.lastEvaluated == ["LZ-2024-001"])
        #expect(try Self.ledger(config) == (try Self.notices(config)).replayed)
        // The next day, before its full evaluation: the consortia sharing the university again.
        now += 86_400
        daemon.evaluate(scope: ["LZ-2024-001"])
        #expect(daemon.lastEvaluated == daemon.model.sharingAUnit(with: ["LZ-2024-001"]))
        #expect(daemon.lastEvaluated?.contains("LZ-2025-002") == true)
    }

    @Test func aFailedTransactionPutsTheConsortiaBack() throws {
        let config = try Self.config()
        defer { try? FileManager.default.removeItem(atPath: (config.stateDirectory as NSString).deletingLastPathComponent) }
        let daemon = try Daemon.open(config: config, clock: { Self.now })
        for name in Examples.names.prefix(5) { try Self.drop(name, config) }
        Self.scan(daemon)
        daemon.evaluate(scope: nil)
        let before = try Self.notices(config)
        #expect(daemon.documentCount == 5 && before.ledger == before.replayed)
        // A row taking the next arrival number, put there behind the daemon's back: its next
        // transaction fails.
        let database = try DatabaseQueue(path: config.stateDirectory + "/" + Store.fileName)
        let blocked = daemon.model.lastArrival + 1
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO document (arrival, sha256, name, kind, consortium, date, encoding, received, archive)
                    VALUES (?, 'blocking', 'blocking', 'change', 'LZ-2024-001', '2025-06-10', 'utf-8', '2027-01-01T00:00:00Z', 'archive/blocking')
                    """,
                arguments: [blocked]
            )
        }
        try Self.drop("10-LZ-2024-001-change.yaml", config)
        try Self.drop("06-LZ-2025-002-application.yaml", config)
        Self.scan(daemon)
        #expect(FileManager.default.fileExists(atPath: config.inbox + "/10-LZ-2024-001-change.yaml"), "the file stays for a retry")
        #expect(daemon.documentCount == 5 && daemon.consortiumCount == 1)
        #expect(daemon.model.lastArrival == blocked - 1)
        daemon.evaluate(scope: nil)
        #expect(try Self.ledger(config) == before.ledger, "the change that was not recorded changed the notices")
        // The obstacle gone, the retry takes both.
        try database.write { try $0.execute(sql: "DELETE FROM document WHERE sha256 = 'blocking'") }
        Self.scan(daemon)
        daemon.evaluate(scope: nil)
        #expect(daemon.documentCount == 7 && daemon.consortiumCount == 2)
        let after = try Self.notices(config)
        #expect(after.ledger == after.replayed && after.ledger != before.ledger)
    }
}

/// The consortia related to some (RelatedConsortia: through a lead unit or an Incident's unit)
/// found through the model's indexes, as RelatedConsortia finds them in the documents.
@Suite struct ResidentModelTests {
    /// A generated state of 40 consortia: its documents and the model loaded from it (the caller
    /// removes `directory`).
    static func loaded() throws -> (directory: String, documents: [RecordedDocument], model: ResidentModel) {
        let (config, _) = try StartupStateTests.generated(40)
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        return (
            config.stateDirectory, try ArchiveReader.documents(store, config: config),
            try ResidentModel.load(store, config: config, through: CivilDate("2027-01-01")!)
        )
    }

    /// The examples, and two documents of LZ-2024-101 made from them: an Application with the lead
    /// unit of LZ-2024-001, and an Incident naming the university LZ-2024-001 and LZ-2025-002 name.
    static func relatedExamples() throws -> [RecordedDocument] {
        try relatedExampleFiles().map(\.record)
    }

    /// The same, each with its file's bytes.
    static func relatedExampleFiles() throws -> [(record: RecordedDocument, bytes: [UInt8])] {
        var texts = try Examples.names.map { ($0, String(decoding: try Examples.bytes($0), as: UTF8.self)) }
        texts.append(("101-application.yaml", texts[0].1.replacingOccurrences(of: "LZ-2024-001", with: "LZ-2024-101")))
        let incident = try #require(texts.first { $0.0.hasSuffix("incident.yaml") }).1
        texts.append(
            (
                "101-incident.yaml",
                incident.replacingOccurrences(of: "LZ-2025-002", with: "LZ-2024-101")
                    .replacingOccurrences(of: "91450204584320971X", with: "\"124502034980052706\"")
            )
        )
        return try texts.enumerated().map { index, named in
            let bytes = Data(named.1.utf8)
            let decoded = try DocumentDecoder.decode(bytes).get()
            return (RecordedDocument(document: decoded.document, sha256: SHA256.hex(Array(bytes)), arrival: index + 1, name: named.0), Array(bytes))
        }
    }

    static func expectSameRelations(_ model: ResidentModel, _ documents: [RecordedDocument], _ label: String) {
        let ids = Set(documents.compactMap(\.document.consortium)).sorted()
        for id in ids {
            #expect(model.affected(by: [id]) == RelatedConsortia.affected(by: [id], in: documents), "\(label): affected by \(id)")
            #expect(model.context(of: [id]) == RelatedConsortia.context(of: [id], in: documents), "\(label): context of \(id)")
        }
        for id in ids {
            let units = Set(documents.filter { $0.document.consortium == id }.flatMap { RelatedConsortia.units(named: $0.document.body) })
            let sharing = Set(
                ids.filter { other in
                    documents.contains { $0.document.consortium == other && !units.isDisjoint(with: RelatedConsortia.units(named: $0.document.body)) }
                }
            )
            #expect(model.sharingAUnit(with: [id]) == sharing.union([id]), "\(label): sharing a unit with \(id)")
        }
        let some = Set(ids.prefix(3))
        #expect(model.affected(by: some) == RelatedConsortia.affected(by: some, in: documents), "\(label): affected by \(some)")
        #expect(model.context(of: some) == RelatedConsortia.context(of: some, in: documents), "\(label): context of \(some)")
    }

    @Test func relatedConsortiaAreThoseOfTheDocuments() throws {
        let documents = try Self.relatedExamples()
        let ids = Set(documents.compactMap(\.document.consortium)).sorted()
        var model = ResidentModel(through: CivilDate("2027-01-01")!)
        for id in ids {
            model.set(ResidentConsortium(id, documents: documents.filter { $0.document.consortium == id }, through: model.through, policies: .seed))
        }
        Self.expectSameRelations(model, documents, "examples")
        // The relations are there: a shared lead unit, an Incident's unit named by others; a
        // university two consortia name as an ordinary member relates nothing.
        #expect(model.affected(by: ["LZ-2024-001"]) == ["LZ-2024-001", "LZ-2024-101"])
        #expect(model.affected(by: ["LZ-2024-101"]) == ["LZ-2024-001", "LZ-2024-101", "LZ-2025-002", "LZ-2025-003"])
        #expect(model.context(of: ["LZ-2025-002"]) == ["LZ-2025-002", "LZ-2024-101"])
        #expect(model.affected(by: ["LZ-2025-003"]) == ["LZ-2025-003"])
        // A consortium taken out is no longer found through its units; the consortium moved into
        // its place is found at its new place.
        let gone = "LZ-2024-001"
        let removed = try #require(model[gone])
        #expect(model.consortia.last?.id != gone, "the last consortium must move into the hole")
        model.remove(gone)
        #expect(model.consortia.count == ids.count - 1)
        Self.expectSameRelations(model, documents.filter { $0.document.consortium != gone }, "without \(gone)")
        model.set(removed)
        Self.expectSameRelations(model, documents, "with \(gone) again")
        // The model loaded at start-up indexes its consortia the same way.
        let (directory, generated, loaded) = try Self.loaded()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        Self.expectSameRelations(loaded, generated, "loaded")
    }

    /// Where a String's UTF-8 is stored (a unit identifier of more than 15 bytes is on the heap).
    static func storage(_ text: String) -> UInt {
        text.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
    }

    @Test func consortiaNamingAUnitShareOneString() throws {
        let (directory, documents, model) = try Self.loaded()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var places: [MemberID: Set<UInt>] = [:]
        var naming: [MemberID: Int] = [:]
        for consortium in model.consortia {
            for unit in consortium.units where unit.utf8.count > 15 {
                places[unit, default: []].insert(Self.storage(unit))
                naming[unit, default: 0] += 1
            }
        }
        #expect(naming.values.contains { $0 > 1 }, "no unit named by two consortia: the test would not see the sharing")
        for (unit, stored) in places { #expect(stored.count == 1, "\(unit): \(naming[unit] ?? 0) consortia hold \(stored.count) copies") }
        // A document arriving later is given the model's Strings too.
        let application = try #require(documents.first { $0.document.kind == .application })
        guard case .application(let given) = model.sharingUnits([application])[0].document.body else {
            Issue.record()
            return
        }
        for member in given.members where member.id.utf8.count > 15 {
            #expect(places[member.id] == [Self.storage(member.id)], "\(member.id) not given the model's String")
        }
    }
}
