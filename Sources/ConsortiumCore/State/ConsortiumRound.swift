/// One round of a consortium's life: from an Application that starts it afresh to the next such
/// Application (decisions 17: a fresh start drops the earlier round's documents).
public struct ConsortiumRound: Sendable {
    public var formation: FormationSnapshot
    public var recommendations: [RecommendationRecord] = []
    public var approvals: [ApprovalRecord] = []
    /// Reports by year, in application order.
    public var reports: [Int: [Dated<AnnualReport>]] = [:]
    /// Project versions by project id, in application order; the last one is in force.
    public var projects: [String: [ProjectVersion]] = [:]
    /// Periods in which an approval was in force (inclusive), ended early by renewal,
    /// revocation or dissolution.
    public var inForce: [ClosedRange<CivilDate>] = []
    public var executive: String?
    /// An 附件2 filed on its own (`Agreement` document): it completes this round's Application,
    /// also a corrected one that again comes without its 附件2.
    public var filedAgreement: Agreement?
    public var principal: String?

    public init(formation: FormationSnapshot) { self.formation = formation }

    /// The approval of the current period.
    public var currentApproval: ApprovalRecord? { approvals.last }

    public func isInForce(on day: CivilDate) -> Bool { inForce.contains { $0.contains(day) } }

    /// The waivers of every approval of the round (decisions 33).
    public var waivers: Set<RuleID> { Set(approvals.flatMap { $0.approval.waivers.map(\.rule) }) }

    /// Project versions in force: the latest version of each project.
    public var projectsInForce: [ProjectVersion] {
        projects.keys.sorted().compactMap { projects[$0]?.last }
    }

    /// Projects under the consortium's name active on `day`.
    public func activeConsortiumProjects(on day: CivilDate) -> [ProjectVersion] {
        projectsInForce.filter { $0.project.underConsortium && $0.project.isActive(on: day) }
    }
}

/// A value with the date of the document that carried it.
public struct Dated<Value: Sendable>: Sendable {
    public var date: CivilDate
    public var value: Value
    public var sha256: String
    public init(date: CivilDate, value: Value, sha256: String) { self.date = date; self.value = value; self.sha256 = sha256 }
}

public struct RecommendationRecord: Sendable {
    public var date: CivilDate
    public var recommendation: Recommendation
    /// The lead units on the recommendation's date (decisions 29).
    public var leadsOnDate: [MemberID]
}

public struct ApprovalRecord: Sendable {
    public var date: CivilDate
    public var approval: Approval
    /// The last day the approval is in force (民法典 201–202).
    public var lastDay: CivilDate
    /// The formation as it stood on the approval's date (for APPROVED_WITH_UNMET).
    public var formation: FormationSnapshot
    public var number: String { approval.number ?? "" }
}

public struct ProjectVersion: Sendable {
    public var date: CivilDate
    public var project: Project
    public var sha256: String
    /// The consortium's lead units on the version's date (decisions 34).
    public var leadsOnDate: [MemberID]
}
