import ConsortiumBenchState
import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Testing

@testable import ConsortiumDaemon

/// A world of documents: the examples, copies of them under other keys (their Withdrawal
/// naming the copy's own Project), and consortia of the start-up benchmark's generator (an
/// Application, a Recommendation, an Approval, five Projects, two AnnualReports, four Changes
/// and six Acknowledgements each). Their file names sort AnnualReports and Acknowledgements
/// before the Application they depend on.
enum World {
    static func files(generated: Int, exampleCopies: Int) throws -> [(name: String, bytes: [UInt8])] {
        var files = try Examples.names.map { ($0, try Examples.bytes($0)) }
        for copy in 0..<exampleCopies {
            let keys = [("LZ-2024-001", "LZ-E\(copy)-001"), ("LZ-2025-002", "LZ-E\(copy)-002"), ("LZ-2025-003", "LZ-E\(copy)-003")]
            var renamed: [String: [UInt8]] = [:]
            for name in Examples.names {
                var text = String(decoding: try Examples.bytes(name), as: UTF8.self)
                for (old, new) in keys { text = text.replacingOccurrences(of: old, with: new) }
                renamed[name] = Array(text.utf8)
            }
            // The Withdrawal names its Project by SHA-256: the copy's own Project.
            let project = "12-LZ-2025-003-project.yaml"
            let withdrawal = "13-LZ-2025-003-withdrawal.yaml"
            let original = SHA256.hex(try Examples.bytes(project))
            let text = String(decoding: renamed[withdrawal]!, as: UTF8.self)
            precondition(text.contains(original), "example 13 no longer names example 12")
            renamed[withdrawal] = Array(text.replacingOccurrences(of: original, with: SHA256.hex(renamed[project]!)).utf8)
            files += Examples.names.map { ("E\(copy)-" + $0, renamed[$0]!) }
        }
        let generator = try StateGenerator(examples: Examples.directory.path)
        for consortium in 0..<generated { files += generator.files(consortium: consortium) }
        return files
    }

    /// A repeatable shuffle (SplitMix64).
    static func shuffled<T>(_ items: [T], seed: UInt64) -> [T] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var out = items
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            out.swapAt(i, j)
        }
        return out
    }

    /// Today in Liuzhou (the daemon's day, `timeZone` Asia/Shanghai by default).
    static var today: String { CivilDate(Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!).description }
}

/// Runs the `consortiumctl` built beside the daemon.
func consortiumctl(
    _ arguments: [String],
    config: String? = nil,
    in directory: String? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: (Examples.daemonBinary as NSString).deletingLastPathComponent + "/consortiumctl")
    process.arguments = arguments + (config.map { ["--config", $0] } ?? [])
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
}

/// `evaluate FILE…` gives byte-identical output and the same exit status for any order of
/// the files (decisions 42).
@Suite struct EvaluateOrderTests {
    static let days = ["2025-06-11", "2026-01-05", "2027-04-01"]

    static func check(world files: [(name: String, bytes: [UInt8])], shuffles: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-order-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for file in files { try Data(file.bytes).write(to: URL(fileURLWithPath: directory + "/" + file.name)) }
        // No daemon state: evaluate FILE… needs none.
        let config = directory + "/.consortiumd.yaml"
        try "stateDirectory: \(directory)/.state\n".write(toFile: config, atomically: true, encoding: .utf8)
        let names = files.map(\.name)
        var orders = [names.sorted(), names.sorted().reversed()]
        for seed in 0..<shuffles { orders.append(World.shuffled(names, seed: UInt64(seed) + 1)) }
        for day in days {
            let reference = try consortiumctl(["evaluate", "--at", day, "--json", directory], config: config, in: directory)
            #expect(reference.status == 0, "\(day): \(reference.stderr)")
            #expect(reference.stdout.contains("\"notices\""))
            for (index, order) in orders.enumerated() {
                let r = try consortiumctl(["evaluate", "--at", day, "--json"] + order, config: config, in: directory)
                #expect(r.status == reference.status, "\(day) order \(index)")
                #expect(r.stdout == reference.stdout, "\(day) order \(index): differs from the directory's")
            }
        }
    }

    @Test func theExamplesInAnyOrder() throws {
        try Self.check(world: try World.files(generated: 0, exampleCopies: 0), shuffles: 50)
    }

    @Test func aGeneratedWorldInAnyOrder() throws {
        try Self.check(world: try World.files(generated: 3, exampleCopies: 1), shuffles: 50)
    }
}

/// The daemon at go-live: a whole history dropped at once, in whatever order, ends in the same
/// state and notices as `evaluate` of the same files (documents.md, revised 2026-12).
@Suite(.serialized) struct GoLiveTests {
    static let files: [(name: String, bytes: [UInt8])] = (try? World.files(generated: 30, exampleCopies: 1)) ?? []

    /// Drops `files` into the running daemon's inbox in the order given: even positions written
    /// beside and renamed in, odd ones copied in place (open, write, close).
    static func drop(_ files: [(name: String, bytes: [UInt8])], into run: DaemonRun) throws {
        for (index, file) in files.enumerated() {
            if index % 2 == 0 {
                try run.dropAtomically(file.name, bytes: file.bytes)
            } else {
                try Data(file.bytes).write(to: URL(fileURLWithPath: run.inbox + "/" + file.name))
            }
        }
    }

    /// Waits until the inbox (and pending/, unless documents may rightly wait there) is empty.
    static func waitUntilTaken(_ run: DaemonRun, pendingMayStay: Bool = false, timeout: TimeInterval = 240) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if run.names(run.inbox).allSatisfy({ $0.hasPrefix(".") }) && (pendingMayStay || run.names(run.pending).isEmpty) {
                if pendingMayStay { usleep(500_000) }
                return
            }
            usleep(200_000)
        }
        throw HarnessError(
            "inbox or pending not empty after \(timeout) s: \(run.names(run.inbox).count) in the inbox, \(run.names(run.pending)) pending"
        )
    }

    /// The daemon's state and ledger against `evaluate --at TODAY` of `files`.
    static func expectSameAsEvaluate(_ run: DaemonRun, files: [(name: String, bytes: [UInt8])], label: String) throws {
        let archived = Set(run.names(run.archive).filter { $0.count == 64 })
        #expect(archived == Set(files.map { SHA256.hex($0.bytes) }), "\(label): archive")
        #expect(run.names(run.rejected).isEmpty, "\(label): rejected \(run.names(run.rejected).prefix(5))")
        #expect(run.names(run.pending).isEmpty, "\(label): pending")
        let directory = run.root + "/world"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files { try Data(file.bytes).write(to: URL(fileURLWithPath: directory + "/" + file.name)) }
        let today = World.today
        let fromFiles = try consortiumctl(["evaluate", "--at", today, "--json", directory], config: run.configPath)
        let fromState = try consortiumctl(["evaluate", "--at", today, "--json"], config: run.configPath)
        #expect(fromFiles.status == 0, "\(label): \(fromFiles.stderr.prefix(500))")
        #expect(fromState.stdout == fromFiles.stdout, "\(label): the daemon's state evaluates otherwise than the files")
        // The daemon's ledger: its open notices are those of evaluating the files.
        let evaluated = try JSONSerialization.jsonObject(with: Data(fromFiles.stdout.utf8)) as? [String: Any]
        let expected = Set(((evaluated?["notices"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        let store = try Store(readOnlyAt: run.state + "/" + Store.fileName)
        let open = Set(try store.notices().filter(\.open).map(\.id))
        #expect(!expected.isEmpty)
        #expect(open == expected, "\(label): ledger \(open.count) open, evaluate \(expected.count)")
    }

    @Test(.enabled(if: DaemonProcessTests.journalAvailable), arguments: ["seed 1", "seed 2", "seed 3", "name order", "reversed"])
    func aWholeHistoryDroppedAtOnce(order: String) throws {
        let files = Self.files
        #expect(files.count >= 600)
        let ordered: [(name: String, bytes: [UInt8])]
        switch order {
        case "name order": ordered = files.sorted { $0.name < $1.name }
        case "reversed": ordered = files.sorted { $0.name > $1.name }
        default: ordered = World.shuffled(files, seed: UInt64(order.dropFirst(5))! * 7919)
        }
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        try Self.drop(ordered, into: run)
        try Self.waitUntilTaken(run)
        #expect(try run.stop() == 0)
        try Self.expectSameAsEvaluate(run, files: files, label: order)
    }

    /// The same files dropped into a daemon that already holds half of them: the other half is
    /// accepted, the first half kept as duplicates.
    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func aBulkDropIntoADaemonHoldingHalf() throws {
        let files = World.shuffled(Self.files, seed: 42)
        let half = Array(files.prefix(files.count / 2))
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        try Self.drop(half, into: run)
        // Documents whose Application is in the other half wait for it.
        try Self.waitUntilTaken(run, pendingMayStay: true)
        #expect(!run.names(run.pending).isEmpty)
        try Self.drop(World.shuffled(files, seed: 43), into: run)
        try Self.waitUntilTaken(run)
        #expect(try run.stop() == 0)
        try Self.expectSameAsEvaluate(run, files: files, label: "half then all")
        // Every copy beyond the first of the same bytes is a duplicate (the examples' copies share
        // their Acknowledgement, which names no consortium).
        let distinct = Set(files.map { SHA256.hex($0.bytes) }).count
        #expect(run.names(run.archive + "/duplicates").count == half.count + files.count - distinct)
    }
}

/// A state from before a Revocation concluded the review: its ledger still holds the revoked
/// consortium's REVOCATION_GROUND open. The first evaluation after the upgrade resolves it once;
/// it is never repeated.
@Suite(.serialized) struct RevocationUpgradeTests {
    static func instant(_ day: String) -> Date {
        var parts = DateComponents()
        parts.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let d = CivilDate(day)!
        (parts.year, parts.month, parts.day, parts.hour) = (d.year, d.month, d.day, 12)
        return Calendar(identifier: .gregorian).date(from: parts)!
    }

    @Test func anOpenGroundOfARevokedConsortiumIsResolvedOnceAfterTheUpgrade() throws {
        let config = try ResidentDaemonTests.config()
        defer { try? FileManager.default.removeItem(atPath: (config.stateDirectory as NSString).deletingLastPathComponent) }
        // Before the Revocation: the review is open.
        let ground: Store.NoticeRow
        do {
            let before = try Daemon.open(config: config, clock: { Self.instant("2026-05-01") })
            for name in Examples.names where !name.hasPrefix("18-") { try ResidentDaemonTests.drop(name, config) }
            before.scanInbox()
            before.evaluate(scope: nil)
            ground = try #require(
                try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName).notices()
                    .first { $0.open && $0.rule == "REVOCATION_GROUND" && $0.consortium == "LZ-2025-002" }
            )
        }
        // The Revocation recorded as the version before this change left it: the notice still open.
        do {
            let old = try Daemon.open(config: config, clock: { Self.instant("2026-06-02") })
            try ResidentDaemonTests.drop("18-LZ-2025-002-revocation.yaml", config)
            #expect(old.scanInbox() == ["LZ-2025-002"])
            #expect(try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName).notices().contains { $0.id == ground.id && $0.open })
        }
        // The upgraded daemon starts, then runs its daily evaluations for months.
        nonisolated(unsafe) var day = "2026-07-01"
        do {
            let upgraded = try Daemon.open(config: config, clock: { Self.instant(day) })
            upgraded.evaluate(scope: nil)
            for later in ["2026-07-08", "2026-07-15", "2026-08-01", "2027-01-01"] {
                day = later
                upgraded.evaluate(scope: nil)
            }
        }
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let emissions = try store.emissions().filter { $0.notice == ground.id }.sorted { $0.seq < $1.seq }
        #expect(emissions.filter { $0.what == "resolved" }.map(\.day) == ["2026-07-01"])
        #expect(!emissions.contains { $0.what == "repeat" && $0.day >= "2026-07-01" })
        #expect(try store.notices().first { $0.id == ground.id }?.open == false)
    }
}

/// A document that does not fit its consortium's status yet waits in pending/, saying what it
/// waits for (the journal entry, `consortiumctl pending`), and is applied once it fits.
@Suite(.serialized) struct HeldDocumentTests {
    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func aReportBeforeItsApprovalWaitsAndIsThenApplied() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        try run.dropAtomically("01-LZ-2024-001-application.yaml", bytes: try Examples.bytes("01-LZ-2024-001-application.yaml"))
        try run.dropAtomically("05-LZ-2024-001-annual-report-2024.yaml", bytes: try Examples.bytes("05-LZ-2024-001-annual-report-2024.yaml"))
        try GoLiveTests.waitUntilTaken(run, pendingMayStay: true)
        #expect(run.names(run.pending) == ["05-LZ-2024-001-annual-report-2024.yaml"])
        #expect(run.names(run.rejected).isEmpty)
        let held = try consortiumctl(["pending", "--json"], config: run.configPath)
        let rows = try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 1)
        #expect((rows.first?["waitsFor"] as? String)?.hasPrefix("等待联合体 LZ-2024-001 的状态") == true, "\(held.stdout)")
        let entries = run.journal { $0.contains { $0.messageID == MessageID.id(.pending) } }
        let entry = try #require(entries.first { $0.messageID == MessageID.id(.pending) })
        #expect(entry["DOCUMENT_NAME"] == "05-LZ-2024-001-annual-report-2024.yaml")
        #expect(entry["PENDING_REASON"]?.contains("等待联合体 LZ-2024-001 的状态") == true)
        #expect(entry["PENDING_PATH"] == run.pending + "/05-LZ-2024-001-annual-report-2024.yaml")
        #expect(entry["MESSAGE"]?.contains("consortiumctl pending") == true)
        // The Recommendation and Approval arrive: the report is applied at once.
        for name in ["02-LZ-2024-001-recommendation.yaml", "03-LZ-2024-001-approval.yaml"] {
            try run.dropAtomically(name, bytes: try Examples.bytes(name))
        }
        try GoLiveTests.waitUntilTaken(run)
        #expect(try run.stop() == 0)
        #expect(run.names(run.archive).contains(SHA256.hex(try Examples.bytes("05-LZ-2024-001-annual-report-2024.yaml"))))
        #expect(try consortiumctl(["pending"], config: run.configPath).stdout.contains("没有待处理的文件"))
    }

    /// `check` against the daemon's state rejects a Withdrawal naming another consortium's
    /// document at once, as the daemon does; one naming a document not accepted yet is held.
    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func checkRejectsAWithdrawalOfAnotherConsortiumsDocument() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
        let project = SHA256.hex(try Examples.bytes("12-LZ-2025-003-project.yaml"))
        let other = run.root + "/withdraw-other.yaml"
        try "version: 1\nkind: Withdrawal\nconsortium: LZ-2024-001\ndate: 2026-01-10\ndocument: \"\(project)\"\nreason: 误报\n"
            .write(toFile: other, atomically: true, encoding: .utf8)
        let unknown = run.root + "/withdraw-unknown.yaml"
        try
            "version: 1\nkind: Withdrawal\nconsortium: LZ-2024-001\ndate: 2026-01-10\ndocument: \"\(String(repeating: "ab", count: 32))\"\nreason: 误报\n"
            .write(toFile: unknown, atomically: true, encoding: .utf8)
        let r = try consortiumctl(["check", "--json", other, unknown], config: run.configPath)
        #expect(r.status == 1, "\(r.stdout)")
        let entries = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.map { $0["outcome"] as? String } == ["rejected", "pending"])
        let reason = ((entries.first?["errors"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(reason.contains("LZ-2025-003"), "\(reason)")
    }
}

/// Diagnostics (config `diagnostics`, `consortiumd --verbose`): debug entries with DIAGNOSTIC=1
/// saying what was decided; none by default.
@Suite(.serialized) struct DiagnosticsTests {
    static func run(diagnostics: Bool) throws -> [JournalEntry] {
        let run = try DaemonRun()
        if diagnostics {
            let config = run.read(run.configPath) + "diagnostics: true\n"
            try config.write(toFile: run.configPath, atomically: true, encoding: .utf8)
        }
        try run.seedExamples()
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
        return run.journal { $0.contains { $0.messageID == MessageID.id(.stopping) } }
    }

    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func offByDefaultAndDebugEntriesWhenOn() throws {
        let quiet = try Self.run(diagnostics: false)
        #expect(quiet.contains { $0.messageID == MessageID.id(.ready) })
        #expect(!quiet.contains { $0["DIAGNOSTIC"] != nil })
        let verbose = try Self.run(diagnostics: true)
        let diagnostics = verbose.filter { $0["DIAGNOSTIC"] == "1" }
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0["PRIORITY"] == "7" && $0["SYSLOG_IDENTIFIER"] == "consortiumd" && $0["CODE_FILE"] != nil })
        // One judgement per example, naming the file, and the order the scan judged them in.
        let judged = Set(diagnostics.compactMap { $0["MESSAGE"]?.contains("的判断") == true ? $0["DOCUMENT_NAME"] : nil })
        #expect(judged == Set(Examples.names))
        #expect(diagnostics.contains { $0["MESSAGE"]?.hasPrefix("按日期、类型、文件名顺序判断 18 个文件") == true })
        #expect(diagnostics.contains { $0["SCOPE"] == "full" })
    }
}
