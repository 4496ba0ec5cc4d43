import ArgumentParser
import ConsortiumCore
import ConsortiumDocx
import Foundation

/// `check FILE…`: validates files as the daemon would, changing nothing (operations.md;
/// decisions 24, 25, 40).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按守护进程的方式校验文件，不做任何改动 / validate files as the daemon would, changing nothing.",
        discussion: """
            文件按守护进程的顺序（日期、类型、给出的位置）逐个对照守护进程的状态（无状态时为空）及其前面的文件，\
            依赖其他文件的检查不通过时暂存待处理（pending，说明在等什么），之后的文件使其适用时即接收；到达检查使用今天的日期。\
            The files are judged in daemon order (date, kind, position), each against the daemon's state plus the \
            files before it; one failing a check that depends on other documents is held (pending, saying what it \
            waits for) and applied once a later file mends it; the arrival checks use today. \
            Exit: 0 none rejected, 1 any rejected, 2 usage or I/O error.
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("要校验的文件 / files to check.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("至少给出一个文件 / give at least one FILE") }
    }

    func run() throws {
        let config = try options.loadConfig()
        // A missing file is an I/O error before anything is checked.
        for file in files where FileAccess.probe(file) == .missing {
            Console.error("\(file): 文件不存在 / no such file")
            throw ExitCode(ExitStatus.usage)
        }
        // Each file read and decoded once: what they name decides which accepted documents are read.
        let inputs = try files.map { file in (file, try Self.read(file, config: config)) }
        let state = try options.loadState(config, checking: inputs.compactMap { try? $0.1.get().decoded.document })
        let today = options.today(config)
        let candidates = inputs.compactMap { try? $0.1.get().decoded.document }
        var arrivals = Arrivals(
            state: state,
            today: today,
            policies: config.policy,
            recorded: try options.withdrawalTargets(config, of: candidates)
        )
        // One entry per file, in the order given; the files are judged in daemon order (date,
        // kind, position), as the daemon judges files taken together (decisions 25, 42).
        var entries = files.map { CheckEntry(file: $0, outcome: .rejected) }
        /// Entry index of each held document (by arrival number).
        var heldEntry: [Int: Int] = [:]
        var decoded: [Document?] = []
        for (index, (_, input)) in inputs.enumerated() {
            switch input {
            case .failure(let failure):
                entries[index].errors = failure.errors
                decoded.append(nil)
            case .success(let read):
                decoded.append(read.decoded.document)
            }
        }
        for index in Arrivals.daemonOrder(decoded) {
            guard case .success(let read) = inputs[index].1 else { continue }
            let record = arrivals.record(read.decoded.document, sha256: SHA256.hex(read.bytes), name: FileAccess.baseName(files[index]))
            entries[index].kind = record.document.kind
            entries[index].consortium = record.document.consortium
            let (outcome, released) = arrivals.arrive(record)
            switch outcome {
            case .accepted:
                entries[index].outcome = .accepted
                entries[index].findings = findings(of: record, arrivals: arrivals)
            case .duplicate:
                entries[index].outcome = .accepted
            case .pending(let reason):
                entries[index].outcome = .pending
                entries[index].errors = [reason]
                heldEntry[record.arrival] = index
            case .rejected(let errors):
                entries[index].errors = errors
            }
            // A held document applied now keeps `pending` with no errors (decisions 25, 42); one
            // that can no longer be applied is rejected, as the daemon would.
            for release in released {
                guard let held = heldEntry.removeValue(forKey: release.record.arrival) else { continue }
                switch release.outcome {
                case .rejected(let errors):
                    entries[held].outcome = .rejected
                    entries[held].errors = errors
                default:
                    entries[held].errors = []
                }
            }
        }
        // Still held at the end: what each waits for now.
        for (record, reason) in arrivals.pending {
            if let held = heldEntry[record.arrival] { entries[held].errors = [reason] }
        }

        if options.json {
            try Console.json(entries)
        } else {
            printHuman(entries)
        }
        if entries.contains(where: { $0.outcome == .rejected }) { throw ExitCode(ExitStatus.failed) }
    }

    /// A file's bytes and document, or why it has none (an I/O error that is not the file's
    /// fault throws: exit 2).
    private struct Read {
        var bytes: [UInt8]
        var decoded: DecodedDocument
    }
    private struct Unreadable: Error { var errors: [DocumentError] }

    private static func read(_ file: String, config: ConsortiumConfig) throws -> Result<Read, Unreadable> {
        switch try FileAccess.readForCommand(file, config: config) {
        case .failure(let error):
            return .failure(Unreadable(errors: [error]))
        case .success(let bytes):
            switch InboxDecoder.decode(bytes, name: file, limits: config.limits) {
            case .failure(let rejection): return .failure(Unreadable(errors: rejection.errors))
            case .success(let decoded): return .success(Read(bytes: bytes, decoded: decoded))
            }
        }
    }

    /// Findings the document produces on its date (decisions 40).
    private func findings(of record: RecordedDocument, arrivals: Arrivals) -> [FindingJSON] {
        guard let consortium = record.document.consortium else { return [] }
        let found = Intake.findings(causedBy: record, documents: arrivals.accepted, policies: arrivals.policies)
        guard !found.isEmpty else { return [] }
        let name = arrivals.consortiumName(consortium, on: record.document.date)
        return found.map { FindingJSON(finding: $0, consortiumName: name) }
    }

    private func printHuman(_ entries: [CheckEntry]) {
        var table = Table(["文件", "结果", "类型", "联合体", "错误", "发现"])
        for entry in entries {
            let outcome: String
            switch entry.outcome {
            case .accepted: outcome = "接收 accepted"
            case .pending: outcome = "待处理 pending"
            case .rejected: outcome = "拒收 rejected"
            }
            table.add([
                entry.file, outcome, entry.kind?.rawValue ?? "-", entry.consortium ?? "-",
                String(entry.errors.count), String(entry.findings.count),
            ])
        }
        Console.out(table.render())
        for entry in entries where !entry.errors.isEmpty || !entry.findings.isEmpty {
            Console.out("")
            Console.out("\(entry.file):")
            for error in entry.errors {
                Console.out("  \(entry.outcome == .pending ? "待处理" : "拒收原因") \(error.description)")
            }
            for finding in entry.findings {
                let f = finding.finding
                let subject = f.subject.isEmpty ? "" : " [\(f.subject)]"
                Console.out(
                    "  \(f.level.chineseName) \(f.rule.rawValue) \(f.rule.clause)\(subject)\(f.path.map { " \($0)" } ?? ""): \(finding.text.zh)"
                )
            }
        }
    }
}
