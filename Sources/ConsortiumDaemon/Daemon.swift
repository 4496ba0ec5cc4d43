import CLinux
import ConsortiumCore
import ConsortiumDocx
import ConsortiumStore
import Foundation
import GRDB
import Glibc
import Logging
import Systemd

/// The daemon's working state and every step a document goes through:
/// `file -> claim -> decode -> store -> state -> evaluate -> ledger -> emit`.
/// Single-threaded: only the working loop calls it.
public final class Daemon {
    public private(set) var config: ConsortiumConfig
    let store: Store
    let ledger: NoticeLedger
    public let emitter: Emitter
    /// The HTML report, rewritten after each evaluation (Daemon+Report.swift); nil when turned off.
    let report: DaemonReport?
    /// The accepted documents as the daemon keeps them: each consortium replayed, not the
    /// decoded documents (ResidentModel).
    private(set) var model: ResidentModel
    /// Accepted in the current batch, not yet committed (group commit).
    private var batch: [BatchEntry] = []
    /// The consortia as they were before the current batch changed them (nil: not there), put
    /// back if its transaction fails.
    private var batchUndo: [ConsortiumID: ResidentConsortium?] = [:]
    /// How many times a consortium was replayed from its documents read back (not applied in place).
    private(set) var rebuilds = 0
    /// What the last load (start-up, a reload with other policies) did with the stored states.
    private(set) var storedStatesOutcome = ResidentModel.StoredStatesOutcome()
    /// The day of the last full evaluation that reached the ledger (start-up, the daily timer, a reload).
    private(set) var lastFullEvaluation: CivilDate?
    /// The consortia the last evaluation after a batch judged (nil: the last was a full one).
    private(set) var lastEvaluated: Set<ConsortiumID>?
    /// Documents per transaction when many arrive together.
    static let batchLimit = 256

    struct BatchEntry {
        var record: RecordedDocument
        /// `consortium(of:)` the document (looked up once).
        var consortium: ConsortiumID?
        var source: String
        var encoding: DocumentEncoding
        var received: Date
        var fromPending: Bool
    }
    /// The documents waiting in `pending/`, by SHA-256 (their rows, as the store holds them).
    private var held: [String: Store.PendingRow] = [:]
    /// Files read from the inbox and judged together, in daemon order (date, kind, name).
    static let groupLimit = 1024

    /// A file read and decoded, ready to be judged.
    struct Claimed {
        var name: String
        var directory: String
        var sha: String
        var decoded: Result<DecodedDocument, DocumentRejection>
        var received: Date

        var document: Document? { try? decoded.get().document }
    }
    /// Faults reported and not yet recovered from.
    private var activeFaults: [FaultArea: String] = [:]
    /// Files seen changing recently: taken once they stop changing.
    private var unsettled: [String: Date] = [:]
    /// Files the writer closed (IN_CLOSE_WRITE / IN_MOVED_TO), as they were then: complete, taken
    /// without waiting for them to settle, while they are still that file unchanged. The mark is
    /// by name, so the fingerprint keeps it from passing to a file written later under the same
    /// name (a corrected file dropped again as the one just rejected), and it is used up when
    /// the file is taken.
    private var complete: [String: FileSystem.Fingerprint] = [:]
    let clock: () -> Date

    static let settleSeconds = 1.0

    var archiveDirectory: String { config.stateDirectory + "/archive" }
    var duplicateDirectory: String { archiveDirectory + "/duplicates" }

    /// Diagnostics at debug priority (config `diagnostics`, `consortiumd --verbose`): what was
    /// decided about each file and evaluation, with DIAGNOSTIC=1 (runbook.md, "Diagnostics").
    public private(set) var log: Logger
    /// `consortiumd --verbose`: diagnostics on whatever the configuration says.
    public var verbose = false { didSet { log.logLevel = Self.diagnosticsLevel(config.diagnostics || verbose) } }

    static func diagnosticsLevel(_ on: Bool) -> Logger.Level { on ? .debug : .critical }

    public init(config: ConsortiumConfig, clock: @escaping () -> Date = Date.init) throws {
        self.config = config
        self.clock = clock
        var log = Logger(label: "consortiumd") { _ in
            JournalLogHandler(level: Self.diagnosticsLevel(config.diagnostics),
                              extraFields: [("SYSLOG_IDENTIFIER", "consortiumd"), ("DIAGNOSTIC", "1")])
        }
        log[metadataKey: "bureau"] = config.bureau.map { .string($0) }  // BUREAU= (runbook.md 16)
        self.log = log
        model = ResidentModel(through: CivilDate(clock(), timeZone: config.timeZone))
        for directory in [config.stateDirectory, config.inbox, config.rejected, config.pending, config.noticeDirectory] {
            try FileSystem.makeDirectory(directory)
        }
        try FileSystem.makeDirectory(config.stateDirectory + "/archive")
        try FileSystem.makeDirectory(config.stateDirectory + "/archive/duplicates")
        try Self.checkOneFileSystem(config)
        // A database that cannot be opened or read is told apart by its cause (DatabaseOpenFailure):
        // only a damaged one sends the operator to the backup.
        do {
            store = try Store(stateDirectory: config.stateDirectory)
            ledger = try NoticeLedger(store: store)
        } catch {
            throw DatabaseOpenFailure(error, stateDirectory: config.stateDirectory).startupError
        }
        emitter = Emitter(noticeDirectory: config.noticeDirectory, bureau: config.bureau)
        report = config.reportPath.map(DaemonReport.init(directory:))
        do { try loadDocuments() } catch let error as DatabaseError {
            throw DatabaseOpenFailure(error, stateDirectory: config.stateDirectory).startupError
        }
    }

    /// Files move by rename: the inbox, pending, rejected and the archive must share a file system.
    static func checkOneFileSystem(_ config: ConsortiumConfig) throws {
        let paths = [config.inbox, config.pending, config.rejected, config.stateDirectory + "/archive"]
        let devices = try paths.map { path throws(FileSystem.Failure) in (path, try FileSystem.device(of: path)) }
        if Set(devices.map(\.1)).count > 1 {
            throw DaemonError.startup("收件箱、pending、rejected 和存档目录必须在同一文件系统上（文件靠 rename 移动）："
                + devices.map { "\($0.0) (设备 \($0.1))" }.joined(separator: "，")
                + " / inbox, pending, rejected and the archive must be on one file system")
        }
    }

    /// Reads the archive back (the original bytes are the truth) and replays every consortium,
    /// a group of consortia at a time: the decoded documents of all are never held at once. With
    /// millions of documents this and the first evaluation take minutes (docs/performance.md,
    /// "Start-up with a full state"), so systemd is first told how long start-up may take: it
    /// never shortens the unit's TimeoutStartSec, only lengthens it for a state that needs more.
    private func loadDocuments() throws {
        let count = store.documentCount
        ServiceManager.notify("STATUS=读取存档：\(count) 份文件 / reading \(count) archived documents",
                              "EXTEND_TIMEOUT_USEC=\(Self.startupAllowanceMicroseconds(documents: count))")
        do {
            // A database from before the relation tables gets them filled in on the way.
            let started = ServiceManager.monotonicMicroseconds
            model = try ResidentModel.load(store, config: config, through: model.through, fillingRelations: !store.relationsComplete(),
                                           storing: true, outcome: { storedStatesOutcome = $0 })
            reportStoredStates(storedStatesOutcome, seconds: Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000)
        } catch let failure as ArchiveReader.Failure {
            throw DaemonError.startup(failure.description + "；请运行 consortiumctl verify，必要时从备份恢复")
        }
        // The decoded documents are gone; give their memory back to the system (glibc keeps
        // freed memory of the decoding threads' arenas otherwise).
        _ = malloc_trim(0)
    }

    /// The accepted documents of one consortium: read back from the archive, with those of the
    /// uncommitted batch.
    private func documents(of consortium: ConsortiumID) throws -> [RecordedDocument] {
        try ArchiveReader.documents(of: consortium, store, config: config)
            + batch.lazy.map(\.record).filter { $0.document.consortium == consortium }
    }

    /// 60 s plus 200 µs per held document: about 4× what this 2-core machine needs at 100,000
    /// consortia (2,000,000 documents: 66–112 s to READY, 460 s allowed).
    static func startupAllowanceMicroseconds(documents: Int) -> Int { 60_000_000 + documents * 200 }

    public var consortiumCount: Int { model.consortia.count }
    public var documentCount: Int { model.documentCount }

    func today() -> CivilDate { CivilDate(clock(), timeZone: config.timeZone) }

    // MARK: - Inbox

    /// Whether a name in the inbox is one the daemon ignores: `InboxName.isIgnored`.
    public static func isIgnored(_ name: String) -> Bool {
        InboxName.isIgnored(name)
    }

    /// inotify said the writer is done with `name`: the file there now is complete.
    func markComplete(_ name: String) {
        complete[name] = try? FileSystem.lstatEntry(config.inbox + "/" + name).fingerprint
    }

    /// inotify said `name` was created or written to: whatever was complete under it no longer is.
    func markChanging(_ name: String) { complete[name] = nil }

    /// Seconds until an unsettled file should be looked at again, if any.
    func nextSettleCheck(now: Date) -> TimeInterval? {
        unsettled.values.map { max(0, Self.settleSeconds - now.timeIntervalSince($0)) }.min()
    }

    /// Processes every file in the inbox (start, rescan, overflow, and after inotify events).
    /// Returns the consortia whose documents changed. Calls `between` after each file (the
    /// loop uses it to feed the watchdog and to stop after the document in hand).
    @discardableResult
    func scanInbox(between: () -> Bool = { true }) -> Set<ConsortiumID> {
        var touched: Set<ConsortiumID> = []
        let names: [String]
        do {
            names = try FileSystem.names(in: config.inbox)
        } catch {
            failure("无法读取收件箱 \(config.inbox)：\(error)。请检查目录是否存在、权限是否正确；恢复后自动继续。", error: error, area: .inbox)
            return []
        }
        recovered(.inbox)
        // Names that are not UTF-8 cannot be spelled as paths here: moved out by their bytes.
        for raw in (try? FileSystem.invalidNames(in: config.inbox)) ?? [] where raw.first != UInt8(ascii: ".") {
            let shown = FileSystem.printable(raw)
            reject(shown, from: config.inbox, sha: "", errors: [DocumentError(path: "",
                message: "文件名不是有效的 UTF-8（无效字节显示为 %XX），未读取；请用 UTF-8 文件名重新放入",
                messageEn: "the file name is not valid UTF-8 (invalid bytes shown as %XX); not read; drop it again under a UTF-8 name")], raw: raw)
        }
        // The files taken together are judged in daemon order (date, kind, name), not in
        // directory order (documents.md, revised 2026-12), a group of them at a time.
        var group: [Claimed] = []
        var stopped = false
        for name in names where !Self.isIgnored(name) {
            if let claimed = claim(name) { group.append(claimed) }
            if !between() { stopped = true; break }
            if group.count >= Self.groupLimit {
                touched.formUnion(judge(group, between: between))
                group = []
            }
        }
        if !stopped { touched.formUnion(judge(group, between: between)) }
        commitBatch()
        unsettled = unsettled.filter { names.contains($0.key) }
        complete = complete.filter { names.contains($0.key) }
        return touched
    }

    /// Judges `group` in daemon order: date, kind, then name (files that did not decode first).
    private func judge(_ group: [Claimed], between: () -> Bool) -> Set<ConsortiumID> {
        var touched: Set<ConsortiumID> = []
        let ordered = Self.daemonOrder(group)
        if !ordered.isEmpty {
            let names = ordered.prefix(20).map(\.name).joined(separator: ", ") + (ordered.count > 20 ? " …" : "")
            log.debug("按日期、类型、文件名顺序判断 \(ordered.count) 个文件 / judging files in daemon order: \(names)",
                      metadata: ["FILES": "\(ordered.count)"])
        }
        for claimed in ordered {
            touched.formUnion(ingest(claimed))
            if batch.count >= Self.batchLimit { commitBatch() }
            if !between() { break }
        }
        return touched
    }

    /// `claimed` sorted by date, kind, then name; those that did not decode first, by name.
    static func daemonOrder(_ claimed: [Claimed]) -> [Claimed] {
        let keys = claimed.map { c in c.document.map { ($0.date, $0.kind.order) } }
        return claimed.indices.sorted { a, b in
            switch (keys[a], keys[b]) {
            case (nil, nil): return claimed[a].name < claimed[b].name
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x != y ? x < y : claimed[a].name < claimed[b].name
            }
        }.map { claimed[$0] }
    }

    /// Takes one inbox entry: a file that is not a settled regular file of acceptable size is
    /// dealt with (rejected, or left to settle); a readable one is returned read and decoded.
    func claim(_ name: String) -> Claimed? {
        let path = config.inbox + "/" + name
        let entry: FileSystem.Entry
        do { entry = try FileSystem.lstatEntry(path) } catch { return nil }
        guard entry.type == .regular else {
            reject(name, from: config.inbox, sha: "", errors: [FileRejection.notRegular(entry.type.rejectionKind)])
            return nil
        }
        let limit = config.sizeLimit(forName: name)
        if entry.size > limit.bytes {
            reject(name, from: config.inbox, sha: "", errors: [FileRejection.tooLarge(size: entry.size, limit: limit.bytes, key: limit.key)])
            return nil
        }
        let now = clock()
        let age = now.timeIntervalSince(entry.modified)
        // A modification time in the future (the clock was set back) does not hold a file forever.
        // The writer's close counts for the file it closed, once: not for another file under
        // this name, nor for this one written to again.
        let closed = complete.removeValue(forKey: name) == entry.fingerprint
        if !closed, age >= 0, age < Self.settleSeconds {
            // Written in place and still changing: look again once it has settled.
            unsettled[name] = entry.modified
            log.debug("收件箱文件 \(name) 仍在变化（\(String(format: "%.2f", age)) 秒前修改），稳定后再取 / still changing",
                      metadata: ["DOCUMENT_NAME": "\(name)"])
            return nil
        }
        unsettled[name] = nil
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readRegularFile(path, limit: limit.bytes)
        } catch {
            if error.isMissing { return nil }
            reject(name, from: config.inbox, sha: "", errors: [error.isPermission ? FileRejection.permissionDenied
                : DocumentError(path: "", message: "无法读取文件：\(error)", messageEn: "cannot read the file: \(error)")])
            return nil
        }
        return decode(bytes, name: name, directory: config.inbox, received: now)
    }

    private func decode(_ bytes: [UInt8], name: String, directory: String, received: Date) -> Claimed {
        Claimed(name: name, directory: directory, sha: SHA256.hex(bytes),
                decoded: InboxDecoder.decode(bytes, name: name, limits: config.limits), received: received)
    }

    /// Decides and records one document read from `directory/name`. An accepted document of a
    /// consortium lets the documents held for it be judged again at once (`rejudgePending`).
    private func ingest(_ claimed: Claimed) -> Set<ConsortiumID> {
        let (sha, name, directory, received) = (claimed.sha, claimed.name, claimed.directory, claimed.received)
        let source = directory + "/" + name
        // A copy of a document of the uncommitted batch: commit the batch first, so the copy is
        // a duplicate of a recorded, archived document (not a "recorded but unmoved" one).
        if batch.contains(where: { $0.record.sha256 == sha }) { commitBatch() }
        if isAccepted(sha) {
            let archive = archiveDirectory + "/" + sha
            if !FileSystem.exists(archive) {
                // Recorded before a crash, not yet moved: finish the move.
                moveAccepted(source, sha: sha, name: name)
                return []
            }
            recordDuplicate(source, sha: sha, name: name, received: received)
            return []
        }
        if directory == config.inbox, held[sha] != nil {
            // Another copy of a document already waiting in pending/: keep it as a duplicate.
            recordDuplicate(source, sha: sha, name: name, received: received)
            return []
        }
        let decoded: DecodedDocument
        switch claimed.decoded {
        case .failure(let rejection):
            reject(name, from: directory, sha: sha, errors: rejection.errors)
            return []
        case .success(let d):
            decoded = d
        }
        let candidate = RecordedDocument(document: decoded.document, sha256: sha, arrival: model.lastArrival + 1, name: name)
        // A document that cannot simply be applied after its consortium's others is decided (and
        // then applied) with them all, read back from the archive.
        let id = decoded.document.consortium
        let resident = id.flatMap { model[$0] }
        var siblings: [RecordedDocument]?
        if let id, let resident, !resident.canAppend(candidate) {
            do {
                siblings = try documents(of: id)
            } catch {
                failure("无法读回联合体 \(id) 的存档文件以判断 \(name)：\(error)。文件保留在原处，故障排除后自动重试。", error: error, area: .archive)
                return []
            }
        }
        let outcome = Intake.classify(candidate, resident: resident, today: today(), policies: config.policy,
                                      target: withdrawalTarget, siblings: { siblings ?? [] })
        log.debug("文件 \(name)（\(decoded.document.kind.rawValue)，\(decoded.document.date)）的判断 / outcome: \(outcome)",
                  metadata: ["DOCUMENT_NAME": "\(name)", "DOCUMENT_SHA256": "\(sha)", "CONSORTIUM_ID": "\(id ?? "")",
                             "FROM": "\(directory == config.pending ? "pending" : "inbox")",
                             "REPLAYED": "\(siblings != nil ? "1" : "0")"])
        switch outcome {
        case .duplicate:
            recordDuplicate(source, sha: sha, name: name, received: received)
            return []
        case .rejected(let errors):
            reject(name, from: directory, sha: sha, errors: errors)
            if directory == config.pending, !FileSystem.exists(source) { forgetPending(sha) }
            return []
        case .pending(let reason):
            if directory == config.inbox {
                hold(name, sha: sha, document: decoded.document, received: received, reason: reason)
            } else if let row = held[sha], row.reason != reason.message {
                // Still waiting, now for something else: say so once.
                stillHeld(row, document: decoded.document, reason: reason)
            }
            return []
        case .accepted:
            // Counted at once (later files of the batch see it); recorded by `commitBatch`.
            remember(candidate, siblings: siblings)
            let concerned = consortium(of: decoded.document)
            batch.append(BatchEntry(record: candidate, consortium: concerned, source: source, encoding: decoded.encoding,
                                    received: received, fromPending: directory == config.pending))
            if directory == config.pending { held[sha] = nil }
            // An Acknowledgement touches the consortium of the notice it acknowledges, so the
            // notice file is rewritten now rather than at the next daily evaluation.
            var touched: Set<ConsortiumID> = concerned.map { [$0] } ?? []
            if directory == config.inbox, let id { touched.formUnion(rejudgePending(of: [id])) }
            return touched
        }
    }

    /// What the store (or the uncommitted batch) knows of an accepted document a Withdrawal names.
    private func withdrawalTarget(_ sha: String) -> Intake.Target? {
        if let entry = batch.first(where: { $0.record.sha256 == sha }) { return Intake.Target(entry.record) }
        guard let row = (try? store.document(sha256: sha)) ?? nil, let kind = DocumentKind(rawValue: row.kind),
              let date = CivilDate(row.date) else { return nil }
        return Intake.Target(kind: kind, consortium: row.consortium, date: date)
    }

    /// Applies an accepted document to its consortium (in place, or replaying `siblings` with it).
    private func remember(_ record: RecordedDocument, siblings: [RecordedDocument]?) {
        model.count(record)
        guard let id = record.document.consortium else { return }
        let before = model[id]
        if batchUndo[id] == nil { batchUndo[id] = .some(before) }
        if let before, let next = before.appending(model.sharingUnits([record])[0]) {
            model.set(next)
        } else {
            if before != nil { rebuilds += 1 }
            model.set(ResidentConsortium(id, documents: model.sharingUnits((siblings ?? []) + [record]), through: model.through, policies: config.policy))
        }
    }

    /// Whether a document with this SHA-256 was recorded (the model's filter, then the database;
    /// a copy within the uncommitted batch has been committed by then: see `ingest`).
    private func isAccepted(_ sha: String) -> Bool {
        model.mayHaveAccepted(sha) && ((try? store.document(sha256: sha)) ?? nil) != nil
    }

    /// Group commit: the batch's documents in one transaction (the moment of truth), then each
    /// file renamed into the archive, one fsync per directory, then the journal entries. If the
    /// transaction fails, the batch is forgotten and its files stay in the inbox for a retry.
    func commitBatch() {
        guard !batch.isEmpty else { return }
        let entries = batch
        let undo = batchUndo
        batch = []
        batchUndo = [:]
        // The states of the consortia the batch changed, written with its documents (StoredStates.swift).
        let stored = storedStates(of: undo.keys)
        do {
            try store.recordAccepted(entries.map { entry in
                Store.AcceptedRow(arrival: entry.record.arrival, sha256: entry.record.sha256, name: entry.record.name,
                                  document: entry.record.document, encoding: entry.encoding, received: entry.received,
                                  archive: "archive/" + entry.record.sha256, removingPending: entry.fromPending)
            }, announced: false, states: stored.states, removingStates: stored.removing, policy: storedPolicy)
        } catch {
            forget(entries.map(\.record.arrival), undo: undo)
            // Held documents taken into the failed batch are held again.
            if entries.contains(where: \.fromPending) { reloadHeld() }
            failure("无法记录 \(entries.count) 份文件（数据库写入失败：\(error)）。文件保留在原处，故障排除后自动重试。", error: error, area: .store)
            return
        }
        recovered(.store)
        var moved: [BatchEntry] = []
        var directories: Set<String> = []
        for entry in entries {
            do {
                try FileSystem.rename(entry.source, archiveDirectory + "/" + entry.record.sha256)
                moved.append(entry)
                directories.insert((entry.source as NSString).deletingLastPathComponent)
            } catch {
                failure("文件 \(entry.record.name) 已记录但无法移入存档：\(error)。文件保留在原处，下次扫描时再移。", error: error, area: .archive)
            }
        }
        guard !moved.isEmpty else { return }
        FileSystem.syncDirectory(archiveDirectory)
        for directory in directories { FileSystem.syncDirectory(directory) }
        if moved.count == entries.count { recovered(.archive) }
        for entry in moved { emitAccepted(entry.record, encoding: entry.encoding, consortium: entry.consortium) }
        markAnnounced(moved.map(\.record.arrival))
    }

    /// Takes uncommitted documents back out of the model (their transaction failed).
    private func forget(_ arrivals: [Int], undo: [ConsortiumID: ResidentConsortium?]) {
        model.uncount(arrivals: Set(arrivals))
        for (id, before) in undo {
            if let before { model.set(before) } else { model.remove(id) }
        }
    }

    /// The consortium a document concerns: its own, or for an Acknowledgement (which names
    /// none) the consortium of the acknowledged notice when the ledger knows it.
    func consortium(of document: Document?) -> ConsortiumID? {
        guard let document else { return nil }
        if let consortium = document.consortium { return consortium }
        if case .acknowledgement(let ack) = document.body { return ledger.consortium(ofNotice: ack.notice) }
        return nil
    }

    /// Finishes the move of a document recorded before a crash (its row exists, its file is still here).
    private func moveAccepted(_ source: String, sha: String, name: String) {
        do {
            try FileSystem.rename(source, archiveDirectory + "/" + sha)
            FileSystem.syncDirectory(archiveDirectory)
            FileSystem.syncDirectory((source as NSString).deletingLastPathComponent)
        } catch {
            failure("文件 \(name) 已记录但无法移入存档：\(error)。文件保留在原处，下次扫描时再移。", error: error, area: .archive)
            return
        }
        recovered(.archive)
        // The entry the crash kept from being sent (or sent before it: a repeat carries the same
        // DOCUMENT_SHA256 and is harmless), from its row.
        announceRecorded { $0.sha256 == sha }
    }

    /// Sends the "document accepted" entries of recorded documents whose entries were never sent
    /// (a crash between the commit and the journal) and whose files are in the archive (the
    /// others are sent when their move is finished), and marks them sent: document entries are
    /// at least once (docs/reliability.md). `which` narrows the rows looked at.
    func announceRecorded(_ which: (Store.UnannouncedRow) -> Bool = { _ in true }) {
        guard let rows = try? store.unannouncedDocuments() else { return }
        var sent: [Int] = []
        for row in rows where which(row) && FileSystem.exists(config.stateDirectory + "/" + row.archive) {
            let kind = DocumentKind(rawValue: row.kind)
            emitAccepted(name: row.name, sha256: row.sha256, kind: row.kind, kindName: kind?.chineseName ?? row.kind,
                         consortium: row.consortium, date: row.date, encoding: row.encoding,
                         concerned: row.consortium ?? row.notice.flatMap { ledger.consortium(ofNotice: $0) })
            sent.append(row.arrival)
        }
        markAnnounced(sent)
    }

    /// Marks documents whose entries were sent; a failure only means they are sent again at the next start.
    private func markAnnounced(_ arrivals: [Int]) {
        do { try store.markAnnounced(arrivals: arrivals) } catch {
            failure("无法在数据库中标记 \(arrivals.count) 份文件的“已接收”日志已发出：\(error)。下次启动时这些日志会再发一次（内容相同，无害）。",
                    error: error, area: .store)
        }
    }

    /// `concerned`: `consortium(of:)` the document.
    private func emitAccepted(_ record: RecordedDocument, encoding: DocumentEncoding?, consortium concerned: ConsortiumID?) {
        let doc = record.document
        emitAccepted(name: record.name, sha256: record.sha256, kind: doc.kind.rawValue, kindName: doc.kind.chineseName,
                     consortium: doc.consortium, date: doc.date.description, encoding: encoding?.rawValue ?? "", concerned: concerned)
    }

    private func emitAccepted(name: String, sha256: String, kind: String, kindName: String, consortium: ConsortiumID?,
                              date: String, encoding: String, concerned: ConsortiumID?) {
        emitter.emit(.accepted(name: name, sha256: sha256, kind: kind, kindName: kindName, consortium: consortium, date: date,
                               encoding: encoding, concerned: concerned))
    }

    private func recordDuplicate(_ source: String, sha: String, name: String, received: Date) {
        // Reuse a recorded-but-unmoved duplicate slot (crash recovery) before making a new one.
        let existing = (try? store.duplicateArchives(sha256: sha)) ?? []
        let relative = existing.first { !FileSystem.exists(config.stateDirectory + "/" + $0) }
            ?? "archive/duplicates/\(sha).\(existing.count + 1)"
        do {
            try store.recordDuplicate(sha256: sha, name: name, received: received, archive: relative)
            try FileSystem.rename(source, config.stateDirectory + "/" + relative)
            FileSystem.syncDirectory(duplicateDirectory)
        } catch {
            failure("重复文件 \(name) 无法存档：\(error)。文件保留在原处，故障排除后自动重试。", error: error, area: .store)
            return
        }
        recovered(.store)
        emitter.emit(.duplicate(name: name, sha256: sha))
    }

    private func hold(_ name: String, sha: String, document: Document, received: Date, reason: DocumentError) {
        let target = Self.freeName(name, in: config.pending)
        do {
            try store.recordPending(sha256: sha, name: name, document: document, received: received, path: target, reason: reason.message)
            held[sha] = Store.PendingRow(sha256: sha, name: name, consortium: document.consortium, date: document.date.description,
                                         received: Store.timestamp(received), path: target, reason: reason.message)
            try FileSystem.rename(config.inbox + "/" + name, config.pending + "/" + target)
            FileSystem.syncDirectory(config.pending)
        } catch {
            failure("文件 \(name) 无法移入 pending：\(error)。文件保留在原处，故障排除后自动重试。", error: error, area: .store)
            return
        }
        recovered(.store)
        emitPending(name: name, path: target, sha: sha, document: document, reason: reason)
    }

    /// A held document judged again that waits for something else now: its row and one entry say so.
    private func stillHeld(_ row: Store.PendingRow, document: Document, reason: DocumentError) {
        do {
            try store.updatePendingReason(sha256: row.sha256, reason: reason.message)
        } catch {
            failure("待处理文件 \(row.path) 的等待原因无法写入数据库：\(error)", error: error, area: .store)
            return
        }
        held[row.sha256]?.reason = reason.message
        emitPending(name: row.name, path: row.path, sha: row.sha256, document: document, reason: reason)
    }

    private func emitPending(name: String, path: String, sha: String, document: Document, reason: DocumentError) {
        emitter.emit(.pending(name: name, sha256: sha, document: document, reason: reason, pendingDirectory: config.pending, path: path,
                              pendingDays: config.pendingDays))
    }

    private func forgetPending(_ sha: String) {
        try? store.removePending(sha256: sha)
        held[sha] = nil
    }

    /// Start-up repair of `pending/` after a crash (docs/reliability.md, F5 and F2): a file whose document was accepted
    /// but not yet moved is moved into the archive; a file with no pending row is adopted again
    /// (or kept as a duplicate of a copy that has one).
    func recoverPendingDirectory() {
        reloadHeld()
        // A row recorded before a crash kept its file from being moved: the file is still in the
        // inbox, where the scan takes it again (as a held copy it would be kept as a duplicate).
        for row in held.values where !FileSystem.exists(config.pending + "/" + row.path) { forgetPending(row.sha256) }
        let rowPaths = Set(held.values.map(\.path))
        for name in (try? FileSystem.names(in: config.pending)) ?? [] where !Self.isIgnored(name) && !rowPaths.contains(name) {
            let path = config.pending + "/" + name
            guard let bytes = try? FileSystem.readRegularFile(path, limit: config.sizeLimit(forName: name).bytes) else { continue }
            let sha = SHA256.hex(bytes)
            if isAccepted(sha) {
                if FileSystem.exists(archiveDirectory + "/" + sha) {
                    recordDuplicate(path, sha: sha, name: name, received: clock())
                } else {
                    moveAccepted(path, sha: sha, name: name)
                }
            } else if held[sha] != nil {
                recordDuplicate(path, sha: sha, name: name, received: clock())
            } else if case .success(let decoded) = InboxDecoder.decode(bytes, name: name, limits: config.limits) {
                // Judged again by `processPending` right after: the reason is filled in then.
                let row = Store.PendingRow(sha256: sha, name: name, consortium: decoded.document.consortium,
                                           date: decoded.document.date.description, received: Store.timestamp(clock()), path: name, reason: "")
                try? store.recordPending(sha256: sha, name: name, document: decoded.document, received: clock(), path: name, reason: "")
                held[sha] = row
            } else {
                reject(name, from: config.pending, sha: sha, errors: [DocumentError(path: "", message: "pending 中的文件无法解码", messageEn: "a file in pending/ does not decode")])
            }
        }
    }

    /// The held documents as the store has them (start-up, and after a batch that failed to commit).
    private func reloadHeld() {
        held = Dictionary(((try? store.pendingRows()) ?? []).map { ($0.sha256, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Start-up repair of notice files (docs/reliability.md, F6): a crash after the ledger commit and before the file
    /// was written leaves a notice without `ID.json`.
    func recoverNoticeFiles() {
        write((try? ledger.storedNotices(missing: { !FileSystem.exists(config.noticeDirectory + "/" + $0 + ".json") })) ?? [])
    }

    /// Judges every held document again (start-up, the daily timer) and rejects those that have
    /// waited more than `pendingDays`, saying what they waited for.
    @discardableResult
    func processPending() -> Set<ConsortiumID> {
        let consortia = Set(held.values.compactMap(\.consortium))
        let changed = rejudgePending(of: consortia)
        commitBatch()
        for row in held.values.sorted(by: { $0.path < $1.path }) {
            let received = Store.instant(row.received) ?? clock()
            guard CivilDate(received, timeZone: config.timeZone).adding(days: config.pendingDays) < today() else { continue }
            forgetPending(row.sha256)
            let waited = row.reason.isEmpty ? "联合体 \(row.consortium ?? "") 的组建申请（Application）" : row.reason
            reject(row.path, from: config.pending, sha: row.sha256, errors: [DocumentError(path: "consortium",
                message: "在 pending 中等待超过 \(config.pendingDays) 天（pendingDays）仍不满足，拒收。所等待的：\(waited)",
                messageEn: "waited more than \(config.pendingDays) days (pendingDays) in pending/ and still does not fit; rejected")])
        }
        return changed
    }

    /// Judges the documents held for `consortia` again, each consortium's in daemon order,
    /// until none of them is accepted any more (one accepted may let another pass). Those
    /// accepted join the current batch.
    @discardableResult
    func rejudgePending(of consortia: Set<ConsortiumID>) -> Set<ConsortiumID> {
        var changed: Set<ConsortiumID> = []
        for id in consortia.sorted() {
            var progress = true
            while progress {
                progress = false
                let rows = held.values.filter { $0.consortium == id }
                guard !rows.isEmpty else { break }
                log.debug("重新判断联合体 \(id) 的 \(rows.count) 份待处理文件 / judging held documents again",
                          metadata: ["CONSORTIUM_ID": "\(id)", "FILES": "\(rows.count)"])
                var group: [Claimed] = []
                for row in rows {
                    let path = config.pending + "/" + row.path
                    guard let bytes = try? FileSystem.readRegularFile(path, limit: config.sizeLimit(forName: row.path).bytes) else {
                        // The move into pending/ did not happen (crash): the inbox scan takes it again.
                        if !FileSystem.exists(path) { forgetPending(row.sha256) }
                        continue
                    }
                    group.append(decode(bytes, name: row.path, directory: config.pending,
                                        received: Store.instant(row.received) ?? clock()))
                }
                for claimed in Self.daemonOrder(group) {
                    let before = model.documentCount
                    changed.formUnion(ingest(claimed))
                    if model.documentCount > before { progress = true }
                    if batch.count >= Self.batchLimit { commitBatch() }
                }
            }
        }
        return changed
    }

    /// Moves `directory/name` into `rejected/` (never overwriting) with `NAME.error.txt` beside it.
    func reject(_ name: String, from directory: String, sha: String, errors: [DocumentError], raw: [UInt8]? = nil) {
        // The reason is written first and the file moved after it: a crash in between leaves the
        // file where it was (taken again, reusing this reason file), never a file without reason.
        let header = "文件 / file: \(name)\n" + (sha.isEmpty ? "" : "SHA-256: \(sha)\n")
        let target = Self.freeName(name, in: config.rejected, alsoFree: ".error.txt") { candidate in
            // A reason written for this very file before a crash may be reused.
            let text = (try? FileSystem.readRegularFile(self.config.rejected + "/" + candidate + ".error.txt", limit: 1 << 20)) ?? []
            return !FileSystem.exists(self.config.rejected + "/" + candidate) && String(decoding: text, as: UTF8.self).hasPrefix(header)
        }
        var text = header + "时间 / time: \(Store.timestamp(clock()))\n拒收原因 / reasons:\n"
        text += errors.map { "- \($0.description)\n" }.joined()
        do {
            try FileSystem.writeAtomically(Array(text.utf8), directory: config.rejected, name: target + ".error.txt")
        } catch {
            failure("无法将 \(name) 移入 rejected：\(error)。文件保留在原处，故障排除后自动重试。", error: error, area: .rejected)
            return
        }
        do {
            if let raw {
                try FileSystem.rename(directory: directory, rawName: raw, to: config.rejected + "/" + target)
            } else {
                try FileSystem.rename(directory + "/" + name, config.rejected + "/" + target)
            }
            FileSystem.syncDirectory(config.rejected)
            FileSystem.syncDirectory(directory)
        } catch {
            // The file went away meanwhile, or cannot be moved (a mount point, a read-only
            // directory): no reason stays in rejected/ without its file; it is written again
            // when the file is moved.
            unlink(config.rejected + "/" + target + ".error.txt")
            if !error.isMissing {
                failure("无法将 \(name) 移入 rejected：\(error)。文件保留在原处，故障排除后自动重试。", error: error, area: .rejected)
            }
            return
        }
        recovered(.rejected)
        emitter.emit(.rejected(name: name, sha256: sha, errors: errors, rejectedDirectory: config.rejected, target: target))
    }

    /// `name`, or `name.1`, `name.2` … so nothing in `directory` is overwritten.
    static func freeName(_ name: String, in directory: String, alsoFree suffix: String? = nil,
                         reusable: (String) -> Bool = { _ in false }) -> String {
        func free(_ candidate: String) -> Bool {
            if reusable(candidate) { return true }
            return !FileSystem.exists(directory + "/" + candidate) && !(suffix.map { FileSystem.exists(directory + "/" + candidate + $0) } ?? false)
        }
        if free(name) { return name }
        var n = 1
        while !free("\(name).\(n)") { n += 1 }
        return "\(name).\(n)"
    }

    // MARK: - Evaluation

    /// Evaluates the consortia in `scope` (and those sharing a unit with them), or all, on today,
    /// and emits what the ledger says is new.
    func evaluate(scope: Set<ConsortiumID>?) {
        let started = Date()
        defer {
            let what = lastEvaluated.map { "\($0.count) 个联合体（批次涉及 \(scope?.count ?? 0) 个）" } ?? "全部联合体"
            log.debug("评估\(what)，用时 \(String(format: "%.3f", Date().timeIntervalSince(started))) 秒 / evaluation",
                      metadata: ["SCOPE": "\(scope == nil ? "full" : "batch")", "EVALUATED": "\(lastEvaluated?.count ?? model.consortia.count)"])
        }
        let day = today()
        let policy = config.policy.policy(on: day)
        do {
            try model.advance(through: day) { id, day in
                ResidentConsortium(id, documents: try documents(of: id), through: day, policies: config.policy)
            }
        } catch {
            failure("无法读回存档文件以按新的日期重放（系统时间回拨）：\(error)", error: error, area: .archive)
            return
        }
        // After a batch: the consortia it touched and those sharing a unit with them (operations.md),
        // each judged seeing every consortium its notices depend on (RelatedConsortia; only these
        // are reconciled). Of those sharing a unit, only the ones whose notices the batch can change
        // (`affected`: a shared lead unit, a unit an Incident names) can come out differently from
        // today's full evaluation: the others are left out once it has run today.
        let evaluated = scope.map { scope in
            let affected = model.affected(by: scope)
            return lastFullEvaluation == day ? affected : affected.union(model.sharingAUnit(with: scope))
        }
        lastEvaluated = evaluated
        let residents = evaluated.map { model.consortia($0) } ?? model.consortia
        let context = evaluated.map { model.consortia(model.context(of: $0)) }
        do {
            // A group of consortia at a time: their notices reconciled with the ledger, their
            // journal entries sent and their notice files written, then dropped.
            try Evaluator.evaluate(residents, context: context, acknowledgements: model.acknowledgements, on: day,
                                   policies: config.policy) { consortia, notices in
                try reconcile(notices, scope: Set(consortia), day: day, policy: policy)
            }
            // Open notices of consortia no longer held (their documents withdrawn from the store).
            let gone = scope == nil ? ledger.consortiaWithOpenNotices.subtracting(residents.map(\.id)) : []
            if !gone.isEmpty { try reconcile([Notice](), scope: gone, day: day, policy: policy) }
            if scope == nil { lastFullEvaluation = day }
        } catch {
            // Some consortia's notices were not reconciled: later batches evaluate the wider set
            // again until a full evaluation has gone through.
            lastFullEvaluation = nil
            failure("通知台账无法写入数据库：\(error)。故障排除后下次评估时补发。", error: error, area: .ledger)
            return
        }
        recovered(.ledger)
        refreshReport(scope: evaluated)
    }

    private func reconcile(_ notices: some Collection<Notice>, scope: Set<ConsortiumID>, day: CivilDate, policy: Policy) throws {
        let actions = try ledger.reconcile(open: notices, scope: scope, today: day, policy: policy,
                                           noticesFrom: config.noticesFrom, now: clock())
        // Journal entries as each action is taken; the notice files in one durable batch.
        write(actions.compactMap(perform))
    }

    /// Sends what `action` says to the journal; returns the notice whose file must be (re)written.
    private func perform(_ action: NoticeLedger.Action) -> Notice? {
        switch action {
        case .open(let notice, let sent):
            if sent { emitter.notice(notice) }
            return notice
        case .repeatNotice(let notice):
            emitter.notice(notice, repeat: true)
            return nil
        case .resolved(let notice, let day):
            emitter.notice(notice, resolvedOn: day)
            return notice
        case .rewrite(let notice):
            return notice
        }
    }

    private func write(_ notices: [Notice]) {
        guard !notices.isEmpty else { return }
        if let (notice, error) = emitter.writeNoticeFiles(notices).first {
            failure("通知文件 \(notice.id).json 无法写入 \(config.noticeDirectory)：\(error)", error: error, area: .noticeFiles)
            return
        }
        recovered(.noticeFiles)
    }

    // MARK: - Faults

    /// Reports a fault once (PRIORITY err) until `recovered(area)` clears it, so a fault that
    /// lasts (disk full, inbox gone) does not flood the journal at every rescan.
    func failure(_ message: String, error: Error, area: FaultArea = .other) {
        if area != .other, activeFaults[area] != nil { return }
        if area != .other { activeFaults[area] = message }
        emitter.emit(.failure(message, error: error, area: area.rawValue))
    }

    /// The areas with a fault reported and not yet recovered from (the metrics: MetricsWriter).
    var activeFaultAreas: [FaultArea] { Array(activeFaults.keys) }

    /// The fault in `area` is gone: say so once (PRIORITY info).
    func recovered(_ area: FaultArea) {
        guard let message = activeFaults.removeValue(forKey: area) else { return }
        emitter.emit(.recovered(area: area.rawValue, areaName: area.chineseName, message: message))
    }

    /// Applies a new configuration (SIGHUP). Directories keep their places until a restart.
    func reload(_ newConfig: ConsortiumConfig) {
        let moved = [("inbox", newConfig.inbox, config.inbox), ("rejected", newConfig.rejected, config.rejected),
                     ("pending", newConfig.pending, config.pending), ("stateDirectory", newConfig.stateDirectory, config.stateDirectory),
                     ("noticeDirectory", newConfig.noticeDirectory, config.noticeDirectory),
                     ("metricsDirectory", newConfig.metricsPath ?? "", config.metricsPath ?? ""),
                     ("reportDirectory", newConfig.reportPath ?? "", config.reportPath ?? "")].filter { $0.1 != $0.2 }
        if !moved.isEmpty {
            emitter.emit(.directoriesNotReloaded(moved.map(\.0)))
        }
        var next = newConfig
        next.inbox = config.inbox; next.rejected = config.rejected; next.pending = config.pending
        next.stateDirectory = config.stateDirectory; next.noticeDirectory = config.noticeDirectory
        next.metricsDirectory = config.metricsDirectory
        emitter.bureau = next.bureau
        next.reportDirectory = config.reportDirectory
        if next.policy != config.policy {
            // The replay itself follows the policies (an approval's last day comes from validYears):
            // the consortia are replayed again under the new ones, from the archive.
            do {
                let started = ServiceManager.monotonicMicroseconds
                model = try ResidentModel.load(store, config: next, through: today(), storing: true, outcome: { storedStatesOutcome = $0 }) {
                    ServiceManager.notify("WATCHDOG=1")
                }
                reportStoredStates(storedStatesOutcome, seconds: Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000)
                _ = malloc_trim(0)
            } catch {
                // The other settings take effect; the consortia stay replayed under the old policies.
                next.policy = config.policy
                failure("新的政策配置需要重新读取存档，但读取失败：\(error)。其余设置已生效，仍按原政策评估；请运行 consortiumctl verify。", error: error, area: .archive)
            }
        }
        config = next
        log.logLevel = Self.diagnosticsLevel(config.diagnostics || verbose)
        log[metadataKey: "bureau"] = config.bureau.map { .string($0) }
    }
}

/// Where a fault is (FAULT_AREA in the journal).
public enum FaultArea: String, Sendable, CaseIterable {
    case inbox, store, archive, rejected, ledger, noticeFiles = "notice-files", report, watch, metrics, other

    var chineseName: String {
        switch self {
        case .inbox: "收件箱"
        case .store: "数据库"
        case .archive: "存档目录"
        case .rejected: "rejected 目录"
        case .ledger: "通知台账"
        case .noticeFiles: "通知文件目录"
        case .report: "报表目录"
        case .watch: "收件箱监视"
        case .metrics: "监控指标文件"
        case .other: "其他"
        }
    }
}

public enum DaemonError: Error, CustomStringConvertible {
    case startup(String)
    public var description: String {
        switch self { case .startup(let text): text }
    }
}
