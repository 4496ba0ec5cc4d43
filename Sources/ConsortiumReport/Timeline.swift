import ConsortiumCore

/// The geometry of a consortium's SVG timeline (pixels), computed from its facts: the approval
/// periods as bars, each annual report's due date marked on time / late / missing / not yet due,
/// projects as bars with their 七(一) lock period, incidents, the revocation or dissolution and
/// the day of the report. `ReportRenderer` writes it out as SVG elements.
public struct Timeline: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Year boundaries: x and the year.
    public var ticks: [Tick]
    /// One label per lane, at its y.
    public var lanes: [Lane]
    public var bars: [Bar]
    public var marks: [Mark]
    /// The report's day.
    public var todayX: Int
    public var first: CivilDate
    public var last: CivilDate

    public struct Tick: Sendable, Equatable {
        public var x: Int
        public var year: Int
    }
    public struct Lane: Sendable, Equatable {
        public var y: Int
        public var label: String
    }
    public struct Bar: Sendable, Equatable {
        /// period, project, lock
        public var kind: String
        public var x: Int, y: Int, width: Int, height: Int
        public var title: String
    }
    public struct Mark: Sendable, Equatable {
        /// report-on-time, report-late, report-missing, report-due, incident, revocation, dissolution
        public var kind: String
        public var x: Int, y: Int
        public var title: String
    }

    static let width = 960
    static let labelWidth = 150
    static let rightPad = 16
    static let axisHeight = 24
    static let laneHeight = 26
    /// The timeline shows at most this many years after the report's day (an approval may run for decades).
    static let yearsAhead = 10

    public init(_ facts: ConsortiumFacts, on day: CivilDate) {
        let state = facts.state
        let round = state.round
        let incidents = ReportModel.incidents(facts)
        let ending = ReportModel.ending(facts)
        let reports = ReportModel.reportYears(state, on: day)
        // The span: from 1 January of the earliest date shown to 1 January after the latest.
        var earliest = [round.formation.applicationDate, day]
        earliest += facts.documents.map(\.date)
        var latest = [day] + round.approvals.map(\.lastDay) + round.projectsInForce.map(\.project.lastActiveDay)
        latest += reports.map(\.due)
        let firstYear = earliest.min()!.year
        let lastYear = min(latest.max()!.year, day.year + Self.yearsAhead)
        first = CivilDate(year: firstYear, month: 1, day: 1)!
        last = CivilDate(year: lastYear, month: 12, day: 31)!
        width = Self.width
        let first = self.first
        let last = self.last
        let span = Double(last.dayNumber - first.dayNumber + 1)
        let plot = Double(Self.width - Self.labelWidth - Self.rightPad)
        func x(_ date: CivilDate) -> Int {
            let clamped = min(max(date, first), last)
            return Self.labelWidth + Int((Double(clamped.dayNumber - first.dayNumber) / span * plot).rounded())
        }
        /// Through the end of `date`'s day.
        func xEnd(_ date: CivilDate) -> Int {
            date >= last ? Self.width - Self.rightPad : x(date.adding(days: 1))
        }
        ticks = (firstYear...lastYear).map { Tick(x: x(CivilDate(year: $0, month: 1, day: 1)!), year: $0) }
        todayX = x(day)

        var lanes: [Lane] = []
        var bars: [Bar] = []
        var marks: [Mark] = []
        func lane(_ label: String) -> Int {
            let y = Self.axisHeight + lanes.count * Self.laneHeight
            lanes.append(Lane(y: y + Self.laneHeight / 2, label: label))
            return y
        }

        let periodY = lane("批复有效期")
        for (approval, period) in zip(round.approvals, round.inForce) {
            bars.append(
                Bar(
                    kind: "period",
                    x: x(period.lowerBound),
                    y: periodY + 6,
                    width: max(2, xEnd(period.upperBound) - x(period.lowerBound)),
                    height: Self.laneHeight - 12,
                    title: "批复 \(approval.number)：\(period.lowerBound) 至 \(period.upperBound)"
                        + (period.upperBound < approval.lastDay ? "（原定至 \(approval.lastDay)，提前终止）" : "")
                )
            )
        }
        let reportY = lane("年度总结")
        for report in reports {
            let title = "\(report.year) 年度总结（\(report.due) 前）：\(report.chineseName)" + (report.received.map { "，\($0) 报送" } ?? "")
            marks.append(Mark(kind: "report-\(report.standing.rawValue)", x: x(report.due), y: reportY + Self.laneHeight / 2, title: title))
        }
        for version in round.projectsInForce {
            let project = version.project
            let y = lane("项目 \(project.project)")
            let end = project.lastActiveDay
            bars.append(
                Bar(
                    kind: "project",
                    x: x(project.start),
                    y: y + 9,
                    width: max(2, xEnd(end) - x(project.start)),
                    height: Self.laneHeight - 18,
                    title: "项目 \(project.project) \(project.title)：\(project.start) 至 \(end)"
                )
            )
            if project.underConsortium {
                bars.append(
                    Bar(
                        kind: "lock",
                        x: x(project.start),
                        y: y + 5,
                        width: max(2, xEnd(end) - x(project.start)),
                        height: Self.laneHeight - 10,
                        title: "七(一) 锁定期 \(project.start) 至 \(end)：以联合体名义承担的项目执行期间，不得自行解散或变更牵头单位"
                    )
                )
            }
        }
        if !incidents.isEmpty || ending != nil {
            let eventY = lane("事件")
            for incident in incidents {
                marks.append(
                    Mark(
                        kind: "incident",
                        x: x(incident.date),
                        y: eventY + Self.laneHeight / 2,
                        title: "事件 \(incident.date)" + (incident.ground.map { "（\($0)）" } ?? "")
                    )
                )
            }
            if let (kind, date) = ending {
                marks.append(
                    Mark(
                        kind: kind == .revocation ? "revocation" : "dissolution",
                        x: x(date),
                        y: eventY + Self.laneHeight / 2,
                        title: (kind == .revocation ? "取消资格 " : "解散 ") + date.description
                    )
                )
            }
        }
        self.lanes = lanes
        self.bars = bars
        self.marks = marks
        height = Self.axisHeight + lanes.count * Self.laneHeight + 8
    }
}
