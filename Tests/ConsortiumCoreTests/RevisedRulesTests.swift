import Testing

@testable import ConsortiumCore

/// The rules revised in 2026-12 (rules.md "After the end", decisions 41), each on both sides.
private typealias R = RevisedRulesTests

@Suite("Revised rules: revocation review, distinct project units")
struct RevisedRulesTests {
    static let members = Fixture.members()
    static let lead = members[0].id
    static let outsider = Fixture.uscc(division: Fixture.beijing, serial: 900_000)
    static let other = Fixture.uscc(division: Fixture.beijing, serial: 900_001)

    static func approved() -> Scenario {
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        return s
    }

    // MARK: A Revocation concludes the revocation review

    @Test func revocationGroundClosesOnTheRevocationsDate() {
        var s = Self.approved()
        s.incident("LZ-1", "2026-10-15", ground: .violation)
        s.revoke("LZ-1", "2026-11-01")
        // The day before: the review is still open.
        #expect(s.evaluate(on: "2026-10-31").notices.of(.revocationGround).map(\.subject) == ["2026-10-15 violation"])
        // On the day and after: concluded, never open again.
        #expect(s.evaluate(on: "2026-11-01").notices.of(.revocationGround).isEmpty)
        #expect(s.evaluate(on: "2028-06-01").notices.of(.revocationGround).isEmpty)
    }

    @Test func incidentAfterTheRevocationRaisesNoGround() {
        var s = Self.approved()
        s.revoke("LZ-1", "2026-11-01")
        s.incident("LZ-1", "2026-11-02", ground: .dispute)
        #expect(s.evaluate(on: "2026-11-02").notices.of(.revocationGround).isEmpty)
        // The same Incident before the Revocation raises one (the other side of the date).
        var before = Self.approved()
        before.incident("LZ-1", "2026-10-31", ground: .dispute)
        #expect(before.evaluate(on: "2026-10-31").notices.of(.revocationGround).count == 1)
    }

    @Test func reportingRefusedClosesOnTheRevocation() {
        // Approved in 2026, no 2026 report: REPORTING_REFUSED from 2027-03-31 (refusalDays 90).
        var s = Self.approved()
        let refused = s.evaluate(on: "2027-04-01").notices.of(.reportingRefused)
        #expect(refused.map(\.subject) == ["2026"])
        #expect(refused.first?.stage == "revocation-review")
        s.revoke("LZ-1", "2027-04-02")
        #expect(s.evaluate(on: "2027-04-01").notices.of(.reportingRefused).count == 1)
        #expect(s.evaluate(on: "2027-04-02").notices.of(.reportingRefused).isEmpty)
    }

    @Test func withdrawnRevocationReopensTheReview() {
        var s = Self.approved()
        s.incident("LZ-1", "2026-10-15", ground: .violation)
        let revocation = s.revoke("LZ-1", "2026-11-01")
        #expect(s.evaluate(on: "2026-11-30").notices.of(.revocationGround).isEmpty)
        s.withdraw("LZ-1", "2026-12-01", revocation.sha256)
        #expect(s.evaluate(on: "2026-12-01").notices.of(.revocationGround).map(\.subject) == ["2026-10-15 violation"])
        #expect(s.status("LZ-1", on: "2026-12-01") == .approved)
    }

    @Test func projectLockAndDishonestMemberAreUnaffected() {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead, Self.members[1].id]))
        // A lead change without approval while the project runs: PROJECT_LOCK.
        let to = Self.members[1].id
        s.change(
            "LZ-1",
            "2026-08-01",
            [
                .lead(
                    LeadChange(
                        from: Self.lead,
                        to: to,
                        qualification: Fixture.qualification(for: to),
                        platforms: []
                    )
                )
            ]
        )
        s.incident("LZ-1", "2026-10-15", ground: .violation, member: Self.members[4].id)
        let before = s.evaluate(on: "2026-10-31").notices
        #expect(before.of(.projectLock).count == 1)
        #expect(before.of(.dishonestMember).count == 1)
        s.revoke("LZ-1", "2026-11-01")
        let after = s.evaluate(on: "2026-11-01").notices
        #expect(after.of(.projectLock).map(\.id) == before.of(.projectLock).map(\.id))
        #expect(after.of(.dishonestMember).map(\.id) == before.of(.dishonestMember).map(\.id))
        #expect(after.of(.revocationGround).isEmpty)
    }

    // MARK: Distinct units in a Project's members (decisions 41)

    @Test(
        arguments: [
            // (members, fails): the consortium's lead and outsiders; duplicates count once.
            ([R.lead, R.outsider, R.outsider], false),  // 1 of 2 distinct: exactly 50 %
            ([R.lead, R.outsider, R.outsider, R.other], true),  // 1 of 3 distinct
            ([R.lead, R.lead, R.outsider], false),  // 1 of 2
            ([R.lead, R.lead, R.outsider, R.other], true),  // 1 of 3 (not 2 of 4)
            ([R.lead, R.members[1].id, R.outsider, R.outsider, R.other, R.other], false),  // 2 of 4: exactly 50 %
        ] as [([MemberID], Bool)]
    )
    func projectMemberShareCountsDistinctUnits(members: [MemberID], fails: Bool) {
        var s = Self.approved()
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: members))
        let found = s.findings("LZ-1", on: "2026-07-01").of(.projectMemberShare)
        #expect(!found.isEmpty == fails, "\(found.map(\.text.en))")
    }

    @Test func projectMemberChangeNamesADroppedUnitOnce() {
        var s = Self.approved()
        let partner = Self.members[1].id
        s.project("LZ-1", "2026-06-01", makeProject(lead: Self.lead, members: [Self.lead, partner, partner]))
        s.project("LZ-1", "2026-08-01", makeProject(lead: Self.lead, members: [Self.lead]))
        let changes = s.findings("LZ-1", on: "2026-08-01").of(.projectMemberChange)
        #expect(changes.count == 1)
        let text = changes.first?.text.zh ?? ""
        #expect(text.components(separatedBy: partner).count == 2, "\(text)")
    }
}
