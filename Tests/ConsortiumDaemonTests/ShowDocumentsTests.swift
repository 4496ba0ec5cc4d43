import ConsortiumCore
import ConsortiumStore
import Foundation
import GRDB
import Testing

@testable import ConsortiumDaemon

/// `consortiumctl show` reads one consortium, the consortia its findings depend on and the
/// Acknowledgements of its notices (`ArchiveReader.documents(showing:)`), not the whole archive.
@Suite struct ShowDocumentsTests {
    /// A state directory holding `files` as accepted documents (archive and rows), as the daemon records them.
    static func recorded(_ files: [(record: RecordedDocument, bytes: [UInt8])]) throws -> ConsortiumConfig {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("show-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: state + "/archive", withIntermediateDirectories: true)
        var config = ConsortiumConfig()
        config.stateDirectory = state
        config.inbox = state + "/inbox"
        config.pending = state + "/pending"
        let store = try Store(stateDirectory: state)
        defer { store.close() }
        for file in files {
            try Data(file.bytes).write(to: URL(fileURLWithPath: state + "/archive/" + file.record.sha256))
        }
        try store.recordAccepted(
            files.map { file in
                Store.AcceptedRow(
                    arrival: file.record.arrival,
                    sha256: file.record.sha256,
                    name: file.record.name,
                    document: file.record.document,
                    encoding: .utf8,
                    received: Date(),
                    archive: "archive/" + file.record.sha256
                )
            }
        )
        return config
    }

    /// What `consortiumctl show` evaluates for `id` on `day`.
    static func shown(_ id: ConsortiumID, _ store: Store, _ config: ConsortiumConfig, on day: CivilDate) throws -> [RecordedDocument]? {
        try ArchiveReader.documents(showing: id, store, config: config) { documents in
            Evaluator.evaluate(documents, on: day, keeping: .noticesAndPending).notices(of: id).map(\.id)
        }
    }

    @Test func aConsortiumShownFromItsRelationsIsAsShownFromEverything() throws {
        let files = try ResidentModelTests.relatedExampleFiles()
        let config = try Self.recorded(files)
        defer { try? FileManager.default.removeItem(atPath: config.stateDirectory) }
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        #expect(try store.relationsComplete())
        let all = files.map(\.record)
        let ids = Set(all.compactMap(\.document.consortium)).sorted()
        var readFewer = false
        var sawRelated = false
        var sawAcknowledged = false
        for day in ["2025-06-30", "2026-11-26", "2027-01-05", "2030-01-01"].map({ CivilDate($0)! }) {
            let everything = Evaluator.evaluate(all, on: day)
            for id in ids {
                let documents = try #require(try Self.shown(id, store, config, on: day))
                let shown = Evaluator.evaluate(documents, on: day)
                #expect(shown.findings(of: id) == everything.findings(of: id), "\(id) on \(day): findings")
                #expect(shown.notices(of: id) == everything.notices(of: id), "\(id) on \(day): notices")
                #expect(shown.states[id]?.status == everything.states[id]?.status, "\(id) on \(day): status")
                #expect(shown.states[id]?.round.formation == everything.states[id]?.round.formation, "\(id) on \(day): members")
                #expect(shown.states[id]?.documents.map(\.sha256) == everything.states[id]?.documents.map(\.sha256), "\(id) on \(day): documents")
                readFewer = readFewer || documents.count < all.count
                sawRelated = sawRelated || Set(documents.compactMap(\.document.consortium)).count > 1
                sawAcknowledged = sawAcknowledged || shown.notices(of: id).contains { $0.acknowledged != nil }
            }
        }
        // The test sees what it is about: fewer documents read, related consortia read with
        // one, and an acknowledged notice found through its Acknowledgement's row.
        #expect(readFewer && sawRelated && sawAcknowledged)
        // The related consortia are those of RelatedConsortia.context.
        let documents = try #require(try Self.shown("LZ-2025-002", store, config, on: CivilDate("2026-11-26")!))
        #expect(Set(documents.compactMap(\.document.consortium)) == RelatedConsortia.context(of: ["LZ-2025-002"], in: all))
        #expect(try Self.shown("LZ-9999-999", store, config, on: CivilDate("2026-11-26")!)?.isEmpty == true)
    }

    @Test func aStateFromBeforeTheRelationsGetsThemAtStartUp() throws {
        let files = try ResidentModelTests.relatedExampleFiles()
        let config = try Self.recorded(files)
        defer { try? FileManager.default.removeItem(atPath: config.stateDirectory) }
        let store = try Store(stateDirectory: config.stateDirectory)
        defer { store.close() }
        func relations() throws -> [String] {
            try store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT unit || ' ' || role || ' ' || consortium FROM unit ORDER BY 1")
                    + String.fetchAll(db, sql: "SELECT arrival || ' ' || notice FROM document WHERE notice IS NOT NULL ORDER BY arrival")
            }
        }
        let recorded = try relations()
        #expect(recorded.contains { $0.hasSuffix(" 1 LZ-2024-101") } && recorded.contains { $0.hasSuffix(" 2 LZ-2024-101") })
        #expect(recorded.contains { $0.split(separator: " ").count == 2 && $0.split(separator: " ")[1].count == 32 }, "no Acknowledgement's notice")
        // As a database the daemon wrote before the tables: they are empty and not marked complete.
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM unit; DELETE FROM meta; UPDATE document SET notice = NULL")
        }
        #expect(try !store.relationsComplete())
        #expect(try Self.shown("LZ-2024-001", store, config, on: CivilDate("2026-11-26")!) == nil)
        let today = CivilDate("2026-11-26")!
        #expect(try Verification.run(store: store, config: config, today: today).notes.contains { $0.contains("关系表尚未建立") })
        _ = try ResidentModel.load(store, config: config, through: today, fillingRelations: true)
        #expect(try store.relationsComplete())
        #expect(try relations() == recorded)
        #expect(try Verification.run(store: store, config: config, today: today).differences.isEmpty)
        // verify finds tables that differ from the archive (a row missing, a row too many); the
        // start-up that fills them in again makes them exact.
        for tampering in [
            "DELETE FROM unit WHERE role = 2", "INSERT INTO unit VALUES ('91450200000000000X', 1, 'LZ-2024-001')",
            "UPDATE document SET notice = 'x' WHERE arrival = 1",
        ] {
            try store.pool.write { try $0.execute(sql: tampering) }
            let differences = try Verification.run(store: store, config: config, today: today).differences
            #expect(differences.count == 1 && differences[0].contains("关系表"), "\(tampering): \(differences)")
            try store.pool.write { try $0.execute(sql: "DELETE FROM meta WHERE key = 'relations'") }
            _ = try ResidentModel.load(store, config: config, through: today, fillingRelations: !store.relationsComplete())
            #expect(try relations() == recorded, "\(tampering)")
        }
    }

    @Test func theMigrationMarksTheRelationsCompleteOnlyWithoutDocuments() throws {
        for documents in [0, 1] {
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("show-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: state) }
            // A database as the daemon left it before the relation tables.
            let old = try DatabaseQueue(path: state + "/" + Store.fileName)
            try Store.migrator.migrate(old, upTo: "v2-document-consortium")
            if documents > 0 {
                try old.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO document (arrival, sha256, name, kind, consortium, date, encoding, received, archive)
                            VALUES (1, 'x', 'a.yaml', 'Application', 'LZ-2024-001', '2024-03-01', 'yaml', '2024-03-01T00:00:00Z', 'archive/x')
                            """
                    )
                }
            }
            try old.close()
            // consortiumctl opens it read-only, without migrating: no relation tables.
            #expect(try !Store(readOnlyAt: state + "/" + Store.fileName).relationsComplete())
            let store = try Store(stateDirectory: state)
            defer { store.close() }
            #expect(try store.relationsComplete() == (documents == 0))
        }
    }
}
