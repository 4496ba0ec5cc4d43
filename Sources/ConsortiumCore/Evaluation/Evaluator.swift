/// The one evaluation: (documents, day, policy) -> findings and open notices. The daemon's
/// timer, `consortiumctl evaluate --at` and the tests all call this.
public enum Evaluator {
    public static func evaluate(_ documents: [RecordedDocument], on day: CivilDate,
                                policies: PolicySchedule = .seed) -> Evaluation {
        var byConsortium: [ConsortiumID: [RecordedDocument]] = [:]
        var acknowledgements: [RecordedDocument] = []
        for record in documents where record.document.date <= day {
            if case .acknowledgement = record.document.body { acknowledgements.append(record); continue }
            guard let id = record.document.consortium else { continue }
            byConsortium[id, default: []].append(record)
        }
        var states: [ConsortiumID: ConsortiumState] = [:]
        var pending: [RecordedDocument] = []
        for (id, records) in byConsortium {
            let replayer = Replayer.replay(id, documents: records, through: day, policies: policies)
            if let state = replayer.state { states[id] = state }
            let early = Set(replayer.early.map(\.sha256))
            pending.append(contentsOf: records.filter { early.contains($0.sha256) })
        }
        let context = RuleContext(states: states.values)
        var findings: [Finding] = []
        for id in states.keys.sorted() {
            findings.append(contentsOf: Self.findings(states[id]!, on: day, policies: policies, context: context))
        }
        findings.sort { ($0.consortium, $0.rule.rawValue, $0.subject, $0.stage.description) < ($1.consortium, $1.rule.rawValue, $1.subject, $1.stage.description) }
        let acks = latestAcknowledgements(acknowledgements)
        let policy = policies.policy(on: day)
        var seen: Set<String> = []
        var notices: [Notice] = []
        for finding in findings {
            let notice = makeNotice(finding, name: states[finding.consortium]?.name ?? "", policy: policy, acks: acks)
            if seen.insert(notice.id).inserted { notices.append(notice) }
        }
        return Evaluation(day: day, states: states, findings: findings, notices: notices,
                          pending: pending.sorted(by: RecordedDocument.applicationOrder))
    }

    /// The findings open for one consortium on `day` (rules.md: which notices appear in which status).
    static func findings(_ state: ConsortiumState, on day: CivilDate, policies: PolicySchedule, context: RuleContext) -> [Finding] {
        let policy = policies.policy(on: day)
        let waived = state.round.waivers
        let input = FormationRules.Input(consortium: state.id, formation: state.round.formation, day: day, policy: policy,
                                         applicationPolicy: policies.policy(on: state.round.formation.applicationDate),
                                         context: context)
        var out: [Finding] = []
        if state.status.isLive {
            out += FormationRules.findings(input, waived: waived)
            out += DecisionRules.findings(state, policies: policies, context: context)
        } else if state.approvedInRound, !waived.contains(.dishonestMember) {
            // decisions 38: after the end, the dishonesty listing of its members as they stood.
            out += FormationRules.dishonestMember(input)
        }
        out += SupervisionRules.findings(state, on: day, policy: policy)
        out += state.events
        return out
    }

    static func latestAcknowledgements(_ records: [RecordedDocument]) -> [String: Acknowledgement] {
        var acks: [String: Acknowledgement] = [:]
        for record in records.sorted(by: RecordedDocument.applicationOrder) {
            if case .acknowledgement(let ack) = record.document.body { acks[ack.notice] = ack }
        }
        return acks
    }

    static func makeNotice(_ finding: Finding, name: String, policy: Policy, acks: [String: Acknowledgement]) -> Notice {
        let stage = finding.stage.description
        let id = Notice.id(consortium: finding.consortium, rule: finding.rule.rawValue, subject: finding.subject, stage: stage)
        let text = NoticeText.message(finding, consortiumName: name)
        let ack = acks[id].map { Notice.AcknowledgementInfo(by: $0.by, note: $0.note, until: $0.until) }
        return Notice(id: id, consortium: finding.consortium, consortiumName: name, rule: finding.rule.rawValue,
                      clause: finding.rule.clause, subject: finding.subject, stage: stage,
                      severity: finding.severity(policy: policy), due: finding.due, message: text.zh,
                      messageEn: text.en, acknowledged: ack)
    }
}
