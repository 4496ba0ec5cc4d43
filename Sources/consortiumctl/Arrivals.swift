import ConsortiumCore

/// Documents arriving one after the other, as the daemon takes them: each is classified
/// against the accepted ones (`Intake.classify`); one whose consortium has no Application yet
/// is held and applied once that Application is accepted (decisions 25, 26).
struct Arrivals {
    private(set) var accepted: [RecordedDocument]
    /// Held documents, in arrival order.
    private(set) var pending: [RecordedDocument] = []
    let today: CivilDate?
    let policies: PolicySchedule
    private var nextArrival: Int

    init(state: [RecordedDocument], today: CivilDate?, policies: PolicySchedule) {
        self.accepted = state
        self.today = today
        self.policies = policies
        self.nextArrival = (state.map(\.arrival).max() ?? 0) + 1
    }

    /// What became of a held document once it was looked at again.
    struct Release {
        var record: RecordedDocument
        var outcome: Intake.Outcome
    }

    /// The record of a newly arrived document (arrival numbers after the state's).
    mutating func record(_ document: Document, sha256: String, name: String) -> RecordedDocument {
        defer { nextArrival += 1 }
        return RecordedDocument(document: document, sha256: sha256, arrival: nextArrival, name: name)
    }

    /// Classifies `record`; when accepted, it joins the accepted documents and the held ones are
    /// looked at again (those that are no longer pending are returned).
    mutating func arrive(_ record: RecordedDocument) -> (outcome: Intake.Outcome, released: [Release]) {
        if let held = pending.first(where: { $0.sha256 == record.sha256 }) {
            // The same bytes as a held document: held with it, never applied twice.
            if case .pending(let reason) = Intake.classify(held, accepted: accepted, today: today, policies: policies) {
                return (.pending(reason), [])
            }
        }
        let outcome = Intake.classify(record, accepted: accepted, today: today, policies: policies)
        switch outcome {
        case .accepted:
            accepted.append(record)
            return (outcome, releasePending())
        case .pending:
            pending.append(record)
            return (outcome, [])
        case .duplicate, .rejected:
            return (outcome, [])
        }
    }

    /// Applies held documents whose Application is now accepted, until nothing changes.
    private mutating func releasePending() -> [Release] {
        var released: [Release] = []
        var changed = true
        while changed {
            changed = false
            for record in pending {
                let outcome = Intake.classify(record, accepted: accepted, today: today, policies: policies)
                if case .pending = outcome { continue }
                pending.removeAll { $0.sha256 == record.sha256 && $0.arrival == record.arrival }
                if case .accepted = outcome { accepted.append(record) }
                released.append(Release(record: record, outcome: outcome))
                changed = true
                break
            }
        }
        return released
    }

    /// The name of `consortium` as its documents give it on `day` (for notice sentences).
    func consortiumName(_ consortium: ConsortiumID, on day: CivilDate) -> String {
        let own = accepted.filter { $0.document.consortium == consortium }
        return Evaluator.evaluate(own, on: day, policies: policies).states[consortium]?.name ?? ""
    }
}
