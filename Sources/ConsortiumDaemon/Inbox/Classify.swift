import ConsortiumCore
import ConsortiumStore
import Foundation

/// What becomes of a claimed file: the inbox's decision, made by reading the model, the
/// uncommitted batch, the held documents, the database and (for a document that cannot simply be
/// appended) the archive. It changes nothing: the walk performs it (Daemon+Walk.swift).
enum Disposition {
    /// A copy of a document of the uncommitted batch: commit the batch first and judge again, so
    /// the copy is a duplicate of a recorded, archived document (not a "recorded but unmoved" one).
    case commitFirst
    /// Recorded before a crash, not yet moved: finish the move into the archive.
    case finishMove
    /// The same bytes as an accepted (or held) document: kept as a duplicate.
    case duplicate
    /// Rejected with these reasons; `releasesHeld`: a held document rejected when judged again
    /// (its pending row goes once the file has left pending/).
    case reject([DocumentError], releasesHeld: Bool)
    /// Held in pending/ (from the inbox) with what it waits for.
    case hold(Document, reason: DocumentError)
    /// Held already and waiting for something else now: its row and one entry say so.
    case stillHeld(Store.PendingRow, Document, reason: DocumentError)
    /// Held already, waiting for the same thing: nothing to do.
    case unchanged
    /// Its consortium's documents could not be read back to judge it: left where it is.
    case unreadableArchive(ConsortiumID, Error)
    /// Accepted: `candidate` joins the batch, applied in place or by replaying `siblings` with it.
    case accept(RecordedDocument, siblings: [RecordedDocument]?, encoding: DocumentEncoding)
}

extension Daemon {
    /// Decides what becomes of `claimed` (Intake.classify against the consortium's resident state,
    /// after the checks for copies of recorded, held or uncommitted documents).
    func classify(_ claimed: Claimed) -> Disposition {
        let (sha, name, directory) = (claimed.sha, claimed.name, claimed.directory)
        if batch.contains(sha: sha) { return .commitFirst }
        if isAccepted(sha) {
            return FileSystem.exists(archiveDirectory + "/" + sha) ? .duplicate : .finishMove
        }
        // Another copy of a document already waiting in pending/: keep it as a duplicate.
        if directory == config.inbox, held[sha] != nil { return .duplicate }
        let decoded: DecodedDocument
        switch claimed.decoded {
        case .failure(let rejection): return .reject(rejection.errors, releasesHeld: false)
        case .success(let d): decoded = d
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
                return .unreadableArchive(id, error)
            }
        }
        let outcome = Intake.classify(
            candidate,
            resident: resident,
            today: today(),
            policies: config.policy,
            target: withdrawalTarget,
            siblings: { siblings ?? [] }
        )
        log.debug(
            "文件 \(name)（\(decoded.document.kind.rawValue)，\(decoded.document.date)）的判断 / outcome: \(outcome)",
            metadata: [
                "DOCUMENT_NAME": "\(name)", "DOCUMENT_SHA256": "\(sha)", "CONSORTIUM_ID": "\(id ?? "")",
                "FROM": "\(directory == config.pending ? "pending" : "inbox")",
                "REPLAYED": "\(siblings != nil ? "1" : "0")",
            ]
        )
        switch outcome {
        case .duplicate:
            return .duplicate
        case .rejected(let errors):
            return .reject(errors, releasesHeld: directory == config.pending)
        case .pending(let reason):
            if directory == config.inbox { return .hold(decoded.document, reason: reason) }
            if let row = held[sha], row.reason != reason.message { return .stillHeld(row, decoded.document, reason: reason) }
            return .unchanged
        case .accepted:
            return .accept(candidate, siblings: siblings, encoding: decoded.encoding)
        }
    }

    /// What the store (or the uncommitted batch) knows of an accepted document a Withdrawal names.
    private func withdrawalTarget(_ sha: String) -> Intake.Target? {
        if let entry = batch.entry(sha: sha) { return Intake.Target(entry.record) }
        guard let row = (try? store.document(sha256: sha)) ?? nil, let kind = DocumentKind(rawValue: row.kind),
            let date = CivilDate(row.date)
        else { return nil }
        return Intake.Target(kind: kind, consortium: row.consortium, date: date)
    }

    /// Whether a document with this SHA-256 was recorded (the model's filter, then the database;
    /// a copy within the uncommitted batch has been committed by then: see `classify`).
    func isAccepted(_ sha: String) -> Bool {
        model.mayHaveAccepted(sha) && ((try? store.document(sha256: sha)) ?? nil) != nil
    }

    /// The consortium a document concerns: its own, or for an Acknowledgement (which names
    /// none) the consortium of the acknowledged notice when the ledger knows it.
    func consortium(of document: Document?) -> ConsortiumID? {
        guard let document else { return nil }
        if let consortium = document.consortium { return consortium }
        if case .acknowledgement(let ack) = document.body { return ledger.consortium(ofNotice: ack.notice) }
        return nil
    }
}
