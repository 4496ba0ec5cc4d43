import ConsortiumCore
import ConsortiumReport
import Foundation

// The `--json` shapes of operations.md, with explicit `encode(to:)` so that keys come out in
// the documented order and absent values as `null`.

/// `{"path", "line", "message", "messageEn"}`
struct ErrorJSON: Encodable {
    var error: DocumentError

    enum CodingKeys: String, CodingKey { case path, line, message, messageEn }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(error.path, forKey: .path)
        try c.encode(error.line, forKey: .line)
        try c.encode(error.message, forKey: .message)
        try c.encode(error.messageEn, forKey: .messageEn)
    }
}

/// `{"rule", "level", "clause", "subject", "path", "message", "messageEn"}`; the message is the
/// full sentence of the notice (NoticeText.message).
struct FindingJSON: Encodable {
    var finding: Finding
    var consortiumName: String

    enum CodingKeys: String, CodingKey { case rule, level, clause, subject, path, message, messageEn }

    var text: (zh: String, en: String) { NoticeText.message(finding, consortiumName: consortiumName) }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let text = self.text
        try c.encode(finding.rule.rawValue, forKey: .rule)
        try c.encode(finding.level.rawValue, forKey: .level)
        try c.encode(finding.rule.clause, forKey: .clause)
        try c.encode(finding.subject, forKey: .subject)
        try c.encode(finding.path, forKey: .path)
        try c.encode(text.zh, forKey: .message)
        try c.encode(text.en, forKey: .messageEn)
    }
}

/// One entry of `check --json`.
struct CheckEntry: Encodable {
    enum Outcome: String { case accepted, pending, rejected }

    var file: String
    var outcome: Outcome
    var kind: DocumentKind?
    var consortium: ConsortiumID?
    var errors: [DocumentError] = []
    var findings: [FindingJSON] = []

    enum CodingKeys: String, CodingKey { case file, outcome, accepted, kind, consortium, errors, findings }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(outcome.rawValue, forKey: .outcome)
        try c.encode(outcome == .accepted, forKey: .accepted)
        try c.encode(kind?.rawValue, forKey: .kind)
        try c.encode(consortium, forKey: .consortium)
        try c.encode(errors.map(ErrorJSON.init), forKey: .errors)
        try c.encode(findings, forKey: .findings)
    }
}

/// One entry of `list --json`.
struct ListEntry: Encodable {
    var consortium: ConsortiumID
    var name: String
    var status: ConsortiumStatus
    var leads: [MemberID]
    var approvalNumber: String?
    var nextDeadline: Deadline?
    enum CodingKeys: String, CodingKey { case consortium, name, status, leads, approvalNumber, nextDeadline }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(consortium, forKey: .consortium)
        try c.encode(name, forKey: .name)
        try c.encode(status.rawValue, forKey: .status)
        try c.encode(leads, forKey: .leads)
        try c.encode(approvalNumber, forKey: .approvalNumber)
        try c.encode(nextDeadline, forKey: .nextDeadline)
    }
}

/// Member: `{name, uscc | (country, foreignId), type, layer, liuzhou, role}`.
struct MemberJSON: Encodable {
    var member: Member
    enum CodingKeys: String, CodingKey { case name, uscc, country, foreignId, type, layer, liuzhou, role }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(member.name, forKey: .name)
        if let country = member.country {
            try c.encode(country, forKey: .country)
            try c.encode(member.id, forKey: .foreignId)
        } else {
            try c.encode(member.id, forKey: .uscc)
        }
        try c.encode(member.type.rawValue, forKey: .type)
        try c.encode(member.layer.rawValue, forKey: .layer)
        try c.encode(member.liuzhou, forKey: .liuzhou)
        try c.encode(member.role, forKey: .role)
    }
}

/// `{"kind", "date", "sha256", "name"}`
struct DocumentJSON: Encodable {
    var document: AppliedDocument
    enum CodingKeys: String, CodingKey { case kind, date, sha256, name }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document.kind.rawValue, forKey: .kind)
        try c.encode(document.date, forKey: .date)
        try c.encode(document.sha256, forKey: .sha256)
        try c.encode(document.name, forKey: .name)
    }
}

/// `show --json`.
struct ShowJSON: Encodable {
    var consortium: ConsortiumID
    var name: String
    var status: ConsortiumStatus
    var members: [Member]
    var documents: [AppliedDocument]
    var findings: [FindingJSON]
    var notices: [Notice]
    enum CodingKeys: String, CodingKey { case consortium, name, status, members, documents, findings, notices }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(consortium, forKey: .consortium)
        try c.encode(name, forKey: .name)
        try c.encode(status.rawValue, forKey: .status)
        try c.encode(members.map(MemberJSON.init), forKey: .members)
        try c.encode(documents.map(DocumentJSON.init), forKey: .documents)
        try c.encode(findings, forKey: .findings)
        try c.encode(notices, forKey: .notices)
    }
}
