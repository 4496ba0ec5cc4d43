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
    public var detail: String {
        get { text.zh }
        set { text = .plain(zh: newValue, en: text.en) }
    }
    public var detailEn: String {
        get { text.en }
        set { text = .plain(zh: text.zh, en: newValue) }
    }
    /// `detail` and `detailEn` as they are kept (an event's: its parameters).
    var text: Text
    /// SHA-256 of the document that caused an event finding.
    public var source: String?
    /// Day the condition arose (events: the document's date).
    public var since: CivilDate?

    public init(
        consortium: ConsortiumID,
        rule: RuleID,
        level: RuleLevel? = nil,
        subject: String = "",
        stage: Stage = .finding,
        due: CivilDate? = nil,
        path: String? = nil,
        detail: String,
        detailEn: String,
        source: String? = nil,
        since: CivilDate? = nil
    ) {
        self.consortium = consortium
        self.rule = rule
        self.level = level ?? rule.level
        self.subject = subject
        self.stage = stage
        self.due = due
        self.path = path
        self.text = .plain(zh: detail, en: detailEn)
        self.source = source
        self.since = since
    }

    /// An event's finding, its texts kept as their parameters.
    init(
        consortium: ConsortiumID,
        rule: RuleID,
        subject: String,
        stage: Stage = .finding,
        due: CivilDate? = nil,
        source: String? = nil,
        since: CivilDate?,
        text: Text
    ) {
        self.consortium = consortium
        self.rule = rule
        self.level = rule.level
        self.subject = subject
        self.stage = stage
        self.due = due
        self.path = nil
        self.text = text
        self.source = source
        self.since = since
    }

    /// Every field given (a finding read back from a packed state: `StateReader`).
    init(
        consortium: ConsortiumID,
        rule: RuleID,
        level: RuleLevel,
        subject: String,
        stage: Stage,
        due: CivilDate?,
        path: String?,
        text: Text,
        source: String?,
        since: CivilDate?
    ) {
        self.consortium = consortium
        self.rule = rule
        self.level = level
        self.subject = subject
        self.stage = stage
        self.due = due
        self.path = path
        self.text = text
        self.source = source
        self.since = since
    }

    /// Equal when every field and both rendered texts are (however the texts are kept).
    public static func == (a: Finding, b: Finding) -> Bool {
        a.consortium == b.consortium && a.rule == b.rule && a.level == b.level && a.subject == b.subject
            && a.stage == b.stage && a.due == b.due && a.path == b.path && a.source == b.source && a.since == b.since
            && a.detail == b.detail && a.detailEn == b.detailEn
    }

    /// The same, with the origin given before the text (reads better where the text is long).
    public init(
        consortium: ConsortiumID,
        rule: RuleID,
        level: RuleLevel? = nil,
        subject: String = "",
        stage: Stage = .finding,
        due: CivilDate? = nil,
        path: String? = nil,
        source: String? = nil,
        since: CivilDate?,
        detail: String,
        detailEn: String
    ) {
        self.init(
            consortium: consortium,
            rule: rule,
            level: level,
            subject: subject,
            stage: stage,
            due: due,
            path: path,
            detail: detail,
            detailEn: detailEn,
            source: source,
            since: since
        )
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
