import ConsortiumCore

/// One consortium as the report reads it: its state on the report's day, its documents and its
/// notices. Made by `consortiumctl report` (from files or the daemon's state) and by the daemon
/// (`ReportWriter`); everything the pages show is computed from it by `ReportModel`.
public struct ConsortiumFacts: Sendable {
    public var state: ConsortiumState
    /// Every document of the consortium, in the order they apply (date, kind, arrival).
    public var documents: [ReportDocument]
    /// The notices open on the day (today's text and acknowledgement), sorted by rule, subject.
    public var open: [Notice]
    /// Notices of the ledger that are closed (resolved), newest first; none when the state is
    /// made from files (there is no ledger).
    public var resolved: [Notice]

    public init(state: ConsortiumState, documents: [ReportDocument], open: [Notice], resolved: [Notice] = []) {
        self.state = state
        self.documents = documents
        self.open = open
        self.resolved = resolved
    }

    public var id: ConsortiumID { state.id }
}

/// A document of the history: what the consortium page lists, and what the timeline marks.
public struct ReportDocument: Sendable, Equatable {
    public var kind: DocumentKind
    public var date: CivilDate
    /// The original file name.
    public var name: String
    public var sha256: String
    /// When the daemon accepted it (`document.received`, UTC), nil for files given on the command line.
    public var accepted: String?
    /// Why it does not take effect (Chinese), nil when it does or when that is not known.
    public var notApplied: String?

    public init(kind: DocumentKind, date: CivilDate, name: String, sha256: String, accepted: String? = nil, notApplied: String? = nil) {
        self.kind = kind
        self.date = date
        self.name = name
        self.sha256 = sha256
        self.accepted = accepted
        self.notApplied = notApplied
    }

    /// The documents a replay with `keepsDocuments` listed (`ConsortiumState.documents`).
    public init(_ applied: AppliedDocument, accepted: String? = nil) {
        self.init(
            kind: applied.kind,
            date: applied.date,
            name: applied.name,
            sha256: applied.sha256,
            accepted: accepted,
            notApplied: applied.notApplied?.zh
        )
    }
}

/// What the report is made for.
public struct ReportSettings: Sendable, Equatable {
    /// The day the state is evaluated on.
    public var day: CivilDate
    /// 运行良好: no incident in this many months before `day` (config `goodStandingMonths`).
    public var goodStandingMonths: Int
    /// Deadlines falling due within this many days are listed on the overview.
    public var deadlineDays: Int

    public init(day: CivilDate, goodStandingMonths: Int = 12, deadlineDays: Int = 90) {
        self.day = day
        self.goodStandingMonths = goodStandingMonths
        self.deadlineDays = deadlineDays
    }
}
