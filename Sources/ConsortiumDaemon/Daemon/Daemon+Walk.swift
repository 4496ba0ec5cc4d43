import ConsortiumCore
import ConsortiumDocx
import ConsortiumStore
import Foundation

/// The walk of a document, in one direction: the inbox claims and decodes files (`Inbox.claim`),
/// they are judged in daemon order (`Daemon.classify` returns a `Disposition`), an accepted one
/// changes the state and joins the batch, the batch is committed (`commit`), and the consortia it
/// touched are evaluated (`evaluate`, by the loop). Here the steps are only put in order; what
/// they write, move or send is performed in Daemon+Effects.swift.
extension Daemon {
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
            reject(
                shown,
                from: config.inbox,
                sha: "",
                errors: [
                    DocumentError(
                        path: "",
                        message: "文件名不是有效的 UTF-8（无效字节显示为 %XX），未读取；请用 UTF-8 文件名重新放入",
                        messageEn: "the file name is not valid UTF-8 (invalid bytes shown as %XX); not read; drop it again under a UTF-8 name"
                    )
                ],
                raw: raw
            )
        }
        // The files taken together are judged in daemon order (date, kind, name), not in
        // directory order (documents.md, revised 2026-12), a group of them at a time.
        var group: [Claimed] = []
        var stopped = false
        for name in names where !InboxName.isIgnored(name) {
            if let claimed = claim(name) { group.append(claimed) }
            if !between() {
                stopped = true
                break
            }
            if group.count >= Inbox.groupLimit {
                touched.formUnion(judge(group, between: between))
                group = []
            }
        }
        if !stopped { touched.formUnion(judge(group, between: between)) }
        commit()
        inbox.keep(only: names)
        return touched
    }

    /// Claims one inbox entry (`Inbox.claim`): rejects what is to be rejected; returns a readable
    /// file decoded.
    private func claim(_ name: String) -> Claimed? {
        switch inbox.claim(name, config: config, clock: clock) {
        case .gone:
            return nil
        case .settling(let age):
            log.debug(
                "收件箱文件 \(name) 仍在变化（\(String(format: "%.2f", age)) 秒前修改），稳定后再取 / still changing",
                metadata: ["DOCUMENT_NAME": "\(name)"]
            )
            return nil
        case .reject(let errors):
            reject(name, from: config.inbox, sha: "", errors: errors)
            return nil
        case .read(let bytes, let received):
            return Claimed(bytes, name: name, directory: config.inbox, received: received, limits: config.limits)
        }
    }

    /// Judges `group` in daemon order: date, kind, then name (files that did not decode first).
    private func judge(_ group: [Claimed], between: () -> Bool) -> Set<ConsortiumID> {
        var touched: Set<ConsortiumID> = []
        let ordered = Inbox.daemonOrder(group)
        if !ordered.isEmpty {
            let names = ordered.prefix(20).map(\.name).joined(separator: ", ") + (ordered.count > 20 ? " …" : "")
            log.debug(
                "按日期、类型、文件名顺序判断 \(ordered.count) 个文件 / judging files in daemon order: \(names)",
                metadata: ["FILES": "\(ordered.count)"]
            )
        }
        for claimed in ordered {
            touched.formUnion(admit(claimed))
            if batch.isFull { commit() }
            if !between() { break }
        }
        return touched
    }

    /// Judges one claimed file and performs the outcome. An accepted document of a consortium,
    /// from the inbox, lets the documents held for it be judged again at once (`judgeHeld`).
    /// Returns the consortia whose documents changed.
    private func admit(_ claimed: Claimed) -> Set<ConsortiumID> {
        var disposition = classify(claimed)
        if case .commitFirst = disposition {
            commit()
            disposition = classify(claimed)
        }
        guard case .accept(let candidate, let siblings, let encoding) = disposition else {
            perform(disposition, claimed)
            return []
        }
        let fromPending = claimed.directory == config.pending
        // Counted at once (later files of the batch see it); recorded by `commit`.
        apply(candidate, siblings: siblings)
        let concerned = consortium(of: candidate.document)
        batch.append(
            Batch.Entry(
                record: candidate,
                consortium: concerned,
                source: claimed.source,
                encoding: encoding,
                received: claimed.received,
                fromPending: fromPending
            )
        )
        if fromPending { held[claimed.sha] = nil }
        // An Acknowledgement touches the consortium of the notice it acknowledges, so the
        // notice file is rewritten now rather than at the next daily evaluation.
        var touched: Set<ConsortiumID> = concerned.map { [$0] } ?? []
        if !fromPending, let id = candidate.document.consortium { touched.formUnion(judgeHeld(of: [id])) }
        return touched
    }

    /// Applies an accepted document to its consortium (in place, or replaying `siblings` with it),
    /// keeping the consortium as it was for the batch's undo.
    private func apply(_ record: RecordedDocument, siblings: [RecordedDocument]?) {
        model.indexUnits()
        model.count(record)
        guard let id = record.document.consortium else { return }
        let before = model[id]
        batch.keepUndo(id, before: before)
        if let before, let next = before.appending(model.sharingUnits([record])[0]) {
            model.set(next)
        } else {
            if before != nil { rebuilds += 1 }
            model.set(
                ResidentConsortium(id, documents: model.sharingUnits((siblings ?? []) + [record]), through: model.through, policies: config.policy)
            )
        }
    }

    /// Judges the documents held for `consortia` again, each consortium's in daemon order,
    /// until none of them is accepted any more (one accepted may let another pass). Those
    /// accepted join the current batch.
    @discardableResult
    func judgeHeld(of consortia: Set<ConsortiumID>) -> Set<ConsortiumID> {
        var changed: Set<ConsortiumID> = []
        for id in consortia.sorted() {
            var progress = true
            while progress {
                progress = false
                let rows = held.rows(of: id)
                guard !rows.isEmpty else { break }
                log.debug(
                    "重新判断联合体 \(id) 的 \(rows.count) 份待处理文件 / judging held documents again",
                    metadata: ["CONSORTIUM_ID": "\(id)", "FILES": "\(rows.count)"]
                )
                var group: [Claimed] = []
                for row in rows {
                    let path = config.pending + "/" + row.path
                    guard let bytes = try? FileSystem.readRegularFile(path, limit: config.sizeLimit(forName: row.path).bytes) else {
                        // The move into pending/ did not happen (crash): the inbox scan takes it again.
                        if !FileSystem.exists(path) { forgetHeld(row.sha256) }
                        continue
                    }
                    group.append(
                        Claimed(
                            bytes,
                            name: row.path,
                            directory: config.pending,
                            received: Store.instant(row.received) ?? clock(),
                            limits: config.limits
                        )
                    )
                }
                for claimed in Inbox.daemonOrder(group) {
                    let before = model.documentCount
                    changed.formUnion(admit(claimed))
                    if model.documentCount > before { progress = true }
                    if batch.isFull { commit() }
                }
            }
        }
        return changed
    }

    /// Judges every held document again (start-up, the daily timer) and rejects those that have
    /// waited more than `pendingDays`, saying what they waited for.
    @discardableResult
    func processPending() -> Set<ConsortiumID> {
        let changed = judgeHeld(of: held.consortia)
        commit()
        for row in held.expired(today: today(), config: config, now: clock) {
            forgetHeld(row.sha256)
            reject(row.path, from: config.pending, sha: row.sha256, errors: [HeldDocuments.waited(row, pendingDays: config.pendingDays)])
        }
        return changed
    }

    // MARK: - Start-up repair

    /// Start-up repair before the first scan: `pending/` and the notice files after a crash, and
    /// the "document accepted" entries a crash kept from being sent after their documents were
    /// recorded and archived (those recorded but not moved yet are sent when the scan finishes
    /// the move).
    func recover() {
        recoverPendingDirectory()
        recoverNoticeFiles()
        announceRecorded()
    }

    /// Start-up repair of `pending/` after a crash (docs/reliability.md, F5 and F2): a file whose document was accepted
    /// but not yet moved is moved into the archive; a file with no pending row is adopted again
    /// (or kept as a duplicate of a copy that has one).
    func recoverPendingDirectory() {
        reloadHeld()
        // A row recorded before a crash kept its file from being moved: the file is still in the
        // inbox, where the scan takes it again (as a held copy it would be kept as a duplicate).
        for row in held.rows.values where !FileSystem.exists(config.pending + "/" + row.path) { forgetHeld(row.sha256) }
        let rowPaths = held.paths
        for name in (try? FileSystem.names(in: config.pending)) ?? [] where !InboxName.isIgnored(name) && !rowPaths.contains(name) {
            let path = config.pending + "/" + name
            guard let bytes = try? FileSystem.readRegularFile(path, limit: config.sizeLimit(forName: name).bytes) else { continue }
            let sha = SHA256.hex(bytes)
            if isAccepted(sha) {
                if FileSystem.exists(archiveDirectory + "/" + sha) {
                    keepDuplicate(path, sha: sha, name: name, received: clock())
                } else {
                    finishMove(path, sha: sha, name: name)
                }
            } else if held[sha] != nil {
                keepDuplicate(path, sha: sha, name: name, received: clock())
            } else if case .success(let decoded) = InboxDecoder.decode(bytes, name: name, limits: config.limits) {
                // Judged again by `processPending` right after: the reason is filled in then.
                adopt(name, sha: sha, document: decoded.document)
            } else {
                reject(
                    name,
                    from: config.pending,
                    sha: sha,
                    errors: [DocumentError(path: "", message: "pending 中的文件无法解码", messageEn: "a file in pending/ does not decode")]
                )
            }
        }
    }
}
