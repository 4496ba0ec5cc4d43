import Testing

@testable import ConsortiumCore

@Suite("Projects and events")
struct ProjectAndEventTests {
    static let members = Fixture.members()
    static let lead = members[0].id
    static let outsiders = (0..<4).map { Fixture.uscc(division: Fixture.beijing, serial: 900_000 + $0) }

    /// `LZ-1` approved on 2026-05-10, with two leads when `twoLeads`.
    static func approved(twoLeads: Bool = false) -> Scenario {
        var members = Self.members
        if twoLeads { members[1].layer = .lead }
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: members))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        s.report("LZ-1", "2026-12-01", year: 2026)
        s.report("LZ-1", "2027-12-01", year: 2027)
        return s
    }

    static func newLead(_ to: MemberID) -> ChangeItem {
        .lead(
            LeadChange(
                from: lead,
                to: to,
                qualification: Fixture.qualification(for: to),
                platforms: [Fixture.platform(host: to, name: "新牵头单位平台")]
            )
        )
    }

    // MARK: PROJECT_LEAD, PROJECT_MEMBER_SHARE

    @Test func projectLeadMustBeAConsortiumLead() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.members[1].id, members: [Self.members[1].id, Self.lead]))
        let f = s.findings("LZ-1", on: "2026-06-01")
        #expect(f.of(.projectLead).map(\.subject) == ["P-1"])
        #expect(f.of(.projectLead).first?.level == .error)
        // Still open while the project is in force, gone after its last active day.
        #expect(s.findings("LZ-1", on: "2028-06-30").rules.contains(.projectLead))
        #expect(!s.findings("LZ-1", on: "2028-07-01").rules.contains(.projectLead))
        var ok = Self.approved()
        ok.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead]))
        #expect(ok.findings("LZ-1", on: "2026-06-01").isEmpty)
    }

    @Test func projectNotUnderConsortiumIsNotJudged() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.outsiders[0], members: Self.outsiders, underConsortium: false))
        #expect(s.findings("LZ-1", on: "2026-06-01").isEmpty)
    }

    @Test(
        arguments: [
            ([0, 1], [0, 1], false),  // 2 of 4: exactly 50% (only the count of `outside` matters)
            ([0], [0, 1], true),  // 1 of 3
            ([0, 1, 2], [0], false),
            ([], [], true),  // empty members fail
            ([0, 1, 2, 3, 4], [0, 1, 2, 3], false),
            ([0, 1, 2, 3], [0, 1, 2, 3, 4], true),  // 4 of 9
        ] as [([Int], [Int], Bool)]
    )
    func projectMemberShare(inside: [Int], outside: [Int], fails: Bool) {
        let ids =
            inside.map { Self.members[$0].id } + outside.enumerated().map { Fixture.uscc(division: Fixture.beijing, serial: 900_000 + $0.offset) }
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: ids))
        let f = s.findings("LZ-1", on: "2026-06-01")
        #expect(f.rules.contains(.projectMemberShare) == fails)
        #expect(f.of(.projectMemberShare).allSatisfy { $0.subject == "P-1" && $0.level == .error })
    }

    @Test func projectFindingsOnlyWhileApproved() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Self.members))
        s.project("LZ-1", "2026-03-05", makeProject(lead: Self.members[1].id, members: []))
        #expect(s.findings("LZ-1", on: "2026-03-05").isEmpty)
    }

    // MARK: PROJECT_LOCK

    @Test func dissolutionDuringProjectWithoutApproval() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        s.dissolve("LZ-1", "2026-08-15")
        let e = s.evaluate(on: "2026-08-15")
        #expect(e.states["LZ-1"]?.status == .dissolved)  // still takes effect
        let lock = e.notices.of(.projectLock)
        #expect(lock.map(\.subject) == ["2026-08-15"])
        #expect(lock.first?.severity == .err)
        // A violation stays open after the end.
        #expect(s.evaluate(on: "2029-01-01").notices.of(.projectLock).count == 1)
    }

    @Test func dissolutionBeforeTheProjectStartsOrWithApproval() {
        var before = Self.approved()
        before.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        before.dissolve("LZ-1", "2026-06-30")
        #expect(before.findings("LZ-1", on: "2026-07-01").of(.projectLock).isEmpty)
        var approved = Self.approved()
        approved.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        approved.dissolve("LZ-1", "2026-08-15", approval: "柳科函〔2026〕9号")
        #expect(approved.findings("LZ-1", on: "2026-08-15").of(.projectLock).isEmpty)
        var closed = Self.approved()
        closed.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01", closed: "2026-08-14"))
        closed.dissolve("LZ-1", "2026-08-15")
        #expect(closed.findings("LZ-1", on: "2026-08-15").of(.projectLock).isEmpty)
    }

    /// decisions 14: a blank approval reference is no reference.
    @Test func blankApprovalIsNoApproval() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead, Self.members[3].id], start: "2026-07-01"))
        s.dissolve("LZ-1", "2026-08-15", approval: "")
        #expect(s.findings("LZ-1", on: "2026-08-15").of(.projectLock).count == 1)
        var change = Self.approved()
        change.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead, Self.members[3].id], start: "2026-07-01"))
        change.change("LZ-1", "2026-08-15", [Self.newLead(Self.members[1].id)], approval: " ")
        change.change("LZ-1", "2026-08-16", [.leave(Self.members[3].id)], approval: "")
        change.project("LZ-1", "2026-08-17", makeProject(lead: Self.members[1].id, members: [Self.members[1].id], start: "2026-07-01", approval: ""))
        let f = change.findings("LZ-1", on: "2026-08-17")
        #expect(f.of(.projectLock).map(\.subject) == ["2026-08-15"])
        #expect(Set(f.of(.projectMemberChange).map(\.subject)) == ["2026-08-16", "2026-08-17"])
    }

    @Test func leadChangeDuringProject() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        s.change("LZ-1", "2026-09-01", [Self.newLead(Self.members[1].id)])
        let f = s.findings("LZ-1", on: "2026-09-01")
        #expect(f.of(.projectLock).map(\.subject) == ["2026-09-01"])
        #expect(f.of(.majorChange).map(\.subject) == ["2026-09-01"])
        var approved = Self.approved()
        approved.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        approved.change("LZ-1", "2026-09-01", [Self.newLead(Self.members[1].id)], approval: "柳科函〔2026〕10号")
        #expect(approved.findings("LZ-1", on: "2026-09-01").of(.projectLock).isEmpty)
    }

    @Test func leadThatLeavesCountsAsLeadChange() {
        var s = Self.approved(twoLeads: true)
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        s.change("LZ-1", "2026-09-01", [.leave(Self.members[1].id)])
        let f = s.findings("LZ-1", on: "2026-09-01")
        #expect(f.of(.projectLock).map(\.subject) == ["2026-09-01"])
        #expect(f.of(.majorChange).map(\.subject) == ["2026-09-01"])
    }

    @Test func joinAsLeadIsNotALeadChange() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead], start: "2026-07-01"))
        let newcomer = Fixture.member(seed: 7, index: 1, type: .enterprise, layer: .lead, local: true)
        s.change("LZ-1", "2026-09-01", [.join(newcomer, signature: SignatureMarks(legalRep: true, seal: true))])
        let f = s.findings("LZ-1", on: "2026-09-01")
        #expect(f.of(.projectLock).isEmpty)
        #expect(f.of(.majorChange).isEmpty)
    }

    // MARK: PROJECT_MEMBER_CHANGE

    @Test func newProjectVersionDroppingAMember() {
        let m = Self.members
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: m[0].id, members: [m[0].id, m[1].id, m[2].id], start: "2026-07-01"))
        var approved = s
        s.project("LZ-1", "2026-09-01", makeProject(lead: m[0].id, members: [m[0].id, m[1].id], start: "2026-07-01"))
        let f = s.findings("LZ-1", on: "2026-09-01")
        #expect(f.of(.projectMemberChange).map(\.subject) == ["2026-09-01"])
        #expect(f.of(.projectMemberChange).first?.level == .warning)
        approved.project(
            "LZ-1",
            "2026-09-01",
            makeProject(lead: m[0].id, members: [m[0].id, m[1].id], start: "2026-07-01", approval: "柳科函〔2026〕11号")
        )
        #expect(approved.findings("LZ-1", on: "2026-09-01").of(.projectMemberChange).isEmpty)
    }

    @Test func newProjectVersionBeforeTheStartOrAddingMembersIsFine() {
        let m = Self.members
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: m[0].id, members: [m[0].id, m[1].id, m[2].id], start: "2026-07-01"))
        s.project("LZ-1", "2026-06-15", makeProject(lead: m[0].id, members: [m[0].id], start: "2026-07-01"))
        s.project("LZ-1", "2026-09-01", makeProject(lead: m[0].id, members: [m[0].id, m[3].id], start: "2026-07-01"))
        #expect(s.findings("LZ-1", on: "2026-09-01").of(.projectMemberChange).isEmpty)
    }

    @Test func changeWhereAProjectMemberLeaves() {
        let m = Self.members
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: m[0].id, members: [m[0].id, m[4].id], start: "2026-07-01"))
        var approved = s
        s.change("LZ-1", "2026-09-01", [.leave(m[4].id)])
        #expect(s.findings("LZ-1", on: "2026-09-01").of(.projectMemberChange).map(\.subject) == ["2026-09-01"])
        approved.change("LZ-1", "2026-09-01", [.leave(m[4].id)], approval: "柳科函〔2026〕12号")
        #expect(approved.findings("LZ-1", on: "2026-09-01").of(.projectMemberChange).isEmpty)
        var other = Self.approved()
        other.project("LZ-1", "2026-06-01", makeProject(lead: m[0].id, members: [m[0].id, m[4].id], start: "2026-07-01"))
        other.change("LZ-1", "2026-09-01", [.leave(m[5].id)])
        #expect(other.findings("LZ-1", on: "2026-09-01").of(.projectMemberChange).isEmpty)
    }

    // MARK: MAJOR_CHANGE

    @Test(arguments: [ChangeItem.executive("新秘书处"), .principal("王总")])
    func majorChange(item: ChangeItem) {
        var s = Self.approved()
        s.change("LZ-1", "2026-10-15", [item])
        let e = s.evaluate(on: "2026-10-15")
        let notices = e.notices.of(.majorChange)
        #expect(notices.map(\.subject) == ["2026-10-15"])
        #expect(notices.first?.severity == .warning)
    }

    @Test func chiefExpertChangeAloneIsNotMajor() {
        var s = Self.approved()
        s.change("LZ-1", "2026-10-15", [.chiefExpert(ChiefExpert(name: "赵六", employer: "某大学", title: "教授"))])
        #expect(s.findings("LZ-1", on: "2026-10-15").isEmpty)
    }

    @Test func eventNoticeListedAfterAcknowledgement() {
        var s = Self.approved()
        s.change("LZ-1", "2026-10-15", [.principal("王总")])
        let notice = s.evaluate(on: "2026-10-15").notices.of(.majorChange)[0]
        #expect(notice.acknowledged == nil)
        #expect(notice.id == Notice.id(consortium: "LZ-1", rule: "MAJOR_CHANGE", subject: "2026-10-15", stage: "finding"))
        s.acknowledge("2026-10-20", notice: notice.id)
        let later = s.evaluate(on: "2027-02-01").notices.of(.majorChange)
        #expect(later.count == 1)
        #expect(later.first?.acknowledged?.by == "王五")
    }

    // MARK: REVOCATION_GROUND

    @Test func revocationGroundWhileApproved() {
        var s = Self.approved()
        s.incident("LZ-1", "2026-10-15", ground: .violation)
        let notices = s.evaluate(on: "2026-10-15").notices.of(.revocationGround)
        #expect(notices.map(\.subject) == ["2026-10-15 violation"])
        #expect(notices.first?.stage == "revocation-review")
        #expect(notices.first?.severity == .crit)
        // The Revocation concludes the review it grounds (rules.md, revised 2026-12).
        s.revoke("LZ-1", "2026-11-01")
        #expect(s.evaluate(on: "2027-01-01").notices.of(.revocationGround).isEmpty)
        #expect(s.status("LZ-1", on: "2027-01-01") == .revoked)
    }

    @Test func revocationGroundNeedsApproved() {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.incident("LZ-1", "2026-03-15", ground: .dispute)
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        #expect(s.findings("LZ-1", on: "2026-05-10").of(.revocationGround).isEmpty)
    }
}
