import ConsortiumCore
import ConsortiumDaemon
import ConsortiumStore
import Foundation
import Glibc

/// `consortium-bench ledger [--notices N[,N…]] [--at DATE]`: the notice ledger at scale. For each N,
/// evaluates synthetic consortia (10,000 at a time) on DATE and on the next day until N open
/// notices (whole consortia), then against a temporary Store:
/// - open: the first reconcile (every notice new: N rows and emissions written);
/// - load: a new ledger reading the store (what the daemon does at start-up), with the memory it
///   holds (malloc in use, and VmRSS, after malloc_trim, before and after);
/// - same: reconcile of the same notices on the same day (a re-evaluation that changes nothing);
/// - next day: reconcile of the next day's evaluation (the steady daily case: "已逾期 N 天" counts up);
/// - repeat day: the next day's notices `repeatDays` after opening (every open overdue repeats).
enum LedgerBench {
    static let usage = "usage: consortium-bench ledger [--notices N[,N…]] [--at YYYY-MM-DD]"

    static func run(_ arguments: [String]) -> Int32 {
        var sizes = [35_000]
        var at = CivilDate("2027-01-01")!
        var rest = arguments
        while rest.count >= 2 {
            switch rest[0] {
            case "--notices": sizes = rest[1].split(separator: ",").compactMap { Int($0) }
            case "--at":
                guard let day = CivilDate(rest[1]) else {
                    rest = ["?"]
                    continue
                }
                at = day
            default: rest = ["?"]
            }
            rest.removeFirst(min(2, rest.count))
        }
        guard rest.isEmpty, !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else {
            print(usage)
            return 2
        }
        print("notices  step        seconds  CPU(s)  actions  ledger malloc (MB)  ledger RSS (MB)")
        for size in sizes {
            do { try measure(size, at: at) } catch {
                FileHandle.standardError.write(Data("consortium-bench ledger: \(error)\n".utf8))
                return 1
            }
        }
        return 0
    }

    /// The open notices of whole consortia on `at` (at least `count`) and of the same consortia the next day.
    static func notices(_ count: Int, at: CivilDate) -> (today: [Notice], tomorrow: [Notice]) {
        var today: [Notice] = []
        var tomorrow: [Notice] = []
        var first = 0
        while today.count < count {
            let docs = SyntheticConsortia.generate(10_000, first: first)
            first += 10_000
            var evaluated = Evaluator.evaluate(docs, on: at, keeping: .noticesAndPending).notices
            var byConsortium: [ConsortiumID: Int] = [:]
            for notice in evaluated { byConsortium[notice.consortium, default: 0] += 1 }
            // Whole consortia, in the order of their numbers, until `count`.
            var kept: Set<ConsortiumID> = []
            for c in (first - 10_000)..<first where today.count + kept.reduce(0, { $0 + byConsortium[$1]! }) < count {
                if byConsortium["LZ-B-\(c)"] != nil { kept.insert("LZ-B-\(c)") }
            }
            evaluated.removeAll { !kept.contains($0.consortium) }
            today += evaluated
            tomorrow += Evaluator.evaluate(docs, on: at.adding(days: 1), keeping: .noticesAndPending).notices
                .filter { kept.contains($0.consortium) }
        }
        return (today, tomorrow)
    }

    static func measure(_ count: Int, at: CivilDate) throws {
        let (today, tomorrow) = notices(count, at: at)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let policy = Policy.seed
        func line(_ step: String, _ elapsed: Duration, cpu: Double, actions: Int, memory: String = "") {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                String(format: "%7d  ", today.count) + step.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: "  %7.3f  %6.2f  %7d", seconds, cpu, actions) + memory
            )
        }
        func timed(_ step: String, _ work: () throws -> Int) rethrows {
            let cpu = processCPUSeconds()
            var actions = 0
            let elapsed = try ContinuousClock().measure { actions = try work() }
            line(step, elapsed, cpu: processCPUSeconds() - cpu, actions: actions)
        }
        do {
            let ledger = try NoticeLedger(store: try Store(stateDirectory: directory))
            try timed("open") { try ledger.reconcile(open: today, scope: nil, today: at, policy: policy, noticesFrom: nil, now: Date()).count }
        }
        let store = try Store(stateDirectory: directory)
        var ledger: NoticeLedger?
        let before = HeapUsage.current()
        let cpu = processCPUSeconds()
        let elapsed = try ContinuousClock().measure { ledger = try NoticeLedger(store: store) }
        let cpuUsed = processCPUSeconds() - cpu
        let after = HeapUsage.current()
        line(
            "load",
            elapsed,
            cpu: cpuUsed,
            actions: ledger!.openCount,
            memory: String(
                format: "  %18.1f  %15.1f",
                after.mallocMegabytes - before.mallocMegabytes,
                after.residentMegabytes - before.residentMegabytes
            )
        )
        try timed("same") { try ledger!.reconcile(open: today, scope: nil, today: at, policy: policy, noticesFrom: nil, now: Date()).count }
        try timed("next day") {
            try ledger!.reconcile(open: tomorrow, scope: nil, today: at.adding(days: 1), policy: policy, noticesFrom: nil, now: Date()).count
        }
        try timed("repeat day") {
            try ledger!.reconcile(
                open: tomorrow,
                scope: nil,
                today: at.adding(days: policy.repeatDays),
                policy: policy,
                noticesFrom: nil,
                now: Date()
            ).count
        }
        withExtendedLifetime(ledger) {}
    }
}
