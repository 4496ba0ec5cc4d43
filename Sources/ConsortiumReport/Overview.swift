import ConsortiumCore

/// The overview (index.html), the by-year page and the spreadsheets: gathered from every
/// consortium's summary.
public struct Overview: Sendable, Equatable {
    public var day: CivilDate
    /// By status, in `ConsortiumStatus.allCases` order, with those of no consortium left out.
    public var byStatus: [(status: ConsortiumStatus, count: Int)]
    /// Open notices by severity (crit … info).
    public var openBySeverity: [Int]
    /// Every consortium, by key.
    public var rows: [ConsortiumSummary]
    /// The deadlines within the window, earliest first.
    public var deadlines: [(consortium: ConsortiumSummary, deadline: Deadline)]
    /// The open crit and err notices, crit first, then by consortium, rule, subject.
    public var urgent: [Notice]
    /// The consortia in good standing, by key.
    public var goodStanding: [ConsortiumSummary]
    /// Each year from the earliest with anything to count through the report's year.
    public var years: [(year: Int, counts: YearCounts)]

    public init(_ summaries: some Sequence<ConsortiumSummary>, day: CivilDate) {
        self.day = day
        rows = summaries.sorted { $0.id < $1.id }
        var statusCounts: [ConsortiumStatus: Int] = [:]
        var severity = [Int](repeating: 0, count: Severity.allCases.count)
        var deadlines: [(consortium: ConsortiumSummary, deadline: Deadline)] = []
        var urgent: [Notice] = []
        var years: [Int: YearCounts] = [:]
        for row in rows {
            statusCounts[row.status, default: 0] += 1
            for (index, count) in row.openBySeverity.enumerated() { severity[index] += count }
            for deadline in row.deadlinesInWindow { deadlines.append((row, deadline)) }
            urgent += row.urgent
            for (year, counts) in row.years { years[year] = (years[year] ?? YearCounts()) + counts }
        }
        byStatus = ConsortiumStatus.allCases.compactMap { status in statusCounts[status].map { (status, $0) } }
        openBySeverity = severity
        self.deadlines = deadlines.sorted { ($0.deadline.due, $0.consortium.id, $0.deadline.rule.rawValue) < ($1.deadline.due, $1.consortium.id, $1.deadline.rule.rawValue) }
        self.urgent = urgent.sorted { ($0.severity.priority, $0.consortium, $0.rule, $0.subject) < ($1.severity.priority, $1.consortium, $1.rule, $1.subject) }
        goodStanding = rows.filter(\.inGoodStanding)
        if let firstYear = years.keys.min() {
            self.years = (firstYear...max(firstYear, day.year)).map { ($0, years[$0] ?? YearCounts()) }
        } else {
            self.years = []
        }
    }

    public static func == (a: Overview, b: Overview) -> Bool {
        a.day == b.day && a.byStatus.map(\.status) == b.byStatus.map(\.status) && a.byStatus.map(\.count) == b.byStatus.map(\.count)
            && a.openBySeverity == b.openBySeverity && a.rows == b.rows && a.urgent == b.urgent
            && a.deadlines.map(\.consortium.id) == b.deadlines.map(\.consortium.id) && a.deadlines.map(\.deadline) == b.deadlines.map(\.deadline)
            && a.goodStanding == b.goodStanding && a.years.map(\.year) == b.years.map(\.year) && a.years.map(\.counts) == b.years.map(\.counts)
    }
}
