import Testing

@testable import ConsortiumCore

@Suite("Deadlines and reports")
struct DeadlineTests {
    /// An approved compliant consortium `LZ-1`, approved on `approved`.
    static func approved(_ approved: String = "2026-05-10") -> Scenario {
        var s = Scenario()
        s.apply("LZ-1", "2026-01-05")
        s.recommend("LZ-1", "2026-01-06")
        s.approve("LZ-1", approved)
        return s
    }

    static func notice(_ s: Scenario, _ rule: RuleID, on day: CivilDate, subject: String? = nil) -> [Notice] {
        Evaluator.evaluate(s.records, on: day).notices.of(rule).filter { subject == nil || $0.subject == subject }
    }

    // MARK: APPROVAL_EXPIRY

    @Test func expiryLastDayCivilCode() {
        let s = Self.approved("2026-05-10")
        let state = s.evaluate(on: "2026-05-10").states["LZ-1"]!
        #expect(state.round.currentApproval?.lastDay == d("2031-05-10"))
        #expect(s.status("LZ-1", on: "2031-05-10") == .approved)
        #expect(s.status("LZ-1", on: "2031-05-11") == .expired)
        let expired = Self.notice(s, .approvalExpiry, on: d("2031-05-11"))
        #expect(expired.map(\.stage) == ["expired"])
        #expect(expired.first?.severity == .warning)
        #expect(expired.first?.subject == "柳科批〔2026〕1号")
        #expect(expired.first?.due == d("2031-05-10"))
        // Stays open while expired.
        #expect(Self.notice(s, .approvalExpiry, on: d("2032-01-01")).map(\.stage) == ["expired"])
    }

    @Test func expiryFromLeapDay() {
        var s = Scenario()
        s.apply("LZ-1", "2024-01-05")
        s.recommend("LZ-1", "2024-01-06")
        s.approve("LZ-1", "2024-02-29")
        #expect(s.evaluate(on: "2024-03-01").states["LZ-1"]?.round.currentApproval?.lastDay == d("2029-02-28"))
        #expect(s.status("LZ-1", on: "2029-02-28") == .approved)
        #expect(s.status("LZ-1", on: "2029-03-01") == .expired)
    }

    @Test(
        arguments: [
            (-181, nil), (-180, "upcoming-180"), (-91, "upcoming-180"), (-90, "upcoming-90"), (-31, "upcoming-90"),
            (-30, "upcoming-30"), (-1, "upcoming-30"), (0, "upcoming-30"), (1, "expired"),
        ] as [(Int, String?)]
    )
    func expiryStages(offset: Int, stage: String?) {
        let s = Self.approved("2026-05-10")
        let notices = Self.notice(s, .approvalExpiry, on: d("2031-05-10").adding(days: offset))
        #expect(notices.map(\.stage) == (stage.map { [$0] } ?? []))
        if let notice = notices.first {
            let expected: Severity = stage == "upcoming-180" ? .notice : .warning
            #expect(notice.severity == expected)
        }
    }

    // MARK: ANNUAL_REPORT

    @Test(
        arguments: [
            ("2026-11-30", nil), ("2026-12-01", "upcoming-30"), ("2026-12-23", "upcoming-30"), ("2026-12-24", "upcoming-7"),
            ("2026-12-29", "upcoming-7"), ("2026-12-30", "upcoming-1"), ("2026-12-31", "upcoming-1"), ("2027-01-01", "overdue"),
            ("2027-03-30", "overdue"),
        ] as [(String, String?)]
    )
    func annualReportStages(day: String, stage: String?) {
        let s = Self.approved()
        let notices = Self.notice(s, .annualReport, on: d(day), subject: "2026")
        #expect(notices.map(\.stage) == (stage.map { [$0] } ?? []))
        if let notice = notices.first {
            let expected: Severity =
                switch stage {
                case "upcoming-30": .notice
                case "overdue": .err
                default: .warning
                }
            #expect(notice.severity == expected)
            #expect(notice.due == d("2026-12-31"))
        }
    }

    @Test func onTimeReportResolvesWithoutLate() {
        var s = Self.approved()
        s.report("LZ-1", "2026-12-18", year: 2026)
        let e = s.evaluate(on: "2027-01-10")
        #expect(e.notices(of: "LZ-1").isEmpty, "\(e.notices.map { "\($0.rule) \($0.stage)" })")
    }

    @Test func lateReportResolvesAndIsAnEvent() {
        var s = Self.approved()
        s.report("LZ-1", "2027-01-05", year: 2026)
        #expect(Self.notice(s, .annualReport, on: d("2027-01-04")).map(\.stage) == ["overdue"])
        #expect(Self.notice(s, .annualReport, on: d("2027-01-05")).isEmpty)
        let late = Self.notice(s, .annualReportLate, on: d("2027-01-05"))
        #expect(late.map(\.subject) == ["2026"])
        #expect(late.first?.severity == .info)
        // Listed long after, and after acknowledgement with `acknowledged` set.
        #expect(Self.notice(s, .annualReportLate, on: d("2027-11-01")).count == 1)
        s.acknowledge("2027-02-01", notice: late[0].id)
        let acked = Self.notice(s, .annualReportLate, on: d("2027-03-01"))
        #expect(acked.count == 1)
        #expect(acked.first?.acknowledged?.by == "王五")
        #expect(Self.notice(s, .annualReportLate, on: d("2027-01-31")).first?.acknowledged == nil)
    }

    @Test func secondLateReportIsNotAnotherLateEvent() {
        var s = Self.approved()
        s.report("LZ-1", "2027-01-05", year: 2026)
        s.report("LZ-1", "2027-01-20", year: 2026)
        #expect(Self.notice(s, .annualReportLate, on: d("2027-02-01")).count == 1)
        #expect(s.findings("LZ-1", on: "2027-02-01").of(.annualReportLate).count == 1)
    }

    @Test func incompleteReport() {
        var s = Self.approved()
        var r = Fixture.completeReport(year: 2026)
        r.coordination = nil
        s.report("LZ-1", "2026-12-18", r)
        let f = s.findings("LZ-1", on: "2026-12-18")
        #expect(f.of(.annualReportIncomplete).map(\.subject) == ["2026"])
        #expect(f.of(.annualReportIncomplete).first?.level == .error)
        #expect(!f.rules.contains(.annualReport))
        // A complete report later fixes it (the latest report is judged).
        s.report("LZ-1", "2026-12-20", year: 2026)
        #expect(!s.findings("LZ-1", on: "2026-12-20").rules.contains(.annualReportIncomplete))
    }

    @Test(arguments: [
        (AnnualReport(year: 2026, sentTo: [.recommender, .bureau], summary: "总结", plan: "计划", problems: "无", coordination: "无"), false),
        (AnnualReport(year: 2026, sentTo: [.bureau], summary: "总结", plan: "计划", problems: "无", coordination: "无"), true),
        (AnnualReport(year: 2026, sentTo: [.recommender], summary: "总结", plan: "计划", problems: "无", coordination: "无"), true),
        (AnnualReport(year: 2026, sentTo: [.recommender, .bureau], summary: "", plan: "计划", problems: "无", coordination: "无"), true),
        (AnnualReport(year: 2026, sentTo: [.recommender, .bureau], summary: "总结", plan: " ", problems: "无", coordination: "无"), true),
        (AnnualReport(year: 2026, sentTo: [.recommender, .bureau], summary: "总结", plan: "计划", problems: nil, coordination: "无"), true),
        (AnnualReport(year: 2026, sentTo: [.recommender, .bureau], summary: "总结", plan: "计划", problems: "无", coordination: ""), true),
    ])
    func incompleteReportCases(report: AnnualReport, fails: Bool) {
        var s = Self.approved()
        s.report("LZ-1", "2026-12-18", report)
        #expect(s.findings("LZ-1", on: "2026-12-18").rules.contains(.annualReportIncomplete) == fails)
    }

    @Test func reportingRefused() {
        let s = Self.approved()
        #expect(s.findings("LZ-1", on: "2027-03-30").of(.reportingRefused).isEmpty)
        let refused = Self.notice(s, .reportingRefused, on: d("2027-03-31"))
        #expect(refused.map(\.subject) == ["2026"])
        #expect(refused.first?.stage == "revocation-review")
        #expect(refused.first?.severity == .crit)
        #expect(s.findings("LZ-1", on: "2027-03-31").of(.reportingRefused).first?.level == .error)
        // Any report resolves it.
        var reported = s
        reported.report("LZ-1", "2027-04-02", year: 2026)
        #expect(Self.notice(reported, .reportingRefused, on: d("2027-04-02")).isEmpty)
        #expect(Self.notice(reported, .annualReport, on: d("2027-04-02"), subject: "2026").isEmpty)
    }

    @Test func noReportDueForAYearNotInForceOn31December() {
        var s = Scenario()
        s.apply("LZ-1", "2026-10-05")
        s.recommend("LZ-1", "2026-11-06")
        s.approve("LZ-1", "2027-01-05")
        for day in ["2027-01-05", "2027-03-31", "2027-12-01"] {
            #expect(s.findings("LZ-1", on: day).filter { $0.subject == "2026" }.isEmpty, "\(day)")
        }
        #expect(Self.notice(s, .annualReport, on: d("2027-12-01")).map(\.subject) == ["2027"])
        // No LATE event for a year that was not due.
        s.report("LZ-1", "2027-01-10", year: 2026)
        #expect(s.findings("LZ-1", on: "2027-01-10").of(.annualReportLate).isEmpty)
    }

    @Test func approvedOnNewYearsEveOwesThatYearsReport() {
        var s = Scenario()
        s.apply("LZ-1", "2026-10-05")
        s.recommend("LZ-1", "2026-11-06")
        s.approve("LZ-1", "2026-12-31")
        #expect(Self.notice(s, .annualReport, on: d("2026-12-31")).map(\.stage) == ["upcoming-1"])
        #expect(Self.notice(s, .annualReport, on: d("2027-01-01")).map(\.stage) == ["overdue"])
    }

    @Test func deadlinesStopWhenNoLongerApproved() {
        var s = Self.approved()
        s.dissolve("LZ-1", "2026-12-10")
        #expect(s.findings("LZ-1", on: "2027-01-02").isEmpty)
        #expect(s.status("LZ-1", on: "2027-01-02") == .dissolved)
    }

    /// Held, not rejected: the Approval it follows may still arrive (documents.md, revised 2026-12).
    @Test func annualReportBeforeApprovalIsHeld() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        let report = s.candidate("LZ-1", "2026-04-01", .annualReport(Fixture.completeReport(year: 2026)))
        guard case .pending(let reason) = s.classify(report) else {
            Issue.record("expected it held")
            return
        }
        #expect(reason.path == "kind")
        #expect(reason.message.hasPrefix("等待联合体 LZ-1 的状态"))
        // Once approved on or before its date it is accepted.
        s.approve("LZ-1", "2026-03-20")
        #expect(s.classify(s.candidate("LZ-1", "2026-04-01", .annualReport(Fixture.completeReport(year: 2026)))) == .accepted)
    }
}
