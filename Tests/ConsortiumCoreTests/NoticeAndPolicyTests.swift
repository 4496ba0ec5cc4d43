import Testing

@testable import ConsortiumCore

@Suite("Notice identity and SHA-256")
struct NoticeIdentityTests {
    @Test func noticeIDMatchesTheSpec() {
        // python3: hashlib.sha256("LZ-2026-003\x1fANNUAL_REPORT\x1f2026\x1fupcoming-7".encode()).hexdigest()[:32]
        #expect(
            Notice.id(consortium: "LZ-2026-003", rule: "ANNUAL_REPORT", subject: "2026", stage: "upcoming-7")
                == "590ecb4b6bf4c4a5576aff7848f084a2"
        )
    }

    @Test func noticeIDDependsOnEveryPart() {
        let base = Notice.id(consortium: "LZ-1", rule: "ANNUAL_REPORT", subject: "2026", stage: "upcoming-7")
        #expect(base.count == 32)
        #expect(base.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(Notice.id(consortium: "LZ-1", rule: "ANNUAL_REPORT", subject: "2026", stage: "upcoming-1") != base)
        #expect(Notice.id(consortium: "LZ-1", rule: "ANNUAL_REPORT", subject: "2027", stage: "upcoming-7") != base)
        // The separator keeps the parts apart.
        #expect(Notice.id(consortium: "a", rule: "bc", subject: "", stage: "x") != Notice.id(consortium: "ab", rule: "c", subject: "", stage: "x"))
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ("柳州", "01ee06680b9a80a62a7dc5b573b365def1469b050a370d3f0eca22d17094ce4a"),
    ])
    func sha256Vectors(text: String, hex: String) {
        #expect(SHA256.hex(Array(text.utf8)) == hex)
    }

    /// A notice id's one-pass hash (`Notice.key`) equals the first 16 bytes of the digest of the
    /// joined text, whatever the length (one block, the padding spilling into a second, several).
    @Test func noticeKeysAreTheDigestOfTheJoinedText() {
        for length in 0...200 {
            let subject = String(repeating: "子", count: length / 3) + String(repeating: "a", count: length % 3)
            for (consortium, rule) in [("LZ-2024-001", "ANNUAL_REPORT"), ("", ""), ("LZ-S-054321", "APPROVED_WITH_UNMET")] {
                let parts = [consortium, rule, subject, "upcoming-30"]
                let digest = SHA256.hash(Array(parts.joined(separator: "\u{1F}").utf8))
                let key = Notice.key(consortium: consortium, rule: rule, subject: subject, stage: "upcoming-30")
                #expect(key.id == SHA256.hexString(digest.prefix(16)), "length \(length)")
                #expect(NoticeKey(key.id) == key)
            }
        }
    }

    @Test func sha256MillionAs() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(SHA256.hexString(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func evaluatedNoticesCarryTheirID() {
        var s = Scenario()
        s.apply("LZ-2026-003", "2026-03-01")
        s.recommend("LZ-2026-003", "2026-04-01")
        s.approve("LZ-2026-003", "2026-05-10")
        let notice = s.evaluate(on: "2026-12-24").notices.of(.annualReport)
        #expect(notice.map(\.id) == ["590ecb4b6bf4c4a5576aff7848f084a2"])
    }
}

@Suite("Policy over time")
struct PolicyTests {
    static func schedule(from date: String, _ edit: (inout Policy) -> Void) -> PolicySchedule {
        var changed = Policy.seed
        edit(&changed)
        return PolicySchedule([.init(effectiveFrom: nil, policy: .seed), .init(effectiveFrom: d(date), policy: changed)])
    }

    @Test func dayRulesUseTheDaysPolicy() {
        let policies = Self.schedule(from: "2026-06-01") { $0.membersMin = 9 }
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Fixture.members(count: 8, local: 4, enterprises: 4)))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        #expect(s.findings("LZ-1", on: "2026-05-31", policies: policies).isEmpty)
        let f = s.findings("LZ-1", on: "2026-06-01", policies: policies)
        // MEMBERS_MIN is judged on the day; APPROVED_WITH_UNMET by the approval date's policy.
        #expect(f.rules == [.membersMin])
    }

    @Test func approvalJudgedByItsDatesPolicy() {
        let policies = Self.schedule(from: "2026-05-01") { $0.membersMin = 9 }
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01", Fixture.application(members: Fixture.members(count: 8, local: 4, enterprises: 4)))
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        #expect(s.findings("LZ-1", on: "2026-05-10", policies: policies).rules == [.membersMin, .approvedWithUnmet])
    }

    @Test func applicationRulesUseTheApplicationDatesPolicy() {
        let policies = Self.schedule(from: "2026-06-01") { $0.priorityIndustries = ["新材料"] }
        var s = Scenario()
        s.apply("LZ-OLD", "2026-03-01", Fixture.application(seed: 1))
        s.apply("LZ-NEW", "2026-06-02", Fixture.application(seed: 2))
        let e = Evaluator.evaluate(s.records, on: d("2026-06-02"), policies: policies)
        #expect(e.findings(of: "LZ-OLD").isEmpty)
        #expect(e.findings(of: "LZ-NEW").rules == [.industryPriority])
    }

    @Test func beforeTheFirstDatedVersionTheSeedApplies() {
        var changed = Policy.seed
        changed.membersMin = 12
        let policies = PolicySchedule([.init(effectiveFrom: d("2026-06-01"), policy: changed)])
        #expect(policies.policy(on: d("2026-05-31")) == .seed)
        #expect(policies.policy(on: d("2026-06-01")).membersMin == 12)
    }

    @Test func validYearsFromThePolicyOfTheApprovalDate() {
        let policies = Self.schedule(from: "2026-01-01") { $0.validYears = 3 }
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        let e = Evaluator.evaluate(s.records, on: d("2026-05-10"), policies: policies)
        #expect(e.states["LZ-1"]?.round.currentApproval?.lastDay == d("2029-05-10"))
    }

    @Test func reminderDaysFromPolicy() {
        let policies = Self.schedule(from: "2026-01-01") { $0.reportReminderDays = [60, 14] }
        var s = Scenario()
        s.apply("LZ-1", "2026-03-01")
        s.recommend("LZ-1", "2026-04-01")
        s.approve("LZ-1", "2026-05-10")
        let early = Evaluator.evaluate(s.records, on: d("2026-11-01"), policies: policies).notices.of(.annualReport)
        #expect(early.map(\.stage) == ["upcoming-60"])
        #expect(early.first?.severity == .notice)
        let late = Evaluator.evaluate(s.records, on: d("2026-12-20"), policies: policies).notices.of(.annualReport)
        #expect(late.map(\.stage) == ["upcoming-14"])
        #expect(late.first?.severity == .warning)
    }
}
