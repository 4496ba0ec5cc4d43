import ConsortiumCore

/// Documents arriving one after the other, as the daemon takes them: each is classified
/// against the accepted ones (`Intake.classify`); one that fails a check depending on other
/// documents (no Application yet, the status, membership, a Withdrawal's target) is held and
/// judged again whenever a document of its consortium is accepted, and applied once it passes
/// (documents.md, revised 2026-12; decisions 25, 42). Callers give the documents in daemon
/// order (`daemonOrder`), so that the order of the files never changes the result.
struct Arrivals {
    private(set) var accepted: [RecordedDocument]
    /// Held documents, with what each waits for (the reason of its last judgement).
    private(set) var pending: [(record: RecordedDocument, reason: DocumentError)] = []
    let today: CivilDate?
    let policies: PolicySchedule
    private var nextArrival: Int
    /// The accepted documents of each consortium, and every accepted document by SHA-256.
    private var byConsortium: [ConsortiumID: [RecordedDocument]] = [:]
    private var bySHA: [String: RecordedDocument] = [:]

    /// Accepted documents known only by what a Withdrawal needs of them (`withdrawalTargets`).
    private let recorded: [String: Intake.Target]

    init(state: [RecordedDocument], today: CivilDate?, policies: PolicySchedule, recorded: [String: Intake.Target] = [:]) {
        self.accepted = []
        self.recorded = recorded
        self.today = today
        self.policies = policies
        self.nextArrival = (state.map(\.arrival).max() ?? 0) + 1
        for record in state { add(record) }
    }

    /// What became of a held document once it was looked at again.
    struct Release {
        var record: RecordedDocument
        var outcome: Intake.Outcome
    }

    /// The positions of `documents` in daemon order: date, kind, then their position (ties of
    /// date and kind keep the order given). Files that did not decode (nil) come first.
    static func daemonOrder(_ documents: [Document?]) -> [Int] {
        documents.indices.sorted { a, b in
            switch (documents[a], documents[b]) {
            case (nil, nil): return a < b
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                if x.date != y.date { return x.date < y.date }
                if x.kind != y.kind { return x.kind < y.kind }
                return a < b
            }
        }
    }

    /// The record of a newly arrived document (arrival numbers after the state's).
    mutating func record(_ document: Document, sha256: String, name: String) -> RecordedDocument {
        defer { nextArrival += 1 }
        return RecordedDocument(document: document, sha256: sha256, arrival: nextArrival, name: name)
    }

    /// Classifies `record`; when accepted, it joins the accepted documents and the documents held
    /// for its consortium are judged again (those that are no longer pending are returned).
    mutating func arrive(_ record: RecordedDocument) -> (outcome: Intake.Outcome, released: [Release]) {
        if let held = pending.first(where: { $0.record.sha256 == record.sha256 }) {
            // The same bytes as a held document: held with it, never applied twice.
            return (.pending(held.reason), [])
        }
        let outcome = classify(record)
        switch outcome {
        case .accepted:
            add(record)
            return (outcome, record.document.consortium.map { releasePending(of: $0) } ?? [])
        case .pending(let reason):
            pending.append((record, reason))
            return (outcome, [])
        case .duplicate, .rejected:
            return (outcome, [])
        }
    }

    private func classify(_ record: RecordedDocument) -> Intake.Outcome {
        if bySHA[record.sha256] != nil { return .duplicate }
        let siblings = record.document.consortium.flatMap { byConsortium[$0] } ?? []
        return Intake.classify(
            record,
            siblings: siblings,
            today: today,
            policies: policies,
            target: { sha in bySHA[sha].map(Intake.Target.init) ?? recorded[sha] }
        )
    }

    private mutating func add(_ record: RecordedDocument) {
        accepted.append(record)
        bySHA[record.sha256] = record
        if let id = record.document.consortium { byConsortium[id, default: []].append(record) }
    }

    /// Judges the documents held for `consortium` again, in application order, until none
    /// changes: each one accepted may let another pass.
    private mutating func releasePending(of consortium: ConsortiumID) -> [Release] {
        var released: [Release] = []
        var changed = true
        while changed {
            changed = false
            let held = pending.indices.filter { pending[$0].record.document.consortium == consortium }
                .sorted { RecordedDocument.applicationOrder(pending[$0].record, pending[$1].record) }
            for index in held {
                let record = pending[index].record
                let outcome = classify(record)
                if case .pending(let reason) = outcome {
                    pending[index].reason = reason
                    continue
                }
                pending.remove(at: index)
                if case .accepted = outcome { add(record) }
                released.append(Release(record: record, outcome: outcome))
                changed = true
                break
            }
        }
        return released
    }

    /// The name of `consortium` as its documents give it on `day` (for notice sentences).
    func consortiumName(_ consortium: ConsortiumID, on day: CivilDate) -> String {
        let own = byConsortium[consortium] ?? []
        return Evaluator.evaluate(own, on: day, policies: policies).states[consortium]?.name ?? ""
    }
}
