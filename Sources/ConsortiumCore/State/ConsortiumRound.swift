/// One round of a consortium's life: from an Application that starts it afresh to the next such
/// Application (decisions 17: a fresh start drops the earlier round's documents).
public struct ConsortiumRound: Sendable {
    public var formation: FormationSnapshot
    public var recommendations: [RecommendationRecord] = []
    public var approvals: [ApprovalRecord] = []
    /// The latest report of each year (application order), sorted by year. An earlier report of a
    /// year is replaced: no rule reads it (docs/performance.md: one array, not a dictionary of arrays).
    public internal(set) var reports: [Dated<AnnualReport>] = []
    /// The version in force of each project (the latest in application order), sorted by project
    /// id; an earlier version is replaced (`DocumentTransition` compares the new one with it first).
    public internal(set) var projectsInForce: [ProjectVersion] = []
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

    /// The report of `year` in force (the latest received), if any.
    public func report(for year: Int) -> Dated<AnnualReport>? {
        Self.find(year, in: reports, by: \.value.year).found.map { reports[$0] }
    }

    /// The version in force of `project`, if any.
    public func project(_ project: String) -> ProjectVersion? {
        Self.find(project, in: projectsInForce, by: \.project.project).found.map { projectsInForce[$0] }
    }

    /// Records `report` as its year's report in force.
    mutating func record(_ report: Dated<AnnualReport>) {
        Self.put(report, key: report.value.year, in: &reports, by: \.value.year)
    }

    /// Records `version` as its project's version in force.
    mutating func record(_ version: ProjectVersion) {
        Self.put(version, key: version.project.project, in: &projectsInForce, by: \.project.project)
    }

    /// Where `key` is in `list` (sorted by `key`), or where it would go.
    private static func find<Element, Key: Comparable>(
        _ key: Key,
        in list: [Element],
        by keyPath: KeyPath<Element, Key>
    ) -> (found: Int?, insertAt: Int) {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            let k = list[mid][keyPath: keyPath]
            if k == key { return (mid, mid) }
            if k < key { low = mid + 1 } else { high = mid }
        }
        return (nil, low)
    }

    /// `element` in place of the element of the same key, or inserted in key order; the array
    /// grown by one at a time (a consortium keeps it for years: no doubled capacity).
    private static func put<Element, Key: Comparable>(_ element: Element, key: Key, in list: inout [Element], by keyPath: KeyPath<Element, Key>) {
        let place = find(key, in: list, by: keyPath)
        if let found = place.found {
            list[found] = element
        } else {
            if list.count == list.capacity { list.reserveCapacity(list.count + 1) }
            list.insert(element, at: place.insertAt)
        }
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
    public init(date: CivilDate, value: Value, sha256: String) {
        self.date = date
        self.value = value
        self.sha256 = sha256
    }
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
