/// A consortium's key, chosen when its application is registered (`LZ-2026-003`).
public typealias ConsortiumID = String

/// A member unit's identifier: its 统一社会信用代码, or a foreign member's `foreignId`
/// (`DE:HRB 12345`). rules.md: "USCC" means this identifier.
public typealias MemberID = String

/// One decoded inbox document: the envelope and its typed body.
public struct Document: Sendable, Equatable {
    /// The consortium's key; `nil` only for an `Acknowledgement`.
    public var consortium: ConsortiumID?
    /// The day the document takes effect.
    public var date: CivilDate
    public var body: DocumentBody

    public init(consortium: ConsortiumID?, date: CivilDate, body: DocumentBody) {
        self.consortium = consortium
        self.date = date
        self.body = body
    }

    public var kind: DocumentKind { body.kind }
}

/// The kind-specific content of a document.
/// `indirect`: a document is copied by reference count, not field by field (evaluation copies many).
public indirect enum DocumentBody: Sendable, Equatable {
    case application(Application)
    /// An 附件2 filed on its own (docs/word-forms.md).
    case agreement(Agreement)
    case recommendation(Recommendation)
    case approval(Approval)
    case project(Project)
    case change(Change)
    case annualReport(AnnualReport)
    case incident(Incident)
    case dissolution(Dissolution)
    case revocation(Revocation)
    case withdrawal(Withdrawal)
    case acknowledgement(Acknowledgement)

    public var kind: DocumentKind {
        switch self {
        case .application: .application
        case .agreement: .agreement
        case .recommendation: .recommendation
        case .approval: .approval
        case .project: .project
        case .change: .change
        case .annualReport: .annualReport
        case .incident: .incident
        case .dissolution: .dissolution
        case .revocation: .revocation
        case .withdrawal: .withdrawal
        case .acknowledgement: .acknowledgement
        }
    }
}
