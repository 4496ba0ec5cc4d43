import ConsortiumBenchState
import ConsortiumCore
import ConsortiumDaemon
import ConsortiumStore
import Foundation
import Testing

/// The benchmark's state generator and the parallel read of the archive at start-up.
@Suite struct StartupStateTests {
    /// A fresh state directory of `consortia` generated consortia, with a config pointing at it.
    static func generated(_ consortia: Int) throws -> (ConsortiumConfig, StateGenerator.Summary) {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("startup-state-\(UUID().uuidString)").path
        let summary = try StateGenerator(examples: Examples.directory.path).write(consortia: consortia, to: state, batch: 7)
        var config = ConsortiumConfig()
        config.stateDirectory = state
        config.inbox = state + "/inbox"
        config.pending = state + "/pending"
        config.rejected = state + "/rejected"
        config.noticeDirectory = state + "/notices"
        for directory in [config.inbox, config.pending, config.rejected, config.noticeDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        return (config, summary)
    }

    @Test func generatedStateVerifies() throws {
        let (config, summary) = try Self.generated(12)
        defer { try? FileManager.default.removeItem(atPath: config.stateDirectory) }
        #expect(summary.documents == 240 && summary.consortia == 12)
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let report = try Verification.run(store: store, config: config, today: CivilDate("2027-01-01")!)
        #expect(report.documents == 240)
        #expect(report.differences.isEmpty, "\(report.differences)")
        let documents = try ArchiveReader.documents(store, config: config)
        #expect(Set(documents.compactMap(\.document.consortium)).count == 12)
        #expect(documents.map(\.arrival) == Array(1...240))
        // Each consortium's Application first, then its other 19 documents.
        #expect(documents.indices.filter { documents[$0].document.kind == .application } == Array(stride(from: 0, to: 240, by: 20)))
        #expect(Set(documents.map(\.sha256)).count == 240)
        #expect(
            Set(documents.map(\.document.kind)) == [
                .application, .recommendation, .approval, .project, .annualReport,
                .change, .acknowledgement,
            ]
        )
    }

    @Test func generatorRefusesAStateThatHasADatabase() throws {
        let (config, _) = try Self.generated(1)
        defer { try? FileManager.default.removeItem(atPath: config.stateDirectory) }
        #expect(throws: StateGenerator.Failure.self) {
            try StateGenerator(examples: Examples.directory.path).write(consortia: 1, to: config.stateDirectory)
        }
    }

    @Test func parallelReadGivesTheSerialDocumentsInOrder() throws {
        let (config, _) = try Self.generated(30)
        defer { try? FileManager.default.removeItem(atPath: config.stateDirectory) }
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let serial = try ArchiveReader.documents(store, config: config, threads: 1)
        for threads in [2, 4, 7] {
            #expect(try ArchiveReader.documents(store, config: config, threads: threads) == serial)
        }
        #expect(serial.count == 600)
    }

    /// With several bad files the one reported is the first in arrival order, as when read one by one;
    /// a missing archived file found unmoved in the inbox is still read.
    @Test func parallelReadReportsTheFirstFailureInArrivalOrder() throws {
        let (config, _) = try Self.generated(30)
        defer { try? FileManager.default.removeItem(atPath: config.stateDirectory) }
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let rows = try store.documents()
        let unmoved = rows[3]
        try FileManager.default.moveItem(atPath: config.stateDirectory + "/" + unmoved.archive, toPath: config.inbox + "/" + unmoved.name)
        for index in [500, 41] {
            try Data("version: 1\nkind: [".utf8).write(to: URL(fileURLWithPath: config.stateDirectory + "/" + rows[index].archive))
        }
        for threads in [1, 3] {
            do {
                _ = try ArchiveReader.documents(store, config: config, threads: threads)
                Issue.record("a broken archive was read")
            } catch let failure as ArchiveReader.Failure {
                #expect(failure.description.contains(rows[41].archive), "\(failure)")
            }
        }
        try FileManager.default.removeItem(atPath: config.stateDirectory + "/" + rows[41].archive)
        try FileManager.default.removeItem(atPath: config.stateDirectory + "/" + rows[500].archive)
        do {
            _ = try ArchiveReader.documents(store, config: config, threads: 3)
            Issue.record("a missing archive was read")
        } catch let failure as ArchiveReader.Failure {
            #expect(failure.description.contains(rows[41].archive) && failure.description.contains("缺失"), "\(failure)")
        }
    }

    /// Before reading the archive the daemon tells systemd how long start-up may take, by the
    /// number of documents it holds: 60 s plus 200 µs each, sent before READY=1.
    @Test func startUpAsksForTimeByTheDocumentsHeld() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        try run.start()  // holds none yet; takes the 18 examples before READY=1
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
        try run.start()
        try run.notify.wait(for: "READY=1")
        let lines = run.notify.lines
        #expect(lines.filter { $0.hasPrefix("EXTEND_TIMEOUT_USEC=") } == ["EXTEND_TIMEOUT_USEC=60000000", "EXTEND_TIMEOUT_USEC=60003600"])
        let extend = lines.lastIndex(of: "EXTEND_TIMEOUT_USEC=60003600")
        let ready = lines.lastIndex(of: "READY=1")
        #expect(extend != nil && ready != nil && extend! < ready!)
        #expect(try run.stop() == 0)
    }
}
