import Testing

@testable import ConsortiumCore

@Suite("Decision rules")
struct DecisionRuleTests {
    @Test func recommendationMissingWithoutRecommendation() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.approve("LZ-1", "2026-05-10")
        let f = s.findings("LZ-1", on: "2026-05-10")
        #expect(f.rules == [.recommendationMissing])
        #expect(f.of(.recommendationMissing).first?.level == .warning)
        #expect(s.evaluate(on: "2026-05-10").notices.of(.recommendationMissing).first?.severity == .warning)
    }

    @Test func recommendationMissingWithPriorPositiveRecommendation() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-05-10")  // same day: applied before the approval
        s.approve("LZ-1", "2026-05-10")
        #expect(s.findings("LZ-1", on: "2026-05-10").isEmpty)
    }

    @Test func recommendationMissingAfterNegativeRecommendation() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-04-01", recommended: false)
        #expect(s.status("LZ-1", on: "2026-04-01") == .notRecommended)
        s.approve("LZ-1", "2026-05-10")
        #expect(s.status("LZ-1", on: "2026-05-10") == .approved)
        #expect(s.findings("LZ-1", on: "2026-05-10").rules.contains(.recommendationMissing))
    }

    @Test func recommendationDatedAfterTheApprovalDoesNotCount() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.approve("LZ-1", "2026-05-10")
        let late = s.recommend("LZ-1", "2026-05-11")
        #expect(s.findings("LZ-1", on: "2026-05-12").rules.contains(.recommendationMissing))
        // It does not fit an approved consortium.
        var before = Scenario()
        before.apply("LZ-1", "2026-03-01")
        before.approve("LZ-1", "2026-05-10")
        if case .pending = before.classify(late) {} else { Issue.record("a recommendation after the approval should be held") }
    }

    @Test(arguments: [
        ("450205", "柳北区", "450205", false),
        ("450205", "城中区", "450202", true),
        ("450221", "柳江区", "450206", false),
        ("450206", "柳江县", "450221", false),
        ("450200", "城中区", "450202", false),
        ("450201", "鹿寨县", "450223", false),
    ])
    func recommendationDistrict(leadDivision: String, district: String, code: String, fails: Bool) {
        var members = Fixture.members()
        members[0] = Fixture.member(seed: 1, index: 0, type: .enterprise, layer: .lead, local: true, division: leadDivision)
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: members))
        s.recommend("LZ-1", "2026-04-01", district: district, code: code)
        let f = s.findings("LZ-1", on: "2026-04-01")
        #expect(f.rules.contains(.recommendationDistrict) == fails, "\(f.map(\.rule))")
        #expect(f.of(.recommendationDistrict).allSatisfy { $0.level == .info && $0.subject == "" })
        #expect(f.filter { $0.rule != .recommendationDistrict }.isEmpty)
    }

    @Test func recommendationDistrictJudgedOnTheLatest() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-04-01", district: "城中区", code: "450202")
        #expect(s.findings("LZ-1", on: "2026-04-01").rules.contains(.recommendationDistrict))
        s.recommend("LZ-1", "2026-04-10", district: "柳北区", code: "450205")
        #expect(!s.findings("LZ-1", on: "2026-04-10").rules.contains(.recommendationDistrict))
    }

    @Test func approvedWithUnmetWarning() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Fixture.members(count: 7, local: 4, enterprises: 4)))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        let f = s.findings("LZ-1", on: "2026-05-10")
        #expect(f.rules == [.membersMin, .approvedWithUnmet])
        #expect(f.of(.approvedWithUnmet).first?.level == .warning)
    }

    @Test func approvedWithUnmetErrorLevel() {
        var app = Fixture.application()
        app.leadSeal = false
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", app)
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        #expect(s.findings("LZ-1", on: "2026-05-10").rules == [.applicationSealed, .approvedWithUnmet])
    }

    @Test func approvedWithOnlyInfoFindingsIsNotUnmet() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(industry: "房地产"))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        #expect(s.findings("LZ-1", on: "2026-05-10").rules == [.industryPriority])
    }

    @Test func waiverRemovesTheFindingAndItsNoticeFromTheApprovalOn() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Fixture.members(count: 7, local: 4, enterprises: 4)))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10", waivers: [.membersMin])
        #expect(s.evaluate(on: "2026-05-09").notices.of(.membersMin).count == 1)
        let e = s.evaluate(on: "2026-05-10")
        #expect(e.findings(of: "LZ-1").isEmpty)
        #expect(e.notices.isEmpty)
        #expect(s.evaluate(on: "2027-06-01").notices.of(.membersMin).isEmpty)
    }

    @Test func waiverOfAnErrorLevelRule() {
        var app = Fixture.application()
        app.governance?.fundRules = false
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", app)
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10", waivers: [.fundRules])
        #expect(s.findings("LZ-1", on: "2026-05-10").isEmpty)
    }

    @Test func renewalDoesNotUnwaive() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Fixture.members(count: 7, local: 4, enterprises: 4)))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10", waivers: [.membersMin])
        s.approve("LZ-1", "2031-05-01", number: "柳科批〔2031〕2号")
        let f = s.findings("LZ-1", on: "2031-05-01")
        #expect(!f.rules.contains(.membersMin))
        #expect(!f.rules.contains(.approvedWithUnmet))
    }
}
