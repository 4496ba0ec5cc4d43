@testable import ConsortiumCore

/// Many consortia with a mix of what the rules look at, in one `Scenario`: compliant ones,
/// consortia sharing a lead unit (LEAD_UNIQUE), dishonesty listings of another consortium's
/// member, missing and incomplete reports, withdrawals, documents waiting for their Application,
/// corrected Applications, refusals, dissolutions, revocations, short approvals that expire,
/// lead changes and member changes during projects, acknowledgements. Several documents share a
/// date and kind, so arrival order matters.
enum GeneratedWorld {
    static func scenario(consortia: Int) -> Scenario {
        var s = Scenario()
        for c in 0..<consortia {
            let key = "LZ-G-\(String(c + 1000))"
            // Every 11th consortium reuses the previous one's members (and so its lead unit).
            var members = Fixture.members(seed: c % 11 == 10 ? c - 1 + 100 : c + 100, count: c % 23 == 5 ? 6 : 10)
            if c % 9 == 4 { members[1].liuzhou.toggle() }  // USCC_REGION, LOCAL_SHARE
            let app = Fixture.application(seed: c + 100, members: members)
            let year = 2022 + c % 3
            let start = "\(year)-0\(1 + c % 9)-1\(c % 10)"
            if c % 13 == 3 { s.report(key, "\(year)-01-02", year: year - 1) }  // before its Application
            s.apply(key, start, app)
            if c % 29 == 7 {
                s.recommend(key, "\(year)-10-01", recommended: false)
                s.apply(key, "\(year)-10-05", Fixture.application(seed: c + 100, members: members, industry: "纺织"))
            }
            s.recommend(key, "\(year)-10-10", code: c % 8 == 2 ? "450202" : "450205")
            if c % 17 == 6 {
                s.reject(key, "\(year)-11-01")
                continue
            }
            s.approve(key, "\(year)-11-0\(1 + c % 9)", number: "柳科批〔\(year)〕\(c)号", validYears: c % 31 == 4 ? 1 : nil)
            let project = s.project(
                key,
                "\(year + 1)-02-01",
                makeProject(
                    "P-\(c)",
                    lead: members[c % 10 == 3 ? 4 : 0].id,
                    members: members.prefix(4).map(\.id),
                    start: "\(year + 1)-02-01"
                )
            )
            if c % 17 == 9 { s.withdraw(key, "\(year + 1)-03-01", project.sha256) }
            for y in year...2025 where c % 5 != 0 || y < 2024 {
                if c % 6 == 1, y == 2024 {
                    s.report(
                        key,
                        "2024-12-2\(c % 9)",
                        AnnualReport(year: y, sentTo: [.bureau], summary: "总结", plan: " ", problems: nil, coordination: "无")
                    )
                } else {
                    s.report(key, "\(y)-12-2\(c % 9)", year: y)
                }
            }
            let change = s.change(
                key,
                "\(year + 1)-06-15",
                [.principal("负责人\(c)"), .chiefExpert(ChiefExpert(name: "专家\(c)", employer: "大学", title: "教授"))]
            )
            if c % 3 == 0 {
                s.acknowledge(
                    "\(year + 1)-07-01",
                    notice: Notice.id(consortium: key, rule: "MAJOR_CHANGE", subject: "\(year + 1)-06-15", stage: "finding")
                )
            }
            _ = change
            if c % 4 == 2 { s.change(key, "\(year + 1)-06-15", [.leave(members[2].id)]) }  // same date and kind as the first
            if c % 10 == 7 {
                s.change(
                    key,
                    "\(year + 1)-08-01",
                    [
                        .lead(
                            LeadChange(
                                from: members[0].id,
                                to: members[1].id,
                                qualification: Fixture.qualification(for: members[1].id)
                            )
                        )
                    ]
                )
            }
            if c % 7 == 1 {
                // A violation by a member of the next consortium: DISHONEST_MEMBER there.
                let other = Fixture.members(seed: c + 101)[3].id
                s.incident(key, "\(year + 1)-09-0\(1 + c % 9)", ground: .violation, member: other, until: c % 14 == 1 ? "2026-06-30" : nil)
            }
            if c % 19 == 11 { s.dissolve(key, "2025-05-05") }
            if c % 37 == 12 { s.revoke(key, "2025-08-08") }
        }
        return s
    }
}
