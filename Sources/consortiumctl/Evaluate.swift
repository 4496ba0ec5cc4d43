import ArgumentParser
import ConsortiumCore
import ConsortiumDocx
import Foundation

/// `--fail-on err|crit`: for monitoring scripts.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case err, crit

    var severity: Severity { self == .err ? .err : .crit }

    /// Whether `notice` trips the alarm on `day`: its severity is this or worse and it is open.
    /// A notice acknowledged (with no `until`, or an `until` after `day`) is being dealt with
    /// and does not trip it.
    func trips(_ notice: Notice, on day: CivilDate) -> Bool {
        guard notice.severity <= severity else { return false }
        if let ack = notice.acknowledged { return ack.until.map { $0 <= day } ?? false }
        return true
    }
}

/// `evaluate --at DATE [FILE or DIR…]`: the notices open on DATE (operations.md; decisions 26, 39).
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出某日未关闭的通知 / the notices open on a day.",
        discussion: """
            给出文件时只评估这些文件（目录展开为其中的普通文件，跳过隐藏文件），按守护进程的顺序（日期、类型、参数位置）判断，\
            文件的先后不影响结果；不用守护进程状态，也不做到达检查；不给文件时评估守护进程的状态。\
            With files: exactly those documents, judged in daemon order (date, kind, argument position), so their order \
            never changes the result; no daemon state, no arrival checks (directories expand to their regular files, \
            hidden files skipped). Without: the daemon's state. \
            Exit: 0; 1 a given file is rejected or would stay pending; 2 usage or I/O error; \
            3 with --fail-on, an open notice of that severity or worse (3 wins over 1).
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("评估日期 / the day evaluated (YYYY-MM-DD).", valueName: "DATE"))
    var at: CivilDate

    @Option(
        name: .long,
        help: ArgumentHelp(
            "有此级别或更严重的通知未关闭时退出码为 3 / exit 3 when a notice of this severity or worse is open.",
            valueName: "err|crit"
        )
    )
    var failOn: FailOn?

    @Argument(help: ArgumentHelp("文件或目录 / files or directories.", valueName: "FILE or DIR"))
    var paths: [String] = []

    func run() throws {
        let config = try options.loadConfig()
        var failed = false
        let evaluated: [Notice]
        if paths.isEmpty {
            // The daemon's state, as the daemon holds it (each consortium replayed, not every
            // decoded document): the same notices as evaluating its documents.
            evaluated =
                try options.residentModel(config, on: at).map { model in
                    Evaluator.evaluate(model.consortia, acknowledgements: model.acknowledgements, on: at, policies: config.policy)
                } ?? []
        } else {
            let documents: [RecordedDocument]
            (documents, failed) = try Self.whatIf(paths, config)
            evaluated = Evaluator.evaluate(documents, on: at, policies: config.policy).notices
        }
        // Notices come sorted by consortium, rule, subject; `resolved` is never open (decisions 39).
        // Copied only when one is there to drop (half a million notices at 100,000 consortia).
        let resolved = evaluated.contains { $0.stage == "resolved" }
        let notices = resolved ? evaluated.filter { $0.stage != "resolved" } : evaluated
        if options.json {
            try Console.json([(key: "at", value: at)], array: "notices", notices)
        } else {
            Self.printNotices(notices, at: at)
        }
        let alarm = failOn.map { failOn in notices.contains { failOn.trips($0, on: at) } } ?? false
        // Everything is written (Console writes through): the process ends here, its notices and
        // model left to the system instead of freed one object at a time (about a second at
        // 100,000 consortia: docs/performance.md "Stored states").
        Foundation.exit(alarm ? ExitStatus.alarm : failed ? ExitStatus.failed : ExitStatus.ok)
    }

    /// Exactly the given documents, judged in daemon order (decisions 26, 42); `report` reads them
    /// here too.
    static func whatIf(_ paths: [String], _ config: ConsortiumConfig) throws -> ([RecordedDocument], failed: Bool) {
        var files: [String] = []
        for path in paths {
            switch FileAccess.probe(path) {
            case .missing:
                Console.error("\(path): 文件不存在 / no such file")
                throw ExitCode(ExitStatus.usage)
            case .directory:
                do {
                    files += try FileAccess.regularFiles(in: path)
                } catch {
                    Console.error("\(path): 无法列出目录 / cannot list the directory: \(error.reason)")
                    throw ExitCode(ExitStatus.usage)
                }
            default:
                files.append(path)
            }
        }
        // Every file read and decoded first, then judged in daemon order (date, kind, argument
        // position): listing the files in another order gives the same result (decisions 42).
        var decoded: [(file: String, bytes: [UInt8], document: DecodedDocument)] = []
        var failed = false
        for file in files {
            switch try FileAccess.readForCommand(file, config: config) {
            case .failure(let error):
                Self.reject(file, [error])
                failed = true
            case .success(let bytes):
                switch InboxDecoder.decode(bytes, name: file, limits: config.limits) {
                case .failure(let rejection):
                    Self.reject(file, rejection.errors)
                    failed = true
                case .success(let document):
                    decoded.append((file, bytes, document))
                }
            }
        }
        var arrivals = Arrivals(state: [], today: nil, policies: config.policy)
        var fileOf: [Int: String] = [:]
        for index in Arrivals.daemonOrder(decoded.map(\.document.document)) {
            let (file, bytes, document) = decoded[index]
            let record = arrivals.record(document.document, sha256: SHA256.hex(bytes), name: FileAccess.baseName(file))
            fileOf[record.arrival] = file
            let (outcome, released) = arrivals.arrive(record)
            if case .rejected(let errors) = outcome {
                Self.reject(file, errors)
                failed = true
            }
            for release in released {
                if case .rejected(let errors) = release.outcome {
                    Self.reject(fileOf[release.record.arrival] ?? release.record.name, errors)
                    failed = true
                }
            }
        }
        for (record, reason) in arrivals.pending {
            let file = fileOf[record.arrival] ?? record.name
            Console.error("\(file): 待处理，未计入 / would stay pending, not applied: \(reason.description)")
            failed = true
        }
        return (arrivals.accepted, failed)
    }

    private static func reject(_ file: String, _ errors: [DocumentError]) {
        Console.error("\(file): 拒收 / rejected")
        for error in errors { Console.error("  \(error.description)") }
    }

    static func printNotices(_ notices: [Notice], at: CivilDate) {
        if notices.isEmpty {
            Console.out("\(at) 没有未关闭的通知 / no open notices on \(at)")
            return
        }
        // The texts rendered once, on every core (a notice renders its text when asked); the
        // other cells made when written (twice: the widths, then the lines), not held.
        let texts = ParallelFor.map(notices) { n in n.message + (n.acknowledged.map { "（已由 \($0.by) 确认）" } ?? "") }
        notices.withUnsafeBufferPointer { notices in
            // Read in place: subscripting would copy each notice whole.
            guard let first = notices.baseAddress else { return }
            Table.write(["联合体", "规则", "对象", "阶段", "级别", "期限", "说明"], count: notices.count) { index in
                let n = first + index
                return [
                    n.pointee.consortium, n.pointee.rule, n.pointee.subject.isEmpty ? "-" : n.pointee.subject, n.pointee.stage,
                    "\(n.pointee.severity.rawValue) \(n.pointee.severity.chineseName)", n.pointee.due?.description ?? "-", texts[index],
                ]
            }
        }
    }
}
