import ConsortiumCore
import Foundation
import Testing

@Suite("ConsortiumConfig.parse")
struct ConfigTests {
    @Test func defaultsMatchOperationsMd() {
        let c = ConsortiumConfig.defaults
        #expect(c.inbox == "/var/lib/consortiumd/inbox")
        #expect(c.rejected == "/var/lib/consortiumd/rejected")
        #expect(c.pending == "/var/lib/consortiumd/pending")
        #expect(c.stateDirectory == "/var/lib/consortiumd")
        #expect(c.noticeDirectory == "/var/lib/consortiumd/notices")
        #expect(c.timezone == "Asia/Shanghai")
        #expect(c.timeZone.identifier == "Asia/Shanghai")
        #expect(c.evaluationTime == TimeOfDay(hour: 8, minute: 30))
        #expect(c.rescanSeconds == 60)
        #expect(c.noticesFrom == nil)
        #expect(c.maxDocumentBytes == 4 * 1024 * 1024)
        #expect(c.maxDocumentNodes == 100_000)
        #expect(c.maxDocxBytes == 20 * 1024 * 1024)
        #expect(c.pendingDays == 30)
        #expect(c.policy == .seed)
        #expect(c.limits == DecodingLimits.default)
    }

    @Test(arguments: ["", "\n", "# only a comment\n", "~\n", "---\n"])
    func emptyTextGivesDefaults(_ text: String) throws {
        #expect(try ConsortiumConfig.parse(text) == .defaults)
    }

    @Test func everyKey() throws {
        let c = try ConsortiumConfig.parse(
            """
            inbox: /srv/c/inbox
            rejected: /srv/c/rejected
            pending: /srv/c/pending
            stateDirectory: /srv/c
            noticeDirectory: /srv/c/notices
            timezone: Asia/Urumqi
            evaluationTime: 07:05
            rescanSeconds: 30
            noticesFrom: 2026-07-01
            maxDocumentBytes: 1MiB
            maxDocumentNodes: 5000
            maxDocxBytes: 10485760
            pendingDays: 14
            """
        )
        #expect(c.inbox == "/srv/c/inbox" && c.rejected == "/srv/c/rejected" && c.pending == "/srv/c/pending")
        #expect(c.stateDirectory == "/srv/c" && c.noticeDirectory == "/srv/c/notices")
        #expect(c.timezone == "Asia/Urumqi")
        #expect(c.evaluationTime == TimeOfDay(hour: 7, minute: 5))
        #expect(c.rescanSeconds == 30)
        #expect(c.noticesFrom == CivilDate("2026-07-01"))
        #expect(c.maxDocumentBytes == 1_048_576 && c.maxDocumentNodes == 5000 && c.maxDocxBytes == 10_485_760)
        #expect(c.pendingDays == 14)
        #expect(c.limits == DecodingLimits(maxDocumentBytes: 1_048_576, maxDocumentNodes: 5000, maxDocxBytes: 10_485_760))
    }

    @Test func nullValueKeepsTheDefault() throws {
        let c = try ConsortiumConfig.parse("noticesFrom:\nrescanSeconds: ~\n")
        #expect(c == .defaults)
    }

    @Test func singlePolicySet() throws {
        let c = try ConsortiumConfig.parse(
            """
            policy:
              membersMin: 10
              localShare: 0.35
              rdIntensityMin: 0.025
              reportReminderDays: [14, 3]
              priorityIndustries: [汽车, 新材料]
            """
        )
        let p = c.policy.policy(on: CivilDate("2020-01-01")!)
        #expect(p.membersMin == 10)
        #expect(p.localShare == Rational(35, 100))
        #expect(p.rdIntensityMin == Rational(25, 1000))
        #expect(p.reportReminderDays == [14, 3])
        #expect(p.priorityIndustries == ["汽车", "新材料"])
        #expect(p.enterpriseShare == Policy.seed.enterpriseShare)
    }

    @Test func datedPolicyListOmittedKeysTakeSeedDefaults() throws {
        let c = try ConsortiumConfig.parse(
            """
            policy:
              - effectiveFrom: 2027-01-01
                membersMin: 6
                localShare: 0.40
              - effectiveFrom: 2028-01-01
                validYears: 3
            """
        )
        let before = c.policy.policy(on: CivilDate("2026-12-31")!)
        #expect(before == .seed)
        let first = c.policy.policy(on: CivilDate("2027-01-01")!)
        #expect(first.membersMin == 6 && first.localShare == Rational(2, 5) && first.validYears == 5)
        let second = c.policy.policy(on: CivilDate("2028-06-01")!)
        // decisions 15: the seed's defaults, not the previous set's.
        #expect(second.membersMin == 8 && second.localShare == Rational(3, 10) && second.validYears == 3)
    }

    @Test func unknownTopLevelKeyNamesKeyAndLine() {
        #expect {
            try ConsortiumConfig.parse("inbox: /srv/in\nrescanSecnds: 10\n")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.key == "rescanSecnds" && e.line == 2 && e.description.contains("rescanSeconds")
                && e.message.contains("未知") && e.messageEn.contains("unknown")
        }
    }

    @Test func unknownPolicyKeyInDatedSet() {
        #expect {
            try ConsortiumConfig.parse("policy:\n  - effectiveFrom: 2027-01-01\n    localshare: 0.4\n")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.key == "policy[0].localshare" && e.line == 3 && e.description.contains("localShare")
        }
    }

    @Test func datedSetWithoutEffectiveFromIsAnError() {
        #expect(throws: ConfigError.self) { try ConsortiumConfig.parse("policy:\n  - membersMin: 6\n") }
    }

    @Test(arguments: [
        ("policy:\n  localShare: 30%\n", "policy.localShare", 2),
        ("policy:\n  localShare: 1.5\n", "policy.localShare", 2),
        ("policy:\n  membersMin: \"8\"\n", "policy.membersMin", 2),
        ("rescanSeconds: 0\n", "rescanSeconds", 1),
        ("timezone: Mars/Olympus\n", "timezone", 1),
        ("evaluationTime: 25:00\n", "evaluationTime", 1),
        ("noticesFrom: 2026-02-30\n", "noticesFrom", 1),
        ("inbox: relative/dir\n", "inbox", 1),
        ("- a\n- b\n", "", 1),
    ])
    func invalidValues(_ text: String, _ key: String, _ line: Int) {
        #expect {
            try ConsortiumConfig.parse(text)
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.key == key && e.line == line
        }
    }

    @Test func yamlSyntaxErrorHasALine() {
        #expect {
            try ConsortiumConfig.parse("inbox: /a\npolicy: [unclosed\n")
        } throws: { error in
            (error as? ConfigError)?.line != nil
        }
    }

    @Test func duplicateKeyIsAnError() {
        #expect(throws: ConfigError.self) { try ConsortiumConfig.parse("inbox: /a\ninbox: /b\n") }
    }
}

@Test func testUSCCsAreValidLiuzhouCodes() {
    for code in [TestDocuments.lead, TestDocuments.partner] {
        #expect(USCC(code) != nil)
        #expect(code.dropFirst(2).hasPrefix("4502"))
    }
    #expect(TestDocuments.lead != TestDocuments.partner)
}

/// The shipped config file lists every key with its default value.
@Test func theShippedConfigIsExactlyTheDefaults() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("config/consortiumd.yaml"), encoding: .utf8)
    #expect(try ConsortiumConfig.parse(text) == ConsortiumConfig())
    for key in [
        "inbox", "rejected", "pending", "stateDirectory", "noticeDirectory", "timezone", "evaluationTime", "rescanSeconds",
        "noticesFrom", "maxDocumentBytes", "maxDocumentNodes", "maxDocxBytes", "pendingDays", "policy", "membersMin",
        "localShare", "enterpriseShare", "revenueManufacturing", "revenueServices", "rdStaffMin", "rdIntensityMin",
        "projectMemberShare", "validYears", "refusalDays", "repeatDays", "reportReminderDays", "expiryReminderDays",
        "priorityIndustries",
    ] {
        #expect(text.contains("\(key):"), "config/consortiumd.yaml lacks \(key)")
    }
}
