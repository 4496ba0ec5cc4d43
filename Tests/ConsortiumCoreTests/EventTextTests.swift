import Testing

@testable import ConsortiumCore

/// Event findings keep their texts as parameters (`Finding.Text`) and render them when read: the
/// rendered texts must be exactly those the events had when they were built as Strings. The
/// expected digests were taken from the code before that change (a5555d4).
@Suite struct EventTextTests {
    /// One consortium raising every kind of event text: a project version dropping members, a
    /// Change of lead + principal + executive during a project, one of the executive alone, a lead
    /// leaving with a project's member role, incidents with and without a unit, a late report, a
    /// dissolution during a project.
    static func everyEvent() -> Scenario {
        let m = ProjectAndEventTests.members
        var members = m
        members[1].layer = .lead
        var s = Scenario()
        s.apply("LZ-E", "2026-03-01", Fixture.application(members: members))
        s.recommend("LZ-E", "2026-04-01")
        s.approve("LZ-E", "2026-05-10")
        s.report("LZ-E", "2026-12-01", year: 2026)
        s.project("LZ-E", "2026-06-01", makeProject(lead: m[0].id, members: [m[0].id, m[1].id, m[2].id, m[4].id]))
        s.project("LZ-E", "2026-09-01", makeProject(lead: m[0].id, members: [m[0].id, m[1].id, m[4].id]))
        s.change("LZ-E", "2026-09-10", [ProjectAndEventTests.newLead(m[3].id), .principal("张三"), .executive("联合体秘书处")])
        s.change("LZ-E", "2026-09-20", [.executive("理事会办公室")])
        s.change("LZ-E", "2026-09-25", [.leave(m[1].id), .leave(m[4].id)])
        s.incident("LZ-E", "2026-10-01", ground: .violation, member: m[5].id)
        s.incident("LZ-E", "2026-10-02", ground: .dispute)
        s.report("LZ-E", "2028-01-15", year: 2027)
        s.dissolve("LZ-E", "2028-02-01")
        return s
    }

    /// Every event finding of the states on `day`, one line each: consortium, rule, subject, texts.
    static func eventLines(_ records: [RecordedDocument], on day: String) -> [String] {
        let states = Evaluator.evaluate(records, on: d(day)).states
        return states.keys.sorted().flatMap { key in
            states[key]!.events.map { "\(key)|\($0.rule.rawValue)|\($0.subject)|\($0.detail)|\($0.detailEn)" }
        }
    }

    static func digest(_ lines: [String]) -> String { SHA256.hex(Array(lines.joined(separator: "\n").utf8)) }

    /// The lines `everyEvent` gave on 2028-03-01 before the texts were kept as parameters.
    static let expected = [
        "LZ-E|PROJECT_MEMBER_CHANGE|2026-09-01|项目 P-1（电驱动系统攻关）在实施期间于 2026-09-01 变更主要成员单位（去掉 914502050000010023），未附报批文号（approval）|project P-1 changed its main member units on 2026-09-01 (dropped 914502050000010023) while active, without an approval reference",
        "LZ-E|MAJOR_CHANGE|2026-09-10|2026-09-10 发生重大事项变更：牵头单位变更（原牵头单位 91450205000001000W）；主要负责人变更为「张三」；常设执行机构变更为「联合体秘书处」|major change on 2026-09-10: lead unit changed (former lead 91450205000001000W); principal now 张三; standing executive body now 联合体秘书处",
        "LZ-E|PROJECT_LOCK|2026-09-10|2026-09-10 变更牵头单位时联合体正以其名义承担项目 P-1（电驱动系统攻关），且未附批准文号：项目期间不得自行变更牵头单位|the lead unit changed on 2026-09-10 while project P-1 runs in the consortium's name, without an approval reference",
        "LZ-E|MAJOR_CHANGE|2026-09-20|2026-09-20 发生重大事项变更：常设执行机构变更为「理事会办公室」|major change on 2026-09-20: standing executive body now 理事会办公室",
        "LZ-E|MAJOR_CHANGE|2026-09-25|2026-09-25 发生重大事项变更：牵头单位变更（原牵头单位 914502050000010010）|major change on 2026-09-25: lead unit changed (former lead 914502050000010010)",
        "LZ-E|PROJECT_LOCK|2026-09-25|2026-09-25 变更牵头单位时联合体正以其名义承担项目 P-1（电驱动系统攻关），且未附批准文号：项目期间不得自行变更牵头单位|the lead unit changed on 2026-09-25 while project P-1 runs in the consortium's name, without an approval reference",
        "LZ-E|PROJECT_MEMBER_CHANGE|2026-09-25|2026-09-25 退出联合体的 914502050000010010（项目 P-1）、914502050000010049（项目 P-1） 是在研项目的成员单位，未附报批文号|members of active projects left the consortium on 2026-09-25 without an approval reference: 914502050000010010 (project P-1), 914502050000010049 (project P-1)",
        "LZ-E|REVOCATION_GROUND|2026-10-01 violation|2026-10-01 记录了违规情形「违反法律、法规、规章或相关政策规定」（七(三)第3项，涉及成员单位 911100000000010055）：违规|an incident of ground violation (7(3) item 3, member 911100000000010055) was recorded on 2026-10-01: 违规",
        "LZ-E|REVOCATION_GROUND|2026-10-02 dispute|2026-10-02 记录了违规情形「成员单位间发生重大法律纠纷」（七(三)第1项）：违规|an incident of ground dispute (7(3) item 1) was recorded on 2026-10-02: 违规",
        "LZ-E|ANNUAL_REPORT_LATE|2027|2027年度总结和工作计划于 2028-01-15 报送，晚于规定的 2027-12-31|the 2027 annual report was submitted on 2028-01-15, after the deadline 2027-12-31",
        "LZ-E|PROJECT_LOCK|2028-02-01|2028-02-01 解散时联合体正以其名义承担项目 P-1（电驱动系统攻关），且未附市科技局同意文号：项目期间不得自行解散|dissolved on 2028-02-01 while project P-1 runs in the consortium's name, without the bureau's approval: no dissolution during a project",
    ]

    @Test func everyKindOfEventTextRendersAsBefore() {
        let records = Self.everyEvent().records
        let lines = Self.eventLines(records, on: "2028-03-01")
        #expect(lines.count == Self.expected.count)
        for (got, want) in zip(lines, Self.expected) { #expect(got == want) }
        // Every way of keeping an event's text is met (`plain` is for the rules' findings).
        let states = Evaluator.evaluate(records, on: d("2028-03-01")).states
        let kept = Set(states["LZ-E"]!.events.compactMap { Mirror(reflecting: $0.text).children.first?.label })
        #expect(
            kept == [
                "majorChange", "majorItem", "annualReportLate", "revocationGround", "projectMembersDropped",
                "projectMembersLeft", "leadChangedDuringProject", "dissolvedDuringProject",
            ]
        )
    }

    @Test func theGeneratedWorldsEventTextsAreAsBefore() {
        let lines = Self.eventLines(GeneratedWorld.scenario(consortia: 120).records, on: "2030-01-01")
        #expect(lines.count > 100)
        #expect(Self.digest(lines) == "4d79fd411a124ec1bcaa2e60e954ef4c8795537d8ac5efaa0a1f5190577ba8f9")
    }

    /// A finding equals another whose texts are kept differently but read the same.
    @Test func equalityComparesTheRenderedTexts() {
        let events = Evaluator.evaluate(Self.everyEvent().records, on: d("2028-03-01")).states["LZ-E"]!.events
        for event in events {
            var plain = event
            plain.detail = event.detail
            #expect(plain == event)
            plain.detailEn += " "
            #expect(plain != event)
        }
    }
}
