import CLinux
import ConsortiumCore
import ConsortiumDocx
import ConsortiumStore
import Foundation
import GRDB
import Glibc
import Logging
import Systemd

/// The daemon's working state, and the order of the steps a document goes through:
/// `file -> claim -> decode -> store -> state -> evaluate -> ledger -> emit` (docs/architecture.md).
///
/// The parts: the inbox (`Inbox`: settling, claiming; `Daemon.classify`: what becomes of a file;
/// `HeldDocuments`: pending/), the batch committer (`Batch`), the evaluation driver
/// (`EvaluationScope`, `Daemon.evaluate`) and the fault reporter (`FaultReporter`) each return
/// what should happen; the walk (Daemon+Walk.swift) puts them in order, and one place performs
/// every effect on files, the database and the journal (Daemon+Effects.swift).
///
/// `init` opens nothing and replays nothing: `Daemon.open` is the start step. Single-threaded:
/// only the working loop calls it.
public final class Daemon {
    public internal(set) var config: ConsortiumConfig
    let store: Store
    let ledger: NoticeLedger
    public let emitter: Emitter
    /// The HTML report, rewritten after each evaluation (Daemon+Report.swift); nil when turned off.
    let report: DaemonReport?
    /// The accepted documents as the daemon keeps them: each consortium replayed, not the
    /// decoded documents (ResidentModel).
    var model: ResidentModel
    /// Settling and claiming inbox files.
    var inbox: Inbox
    /// Accepted in the current batch, not yet committed (group commit).
    var batch = Batch()
    /// The documents waiting in `pending/`.
    var held = HeldDocuments()
    /// Which consortia an evaluation judges; the last full evaluation.
    var evaluation = EvaluationScope()
    /// Faults reported and not yet recovered from.
    var faults = FaultReporter()
    /// What was done since start: documents by outcome, faults reported (the metrics show them).
    var activity = Activity()
    /// How many times a consortium was replayed from its documents read back (not applied in place).
    var rebuilds = 0
    /// What the last load (start-up, a reload with other policies) did with the stored states.
    var storedStatesOutcome: ResidentModel.StoredStatesOutcome
    /// The notice files found while the ledger loaded (nil: the directory could not be read);
    /// the start-up repair takes them once (`recoverNoticeFiles`).
    var noticeFilesAtStart: Set<NoticeKey>?
    let clock: () -> Date

    /// Diagnostics at debug priority (config `diagnostics`, `consortiumd --verbose`): what was
    /// decided about each file and evaluation, with DIAGNOSTIC=1 (runbook.md, "Diagnostics").
    public internal(set) var log: Logger
    /// `consortiumd --verbose`: diagnostics on whatever the configuration says.
    public var verbose = false { didSet { log.logLevel = Self.diagnosticsLevel(config.diagnostics || verbose) } }

    static func diagnosticsLevel(_ on: Bool) -> Logger.Level { on ? .debug : .critical }

    /// The daemon over an opened store and ledger and a replayed model: opens and replays nothing.
    init(
        config: ConsortiumConfig,
        store: Store,
        ledger: NoticeLedger,
        model: ResidentModel,
        storedStatesOutcome: ResidentModel.StoredStatesOutcome = .init(),
        clock: @escaping () -> Date
    ) {
        self.config = config
        self.clock = clock
        self.store = store
        self.ledger = ledger
        self.model = model
        self.storedStatesOutcome = storedStatesOutcome
        log = Self.logger(config)
        inbox = Inbox(directory: config.inbox)
        emitter = Emitter(noticeDirectory: config.noticeDirectory, bureau: config.bureau)
        report = config.reportPath.map(DaemonReport.init(directory:))
    }

    /// The start step: makes the directories, checks they share a file system, opens the
    /// database and the notice ledger, and reads every consortium's stored state back (replaying
    /// from the archive those without one that holds: said once in the journal).
    public static func open(config: ConsortiumConfig, clock: @escaping () -> Date = Date.init) throws -> Daemon {
        for directory in [config.stateDirectory, config.inbox, config.rejected, config.pending, config.noticeDirectory] {
            try FileSystem.makeDirectory(directory)
        }
        try FileSystem.makeDirectory(config.stateDirectory + "/archive")
        try FileSystem.makeDirectory(config.stateDirectory + "/archive/duplicates")
        try checkOneFileSystem(config)
        // A database that cannot be opened or read is told apart by its cause (DatabaseOpenFailure):
        // only a damaged one sends the operator to the backup.
        let store: Store
        do { store = try Store(stateDirectory: config.stateDirectory) } catch {
            throw DatabaseOpenFailure(error, stateDirectory: config.stateDirectory).startupError
        }
        // The notice ledger loads on a thread of its own while the model loads on this one
        // (docs/performance.md "Stored states": both read hundreds of thousands of rows).
        var loaded: (model: ResidentModel, outcome: ResidentModel.StoredStatesOutcome, seconds: Double)?
        // That thread then lists the notice files, for the start-up repair (`recoverNoticeFiles`).
        let ledgerLoad = try ParallelFor.concurrently({
            Result {
                let ledger = try NoticeLedger(store: store)
                return (ledger, NoticeFiles.present(in: config.noticeDirectory, expecting: ledger.noticeCount))
            }
        }
        ) {
            do { loaded = try load(store, config: config, through: CivilDate(clock(), timeZone: config.timeZone)) } catch let error as DatabaseError {
                throw DatabaseOpenFailure(error, stateDirectory: config.stateDirectory).startupError
            }
        }
        let ledger: NoticeLedger
        let noticeFiles: Set<NoticeKey>?
        do { (ledger, noticeFiles) = try ledgerLoad.get() } catch {
            throw DatabaseOpenFailure(error, stateDirectory: config.stateDirectory).startupError
        }
        guard let loaded else { preconditionFailure("the model loads or throws") }
        let daemon = Daemon(config: config, store: store, ledger: ledger, model: loaded.model, storedStatesOutcome: loaded.outcome, clock: clock)
        daemon.noticeFilesAtStart = noticeFiles
        daemon.reportStoredStates(loaded.outcome, seconds: loaded.seconds)
        return daemon
    }

    private static func logger(_ config: ConsortiumConfig) -> Logger {
        var log = Logger(label: "consortiumd") { _ in
            JournalLogHandler(
                level: Self.diagnosticsLevel(config.diagnostics),
                extraFields: [("SYSLOG_IDENTIFIER", "consortiumd"), ("DIAGNOSTIC", "1")]
            )
        }
        log[metadataKey: "bureau"] = config.bureau.map { .string($0) }  // BUREAU= (runbook.md 16)
        return log
    }

    /// Files move by rename: the inbox, pending, rejected and the archive must share a file system.
    static func checkOneFileSystem(_ config: ConsortiumConfig) throws {
        let paths = [config.inbox, config.pending, config.rejected, config.stateDirectory + "/archive"]
        let devices = try paths.map { path throws(FileSystem.Failure) in (path, try FileSystem.device(of: path)) }
        if Set(devices.map(\.1)).count > 1 {
            throw DaemonError.startup(
                "收件箱、pending、rejected 和存档目录必须在同一文件系统上（文件靠 rename 移动）："
                    + devices.map { "\($0.0) (设备 \($0.1))" }.joined(separator: "，")
                    + " / inbox, pending, rejected and the archive must be on one file system"
            )
        }
    }

    /// Reads the stored states back, and for those without one that holds reads the archive (the
    /// original bytes are the truth) and replays the consortium, a group of consortia at a time:
    /// the decoded documents of all are never held at once. With
    /// millions of documents this and the first evaluation take minutes (docs/performance.md,
    /// "Start-up with a full state"), so systemd is first told how long start-up may take: it
    /// never shortens the unit's TimeoutStartSec, only lengthens it for a state that needs more.
    private static func load(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate
    ) throws
        -> (model: ResidentModel, outcome: ResidentModel.StoredStatesOutcome, seconds: Double)
    {
        // The last arrival number: as many documents as were ever recorded (they are never
        // deleted), read from the end of the table; the model counts them on another thread.
        let count = (try? store.lastArrival()) ?? 0
        ServiceManager.notify(
            "STATUS=读取存档：\(count) 份文件 / reading \(count) archived documents",
            "EXTEND_TIMEOUT_USEC=\(Self.startupAllowanceMicroseconds(documents: count))"
        )
        let model: ResidentModel
        var outcome = ResidentModel.StoredStatesOutcome()
        let started = ServiceManager.monotonicMicroseconds
        do {
            // A database from before the relation tables gets them filled in on the way.
            model = try ResidentModel.load(
                store,
                config: config,
                through: day,
                fillingRelations: !store.relationsComplete(),
                storing: true,
                outcome: { outcome = $0 }
            )
        } catch let failure as ArchiveReader.Failure {
            throw DaemonError.startup(failure.description + "；请运行 consortiumctl verify，必要时从备份恢复")
        }
        // The decoded documents are gone; give their memory back to the system (glibc keeps
        // freed memory of the decoding threads' arenas otherwise).
        let seconds = Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000
        _ = malloc_trim(0)
        return (model, outcome, seconds)
    }

    /// 60 s plus 200 µs per held document: about 4× what this 2-core machine needs at 100,000
    /// consortia (2,000,000 documents: 66–112 s to READY, 460 s allowed).
    static func startupAllowanceMicroseconds(documents: Int) -> Int { 60_000_000 + documents * 200 }

    public var consortiumCount: Int { model.consortia.count }
    public var documentCount: Int { model.documentCount }
    /// The day of the last full evaluation that reached the ledger (start-up, the daily timer, a reload).
    var lastFullEvaluation: CivilDate? { evaluation.lastFull }
    /// The consortia the last evaluation after a batch judged (nil: the last was a full one).
    var lastEvaluated: Set<ConsortiumID>? { evaluation.lastEvaluated }
    /// The areas with a fault reported and not yet recovered from (the metrics: MetricsWriter).
    var activeFaultAreas: [FaultArea] { faults.areas }

    var archiveDirectory: String { config.stateDirectory + "/archive" }
    var duplicateDirectory: String { archiveDirectory + "/duplicates" }

    func today() -> CivilDate { CivilDate(clock(), timeZone: config.timeZone) }

    /// The accepted documents of one consortium: read back from the archive, with those of the
    /// uncommitted batch.
    func documents(of consortium: ConsortiumID) throws -> [RecordedDocument] {
        try ArchiveReader.documents(of: consortium, store, config: config) + batch.records(of: consortium)
    }
}

public enum DaemonError: Error, CustomStringConvertible {
    case startup(String)
    public var description: String {
        switch self {
        case .startup(let text): text
        }
    }
}
