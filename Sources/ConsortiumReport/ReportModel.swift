import ConsortiumCore

/// What the report shows, computed from the facts alone (no file system, no clock): the rows of
/// the overview, good standing, the annual reports' standing, the timeline's geometry and the
/// counts by year. `ReportRenderer` only puts these values into templates.
public enum ReportModel {
    /// The overview's row (and `consortia.csv`'s) of one consortium, with what the overview
    /// gathers from it: its deadlines in the window, its open crit/err notices, its counts by year.
    public static func summary(_ facts: ConsortiumFacts, _ settings: ReportSettings) -> ConsortiumSummary {
        let state = facts.state
        let day = settings.day
        var counts = [Int](repeating: 0, count: Severity.allCases.count)
        for notice in facts.open { counts[Severity.allCases.firstIndex(of: notice.severity)!] += 1 }
        let upcoming = Deadline.upcoming(state, today: day)
        let windowEnd = day.adding(days: settings.deadlineDays)
        let leads = state.round.formation.leadIDs
        return ConsortiumSummary(
            id: state.id,
            name: state.name,
            status: state.status,
            leads: leads,
            leadNames: leads.map { state.round.formation.member($0)?.name ?? $0 },
            approvalNumber: state.round.currentApproval?.number,
            validThrough: state.round.currentApproval?.lastDay,
            nextDeadline: upcoming.first,
            deadlinesInWindow: upcoming.filter { $0.due <= windowEnd },
            openBySeverity: counts,
            notInGoodStanding: goodStandingReasons(facts, settings),
            urgent: facts.open.filter { $0.severity <= .err },
            years: yearCounts(facts, settings)
        )
    }

    // MARK: - Annual reports

    /// How the report of one year stands (七(二): due on 31 December of the year).
    public enum ReportStanding: String, Sendable, Equatable {
        /// Received on or before its due date.
        case onTime = "on-time"
        /// Received after its due date.
        case late
        /// Not received, and its due date has passed.
        case missing
        /// Not received, not due yet.
        case due
    }

    public struct ReportYear: Sendable, Equatable {
        public var year: Int
        public var due: CivilDate
        public var standing: ReportStanding
        /// The date of the report in force for the year, when received.
        public var received: CivilDate?

        public var chineseName: String {
            switch standing {
            case .onTime: "按时报送"
            case .late: "逾期报送"
            case .missing: "未报送"
            case .due: "尚未到期"
            }
        }
    }

    /// Every year whose report is due in the current round (the approval in force on 31 December
    /// of the year, rules.md ANNUAL_REPORT) or was received, through the year of `day`.
    public static func reportYears(_ state: ConsortiumState, on day: CivilDate) -> [ReportYear] {
        let round = state.round
        guard let first = round.approvals.first?.date.year else { return [] }
        var years: [ReportYear] = []
        for year in first...max(first, day.year) {
            let due = CivilDate.endOfYear(year)
            let report = round.report(for: year)
            guard report != nil || round.isInForce(on: due) else { continue }
            let standing: ReportStanding =
                if let report { report.date <= due ? .onTime : .late } else { due < day ? .missing : .due }
            years.append(ReportYear(year: year, due: due, standing: standing, received: report?.date))
        }
        return years
    }

    // MARK: - Good standing

    /// Why the consortium is not in good standing (运行良好, 六(五)/(六); runbook.md "The report"):
    /// empty when it is. In good standing: approved; no open `err` or `crit` notice; every annual
    /// report due so far received on time and complete; no incident in the `goodStandingMonths`
    /// months up to the day.
    public static func goodStandingReasons(_ facts: ConsortiumFacts, _ settings: ReportSettings) -> [String] {
        let state = facts.state
        let day = settings.day
        var reasons: [String] = []
        if state.status != .approved {
            reasons.append("状态为「\(state.status.chineseName)」，不是已核准")
        }
        let incompleteRule = RuleID.annualReportIncomplete.rawValue
        let incomplete = Set(facts.open.filter { $0.rule == incompleteRule }.map(\.subject))
        for year in reportYears(state, on: day) {
            switch year.standing {
            case .missing: reasons.append("\(year.year) 年度总结未报送（应于 \(year.due) 前报送）")
            case .late: reasons.append("\(year.year) 年度总结逾期报送（\(year.received!) 报送，应于 \(year.due) 前）")
            case .onTime where incomplete.contains(String(year.year)) && year.due < day:
                reasons.append("\(year.year) 年度总结内容不全（\(incompleteRule)）")
            case .onTime, .due: break
            }
        }
        for notice in facts.open
        where notice.severity <= .err && !(notice.rule == incompleteRule && reasons.contains { $0.hasPrefix("\(notice.subject) 年度总结") }) {
            reasons.append("未关闭的 \(notice.severity.rawValue) 通知：\(notice.rule) \(notice.subject)".trimmingSuffixSpace)
        }
        let since = day.addingMonths(-settings.goodStandingMonths)
        for incident in incidents(facts) where incident.date > since && incident.date <= day {
            reasons.append("\(incident.date) 发生事件（\(incident.ground ?? "Incident")），在最近 \(settings.goodStandingMonths) 个月内")
        }
        return reasons
    }

    // MARK: - Events

    /// An Incident that took effect, with its ground when the state still holds it.
    public struct IncidentMark: Sendable, Equatable {
        public var date: CivilDate
        public var ground: String?
    }

    /// The Incidents of the consortium that took effect, by date.
    public static func incidents(_ facts: ConsortiumFacts) -> [IncidentMark] {
        var grounds: [CivilDate: String] = [:]
        // A violation lists its member (失信名单) whatever the status; the other grounds are known
        // from the REVOCATION_GROUND findings the state still holds.
        for listing in facts.state.listings { grounds[listing.from] = IncidentGround.violation.rawValue }
        for event in facts.state.events where event.rule == .revocationGround {
            let parts = event.subject.split(separator: " ", maxSplits: 1)
            if parts.count == 2, let date = CivilDate(String(parts[0])) { grounds[date] = String(parts[1]) }
        }
        return facts.documents.filter { $0.kind == .incident && $0.notApplied == nil }
            .map { IncidentMark(date: $0.date, ground: grounds[$0.date]) }
            .sorted { $0.date < $1.date }
    }

    /// The date of the Revocation or Dissolution that ended the consortium, when its status is
    /// revoked or dissolved.
    public static func ending(_ facts: ConsortiumFacts) -> (kind: DocumentKind, date: CivilDate)? {
        let kind: DocumentKind
        switch facts.state.status {
        case .revoked: kind = .revocation
        case .dissolved: kind = .dissolution
        default: return nil
        }
        return facts.documents.last { $0.kind == kind && $0.notApplied == nil }.map { (kind, $0.date) }
    }

    // MARK: - By year

    /// What the consortium adds to each year's counts: its approvals (renewals too), its reports
    /// on time / late / missing (by the year reported on), incidents, revocation, dissolution.
    public static func yearCounts(_ facts: ConsortiumFacts, _ settings: ReportSettings) -> [Int: YearCounts] {
        var years: [Int: YearCounts] = [:]
        for approval in facts.state.round.approvals { years[approval.date.year, default: YearCounts()].approved += 1 }
        for report in reportYears(facts.state, on: settings.day) {
            switch report.standing {
            case .onTime: years[report.year, default: YearCounts()].reportsOnTime += 1
            case .late: years[report.year, default: YearCounts()].reportsLate += 1
            case .missing: years[report.year, default: YearCounts()].reportsMissing += 1
            case .due: break
            }
        }
        for incident in incidents(facts) { years[incident.date.year, default: YearCounts()].incidents += 1 }
        if let (kind, date) = ending(facts) {
            if kind == .revocation {
                years[date.year, default: YearCounts()].revocations += 1
            } else {
                years[date.year, default: YearCounts()].dissolutions += 1
            }
        }
        return years
    }
}

/// The overview's row of one consortium, and what the overview gathers from it.
public struct ConsortiumSummary: Sendable, Equatable {
    public var id: ConsortiumID
    public var name: String
    public var status: ConsortiumStatus
    /// The lead units' USCCs and names.
    public var leads: [MemberID]
    public var leadNames: [String]
    public var approvalNumber: String?
    public var validThrough: CivilDate?
    /// The earliest deadline (`consortiumctl list`'s `nextDeadline`).
    public var nextDeadline: Deadline?
    /// Its deadlines within the overview's window.
    public var deadlinesInWindow: [Deadline]
    /// Open notices by severity, in `Severity.allCases` order (crit, err, warning, notice, info).
    public var openBySeverity: [Int]
    /// Why it is not in good standing; empty when it is.
    public var notInGoodStanding: [String]
    /// Its open crit and err notices.
    public var urgent: [Notice]
    public var years: [Int: YearCounts]

    public var inGoodStanding: Bool { notInGoodStanding.isEmpty }
}

/// The counts of one year (the by-year page).
public struct YearCounts: Sendable, Equatable {
    public var approved = 0
    public var reportsOnTime = 0
    public var reportsLate = 0
    public var reportsMissing = 0
    public var incidents = 0
    public var revocations = 0
    public var dissolutions = 0

    public init() {}

    public static func + (a: YearCounts, b: YearCounts) -> YearCounts {
        var c = a
        c.approved += b.approved
        c.reportsOnTime += b.reportsOnTime
        c.reportsLate += b.reportsLate
        c.reportsMissing += b.reportsMissing
        c.incidents += b.incidents
        c.revocations += b.revocations
        c.dissolutions += b.dissolutions
        return c
    }
}

extension String {
    var trimmingSuffixSpace: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension CivilDate {
    /// The same day `n` months later (earlier when negative), clamped to the end of the month.
    func addingMonths(_ n: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + n
        let y = max(1, min(9999, index / 12))
        let m = index % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysInMonth(year: y, month: m))) ?? self
    }
}
