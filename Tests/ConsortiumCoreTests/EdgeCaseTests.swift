import Testing

@testable import ConsortiumCore

/// Cases decisions.md settles that the main suites do not reach.
@Suite("Edge cases from decisions.md")
struct EdgeCaseTests {
    static func approved(_ key: ConsortiumID = "LZ-1", seed: Int = 1, members: [Member]? = nil) -> Scenario {
        var s = Scenario()
        s.apply(key, "2026-03-01", Fixture.application(seed: seed, members: members))
        s.recommend(key, "2026-04-01")
        s.approve(key, "2026-05-10")
        return s
    }

    /// decisions 27: a correction has its own date, so the corrected consortium becomes the later one.
    @Test func leadUniqueFollowsTheCorrectionDate() {
        var s = Scenario()
        let a = Fixture.members(seed: 1)
        var b = Fixture.members(seed: 2)
        b[0] = a[0]
        s.apply("LZ-A", "2026-02-01", Fixture.application(seed: 1, members: a))
        s.apply("LZ-B", "2026-03-01", Fixture.application(seed: 2, members: b))
        s.apply("LZ-A", "2026-04-01", Fixture.application(seed: 1, members: a))  // correction
        let before = s.evaluate(on: "2026-03-31")
        #expect(before.findings(of: "LZ-B").rules.contains(.leadUnique))
        #expect(!before.findings(of: "LZ-A").rules.contains(.leadUnique))
        let after = s.evaluate(on: "2026-04-01")
        #expect(!after.findings(of: "LZ-B").rules.contains(.leadUnique))
        #expect(after.findings(of: "LZ-A").of(.leadUnique).map(\.subject) == [a[0].id])
    }

    /// decisions 38: after the end, DISHONEST_MEMBER stays for consortia approved in the round.
    @Test func dishonestMemberAfterTheEnd() {
        let a = Fixture.members(seed: 1)
        var s = Self.approved(members: a)
        s.dissolve("LZ-1", "2026-08-01")
        // Another consortium's incident lists a former member after the dissolution.
        var b = Fixture.members(seed: 2)
        b[4] = a[4]
        s.apply("LZ-2", "2026-09-01", Fixture.application(seed: 2, members: b))
        s.incident("LZ-2", "2026-10-01", ground: .violation, member: a[4].id)
        let e = s.evaluate(on: "2026-10-01")
        #expect(e.findings(of: "LZ-1").of(.dishonestMember).map(\.subject) == [a[4].id])
        #expect(e.findings(of: "LZ-1").count == 1)
        // A consortium never approved in its round shows nothing after its end.
        var never = Scenario()
        never.apply("LZ-1", "2026-03-01", Fixture.application(members: a))
        never.dissolve("LZ-1", "2026-08-01")
        never.apply("LZ-2", "2026-09-01", Fixture.application(seed: 2, members: b))
        never.incident("LZ-2", "2026-10-01", ground: .violation, member: a[4].id)
        #expect(never.findings("LZ-1", on: "2026-10-01").isEmpty)
    }

    @Test func withdrawingADissolutionRestoresTheConsortium() {
        var s = Self.approved()
        let dissolution = s.dissolve("LZ-1", "2026-08-01")
        #expect(s.status("LZ-1", on: "2026-08-01") == .dissolved)
        s.withdraw("LZ-1", "2026-09-01", dissolution.sha256)
        #expect(s.status("LZ-1", on: "2026-09-01") == .approved)
        #expect(s.evaluate(on: "2026-12-01").notices.of(.annualReport).map(\.stage) == ["upcoming-30"])
    }

    /// decisions 34: PROJECT_LEAD uses the lead units on the version's date.
    @Test func projectLeadJudgedOnTheVersionDate() {
        let m = Fixture.members()
        var s = Self.approved(members: m)
        s.project("LZ-1", "2026-06-01", Fixture.projectLedBy(m[0].id, members: [m[0].id]))
        s.change(
            "LZ-1",
            "2026-07-01",
            [
                .lead(
                    LeadChange(
                        from: m[0].id,
                        to: m[1].id,
                        qualification: Fixture.qualification(for: m[1].id),
                        platforms: [Fixture.platform(host: m[1].id)]
                    )
                )
            ],
            approval: "柳科函〔2026〕1号"
        )
        let f = s.findings("LZ-1", on: "2026-07-01")
        #expect(!f.rules.contains(.projectLead))
        #expect(f.rules == [.majorChange])
        // The former lead stays a member with layer core.
        #expect(s.evaluate(on: "2026-07-01").states["LZ-1"]?.round.formation.member(m[0].id)?.layer == .core)
        // A new version after the change is judged on the new leads.
        s.project("LZ-1", "2026-08-01", Fixture.projectLedBy(m[0].id, members: [m[0].id]))
        #expect(s.findings("LZ-1", on: "2026-08-01").of(.projectLead).map(\.subject) == ["P-1"])
    }

    @Test(arguments: [(500, false), (501, true)])
    func textLimitsCountGraphemeClusters(length: Int, fails: Bool) {
        let goal = String(repeating: "👨‍👩‍👧", count: length)
        #expect(goal.count == length)
        #expect(applicationFindings(Fixture.application(goal: goal)).rules.contains(.textLimits) == fails)
    }

    /// decisions 21: AnnualReport fits once approved in the round, also after the end.
    @Test func annualReportAfterDissolutionIsAccepted() {
        var s = Self.approved()
        s.dissolve("LZ-1", "2027-01-10")
        let report = s.candidate("LZ-1", "2027-01-20", .annualReport(Fixture.completeReport(year: 2026)))
        #expect(s.classify(report) == .accepted)
        s.apply("LZ-1", "2027-02-01")
        let fresh = s.candidate("LZ-1", "2027-02-02", .annualReport(Fixture.completeReport(year: 2026)))
        // Held until the round is approved (documents.md, revised 2026-12), not rejected.
        guard case .pending = s.classify(fresh) else {
            Issue.record("a report in a fresh round before approval must be held")
            return
        }
    }

    /// decisions 22, 19.
    @Test func dissolutionAndRejectionFit() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        #expect(s.classify(s.candidate("LZ-1", "2026-03-02", .dissolution(Dissolution(reason: "x")))) == .accepted)
        let approved = Self.approved()
        let reject = approved.candidate("LZ-1", "2026-06-01", .approval(Approval(decision: .rejected, number: nil)))
        guard case .pending = approved.classify(reject) else {
            Issue.record("a rejection after approval must be held")
            return
        }
        var dissolved = Self.approved()
        dissolved.dissolve("LZ-1", "2026-06-01")
        let twice = dissolved.candidate("LZ-1", "2026-06-02", .dissolution(Dissolution(reason: "x")))
        guard case .pending = dissolved.classify(twice) else {
            Issue.record("a second dissolution must be held")
            return
        }
    }

    /// rules.md: formation findings are notices only while the consortium is live.
    @Test func noFormationFindingsWhenNotLive() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Fixture.members(count: 7, local: 4, enterprises: 4)))
        #expect(s.findings("LZ-1", on: "2026-03-01").rules == [.membersMin])
        s.recommend("LZ-1", "2026-04-01", recommended: false)
        #expect(s.findings("LZ-1", on: "2026-04-01").isEmpty)
    }

    /// rules.md "Waivers": no notice from the approval's date on, also for a rule that only
    /// fails later (a day rule after a Change).
    @Test func waiverCoversLaterFailuresOfTheRule() {
        var s = Self.approved()
        let members = Fixture.members()
        // A waiver in a later renewal also covers it (decisions 33).
        s.change("LZ-1", "2026-06-01", [.leave(members[9].id), .leave(members[8].id), .leave(members[7].id)])
        #expect(s.findings("LZ-1", on: "2026-06-01").rules == [.membersMin])
        s.approve("LZ-1", "2026-07-01", number: "柳科批〔2026〕9号", waivers: [.membersMin])
        #expect(s.findings("LZ-1", on: "2026-07-01").isEmpty)
    }
}

extension Fixture {
    static func projectLedBy(_ lead: MemberID, members: [MemberID]) -> Project {
        makeProject(lead: lead, members: members, start: "2026-06-15")
    }
}
