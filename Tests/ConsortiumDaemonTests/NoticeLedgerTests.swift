import ConsortiumCore
import Foundation
import Testing
@testable import ConsortiumDaemon

/// The notice ledger against a real SQLite store in a temporary directory.
@Suite struct NoticeLedgerTests {
    let directory: String
    let store: Store

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try Store(stateDirectory: directory)
    }

    func notice(_ consortium: String = "LZ-1", rule: String = "ANNUAL_REPORT", subject: String = "2026", stage: String = "overdue",
                severity: Severity = .err, ack: Notice.AcknowledgementInfo? = nil) -> Notice {
        Notice(id: Notice.id(consortium: consortium, rule: rule, subject: subject, stage: stage), consortium: consortium,
               consortiumName: "联合体", rule: rule, clause: "七(二)", subject: subject, stage: stage, severity: severity,
               due: CivilDate("2026-12-31"), message: "m", messageEn: "m", acknowledged: ack)
    }

    func day(_ text: String) -> CivilDate { CivilDate(text)! }

    func reconcile(_ ledger: NoticeLedger, _ notices: [Notice], on text: String, scope: Set<String>? = nil,
                   noticesFrom: CivilDate? = nil) throws -> [String] {
        try ledger.reconcile(open: notices, scope: scope, today: day(text), policy: .seed, noticesFrom: noticesFrom, now: Date()).map {
            switch $0 {
            case .open(let n, let sent): "open \(n.stage)\(sent ? "" : " unsent")"
            case .repeatNotice(let n): "repeat \(n.stage)"
            case .resolved(let n, let on): "resolved \(n.stage) \(on)"
            case .rewrite(let n): "rewrite \(n.stage)"
            }
        }
    }

    @Test func aNoticeIsEmittedOnce() throws {
        let ledger = try NoticeLedger(store: store)
        #expect(try reconcile(ledger, [notice()], on: "2027-01-01") == ["open overdue"])
        #expect(try reconcile(ledger, [notice()], on: "2027-01-01") == [])
        #expect(try reconcile(ledger, [notice()], on: "2027-01-02") == [])
    }

    @Test func overdueRepeatsEveryRepeatDays() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice()], on: "2027-01-01")
        #expect(try reconcile(ledger, [notice()], on: "2027-01-07") == [])
        #expect(try reconcile(ledger, [notice()], on: "2027-01-08") == ["repeat overdue"])
        #expect(try reconcile(ledger, [notice()], on: "2027-01-14") == [])
        #expect(try reconcile(ledger, [notice()], on: "2027-01-15") == ["repeat overdue"])
    }

    @Test func findingsAndUpcomingStagesDoNotRepeat() throws {
        let ledger = try NoticeLedger(store: store)
        let finding = notice(rule: "MEMBERS_MIN", subject: "", stage: "finding", severity: .warning)
        _ = try reconcile(ledger, [finding], on: "2027-01-01")
        #expect(try reconcile(ledger, [finding], on: "2027-02-01") == [])
    }

    @Test func anAcknowledgementStopsRepeatsUntilItsDate() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice()], on: "2027-01-01")
        let acked = notice(ack: .init(by: "操作员", note: nil, until: day("2027-01-20")))
        #expect(try reconcile(ledger, [acked], on: "2027-01-08") == ["rewrite overdue"])
        #expect(try reconcile(ledger, [acked], on: "2027-01-19") == [])
        #expect(try reconcile(ledger, [acked], on: "2027-01-20") == ["repeat overdue"])
        let forever = notice(ack: .init(by: "操作员", note: nil, until: nil))
        // A later acknowledgement replaces the first: the notice file is rewritten again.
        #expect(try reconcile(ledger, [forever], on: "2027-03-01") == ["rewrite overdue"])
        #expect(try reconcile(ledger, [forever], on: "2027-04-01") == [])
    }

    @Test func aClearedConditionResolvesAndAReopeningIsANewOccurrence() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice()], on: "2027-01-01")
        #expect(try reconcile(ledger, [], on: "2027-01-05") == ["resolved overdue 2027-01-05"])
        #expect(try reconcile(ledger, [], on: "2027-01-06") == [])
        #expect(try reconcile(ledger, [notice()], on: "2027-01-09") == ["open overdue"])
    }

    @Test func aLaterStageSupersedesWithoutResolving() throws {
        let ledger = try NoticeLedger(store: store)
        let thirty = notice(stage: "upcoming-30", severity: .notice), seven = notice(stage: "upcoming-7", severity: .warning)
        _ = try reconcile(ledger, [thirty], on: "2026-12-01")
        #expect(try reconcile(ledger, [seven], on: "2026-12-24") == ["open upcoming-7"])
    }

    @Test func noticesBeforeNoticesFromAreRecordedButNotSent() throws {
        let ledger = try NoticeLedger(store: store)
        #expect(try reconcile(ledger, [notice()], on: "2027-01-01", noticesFrom: day("2027-02-01")) == ["open overdue unsent"])
        #expect(try store.emissions().first?.sent == false)
    }

    @Test func theLedgerSurvivesARestart() throws {
        _ = try reconcile(try NoticeLedger(store: store), [notice()], on: "2027-01-01")
        let reopened = try NoticeLedger(store: try Store(stateDirectory: directory))
        #expect(try reconcile(reopened, [notice()], on: "2027-01-03") == [])
        #expect(try store.emissions().count == 1)
    }

    @Test func notAllConsortiaAreResolvedByAPartialEvaluation() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice("LZ-1"), notice("LZ-2")], on: "2027-01-01")
        #expect(try reconcile(ledger, [], on: "2027-01-02", scope: ["LZ-1"]) == ["resolved overdue 2027-01-02"])
        #expect(try reconcile(ledger, [notice("LZ-2")], on: "2027-01-03") == [])
    }
}
