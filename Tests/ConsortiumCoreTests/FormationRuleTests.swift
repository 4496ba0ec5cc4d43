import Testing

@testable import ConsortiumCore

@Suite("Formation rules")
struct FormationRuleTests {
    // MARK: compliant baseline

    @Test func fixtureUSCCsAreValid() {
        for member in Fixture.members() { #expect(USCC(member.id) != nil, "\(member.id)") }
        #expect(USCC(Fixture.members()[0].id)?.isLiuzhou == true)
        #expect(USCC(Fixture.members()[9].id)?.isLiuzhou == false)
    }

    @Test func compliantApplicationHasNoFindings() {
        let findings = applicationFindings(Fixture.application())
        #expect(findings.isEmpty, "\(findings.map { "\($0.rule.rawValue) \($0.subject)" })")
    }

    @Test func compliantApprovedConsortiumHasNoFormationOrDecisionFindings() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        let findings = s.findings("LZ-1", on: "2026-05-10")
        #expect(findings.filter { $0.rule.isFormation || $0.rule.scope == .decision }.isEmpty, "\(findings.map(\.rule))")
        #expect(findings.isEmpty)
        #expect(s.status("LZ-1", on: "2026-05-10") == .approved)
    }

    // MARK: 一: counts and shares

    @Test(arguments: [(7, true), (8, false), (9, false)])
    func membersMin(count: Int, fails: Bool) {
        let app = Fixture.application(members: Fixture.members(count: count, local: 4, enterprises: 4))
        let f = applicationFindings(app)
        #expect(f.rules.contains(.membersMin) == fails)
        #expect(f.of(.membersMin).allSatisfy { $0.level == .warning && $0.subject == "" })
    }

    @Test(arguments: [(10, 3, false), (10, 2, true), (100, 30, false), (100, 29, true)])
    func localShare(count: Int, local: Int, fails: Bool) {
        let app = Fixture.application(members: Fixture.members(count: count, local: local, enterprises: count / 2))
        let f = applicationFindings(app)
        #expect(f.rules.contains(.localShare) == fails)
        #expect(!f.rules.contains(.usccRegion))
    }

    @Test(arguments: [(10, 3, false), (10, 2, true), (100, 30, false), (100, 29, true)])
    func enterpriseShare(count: Int, enterprises: Int, fails: Bool) {
        let app = Fixture.application(members: Fixture.members(count: count, local: count / 2, enterprises: enterprises))
        let f = applicationFindings(app)
        #expect(f.rules.contains(.enterpriseShare) == fails)
        #expect(f.of(.enterpriseShare).allSatisfy { $0.level == .warning })
    }

    // MARK: 三(二): lead qualification thresholds

    @Test(arguments: [
        (Sector.manufacturing, 499_999_999, true), (.manufacturing, 500_000_000, false),
        (.services, 99_999_999, true), (.services, 100_000_000, false),
    ])
    func leadRevenue(sector: Sector, revenue: Int, fails: Bool) {
        var app = Fixture.application()
        app.leads[0].sector = sector
        app.leads[0].revenue = revenue
        let f = applicationFindings(app)
        #expect(f.rules.contains(.leadRevenue) == fails)
        #expect(f.of(.leadRevenue).allSatisfy { $0.subject == app.members[0].id && $0.level == .warning })
    }

    @Test(arguments: [(19, true), (20, false)])
    func leadRDStaff(staff: Int, fails: Bool) {
        var app = Fixture.application()
        app.leads[0].rdStaff = staff
        #expect(applicationFindings(app).rules.contains(.leadRDStaff) == fails)
    }

    @Test(arguments: [
        ([FiscalYear(year: 2025, rdExpense: 3, sales: 100)], false),  // exactly 3%
        ([FiscalYear(year: 2025, rdExpense: 2_999_999, sales: 100_000_000)], true),  // just below
        ([FiscalYear(year: 2024, rdExpense: 2, sales: 100), FiscalYear(year: 2025, rdExpense: 4, sales: 100)], false),  // Σ 6/200
        ([FiscalYear(year: 2024, rdExpense: 1, sales: 100), FiscalYear(year: 2025, rdExpense: 4, sales: 100)], true),  // Σ 5/200
        ([FiscalYear(year: 2025, rdExpense: 0, sales: 0)], true),  // no sales
        ([FiscalYear(year: 2025, rdExpense: 10, sales: 0)], true),
    ])
    func leadRDIntensity(years: [FiscalYear], fails: Bool) {
        var app = Fixture.application()
        app.leads[0].fiscalYears = years
        #expect(applicationFindings(app).rules.contains(.leadRDIntensity) == fails)
    }

    // MARK: 三(一)

    @Test func membersDistinctDuplicate() {
        var members = Fixture.members(count: 9)
        members.append(members[5])
        let f = applicationFindings(Fixture.recounted(Fixture.application(members: members)))
        #expect(f.of(.membersDistinct).map(\.subject) == [members[5].id])
        #expect(f.of(.membersDistinct).first?.level == .error)
    }

    @Test func membersDistinctOneMember() {
        let f = applicationFindings(Fixture.application(members: Fixture.members(count: 1, local: 1, enterprises: 1)))
        #expect(f.rules.contains(.membersDistinct))
        #expect(f.of(.membersDistinct).map(\.subject) == [""])
    }

    @Test func usccRegion() {
        var members = Fixture.members()
        members[9].liuzhou = true  // Beijing code but marked local
        members[1].liuzhou = false  // Liuzhou code but marked non-local
        let f = applicationFindings(Fixture.application(members: members))
        #expect(Set(f.of(.usccRegion).map(\.subject)) == [members[9].id, members[1].id])
        #expect(f.of(.usccRegion).allSatisfy { $0.level == .info })
    }

    @Test func usccRegionHistoricalCountyCode() {
        var members = Fixture.members()
        members[2] = Fixture.member(seed: 1, index: 2, type: .enterprise, layer: .core, local: true, division: "450221")
        #expect(!applicationFindings(Fixture.application(members: members)).rules.contains(.usccRegion))
    }

    @Test func usccRegionForeignMember() {
        var members = Fixture.members()
        members[9] = Member(
            name: "Fraunhofer",
            id: "DE:HRB 12345",
            country: "DE",
            type: .institute,
            layer: .general,
            liuzhou: false,
            role: "合作研究"
        )
        let app = Fixture.recounted(Fixture.application(members: members))
        #expect(applicationFindings(app).isEmpty)
        var wrong = members
        wrong[9].liuzhou = true
        #expect(applicationFindings(Fixture.recounted(Fixture.application(members: wrong))).of(.usccRegion).map(\.subject) == ["DE:HRB 12345"])
    }

    // MARK: 四(一): leads

    @Test func leadCountZero() {
        var members = Fixture.members()
        members[0].layer = .core
        let f = applicationFindings(Fixture.application(members: members))
        #expect(f.of(.leadCount).count == 1)
        #expect(f.of(.leadCount).first?.level == .error)
    }

    @Test func leadCountTwoIsFineThreeIsNot() {
        var members = Fixture.members()
        members[1].layer = .lead
        #expect(!applicationFindings(Fixture.application(members: members)).rules.contains(.leadCount))
        members[2].layer = .lead
        #expect(applicationFindings(Fixture.application(members: members)).rules.contains(.leadCount))
    }

    @Test func leadWithoutQualification() {
        var members = Fixture.members()
        members[1].layer = .lead
        let app = Fixture.application(members: members, leads: [Fixture.qualification(for: members[0].id)])
        let f = applicationFindings(app)
        #expect(f.of(.leadCount).map(\.subject) == [members[1].id])
    }

    @Test func leadLocalEnterprise() {
        var members = Fixture.members()
        members[0].type = .university
        var f = applicationFindings(Fixture.recounted(Fixture.application(members: members)))
        #expect(f.of(.leadLocalEnterprise).map(\.subject) == [members[0].id])
        // A non-local enterprise lead (Beijing code, flag false).
        var members2 = Fixture.members()
        members2[0] = Fixture.member(seed: 1, index: 0, type: .enterprise, layer: .lead, local: false)
        f = applicationFindings(Fixture.application(members: members2))
        #expect(f.of(.leadLocalEnterprise).map(\.subject) == [members2[0].id])
    }

    @Test func leadRDDeduction() {
        var app = Fixture.application()
        app.leads[0].rdDeduction = false
        let f = applicationFindings(app)
        #expect(f.of(.leadRDDeduction).map(\.subject) == [app.members[0].id])
        #expect(f.of(.leadRDDeduction).first?.level == .error)
    }

    @Test func leadPlatformMissing() {
        let members = Fixture.members()
        let app = Fixture.application(members: members, platforms: [Fixture.platform(host: members[1].id)])
        let f = applicationFindings(app)
        #expect(f.of(.leadPlatform).map(\.subject) == [members[0].id])
        #expect(applicationFindings(Fixture.application(members: members, platforms: [])).rules.contains(.leadPlatform))
    }

    @Test func leadPlatformFromLeadChangeCounts() {
        var s = Scenario()
        let members = Fixture.members()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: members))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        let newLead = members[1].id
        // Without platforms in the lead change: the new lead hosts none.
        var without = s
        without.change(
            "LZ-1",
            "2026-06-01",
            [
                .lead(
                    LeadChange(
                        from: members[0].id,
                        to: newLead,
                        qualification: Fixture.qualification(for: newLead)
                    )
                )
            ]
        )
        #expect(without.findings("LZ-1", on: "2026-06-01").of(.leadPlatform).map(\.subject) == [newLead])
        s.change(
            "LZ-1",
            "2026-06-01",
            [
                .lead(
                    LeadChange(
                        from: members[0].id,
                        to: newLead,
                        qualification: Fixture.qualification(for: newLead),
                        platforms: [Fixture.platform(host: newLead, name: "新平台")]
                    )
                )
            ]
        )
        let f = s.findings("LZ-1", on: "2026-06-01")
        #expect(!f.rules.contains(.leadPlatform))
        #expect(s.evaluate(on: "2026-06-01").states["LZ-1"]?.round.formation.leadIDs == [newLead])
    }

    @Test func leadUniqueLaterApplicationGetsIt() {
        var s = Scenario()
        let a = Fixture.members(seed: 1)
        var b = Fixture.members(seed: 2)
        b[0] = a[0]  // same lead
        s.apply("LZ-B", "2026-03-01", Fixture.application(seed: 2, members: b))
        s.apply("LZ-A", "2026-02-01", Fixture.application(seed: 1, members: a))
        let e = s.evaluate(on: "2026-03-01")
        #expect(e.findings(of: "LZ-A").of(.leadUnique).isEmpty)
        #expect(e.findings(of: "LZ-B").of(.leadUnique).map(\.subject) == [a[0].id])
        #expect(e.findings(of: "LZ-B").of(.leadUnique).first?.level == .warning)
    }

    @Test func leadUniqueTieGoesToGreaterKey() {
        var s = Scenario()
        let a = Fixture.members(seed: 1)
        var b = Fixture.members(seed: 2)
        b[0] = a[0]
        s.apply("LZ-2", "2026-03-01", Fixture.application(seed: 2, members: b))
        s.apply("LZ-1", "2026-03-01", Fixture.application(seed: 1, members: a))
        let e = s.evaluate(on: "2026-03-01")
        #expect(e.findings(of: "LZ-1").of(.leadUnique).isEmpty)
        #expect(e.findings(of: "LZ-2").of(.leadUnique).map(\.subject) == [a[0].id])
    }

    @Test func leadUniqueEndsWhenTheOtherIsNoLongerLive() {
        var s = Scenario()
        let a = Fixture.members(seed: 1)
        var b = Fixture.members(seed: 2)
        b[0] = a[0]
        s.apply("LZ-A", "2026-02-01", Fixture.application(seed: 1, members: a))
        s.apply("LZ-B", "2026-03-01", Fixture.application(seed: 2, members: b))
        s.reject("LZ-A", "2026-04-01")
        #expect(s.findings("LZ-B", on: "2026-03-31").rules.contains(.leadUnique))
        #expect(!s.findings("LZ-B", on: "2026-04-01").rules.contains(.leadUnique))
    }

    // MARK: 三(四), 三(五), 四(二), 附件1

    @Test func governance() {
        var app = Fixture.application()
        app.governance?.advisory = ""
        #expect(applicationFindings(app).of(.governance).first?.level == .error)
        app = Fixture.application()
        app.governance?.executiveStaff = 0
        #expect(applicationFindings(app).rules.contains(.governance))
        app.governance = nil
        #expect(applicationFindings(app).rules.isSuperset(of: [.governance, .fundRules]))
    }

    @Test func fundRules() {
        var app = Fixture.application()
        app.governance?.fundRules = false
        let f = applicationFindings(app)
        #expect(f.rules == [.fundRules])
    }

    @Test func agreementClauses() {
        var app = Fixture.application()
        app.agreement?.clauses = ClauseID.allCases.filter { $0 != .ip }
        #expect(applicationFindings(app).of(.agreementClauses).map(\.level) == [.error])
        app.agreement?.clauses = ClauseID.allCases.filter { $0 != .integrity }
        #expect(applicationFindings(app).of(.agreementClauses).map(\.level) == [.warning])
        app.agreement?.clauses = ClauseID.allCases.filter { $0 != .integrity && $0 != .disputes }
        #expect(applicationFindings(app).of(.agreementClauses).map(\.level) == [.error])
        app.agreement?.clauses = ClauseID.allCases
        #expect(!applicationFindings(app).rules.contains(.agreementClauses))
    }

    @Test func agreementSignedEveryMember() {
        var app = Fixture.application()
        app.agreement?.signatures[3].seal = false
        app.agreement?.signatures[4].legalRep = false
        app.agreement?.signatures.remove(at: 5)
        let f = applicationFindings(app)
        #expect(Set(f.of(.agreementSigned).map(\.subject)) == Set([3, 4, 5].map { app.members[$0].id }))
    }

    @Test func applicationSealed() {
        var app = Fixture.application()
        app.leadSeal = nil
        #expect(applicationFindings(app).rules == [.applicationSealed])
        app.leadSeal = false
        #expect(applicationFindings(app).rules == [.applicationSealed])
    }

    @Test func chiefExpert() {
        var app = Fixture.application()
        app.chiefExpert = nil
        #expect(applicationFindings(app).rules == [.chiefExpert])
    }

    @Test func chiefExpertNamedByChange() {
        var app = Fixture.application()
        app.chiefExpert = nil
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", app)
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10", waivers: [])
        s.change("LZ-1", "2026-06-01", [.chiefExpert(ChiefExpert(name: "赵六", employer: "某大学", title: "教授"))])
        #expect(s.findings("LZ-1", on: "2026-05-31").rules.contains(.chiefExpert))
        #expect(!s.findings("LZ-1", on: "2026-06-01").rules.contains(.chiefExpert))
    }

    @Test func formCounts() {
        var app = Fixture.application()
        app.declared.members = 11
        #expect(applicationFindings(app).rules == [.formCounts])
        app = Fixture.application()
        app.declared.municipalPlatforms = 0
        app.declared.regionalPlatforms = 1
        #expect(applicationFindings(app).rules == [.formCounts])
        app = Fixture.application()
        app.platforms.append(Fixture.platform(host: app.members[1].id, level: .national, name: "国家级平台"))
        #expect(applicationFindings(app).rules == [.formCounts])
        app.declared.regionalPlatforms = 1
        #expect(applicationFindings(app).isEmpty)
    }

    @Test(arguments: [("2026-03", false), ("2026-04", true), ("2025-12", false)])
    func platformNotBuiltMonth(month: String, fails: Bool) {
        var app = Fixture.application()
        app.platforms[0].built = .month(CivilMonth(month)!)
        let f = applicationFindings(app, date: "2026-03-01")
        #expect(f.rules.contains(.platformNotBuilt) == fails)
        #expect(f.of(.platformNotBuilt).allSatisfy { $0.subject == "" && $0.level == .warning })
    }

    @Test(arguments: [("2026-03-01", false), ("2026-03-02", true)])
    func platformNotBuiltDay(day: String, fails: Bool) {
        var app = Fixture.application()
        app.platforms[0].built = .day(d(day))
        #expect(applicationFindings(app, date: "2026-03-01").rules.contains(.platformNotBuilt) == fails)
    }

    @Test(arguments: [(500, false), (501, true)])
    func textLimitsGoal(length: Int, fails: Bool) {
        let app = Fixture.application(goal: String(repeating: "汽", count: length))
        #expect(app.goal.utf8.count == 3 * length)
        let f = applicationFindings(app)
        #expect(f.rules.contains(.textLimits) == fails)
        #expect(f.of(.textLimits).allSatisfy { $0.subject == "" && $0.level == .warning })
    }

    @Test(arguments: [(200, false), (201, true)])
    func textLimitsRole(length: Int, fails: Bool) {
        var members = Fixture.members()
        members[4].role = String(repeating: "研", count: length)
        let f = applicationFindings(Fixture.application(members: members))
        #expect(f.of(.textLimits).map(\.subject) == (fails ? [members[4].id] : []))
    }

    @Test(arguments: [("汽车", false), ("新能源及智能汽车", false), ("未来产业", false), ("房地产", true), ("汽车制造", true)])
    func industryPriority(industry: String, fails: Bool) {
        let f = applicationFindings(Fixture.application(industry: industry))
        #expect(f.rules.contains(.industryPriority) == fails)
        #expect(f.of(.industryPriority).allSatisfy { $0.level == .info })
    }

    // MARK: 七(三): dishonesty list

    @Test func dishonestMemberFromDateThroughUntil() {
        var s = Scenario()
        let members = Fixture.members()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: members))
        s.incident("LZ-1", "2026-04-01", ground: .violation, member: members[3].id, until: "2026-09-30")
        #expect(!s.findings("LZ-1", on: "2026-03-31").rules.contains(.dishonestMember))
        #expect(s.findings("LZ-1", on: "2026-04-01").of(.dishonestMember).map(\.subject) == [members[3].id])
        #expect(s.findings("LZ-1", on: "2026-09-30").of(.dishonestMember).map(\.subject) == [members[3].id])
        #expect(!s.findings("LZ-1", on: "2026-10-01").rules.contains(.dishonestMember))
    }

    @Test func dishonestMemberWithoutUntilAndNotOtherGrounds() {
        var s = Scenario()
        let members = Fixture.members()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: members))
        s.incident("LZ-1", "2026-04-01", ground: .dispute, member: members[3].id)
        #expect(!s.findings("LZ-1", on: "2026-04-01").rules.contains(.dishonestMember))
        s.incident("LZ-1", "2026-04-02", ground: .violation, member: members[3].id)
        #expect(s.findings("LZ-1", on: "2030-01-01").of(.dishonestMember).map(\.subject) == [members[3].id])
    }

    @Test func dishonestMemberListedByAnotherConsortium() {
        var s = Scenario()
        let a = Fixture.members(seed: 1)
        var b = Fixture.members(seed: 2)
        b[5] = a[5]  // a shared member
        s.apply("LZ-A", "2026-03-01", Fixture.application(seed: 1, members: a))
        s.apply("LZ-B", "2026-03-01", Fixture.application(seed: 2, members: b))
        s.incident("LZ-A", "2026-04-01", ground: .violation, member: a[5].id)
        let e = s.evaluate(on: "2026-04-01")
        #expect(e.findings(of: "LZ-B").of(.dishonestMember).map(\.subject) == [a[5].id])
        #expect(e.findings(of: "LZ-A").of(.dishonestMember).map(\.subject) == [a[5].id])
    }
}
