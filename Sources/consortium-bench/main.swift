import ConsortiumBenchState
import ConsortiumCore
import ConsortiumDaemon
import ConsortiumStore
import Foundation

// consortium-bench [--consortia N[,N…]] [--at YYYY-MM-DD] [--everything] [--digest] [--repeat N]
// consortium-bench docx-hostile   (the hostile .docx set: result, time and peak memory of each; DocxHostileBench.swift)
// consortium-bench docx-read FILE… (prints what the .docx reader makes of each file)
// consortium-bench docx-seeds DIR (writes the small .docx samples, fuzzing seeds, into DIR)
// Generates N synthetic consortia of about 20 documents each (application, recommendation,
// approval, projects, changes, annual reports, an incident…) and times one full evaluation.
// A benchmark, not a test: run it with `swift run -c release consortium-bench`.
// The evaluation keeps what the daemon keeps (`keeping: .noticesAndPending`); --everything keeps
// the states and findings too (what `consortiumctl` uses).
// --digest: also prints the SHA-256 of every notice (JSON, in order), of the findings and of the
// states, to check that a change to the evaluation gives the same results (implies --everything).
//
// consortium-bench state --consortia N --out DIR [--examples DIR]
// Writes a daemon state directory (archive/ and consortiumd.sqlite, through the daemon's Store)
// of N consortia × 20 documents made from examples/ (StateGenerator), for
// `scripts/bench-daemon.py startup-scale`.
//
// consortium-bench resident --state DIR [--repeat N | --load-only | --census]   (N more evaluations: median time, mean CPU;
//                                     --load-only: exit once the model is loaded, for a heap profiler's view of it)
// What the daemon holds of a state at start-up (ResidentModel.load): its size in memory.
//
// consortium-bench read --state DIR [--threads N]
// Times reading a state's archive back as the daemon does at start-up (ArchiveReader).
//
// consortium-bench report --state DIR --out DIR [--at YYYY-MM-DD] [--changes N] [--once]
// The HTML report of a state as the daemon writes it: the full report (time, peak memory, sizes)
// and the refresh after one document, N times (ReportBench.swift; scripts/bench-report.py).
//
// consortium-bench hash [--mib N] [--repeat N]
// SHA-256 of N MiB (4 by default), R times: the digest, median and fastest time (HashBench.swift).
//
// consortium-bench ledger [--notices N[,N…]] [--at YYYY-MM-DD]
// Times the notice ledger with N open notices of generated consortia: the first reconcile, loading
// it from the store (and its memory), and the steady daily reconciles (LedgerBench.swift).

if CommandLine.arguments.dropFirst().first == "state" {
    var consortia: Int?
    var out: String?
    var examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples").path
    var rest = Array(CommandLine.arguments.dropFirst(2))
    while rest.count >= 2 {
        switch rest[0] {
        case "--consortia": consortia = Int(rest[1])
        case "--out": out = rest[1]
        case "--examples": examples = rest[1]
        default: rest = ["?"]
        }
        rest.removeFirst(min(2, rest.count))
    }
    guard rest.isEmpty, let consortia, consortia > 0, let out else {
        print("usage: consortium-bench state --consortia N --out DIR [--examples DIR]")
        exit(2)
    }
    do {
        let start = Date()
        let summary = try StateGenerator(examples: examples).write(consortia: consortia, to: out) { done in
            FileHandle.standardError.write(Data("\r\(done) documents".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print(
            "consortia \(summary.consortia)  documents \(summary.documents)  bytes \(summary.bytes)  seconds "
                + String(format: "%.1f", Date().timeIntervalSince(start)) + "  state \(out)"
        )
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("consortium-bench state: \(error)\n".utf8))
        exit(1)
    }
}

if CommandLine.arguments.dropFirst().first == "read" {
    var state: String?
    var threads = ParallelFor.processorCount
    var rest = Array(CommandLine.arguments.dropFirst(2))
    while rest.count >= 2 {
        switch rest[0] {
        case "--state": state = rest[1]
        case "--threads": threads = Int(rest[1]) ?? 0
        default: rest = ["?"]
        }
        rest.removeFirst(min(2, rest.count))
    }
    guard rest.isEmpty, let state, threads > 0 else {
        print("usage: consortium-bench read --state DIR [--threads N]")
        exit(2)
    }
    do {
        var config = ConsortiumConfig()
        config.stateDirectory = state
        config.inbox = state + "/inbox"
        config.pending = state + "/pending"
        let store = try Store(readOnlyAt: state + "/" + Store.fileName)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = try clock.measure { count = try ArchiveReader.documents(store, config: config, threads: threads).count }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            String(
                format: "documents %d  threads %d  seconds %.3f  µs per document %.1f  peak RSS (MB) %.1f",
                count,
                threads,
                seconds,
                seconds * 1e6 / Double(max(count, 1)),
                residentMegabytes()
            )
        )
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("consortium-bench read: \(error)\n".utf8))
        exit(1)
    }
}

if CommandLine.arguments.dropFirst().first == "report" {
    exit(ReportBench.run(Array(CommandLine.arguments.dropFirst(2))))
}

if CommandLine.arguments.dropFirst().first == "ledger" {
    exit(LedgerBench.run(Array(CommandLine.arguments.dropFirst(2))))
}

if CommandLine.arguments.dropFirst().first == "resident", [4, 5, 6].contains(CommandLine.arguments.count), CommandLine.arguments[2] == "--state",
    CommandLine.arguments.count != 5 || ["--load-only", "--census"].contains(CommandLine.arguments[4])
{
    // What the daemon holds of a state: its resident model, built as at start-up (ResidentModel.load).
    let state = CommandLine.arguments[3]
    do {
        var config = ConsortiumConfig()
        config.stateDirectory = state
        config.inbox = state + "/inbox"
        config.pending = state + "/pending"
        let store = try Store(readOnlyAt: state + "/" + Store.fileName)
        let before = HeapUsage.current()
        let clock = ContinuousClock()
        var loaded: Result<ResidentModel, Error>?
        let elapsed = clock.measure { loaded = Result { try ResidentModel.load(store, config: config, through: CivilDate("2027-01-01")!) } }
        let model = try loaded!.get()
        let megabytes = HeapUsage.current().mallocMegabytes - before.mallocMegabytes
        if CommandLine.arguments.count == 5, CommandLine.arguments[4] == "--census" {
            var census = Census()
            census.walk(model, "model")
            census.report(per: model.consortia.count)
            exit(0)
        }
        if CommandLine.arguments.count == 5 {
            // What is allocated now is the model (and the runtime's): `heaptrack` reports it as leaked.
            print(String(format: "resident model of %d consortia: malloc in use %.1f MB", model.consortia.count, megabytes))
            exit(0)
        }
        // A full evaluation of the model, as the daemon's (each group's notices dropped once made);
        // --repeat N: N more times (also for a profiler): the median time and the mean CPU are reported.
        var notices = 0
        let repeats = CommandLine.arguments.count == 6 && CommandLine.arguments[4] == "--repeat" ? Int(CommandLine.arguments[5]) ?? 0 : 0
        let cpu = processCPUSeconds()
        var times: [Duration] = []
        for run in 0...repeats {
            times.append(
                clock.measure {
                    Evaluator.evaluate(model.consortia, acknowledgements: model.acknowledgements, on: model.through, policies: config.policy) {
                        _,
                        group in
                        if run == 0 { notices += group.count }
                    }
                }
            )
        }
        let evaluation = times.sorted()[times.count / 2]
        let cpuUsed = (processCPUSeconds() - cpu) / Double(times.count)
        print(
            "consortia  documents  acknowledgements  load (s)  resident model, malloc in use (MB)  per consortium (KB)  evaluate (s)  CPU (s)  notices  peak RSS (MB)"
        )
        print(
            String(
                format: "%9d  %9d  %16d  %8.2f  %34.1f  %19.1f  %12.3f  %7.2f  %7d  %13.1f",
                model.consortia.count,
                model.documentCount,
                model.acknowledgements.count,
                seconds(elapsed),
                megabytes,
                megabytes * 1024 / Double(max(model.consortia.count, 1)),
                seconds(evaluation),
                cpuUsed,
                notices,
                residentMegabytes()
            )
        )
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("consortium-bench resident: \(error)\n".utf8))
        exit(1)
    }
}

if CommandLine.arguments.dropFirst().first == "docx-hostile" {
    DocxHostileBench.run()
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "hash" {
    exit(HashBench.run(Array(CommandLine.arguments.dropFirst(2))))
}
if CommandLine.arguments.dropFirst().first == "docx-read" {
    exit(DocxHostileBench.read(Array(CommandLine.arguments.dropFirst(2))))
}
if CommandLine.arguments.dropFirst().first == "docx-seeds", CommandLine.arguments.count == 3 {
    DocxHostileBench.writeSeeds(to: CommandLine.arguments[2])
    exit(0)
}

var sizes = [10_000]
var at = CivilDate("2027-01-01")!
var digest = false
var parts = Evaluation.Parts.noticesAndPending
var fromDocuments = false  // --documents: evaluate the decoded documents (consortiumctl's way), not resident consortia
var repeats = 1  // --repeat N: evaluate N times (for a profiler), the last one is reported
var args = Array(CommandLine.arguments.dropFirst())
while let a = args.first {
    args.removeFirst()
    if a == "--consortia", let v = args.first {
        sizes = v.split(separator: ",").compactMap { Int($0) }
        args.removeFirst()
    } else if a == "--at", let v = args.first, let d = CivilDate(v) {
        at = d
        args.removeFirst()
    } else if a == "--digest" {
        digest = true
        parts = .everything
    } else if a == "--everything" {
        parts = .everything
        fromDocuments = true
    } else if a == "--documents" {
        fromDocuments = true
    } else if a == "--repeat", let v = args.first, let n = Int(v), n > 0 {
        repeats = n
        args.removeFirst()
    } else {
        print(
            "usage: consortium-bench [--consortia N[,N…]] [--at YYYY-MM-DD] [--documents] [--everything] [--digest] [--repeat N] | state … | read … | resident … | ledger … | hash … | docx-hostile | docx-read FILE… | docx-seeds DIR"
        )
        exit(2)
    }
}

func residentMegabytes(_ key: String = "VmHWM:") -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(key) {
        return Double(line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) / 1024
    }
    return 0
}

/// SHA-256 over the notices (JSON, in order), the findings and the states' statuses.
func resultDigest(_ evaluation: Evaluation) -> String {
    var findings = SHA256()
    var states = SHA256()
    for f in evaluation.findings {
        findings.update(
            "\(f.consortium)|\(f.rule)|\(f.level)|\(f.subject)|\(f.stage)|\(f.due.map(\.description) ?? "")|\(f.path ?? "")|\(f.detail)|\(f.detailEn)|\(f.source ?? "")|\(f.since.map(\.description) ?? "")\n"
                .utf8
        )
    }
    for id in evaluation.states.keys.sorted() {
        let s = evaluation.states[id]!
        states.update("\(id)|\(s.status)|\(s.documents.count)|\(s.events.count)|\(s.leadSegments.count)\n".utf8)
    }
    return
        "digest notices \(noticeDigest(evaluation.notices)) findings \(SHA256.hexString(findings.finalize())) states \(SHA256.hexString(states.finalize())) pending \(evaluation.pending.count)"
}

/// SHA-256 over the notices' JSON, in order.
func noticeDigest(_ notices: [Notice]) -> String {
    var digest = SHA256()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    for notice in notices { digest.update(try! encoder.encode(notice)) }
    return SHA256.hexString(digest.finalize())
}

/// CPU time of the whole process (all threads), in seconds: under load, wall time says little.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

if fromDocuments {
    print("consortia  documents  evaluate(s)  CPU(s)  notices  documents in memory (MB)  peak RSS (MB)")
} else {
    print("consortia  documents  replay at start-up(s)  evaluate(s)  CPU(s)  notices  resident model (MB)  peak RSS (MB)")
}
for size in sizes where !fromDocuments {
    // What the daemon does: consortia replayed at start-up a group at a time (their documents are
    // then dropped), kept resident; the full re-evaluation works from them.
    let clock = ContinuousClock()
    var residents: [ResidentConsortium] = []
    residents.reserveCapacity(size)
    let build = clock.measure {
        for first in stride(from: 0, to: size, by: 1000) {
            let group = (first..<min(first + 1000, size)).map(SyntheticConsortia.consortium)
            residents += ParallelFor.map(group) { ResidentConsortium($0[0].document.consortium!, documents: $0, through: at, policies: .seed) }
        }
    }
    let loaded = residentMegabytes("VmRSS:")
    if ProcessInfo.processInfo.environment["BENCH_HEAP"] != nil {
        let heap = HeapUsage.current()
        print(String(format: "resident model: malloc in use %.1f MB, VmRSS after malloc_trim %.1f MB", heap.mallocMegabytes, heap.residentMegabytes))
    }
    let acknowledgements = AcknowledgementIndex()
    _ = Evaluator.evaluate(Array(residents.prefix(200)), acknowledgements: acknowledgements, on: at)  // warm-up
    // As the daemon does: each group of consortia's notices is handed over and dropped.
    var noticeCount = 0
    var noticeHash = SHA256()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    for _ in 1..<repeats { Evaluator.evaluate(residents, acknowledgements: acknowledgements, on: at) { _, _ in } }
    let cpu = processCPUSeconds()
    let elapsed = clock.measure {
        Evaluator.evaluate(residents, acknowledgements: acknowledgements, on: at) { _, group in
            noticeCount += group.count
            if digest { for notice in group { noticeHash.update(try! encoder.encode(notice)) } }
        }
    }
    let cpuUsed = processCPUSeconds() - cpu
    print(
        String(
            format: "%9d  %9d  %21.3f  %11.3f  %6.2f  %7d  %19.1f  %13.1f",
            size,
            size * 20,
            seconds(build),
            seconds(elapsed),
            cpuUsed,
            noticeCount,
            loaded,
            residentMegabytes()
        )
    )
    if digest { print("digest notices \(SHA256.hexString(noticeHash.finalize()))") }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

for size in sizes where fromDocuments {
    let docs = SyntheticConsortia.generate(size)
    let loaded = residentMegabytes("VmRSS:")
    _ = Evaluator.evaluate(Array(docs.prefix(200)), on: at)  // warm-up
    let clock = ContinuousClock()
    var evaluation: Evaluation?
    for _ in 1..<repeats {
        evaluation = nil
        evaluation = Evaluator.evaluate(docs, on: at, keeping: parts)
    }
    evaluation = nil
    let cpu = processCPUSeconds()
    let elapsed = clock.measure { evaluation = Evaluator.evaluate(docs, on: at, keeping: parts) }
    let cpuUsed = processCPUSeconds() - cpu
    print(
        String(
            format: "%9d  %9d  %11.3f  %6.2f  %7d  %24.1f  %13.1f",
            size,
            docs.count,
            seconds(elapsed),
            cpuUsed,
            evaluation!.notices.count,
            loaded,
            residentMegabytes()
        )
    )
    if digest { print(resultDigest(evaluation!)) }
    if ProcessInfo.processInfo.environment["BENCH_HEAP"] != nil {
        // glibc's malloc_stats (stderr): bytes in use with the result, then after dropping its parts.
        let stats = unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "malloc_stats"), to: (@convention(c) () -> Void).self)
        func mark(_ text: String) {
            FileHandle.standardError.write(Data("== \(text)\n".utf8))
            stats()
        }
        mark("with result")
        evaluation!.notices = []
        mark("without notices")
        evaluation!.findings = []
        mark("without findings")
        evaluation!.states = [:]
        mark("without states")
        withExtendedLifetime(docs) { mark("documents only") }
    }
}
