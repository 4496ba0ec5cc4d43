import CLinux
import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Systemd

/// The one place that performs effects: every rename between the inbox, pending/, rejected/ and
/// the archive, every write to the database outside the ledger's own reconcile, every journal
/// entry and notice file, and what a reload changes (the step: Daemon+Reload.swift). The parts decide (`Inbox.claim`, `Daemon.classify`, `Batch.take`,
/// `NoticeLedger.reconcile`, `FaultReporter`); the walk (Daemon+Walk.swift) calls these in order.
extension Daemon {
    // MARK: - A judged file

    /// Performs what `classify` decided for `claimed`, other than accepting it (the walk applies
    /// an accepted document to the state and the batch).
    func perform(_ disposition: Disposition, _ claimed: Claimed) {
        let (sha, name, directory, source) = (claimed.sha, claimed.name, claimed.directory, claimed.source)
        switch disposition {
        case .commitFirst, .accept:
            preconditionFailure("the walk commits the batch and accepts documents itself")
        case .finishMove:
            finishMove(source, sha: sha, name: name)
        case .duplicate:
            keepDuplicate(source, sha: sha, name: name, received: claimed.received)
        case .reject(let errors, let releasesHeld):
            reject(name, from: directory, sha: sha, errors: errors)
            if releasesHeld, !FileSystem.exists(source) { forgetHeld(sha) }
        case .hold(let document, let reason):
            hold(name, sha: sha, document: document, received: claimed.received, reason: reason)
        case .stillHeld(let row, let document, let reason):
            stillHeld(row, document: document, reason: reason)
        case .unchanged:
            break
        case .unreadableArchive(let id, let error):
            failure("无法读回联合体 \(id) 的存档文件以判断 \(name)：\(error)。文件保留在原处，故障排除后自动重试。", error: error, area: .archive)
        }
    }

    /// Moves `directory/name` into `rejected/` (never overwriting) with `NAME.error.txt` beside it.
    func reject(_ name: String, from directory: String, sha: String, errors: [DocumentError], raw: [UInt8]? = nil) {
        // The reason is written first and the file moved after it: a crash in between leaves the
        // file where it was (taken again, reusing this reason file), never a file without reason.
        let header = "文件 / file: \(name)\n" + (sha.isEmpty ? "" : "SHA-256: \(sha)\n")
        let target = Inbox.freeName(name, in: config.rejected, alsoFree: ".error.txt") { candidate in
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
        send(.rejected(name: name, sha256: sha, errors: errors, rejectedDirectory: config.rejected, target: target))
    }

    /// Finishes the move of a document recorded before a crash (its row exists, its file is still here).
    func finishMove(_ source: String, sha: String, name: String) {
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

    /// Keeps `source` as a duplicate of an accepted or held document (its row, then its file in
    /// archive/duplicates).
    func keepDuplicate(_ source: String, sha: String, name: String, received: Date) {
        // Reuse a recorded-but-unmoved duplicate slot (crash recovery) before making a new one.
        let existing = (try? store.duplicateArchives(sha256: sha)) ?? []
        let relative =
            existing.first { !FileSystem.exists(config.stateDirectory + "/" + $0) }
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
        send(.duplicate(name: name, sha256: sha))
    }

    // MARK: - pending/

    /// Moves an inbox file into pending/ with its row (what it waits for) and one entry.
    private func hold(_ name: String, sha: String, document: Document, received: Date, reason: DocumentError) {
        let target = Inbox.freeName(name, in: config.pending)
        do {
            try store.recordPending(sha256: sha, name: name, document: document, received: received, path: target, reason: reason.message)
            held[sha] = Store.PendingRow(
                sha256: sha,
                name: name,
                consortium: document.consortium,
                date: document.date.description,
                received: Store.timestamp(received),
                path: target,
                reason: reason.message
            )
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
        send(
            .pending(
                name: name,
                sha256: sha,
                document: document,
                reason: reason,
                pendingDirectory: config.pending,
                path: path,
                pendingDays: config.pendingDays
            )
        )
    }

    /// A file found in pending/ without a row (start-up repair) is held again; its reason is
    /// filled in when it is judged again.
    func adopt(_ name: String, sha: String, document: Document) {
        let row = Store.PendingRow(
            sha256: sha,
            name: name,
            consortium: document.consortium,
            date: document.date.description,
            received: Store.timestamp(clock()),
            path: name,
            reason: ""
        )
        try? store.recordPending(sha256: sha, name: name, document: document, received: clock(), path: name, reason: "")
        held[sha] = row
    }

    func forgetHeld(_ sha: String) {
        try? store.removePending(sha256: sha)
        held[sha] = nil
    }

    /// The held documents as the store has them (start-up, and after a batch that failed to commit).
    func reloadHeld() {
        held = HeldDocuments((try? store.pendingRows()) ?? [])
    }

    // MARK: - The batch commit

    /// Group commit (`Batch.take`): the batch's documents in one transaction (the moment of
    /// truth), then each file renamed into the archive, one fsync per directory, then the journal
    /// entries. If the transaction fails, the batch is forgotten and its files stay in the inbox
    /// for a retry.
    func commit() {
        guard let commit = batch.take() else { return }
        let entries = commit.entries
        // The states of the consortia the batch changed, written with its documents (StoredStates.swift).
        let stored = storedStates(of: commit.undo.keys)
        do {
            try store.recordAccepted(commit.rows, announced: false, states: stored.states, removingStates: stored.removing, policy: storedPolicy)
        } catch {
            undo(commit)
            // Held documents taken into the failed batch are held again.
            if entries.contains(where: \.fromPending) { reloadHeld() }
            failure("无法记录 \(entries.count) 份文件（数据库写入失败：\(error)）。文件保留在原处，故障排除后自动重试。", error: error, area: .store)
            return
        }
        recovered(.store)
        var moved: [Batch.Entry] = []
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
    private func undo(_ commit: Batch.Commit) {
        model.uncount(arrivals: Set(commit.entries.map(\.record.arrival)))
        for (id, before) in commit.undo {
            if let before { model.set(before) } else { model.remove(id) }
        }
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
            emitAccepted(
                name: row.name,
                sha256: row.sha256,
                kind: row.kind,
                kindName: kind?.chineseName ?? row.kind,
                consortium: row.consortium,
                date: row.date,
                encoding: row.encoding,
                concerned: row.consortium ?? row.notice.flatMap { ledger.consortium(ofNotice: $0) }
            )
            sent.append(row.arrival)
        }
        markAnnounced(sent)
    }

    /// Marks documents whose entries were sent; a failure only means they are sent again at the next start.
    private func markAnnounced(_ arrivals: [Int]) {
        do { try store.markAnnounced(arrivals: arrivals) } catch {
            failure(
                "无法在数据库中标记 \(arrivals.count) 份文件的“已接收”日志已发出：\(error)。下次启动时这些日志会再发一次（内容相同，无害）。",
                error: error,
                area: .store
            )
        }
    }

    /// `concerned`: `consortium(of:)` the document.
    private func emitAccepted(_ record: RecordedDocument, encoding: DocumentEncoding?, consortium concerned: ConsortiumID?) {
        let doc = record.document
        emitAccepted(
            name: record.name,
            sha256: record.sha256,
            kind: doc.kind.rawValue,
            kindName: doc.kind.chineseName,
            consortium: doc.consortium,
            date: doc.date.description,
            encoding: encoding?.rawValue ?? "",
            concerned: concerned
        )
    }

    private func emitAccepted(
        name: String,
        sha256: String,
        kind: String,
        kindName: String,
        consortium: ConsortiumID?,
        date: String,
        encoding: String,
        concerned: ConsortiumID?
    ) {
        send(
            .accepted(
                name: name,
                sha256: sha256,
                kind: kind,
                kindName: kindName,
                consortium: consortium,
                date: date,
                encoding: encoding,
                concerned: concerned
            )
        )
    }

    // MARK: - Notices

    /// Sends what the ledger's actions say to the journal as each is taken; the notice files in
    /// one durable batch.
    func perform(_ actions: [NoticeLedger.Action]) {
        writeNoticeFiles(actions.compactMap(perform))
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

    func writeNoticeFiles(_ notices: [Notice]) {
        guard !notices.isEmpty else { return }
        if let (notice, error) = emitter.writeNoticeFiles(notices).first {
            failure("通知文件 \(notice.id).json 无法写入 \(config.noticeDirectory)：\(error)", error: error, area: .noticeFiles)
            return
        }
        recovered(.noticeFiles)
    }

    /// Start-up repair of notice files (docs/reliability.md, F6): a crash after the ledger commit and before the file
    /// was written leaves a notice without `ID.json`.
    func recoverNoticeFiles() {
        // The directory read once (hundreds of thousands of files at 100,000 consortia), not a
        // stat per notice; at start-up already read beside the ledger (`Daemon.open`).
        let present = noticeFilesAtStart ?? NoticeFiles.present(in: config.noticeDirectory)
        noticeFilesAtStart = nil
        guard let present else {
            writeNoticeFiles((try? ledger.storedNotices(missing: { !FileSystem.exists(config.noticeDirectory + "/" + $0 + ".json") })) ?? [])
            return
        }
        writeNoticeFiles((try? ledger.storedNotices(missingFrom: present)) ?? [])
    }

    // MARK: - Faults

    /// Reports a fault once (PRIORITY err) until `recovered(area)` clears it (FaultReporter), so a
    /// fault that lasts (disk full, inbox gone) does not flood the journal at every rescan.
    func failure(_ message: String, error: Error, area: FaultArea = .other) {
        guard faults.report(message, area: area) else { return }
        activity.faultReported(area)
        send(.failure(message, error: error, area: area.rawValue))
    }

    /// The fault in `area` is gone: say so once (PRIORITY info).
    func recovered(_ area: FaultArea) {
        guard let message = faults.recover(area) else { return }
        send(.recovered(area: area.rawValue, areaName: area.chineseName, message: message))
    }

    // MARK: - A reload

    /// Carries out what the reload step decided (Daemon+Reload.swift): the journal entry for the
    /// directories kept, the consortia replayed under new policies, then the configuration.
    func perform(_ reload: Reload) {
        var next = reload.config
        if !reload.directoriesKept.isEmpty { announceDirectoriesKept(reload.directoriesKept) }
        emitter.bureau = next.bureau
        if reload.replay {
            do {
                let started = ServiceManager.monotonicMicroseconds
                model = try ResidentModel.load(store, config: next, through: today(), storing: true, outcome: { storedStatesOutcome = $0 }) {
                    ServiceManager.notify("WATCHDOG=1")
                }
                reportStoredStates(storedStatesOutcome, seconds: Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000)
                _ = malloc_trim(0)
                buildDuplicateFilter()
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

    // MARK: - The daemon's own entries

    /// Sends one entry, counted in `activity` (what the outputs show of the daemon's work: the
    /// metrics' documents by outcome).
    func send(_ event: JournalEvent) {
        activity.sent(event.kind)
        emitter.emit(event)
    }

    /// After `Daemon.open`: the configuration read, the archive replayed.
    public func announceStarted(configPath: String, usingDefaults: Bool) {
        send(
            .started(
                configPath: configPath,
                usingDefaults: usingDefaults,
                inbox: config.inbox,
                consortia: consortiumCount,
                documents: documentCount
            )
        )
    }

    /// READY=1 was sent at `sentMonotonic` (CLOCK_MONOTONIC, µs).
    func announceReady(sentMonotonic: UInt64) {
        send(.ready(inbox: config.inbox, consortia: consortiumCount, documents: documentCount, sentMonotonic: sentMonotonic))
    }

    func announceReloaded() {
        send(.reloaded(consortia: consortiumCount, documents: documentCount))
    }

    /// A reload that changed directories (`keys`): they change only at a restart.
    func announceDirectoriesKept(_ keys: [String]) {
        send(.directoriesNotReloaded(keys))
    }

    /// Stopping after the document in hand: says so and closes the database.
    func stop() {
        send(.stopping(consortia: consortiumCount, documents: documentCount))
        store.close()
    }
}
