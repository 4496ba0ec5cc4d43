@testable import ConsortiumCore

/// The evaluation written the straightforward way (as it was before the evaluation was made
/// fast): group the documents by consortium, replay each, judge each state, sort all findings,
/// make a notice of each and keep the first of each id. The tests check that `Evaluator` gives
/// exactly this.
enum ReferenceEvaluator {
    static func evaluate(_ documents: [RecordedDocument], on day: CivilDate, policies: PolicySchedule = .seed) -> Evaluation {
        var byConsortium: [ConsortiumID: [RecordedDocument]] = [:]
        var acknowledgements: [RecordedDocument] = []
        for record in documents where record.document.date <= day {
            if case .acknowledgement = record.document.body {
                acknowledgements.append(record)
                continue
            }
            guard let id = record.document.consortium else { continue }
            byConsortium[id, default: []].append(record)
        }
        var states: [ConsortiumID: ConsortiumState] = [:]
        var pending: [RecordedDocument] = []
        for (id, records) in byConsortium {
            let replayer = Replayer.replay(id, documents: records, through: day, policies: policies)
            if let state = replayer.state { states[id] = state }
            let early = Set(replayer.early.map(\.sha256))
            pending += records.filter { early.contains($0.sha256) }
        }
        let context = RuleContext(states: states.values)
        var findings = states.values.flatMap { Evaluator.findings($0, on: day, policies: policies, context: context) }
        findings.sort { a, b in
            if a.consortium != b.consortium { return a.consortium < b.consortium }
            if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
            if a.subject != b.subject { return a.subject < b.subject }
            return a.stage.description < b.stage.description
        }
        // The acknowledgement in force: the last of each notice's in replay order.
        var acks: [String: Acknowledgement] = [:]
        for record in acknowledgements.sorted(by: RecordedDocument.applicationOrder) {
            if case .acknowledgement(let ack) = record.document.body { acks[ack.notice] = ack }
        }
        let policy = policies.policy(on: day)
        var seen: Set<String> = []
        let notices = findings.map {
            Evaluator.makeNotice(
                $0,
                name: states[$0.consortium]?.name ?? "",
                policy: policy,
                acknowledgement: { key in
                    acks[key.id].map { Notice.AcknowledgementInfo(by: $0.by, note: $0.note, until: $0.until) }
                }
            )
        }
        .filter { seen.insert($0.id).inserted }
        return Evaluation(
            day: day,
            states: states,
            findings: findings,
            notices: notices,
            pending: pending.sorted(by: RecordedDocument.applicationOrder)
        )
    }
}
