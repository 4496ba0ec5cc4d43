/// One open condition of one rule for one consortium on the day evaluated: a rule finding, a
/// deadline at its stage, or an event. Notices are made from findings.
public struct Finding: Sendable, Equatable {
    public var consortium: ConsortiumID
    public var rule: RuleID
    /// Usually the rule's level; `AGREEMENT_CLAUSES` reports `warning` when only `integrity` is missing.
    public var level: RuleLevel
    /// Which instance of the rule (rules.md "Subjects"): a USCC, a year, a project id, a date…
    public var subject: String
    public var stage: Stage
    public var due: CivilDate?
    /// Field path in the document the finding is about, when there is one.
    public var path: String?
    /// What is wrong, in Chinese and English (without the consortium prefix).
    public var detail: String
    public var detailEn: String
    /// SHA-256 of the document that caused an event finding.
    public var source: String?
    /// Day the condition arose (events: the document's date).
    public var since: CivilDate?

    public init(consortium: ConsortiumID, rule: RuleID, level: RuleLevel? = nil, subject: String = "",
                stage: Stage = .finding, due: CivilDate? = nil, path: String? = nil,
                detail: String, detailEn: String, source: String? = nil, since: CivilDate? = nil) {
        self.consortium = consortium; self.rule = rule; self.level = level ?? rule.level
        self.subject = subject; self.stage = stage; self.due = due; self.path = path
        self.detail = detail; self.detailEn = detailEn; self.source = source; self.since = since
    }

    /// The same, with the origin given before the text (reads better where the text is long).
    public init(consortium: ConsortiumID, rule: RuleID, level: RuleLevel? = nil, subject: String = "",
                stage: Stage = .finding, due: CivilDate? = nil, path: String? = nil, source: String? = nil,
                since: CivilDate?, detail: String, detailEn: String) {
        self.init(consortium: consortium, rule: rule, level: level, subject: subject, stage: stage, due: due,
                  path: path, detail: detail, detailEn: detailEn, source: source, since: since)
    }

    /// Severity of a notice at this stage (rules.md).
    public func severity(policy: Policy) -> Severity {
        switch stage {
        case .revocationReview: return .crit
        case .overdue: return .err
        case .expired: return .warning
        case .resolved: return .info
        case .finding: return Severity(level: level)
        case .upcoming(let n):
            let reminders = rule == .approvalExpiry ? policy.expiryReminderDays : policy.reportReminderDays
            return n == reminders.max() ? .notice : .warning
        }
    }
}
