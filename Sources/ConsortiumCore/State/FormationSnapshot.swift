/// What the formation rules judge: the Application in force and the membership of one day.
public struct FormationSnapshot: Sendable, Equatable {
    public var application: Application
    public var applicationDate: CivilDate
    public var members: [Member] {
        didSet { leadIDs = Self.leadIDs(members) }
    }
    /// The lead units' identifiers, kept with the members: the records that note who led on
    /// their date (recommendations, project versions) share one array instead of each making one.
    public private(set) var leadIDs: [MemberID]
    /// Lead qualification data by unit, from the Application's `leads` and lead changes
    /// (entries for non-lead units are kept: decisions 9).
    public var leadQualifications: [MemberID: LeadQualification]
    /// Platforms given in lead changes (decisions 31).
    public var extraPlatforms: [Platform]
    public var chiefExpert: ChiefExpert?

    public init(application: Application, date: CivilDate) {
        self.application = application
        self.applicationDate = date
        self.members = application.members
        self.leadIDs = Self.leadIDs(application.members)
        var quals: [MemberID: LeadQualification] = [:]
        for q in application.leads { quals[q.member] = q }
        self.leadQualifications = quals
        self.extraPlatforms = []
        self.chiefExpert = application.chiefExpert
    }

    /// Every field given (a formation read back from a packed state: `StateReader`); `leadIDs`
    /// must be those of `members`.
    init(
        application: Application,
        applicationDate: CivilDate,
        members: [Member],
        leadIDs: [MemberID],
        leadQualifications: [MemberID: LeadQualification],
        extraPlatforms: [Platform],
        chiefExpert: ChiefExpert?
    ) {
        self.application = application
        self.applicationDate = applicationDate
        self.members = members
        self.leadIDs = leadIDs
        self.leadQualifications = leadQualifications
        self.extraPlatforms = extraPlatforms
        self.chiefExpert = chiefExpert
    }

    public var leads: [Member] { members.filter { $0.layer == .lead } }
    private static func leadIDs(_ members: [Member]) -> [MemberID] { members.compactMap { $0.layer == .lead ? $0.id : nil } }
    public var platforms: [Platform] { application.platforms + extraPlatforms }
    public func member(_ id: MemberID) -> Member? { members.first { $0.id == id } }
    public func isMember(_ id: MemberID) -> Bool { members.contains { $0.id == id } }
}
