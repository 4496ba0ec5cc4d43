import Dispatch
import Foundation

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
        // Each consortium is replayed on its own, so the work is spread over the cores.
        let groups = Array(byConsortium.values)
        let replayed = parallelMap(groups) { records in
            Replayer.replay(records[0].document.consortium!, documents: records, through: day, policies: policies)
        }
        var states: [ConsortiumID: ConsortiumState] = [:]
        var pending: [RecordedDocument] = []
        for (replayer, records) in zip(replayed, groups) {
            if let state = replayer.state { states[state.id] = state }
            if !replayer.early.isEmpty {
                let early = Set(replayer.early.map(\.sha256))
                pending.append(contentsOf: records.filter { early.contains($0.sha256) })
            }
        }
        let context = RuleContext(states: states.values)
        let ordered = states.keys.sorted().map { states[$0]! }
        var findings = parallelMap(ordered) { Self.findings($0, on: day, policies: policies, context: context) }.flatMap { $0 }
        findings.sort { a, b in
            if a.consortium != b.consortium { return a.consortium < b.consortium }
            if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
            if a.subject != b.subject { return a.subject < b.subject }
            return a.stage.description < b.stage.description
        }
        let acks = latestAcknowledgements(acknowledgements)
        let policy = policies.policy(on: day)
        let names = states.mapValues(\.name)
        let made = parallelMap(findings) { makeNotice($0, name: names[$0.consortium] ?? "", policy: policy, acks: acks) }
        var seen: Set<String> = []
        let notices = made.filter { seen.insert($0.id).inserted }
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

    /// `items.map(transform)` spread over the processors in contiguous chunks (pure work only).
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let chunks = min(items.count, 16)  // concurrentPerform spreads them over the cores
        guard chunks > 1, items.count >= 256 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let size = (items.count + chunks - 1) / chunks
        nonisolated(unsafe) let output = results
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * size)..<min(items.count, (chunk + 1) * size)
            for index in range { output[index] = transform(items[index]) }
        }
        return results.map { $0! }
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
