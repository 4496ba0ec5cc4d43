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
    public var message: String
    public var messageEn: String
    public var acknowledged: AcknowledgementInfo?
    /// Set in notice files when the notice resolved.
    public var resolved: CivilDate?

    public struct AcknowledgementInfo: Sendable, Equatable, Codable {
        public var by: String
        public var note: String?
        public var until: CivilDate?
        public init(by: String, note: String?, until: CivilDate?) { self.by = by; self.note = note; self.until = until }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(by, forKey: .by)
            try c.encode(note, forKey: .note)
            try c.encode(until, forKey: .until)
        }
    }

    public init(id: String, consortium: ConsortiumID, consortiumName: String, rule: String, clause: String,
                subject: String, stage: String, severity: Severity, due: CivilDate?, message: String,
                messageEn: String, acknowledged: AcknowledgementInfo? = nil, resolved: CivilDate? = nil) {
        self.id = id; self.consortium = consortium; self.consortiumName = consortiumName; self.rule = rule
        self.clause = clause; self.subject = subject; self.stage = stage; self.severity = severity
        self.due = due; self.message = message; self.messageEn = messageEn
        self.acknowledged = acknowledged; self.resolved = resolved
    }

    /// rules.md "Notice identity": lowercase hex of the first 16 bytes of SHA-256 over
    /// `consortium ␟ rule ␟ subject ␟ stage` (␟ = U+001F).
    public static func id(consortium: String, rule: String, subject: String, stage: String) -> String {
        let text = [consortium, rule, subject, stage].joined(separator: "\u{1F}")
        return SHA256.hex16(ofUTF8: text)
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
