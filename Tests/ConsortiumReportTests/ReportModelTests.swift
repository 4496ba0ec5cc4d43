import ConsortiumCore
import ConsortiumReport
import Foundation
import Testing

/// The examples (docs/examples.md) and variations of them, replayed as `consortiumctl report FILE…` does.
enum Examples {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    static func texts() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted().map {
            ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8))
        }
    }

    static func text(_ suffix: String) throws -> String { try #require(try texts().first { $0.name.hasSuffix(suffix) }).text }

    /// The facts of every consortium of `texts` on `day` (documents in the given order as arrivals).
    static func facts(_ texts: [(name: String, text: String)], on day: String) throws -> [ConsortiumID: ConsortiumFacts] {
        var records: [RecordedDocument] = []
        for (index, file) in texts.enumerated() {
            let bytes = Array(file.text.utf8)
            let decoded = try DocumentDecoder.decode(Data(bytes)).get()
            records.append(RecordedDocument(document: decoded.document, sha256: SHA256.hex(bytes), arrival: index + 1, name: file.name))
        }
        let evaluation = Evaluator.evaluate(records, on: CivilDate(day)!)
        var out: [ConsortiumID: ConsortiumFacts] = [:]
        for (id, state) in evaluation.states {
            out[id] = ConsortiumFacts(
                state: state,
                documents: state.documents.map { ReportDocument($0) },
                open: evaluation.notices(of: id).filter { $0.stage != "resolved" }
            )
        }
        return out
    }

    static func facts(on day: String) throws -> [ConsortiumID: ConsortiumFacts] { try facts(texts(), on: day) }
}

func d(_ text: String) -> CivilDate { CivilDate(text)! }

@Suite struct ReportModelTests {
    @Test func theExamplesOnADayBeforeTheReportIsDue() throws {
        let facts = try Examples.facts(on: "2026-12-07")
        let settings = ReportSettings(day: d("2026-12-07"))
        let first = ReportModel.summary(try #require(facts["LZ-2024-001"]), settings)
        #expect(first.status == .approved)
        #expect(first.inGoodStanding, "reasons: \(first.notInGoodStanding)")
        #expect(first.approvalNumber == "柳科批〔2024〕12号")
        #expect(first.validThrough == d("2029-04-15"))
        #expect(first.nextDeadline == Deadline(rule: .annualReport, subject: "2026", due: d("2026-12-31")))
        #expect(first.deadlinesInWindow == [Deadline(rule: .annualReport, subject: "2026", due: d("2026-12-31"))])
        // MAJOR_CHANGE (warning, acknowledged) and ANNUAL_REPORT upcoming-30 (notice).
        #expect(first.openBySeverity == [0, 0, 1, 1, 0])
        #expect(first.leadNames == ["柳州市龙腾新能源汽车零部件股份有限公司"])

        let revoked = ReportModel.summary(try #require(facts["LZ-2025-002"]), settings)
        #expect(!revoked.inGoodStanding)
        #expect(revoked.notInGoodStanding.contains("状态为「已取消资格」，不是已核准"))
        #expect(revoked.notInGoodStanding.contains("2026-03-05 发生事件（violation），在最近 12 个月内"))
        #expect(revoked.nextDeadline == nil)

        let dissolved = ReportModel.summary(try #require(facts["LZ-2025-003"]), settings)
        #expect(dissolved.notInGoodStanding == ["状态为「已解散」，不是已核准"])
    }

    @Test func aReportNeverSentIsMissingOnceDueAndTheConsortiumLosesGoodStanding() throws {
        let facts = try #require(try Examples.facts(on: "2027-01-10")["LZ-2024-001"])
        let years = ReportModel.reportYears(facts.state, on: d("2027-01-10"))
        #expect(years.map(\.year) == [2024, 2025, 2026, 2027])
        #expect(years.map(\.standing) == [.onTime, .onTime, .missing, .due])
        let summary = ReportModel.summary(facts, ReportSettings(day: d("2027-01-10")))
        #expect(summary.notInGoodStanding.first == "2026 年度总结未报送（应于 2026-12-31 前报送）")
        #expect(summary.notInGoodStanding.contains("未关闭的 err 通知：ANNUAL_REPORT 2026"))
        #expect(summary.urgent.map(\.rule) == ["ANNUAL_REPORT"])
        #expect(summary.years[2026]?.reportsMissing == 1)
        // On its due day it is not missing yet.
        let onDueDay = try #require(try Examples.facts(on: "2026-12-31")["LZ-2024-001"])
        #expect(ReportModel.reportYears(onDueDay.state, on: d("2026-12-31")).last?.standing == .due)
        #expect(ReportModel.summary(onDueDay, ReportSettings(day: d("2026-12-31"))).inGoodStanding)
    }

    @Test func aLateReportIsLateForGoodAndAnIncompleteOneIsNamed() throws {
        var texts = try Examples.texts()
        let report2025 = try Examples.text("001-annual-report-2025.yaml")
        texts.append(
            (
                "late-2026.yaml",
                report2025.replacingOccurrences(of: "year: 2025", with: "year: 2026")
                    .replacingOccurrences(of: "date: 2025-12-25", with: "date: 2027-01-05")
            )
        )
        let late = try #require(try Examples.facts(texts, on: "2027-02-01")["LZ-2024-001"])
        let summary = ReportModel.summary(late, ReportSettings(day: d("2027-02-01")))
        #expect(summary.notInGoodStanding.contains("2026 年度总结逾期报送（2027-01-05 报送，应于 2026-12-31 前）"))
        #expect(summary.years[2026]?.reportsLate == 1)
        #expect(summary.years[2025]?.reportsOnTime == 1)

        var incomplete = try Examples.texts()
        incomplete.append(
            (
                "incomplete-2026.yaml",
                report2025.replacingOccurrences(of: "year: 2025", with: "year: 2026")
                    .replacingOccurrences(of: "date: 2025-12-25", with: "date: 2026-12-20")
                    .replacingOccurrences(of: "sentTo: [recommender, bureau]", with: "sentTo: [bureau]")
            )
        )
        let facts = try #require(try Examples.facts(incomplete, on: "2027-01-05")["LZ-2024-001"])
        let reasons = ReportModel.summary(facts, ReportSettings(day: d("2027-01-05"))).notInGoodStanding
        #expect(reasons == ["2026 年度总结内容不全（ANNUAL_REPORT_INCOMPLETE）"], "\(reasons)")
    }

    @Test(arguments: [
        ("2025-12-08", 12, false), ("2025-12-07", 12, true), ("2026-06-08", 6, false), ("2026-06-07", 6, true),
        ("2026-12-08", 12, true),
    ])
    func anIncidentCountsForGoodStandingOnlyInTheMonthsBeforeTheDay(incident: String, months: Int, good: Bool) throws {
        var facts = try #require(try Examples.facts(on: "2026-12-07")["LZ-2024-001"])
        // The facts alone (the REVOCATION_GROUND notice such an Incident raises is left out: the
        // months are what is tested). An Incident dated after the day does not count.
        facts.documents.append(ReportDocument(kind: .incident, date: d(incident), name: "incident.yaml", sha256: "ab"))
        let reasons = ReportModel.goodStandingReasons(facts, ReportSettings(day: d("2026-12-07"), goodStandingMonths: months))
        #expect(reasons.isEmpty == good, "\(reasons)")
    }

    @Test func anOpenCritOrErrNoticeTakesGoodStandingAwayAndAWarningDoesNot() throws {
        var facts = try #require(try Examples.facts(on: "2026-12-07")["LZ-2024-001"])
        let settings = ReportSettings(day: d("2026-12-07"))
        #expect(ReportModel.goodStandingReasons(facts, settings).isEmpty)
        var notice = facts.open[0]
        notice.rule = "PROJECT_LOCK"
        notice.subject = "2026-11-01"
        notice.severity = .err
        facts.open.append(notice)
        #expect(ReportModel.goodStandingReasons(facts, settings) == ["未关闭的 err 通知：PROJECT_LOCK 2026-11-01"])
        notice.severity = .warning
        facts.open[facts.open.count - 1] = notice
        #expect(ReportModel.goodStandingReasons(facts, settings).isEmpty)
    }

    @Test func theOverviewGathersStatusesDeadlinesGoodStandingAndYears() throws {
        let settings = ReportSettings(day: d("2026-12-07"))
        let overview = Overview(try Examples.facts(on: "2026-12-07").values.map { ReportModel.summary($0, settings) }, day: settings.day)
        #expect(overview.rows.map(\.id) == ["LZ-2024-001", "LZ-2025-002", "LZ-2025-003"])
        #expect(overview.byStatus.map(\.status) == [.approved, .revoked, .dissolved])
        #expect(overview.byStatus.map(\.count) == [1, 1, 1])
        #expect(overview.openBySeverity == [0, 0, 2, 1, 0])
        #expect(overview.goodStanding.map(\.id) == ["LZ-2024-001"])
        #expect(overview.deadlines.map(\.deadline.due) == [d("2026-12-31")])
        #expect(overview.urgent.isEmpty)
        #expect(overview.years.map(\.year) == [2024, 2025, 2026])
        let years = Dictionary(uniqueKeysWithValues: overview.years.map { ($0.year, $0.counts) })
        #expect(years[2024]?.approved == 1 && years[2024]?.reportsOnTime == 1)
        // 2025: LZ-2025-002 approved; LZ-2024-001's and LZ-2025-002's reports on time; LZ-2025-003 dissolved.
        #expect(years[2025]?.approved == 1 && years[2025]?.reportsOnTime == 2 && years[2025]?.dissolutions == 1)
        #expect(years[2026]?.incidents == 1 && years[2026]?.revocations == 1 && years[2026]?.reportsOnTime == 0)
        // A window of 10 days leaves the 2026-12-31 deadline out.
        let short = ReportSettings(day: d("2026-12-07"), deadlineDays: 10)
        let none = Overview(try Examples.facts(on: "2026-12-07").values.map { ReportModel.summary($0, short) }, day: short.day)
        #expect(none.deadlines.isEmpty)
    }
}

@Suite struct TimelineTests {
    @Test func theApprovalPeriodReportsProjectAndItsLockPeriod() throws {
        let facts = try #require(try Examples.facts(on: "2026-12-07")["LZ-2024-001"])
        let t = Timeline(facts, on: d("2026-12-07"))
        #expect(t.first == d("2024-01-01") && t.last == d("2029-12-31"))
        #expect(t.ticks.map(\.year) == [2024, 2025, 2026, 2027, 2028, 2029])
        #expect(t.ticks.first?.x == 150)
        #expect(zip(t.ticks, t.ticks.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(t.lanes.map(\.label) == ["批复有效期", "年度总结", "项目 2024AA01012"])
        let period = try #require(t.bars.first { $0.kind == "period" })
        let x2024 = t.ticks[0].x
        let x2030 = t.width - 16
        func x(_ date: CivilDate) -> Double {
            Double(x2024) + Double(date.dayNumber - d("2024-01-01").dayNumber) / Double(d("2030-01-01").dayNumber - d("2024-01-01").dayNumber)
                * Double(x2030 - x2024)
        }
        #expect(abs(Double(period.x) - x(d("2024-04-15"))) <= 1)
        #expect(abs(Double(period.x + period.width) - x(d("2029-04-16"))) <= 1)
        #expect(period.title == "批复 柳科批〔2024〕12号：2024-04-15 至 2029-04-15")
        #expect(t.marks.filter { $0.kind.hasPrefix("report-") }.map(\.kind) == ["report-on-time", "report-on-time", "report-due"])
        let project = try #require(t.bars.first { $0.kind == "project" })
        let lock = try #require(t.bars.first { $0.kind == "lock" })
        #expect(lock.x == project.x && lock.width == project.width)
        #expect(abs(Double(lock.x) - x(d("2024-07-01"))) <= 1 && abs(Double(lock.x + lock.width) - x(d("2027-01-01"))) <= 1)
        #expect(lock.title.hasPrefix("七(一) 锁定期 2024-07-01 至 2026-12-31"))
        #expect(t.todayX > t.ticks[2].x && t.todayX < t.ticks[3].x)
        #expect(!t.marks.contains { $0.kind == "incident" || $0.kind == "revocation" })
    }

    @Test func anIncidentAndTheRevocationThatEndedThePeriod() throws {
        let facts = try #require(try Examples.facts(on: "2026-12-07")["LZ-2025-002"])
        let t = Timeline(facts, on: d("2026-12-07"))
        let period = try #require(t.bars.first { $0.kind == "period" })
        #expect(period.title == "批复 柳科批〔2025〕7号：2025-04-01 至 2026-05-31（原定至 2030-04-01，提前终止）")
        let incident = try #require(t.marks.first { $0.kind == "incident" })
        let revocation = try #require(t.marks.first { $0.kind == "revocation" })
        #expect(incident.title == "事件 2026-03-05（violation）")
        #expect(revocation.title == "取消资格 2026-06-01")
        #expect(incident.x < revocation.x && revocation.x <= period.x + period.width + 1)
        #expect(t.lanes.last?.label == "事件")
    }

    @Test func aConsortiumNeverApprovedHasNoBarsButItsDissolution() throws {
        let facts = try #require(try Examples.facts(on: "2026-12-07")["LZ-2025-003"])
        let t = Timeline(facts, on: d("2026-12-07"))
        #expect(t.bars.isEmpty)
        #expect(t.marks.map(\.kind) == ["dissolution"])
        #expect(t.first == d("2025-01-01") && t.last == d("2026-12-31"))
    }

    @Test func aLongApprovalIsCutTenYearsAfterTheDay() throws {
        var texts = try Examples.texts()
        texts = texts.map {
            ($0.name, $0.name.hasSuffix("001-approval.yaml") ? $0.text.replacingOccurrences(of: "validYears: 5", with: "validYears: 50") : $0.text)
        }
        let facts = try #require(try Examples.facts(texts, on: "2026-12-07")["LZ-2024-001"])
        #expect(facts.state.round.currentApproval?.lastDay == d("2074-04-15"))
        let t = Timeline(facts, on: d("2026-12-07"))
        #expect(t.last == d("2036-12-31"))
        let period = try #require(t.bars.first { $0.kind == "period" })
        #expect(period.x + period.width == t.width - 16)
    }

    @Test func theYearChartScalesToTheLargestCount() {
        var a = YearCounts()
        a.approved = 4
        a.reportsOnTime = 2
        var b = YearCounts()
        b.reportsMissing = 1
        let chart = YearChart([(2025, a), (2026, b)])
        #expect(chart.maximum == 4)
        #expect(chart.bars.count == 2 * YearChart.series.count)
        let approved = chart.bars[0]
        let onTime = chart.bars[1]
        #expect(approved.height == 160 && approved.y == chart.baseline - 160)
        #expect(onTime.height == 80)
        #expect(chart.bars[YearChart.series.count + 3].title == "2026 未报送：1")
        #expect(chart.labels.map(\.text) == ["2025", "2026"])
    }
}
