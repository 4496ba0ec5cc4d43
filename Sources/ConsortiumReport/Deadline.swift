import ConsortiumCore

/// A deadline of an approved consortium: this year's annual report or the approval's last day.
/// `{"rule", "subject", "due"}` in `consortiumctl list --json`.
public struct Deadline: Encodable, Equatable, Sendable {
    public var rule: RuleID
    public var subject: String
    public var due: CivilDate

    public init(rule: RuleID, subject: String, due: CivilDate) {
        self.rule = rule
        self.subject = subject
        self.due = due
    }

    enum CodingKeys: String, CodingKey { case rule, subject, due }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule.rawValue, forKey: .rule)
        try c.encode(subject, forKey: .subject)
        try c.encode(due, forKey: .due)
    }

    /// The deadlines of `state` due on or after `today`: this year's annual report when it is due
    /// (the approval is in force on 31 December) and not yet received, and the approval's last
    /// day. Only approved consortia have them. Earliest first.
    public static func upcoming(_ state: ConsortiumState, today: CivilDate) -> [Deadline] {
        guard state.status == .approved, let approval = state.round.currentApproval else { return [] }
        var candidates: [Deadline] = []
        let yearEnd = CivilDate.endOfYear(today.year)
        if state.round.isInForce(on: yearEnd), state.round.report(for: today.year) == nil {
            candidates.append(Deadline(rule: .annualReport, subject: String(today.year), due: yearEnd))
        }
        if approval.lastDay >= today {
            candidates.append(Deadline(rule: .approvalExpiry, subject: approval.number, due: approval.lastDay))
        }
        return candidates.filter { $0.due >= today }.sorted { ($0.due, $0.rule.rawValue) < ($1.due, $1.rule.rawValue) }
    }

    /// The earliest of `upcoming` (`consortiumctl list`'s next deadline).
    public static func next(_ state: ConsortiumState, today: CivilDate) -> Deadline? { upcoming(state, today: today).first }

    /// 年度总结 2026 / 批复有效期届满 柳科批〔2024〕12号
    public var chineseName: String {
        switch rule {
        case .annualReport: "\(subject) 年度总结和工作计划"
        case .approvalExpiry: "批复有效期届满 \(subject)"
        default: "\(rule.rawValue) \(subject)"
        }
    }
}
