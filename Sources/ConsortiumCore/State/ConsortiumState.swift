/// A consortium as derived from its documents on one day.
public struct ConsortiumState: Sendable {
    public var id: ConsortiumID
    public var status: ConsortiumStatus
    public var round: ConsortiumRound
    /// Event findings (MAJOR_CHANGE, PROJECT_LOCK, …): they survive a fresh start.
    public var events: [Finding] = []
    /// Every document of the consortium dated on or before the day, in application order, with
    /// whether it was applied.
    public var documents: [AppliedDocument] = []
    /// Dishonesty listings this consortium's incidents made (失信名单, 七(三)).
    public var listings: [DishonestyListing] = []
    /// The periods in which units led this consortium while it was live (for LEAD_UNIQUE).
    public var leadSegments: [LeadSegment] = []

    public var name: String { round.formation.application.name }
    /// Whether the current round reached `approved` at some point.
    public var approvedInRound: Bool { !round.approvals.isEmpty }
}

public struct AppliedDocument: Sendable {
    public var kind: DocumentKind
    public var date: CivilDate
    public var sha256: String
    public var name: String
    public var arrival: Int
    /// `nil` when applied; otherwise why it does not fit (Chinese, English).
    public var notApplied: (zh: String, en: String)?
}

/// A unit on the dishonesty list from `from` through `until` (or with no end).
public struct DishonestyListing: Sendable {
    public var member: MemberID
    public var from: CivilDate
    public var until: CivilDate?
    public func covers(_ day: CivilDate) -> Bool { from <= day && (until.map { day <= $0 } ?? true) }
}

/// A unit leading a live consortium from `from` through `through` (open-ended when nil).
public struct LeadSegment: Sendable {
    public var consortium: ConsortiumID
    public var lead: MemberID
    public var from: CivilDate
    public var through: CivilDate?
    /// Date of the Application in force (decisions 27).
    public var applicationDate: CivilDate
    public func covers(_ day: CivilDate) -> Bool { from <= day && (through.map { day <= $0 } ?? true) }
}
