/// A notice: what the daemon writes to the journal and to `ID.json`, and what
/// `consortiumctl --json` prints (operations.md "The notice object").
public struct Notice: Sendable, Equatable, Codable {
    public var id: String
    public var consortium: ConsortiumID
    public var consortiumName: String
    public var rule: String
    public var clause: String
    public var subject: String
    public var stage: String
    public var severity: Severity
    public var due: CivilDate?
    /// The MESSAGE in Chinese and in English. An evaluation makes thousands of notices of which
    /// the ledger sends or writes few (most are open already), so a notice made from a finding
    /// renders its texts only when they are read.
    public var message: String {
        get {
            switch text {
            case .rendered(let zh, _): zh
            case .finding(let finding): NoticeText.chinese(finding, consortiumName: consortiumName)
            }
        }
        set { text = .rendered(zh: newValue, en: messageEn) }
    }
    public var messageEn: String {
        get {
            switch text {
            case .rendered(_, let en): en
            case .finding(let finding): NoticeText.english(finding, consortiumName: consortiumName)
            }
        }
        set { text = .rendered(zh: message, en: newValue) }
    }
    private var text: Text

    private enum Text: Sendable {
        case rendered(zh: String, en: String)
        case finding(Finding)

        func rendered(_ notice: Notice) -> (zh: String, en: String) {
            switch self {
            case .rendered(let zh, let en): (zh, en)
            case .finding(let finding): NoticeText.message(finding, consortiumName: notice.consortiumName)
            }
        }
    }
    public var acknowledged: AcknowledgementInfo?
    /// Set in notice files when the notice resolved.
    public var resolved: CivilDate?

    public struct AcknowledgementInfo: Sendable, Equatable, Codable {
        public var by: String
        public var note: String?
        public var until: CivilDate?
        public init(by: String, note: String?, until: CivilDate?) {
            self.by = by
            self.note = note
            self.until = until
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(by, forKey: .by)
            try c.encode(note, forKey: .note)
            try c.encode(until, forKey: .until)
        }
    }

    public init(
        id: String,
        consortium: ConsortiumID,
        consortiumName: String,
        rule: String,
        clause: String,
        subject: String,
        stage: String,
        severity: Severity,
        due: CivilDate?,
        message: String,
        messageEn: String,
        acknowledged: AcknowledgementInfo? = nil,
        resolved: CivilDate? = nil
    ) {
        self.id = id
        self.consortium = consortium
        self.consortiumName = consortiumName
        self.rule = rule
        self.clause = clause
        self.subject = subject
        self.stage = stage
        self.severity = severity
        self.due = due
        self.text = .rendered(zh: message, en: messageEn)
        self.acknowledged = acknowledged
        self.resolved = resolved
    }

    /// rules.md "Notice identity": lowercase hex of the first 16 bytes of SHA-256 over
    /// `consortium ␟ rule ␟ subject ␟ stage` (␟ = U+001F).
    /// A notice whose MESSAGE is rendered from `finding` when it is read.
    init(
        id: String,
        finding: Finding,
        consortiumName: String,
        stage: String,
        severity: Severity,
        acknowledged: AcknowledgementInfo?
    ) {
        self.id = id
        self.consortium = finding.consortium
        self.consortiumName = consortiumName
        self.rule = finding.rule.rawValue
        self.clause = finding.rule.clause
        self.subject = finding.subject
        self.stage = stage
        self.severity = severity
        self.due = finding.due
        self.text = .finding(finding)
        self.acknowledged = acknowledged
        self.resolved = nil
    }

    public static func == (a: Notice, b: Notice) -> Bool {
        a.id == b.id && a.consortium == b.consortium && a.consortiumName == b.consortiumName && a.rule == b.rule
            && a.clause == b.clause && a.subject == b.subject && a.stage == b.stage && a.severity == b.severity
            && a.due == b.due && a.acknowledged == b.acknowledged && a.resolved == b.resolved
            && a.text.rendered(a) == b.text.rendered(b)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            consortium: try c.decode(String.self, forKey: .consortium),
            consortiumName: try c.decode(String.self, forKey: .consortiumName),
            rule: try c.decode(String.self, forKey: .rule),
            clause: try c.decode(String.self, forKey: .clause),
            subject: try c.decode(String.self, forKey: .subject),
            stage: try c.decode(String.self, forKey: .stage),
            severity: try c.decode(Severity.self, forKey: .severity),
            due: try c.decodeIfPresent(CivilDate.self, forKey: .due),
            message: try c.decode(String.self, forKey: .message),
            messageEn: try c.decode(String.self, forKey: .messageEn),
            acknowledged: try c.decodeIfPresent(AcknowledgementInfo.self, forKey: .acknowledged),
            resolved: try c.decodeIfPresent(CivilDate.self, forKey: .resolved)
        )
    }

    public static func id(consortium: String, rule: String, subject: String, stage: String) -> String {
        key(consortium: consortium, rule: rule, subject: subject, stage: stage).id
    }

    /// The same id as its 16 bytes.
    static func key(consortium: String, rule: String, subject: String, stage: String) -> NoticeKey {
        let (high, low) = SHA256.prefix16(ofUTF8: [consortium, rule, subject, stage], separator: 0x1F)
        return NoticeKey(high: high, low: low)
    }

    private enum CodingKeys: String, CodingKey {
        case id, consortium, consortiumName, rule, clause, subject, stage, severity, due, message, messageEn, acknowledged, resolved
    }

    /// `due` and `resolved` are omitted when absent; `acknowledged` is always present (null until acked).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(consortium, forKey: .consortium)
        try c.encode(consortiumName, forKey: .consortiumName)
        try c.encode(rule, forKey: .rule)
        try c.encode(clause, forKey: .clause)
        try c.encode(subject, forKey: .subject)
        try c.encode(stage, forKey: .stage)
        try c.encode(severity, forKey: .severity)
        try c.encodeIfPresent(due, forKey: .due)
        try c.encode(message, forKey: .message)
        try c.encode(messageEn, forKey: .messageEn)
        try c.encode(acknowledged, forKey: .acknowledged)
        try c.encodeIfPresent(resolved, forKey: .resolved)
    }
}
