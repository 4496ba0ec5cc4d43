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
        self.init(sorted: summaries.sorted { $0.id < $1.id }, day: day)
    }

    /// `rows` already in key order. Their deadlines and urgent notices are gathered by due date
    /// and by severity, which keeps the rows' key order: the orders above without comparing keys
    /// again (the daemon makes the overview of 10,000 consortia up to once a second,
    /// docs/performance.md "The report").
    init(sorted rows: [ConsortiumSummary], day: CivilDate) {
        self.day = day
        self.rows = rows
        var statusCounts: [ConsortiumStatus: Int] = [:]
        var severity = [Int](repeating: 0, count: Severity.allCases.count)
        var byDue: [CivilDate: [(consortium: ConsortiumSummary, deadline: Deadline)]] = [:]
        var byPriority: [Int: [Notice]] = [:]
        var years: [Int: YearCounts] = [:]
        for row in rows {
            statusCounts[row.status, default: 0] += 1
            for (index, count) in row.openBySeverity.enumerated() { severity[index] += count }
            for deadline in row.deadlinesInWindow.sorted(by: { ($0.due, $0.rule.rawValue) < ($1.due, $1.rule.rawValue) }) {
                byDue[deadline.due, default: []].append((row, deadline))
            }
            for notice in row.urgent.sorted(by: { ($0.rule, $0.subject) < ($1.rule, $1.subject) }) {
                byPriority[notice.severity.priority, default: []].append(notice)
            }
            for (year, counts) in row.years { years[year] = (years[year] ?? YearCounts()) + counts }
        }
        byStatus = ConsortiumStatus.allCases.compactMap { status in statusCounts[status].map { (status, $0) } }
        openBySeverity = severity
        deadlines = byDue.keys.sorted().flatMap { byDue[$0]! }
        urgent = byPriority.keys.sorted().flatMap { byPriority[$0]! }
        goodStanding = rows.filter(\.inGoodStanding)
        self.years = Self.years(years, through: day)
    }

    /// Each year from the earliest in `counts` through `day`'s year.
    static func years(_ counts: [Int: YearCounts], through day: CivilDate) -> [(year: Int, counts: YearCounts)] {
        guard let firstYear = counts.keys.min() else { return [] }
        return (firstYear...max(firstYear, day.year)).map { ($0, counts[$0] ?? YearCounts()) }
    }

    public static func == (a: Overview, b: Overview) -> Bool {
        a.day == b.day && a.byStatus.map(\.status) == b.byStatus.map(\.status) && a.byStatus.map(\.count) == b.byStatus.map(\.count)
            && a.openBySeverity == b.openBySeverity && a.rows == b.rows && a.urgent == b.urgent
            && a.deadlines.map(\.consortium.id) == b.deadlines.map(\.consortium.id) && a.deadlines.map(\.deadline) == b.deadlines.map(\.deadline)
            && a.goodStanding == b.goodStanding && a.years.map(\.year) == b.years.map(\.year) && a.years.map(\.counts) == b.years.map(\.counts)
    }
}
