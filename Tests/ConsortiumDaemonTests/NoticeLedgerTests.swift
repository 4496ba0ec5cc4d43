import ConsortiumCore
import ConsortiumStore
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

    func notice(
        _ consortium: String = "LZ-1",
        rule: String = "ANNUAL_REPORT",
        subject: String = "2026",
        stage: String = "overdue",
        severity: Severity = .err,
        ack: Notice.AcknowledgementInfo? = nil,
        message: String = "m"
    ) -> Notice {
        Notice(
            id: Notice.id(consortium: consortium, rule: rule, subject: subject, stage: stage),
            consortium: consortium,
            consortiumName: "联合体",
            rule: rule,
            clause: "七(二)",
            subject: subject,
            stage: stage,
            severity: severity,
            due: CivilDate("2026-12-31"),
            message: message,
            messageEn: "m",
            acknowledged: ack
        )
    }

    func day(_ text: String) -> CivilDate { CivilDate(text)! }

    func reconcile(
        _ ledger: NoticeLedger,
        _ notices: [Notice],
        on text: String,
        scope: Set<String>? = nil,
        noticesFrom: CivilDate? = nil
    ) throws -> [String] {
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
        let thirty = notice(stage: "upcoming-30", severity: .notice)
        let seven = notice(stage: "upcoming-7", severity: .warning)
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

    /// The stored notice of `id` (the row's JSON).
    func stored(_ id: String) throws -> Notice? {
        try store.notices().first { $0.id == id }.map { try JSONDecoder().decode(Notice.self, from: Data($0.json.utf8)) }
    }

    @Test func theStoredJSONIsTheNoticeAsItsFileHoldsIt() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice(message: "已逾期 0 天")], on: "2027-01-01")
        // Today's text alone does not rewrite the file, so the row keeps the text it was written with.
        _ = try reconcile(ledger, [notice(message: "已逾期 1 天")], on: "2027-01-02")
        #expect(try stored(notice().id)?.message == "已逾期 0 天")
        // A repeat is journal only: the file and the row stay as they were.
        #expect(try reconcile(ledger, [notice(message: "已逾期 7 天")], on: "2027-01-08") == ["repeat overdue"])
        #expect(try stored(notice().id)?.message == "已逾期 0 天")
        #expect(try store.notices().first?.lastEmitted == "2027-01-08")
        #expect(try store.notices().first?.emissions == 2)
        // An acknowledgement rewrites the file with the notice of that day.
        let ack = Notice.AcknowledgementInfo(by: "操作员", note: "处理中", until: nil)
        #expect(try reconcile(ledger, [notice(ack: ack, message: "已逾期 9 天")], on: "2027-01-10") == ["rewrite overdue"])
        #expect(try stored(notice().id)?.acknowledged == ack)
        #expect(try stored(notice().id)?.message == "已逾期 9 天")
        // Resolving rewrites that file with `resolved`.
        #expect(try reconcile(ledger, [], on: "2027-01-12") == ["resolved overdue 2027-01-12"])
        let resolved = try #require(try stored(notice().id))
        #expect(resolved.message == "已逾期 9 天" && resolved.resolved == day("2027-01-12") && resolved.acknowledged == ack)
        #expect(try store.notices().first.map { !$0.open && $0.resolved == "2027-01-12" } == true)
    }

    @Test func anAcknowledgementIsRememberedAcrossARestart() throws {
        let ack = Notice.AcknowledgementInfo(by: "操作员", note: nil, until: day("2027-02-01"))
        _ = try reconcile(try NoticeLedger(store: store), [notice(ack: ack)], on: "2027-01-01")
        let reopened = try NoticeLedger(store: try Store(stateDirectory: directory))
        #expect(try reconcile(reopened, [notice(ack: ack)], on: "2027-01-02") == [])
        let later = Notice.AcknowledgementInfo(by: "操作员", note: nil, until: day("2027-03-01"))
        #expect(try reconcile(reopened, [notice(ack: later)], on: "2027-01-03") == ["rewrite overdue"])
        #expect(try reconcile(try NoticeLedger(store: try Store(stateDirectory: directory)), [notice(ack: later)], on: "2027-01-04") == [])
    }

    @Test func aReopenedNoticeCountsItsEmissionsOn() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice()], on: "2027-01-01")
        _ = try reconcile(ledger, [], on: "2027-01-05")
        _ = try reconcile(ledger, [notice(message: "again")], on: "2027-01-09")
        let row = try #require(try store.notices().first)
        #expect(row.open && row.resolved == nil && row.emissions == 2 && row.firstEmitted == "2027-01-09")
        #expect(try stored(notice().id)?.message == "again")
        #expect(try store.emissions().map(\.what) == ["open", "resolved", "open"])
    }

    @Test func aSupersededNoticeKeepsItsStoredNotice() throws {
        let ledger = try NoticeLedger(store: store)
        let thirty = notice(stage: "upcoming-30", severity: .notice)
        let seven = notice(stage: "upcoming-7", severity: .warning)
        _ = try reconcile(ledger, [thirty], on: "2026-12-01")
        _ = try reconcile(ledger, [seven], on: "2026-12-24")
        let row = try #require(try store.notices().first { $0.id == thirty.id })
        #expect(!row.open && row.resolved == nil)
        #expect(try stored(thirty.id) == thirty)
        #expect(ledger.openCount == 1)
    }

    @Test func theConsortiumAndStoredNoticesOfOpenAndClosedNotices() throws {
        let ledger = try NoticeLedger(store: store)
        _ = try reconcile(ledger, [notice("LZ-1"), notice("LZ-2")], on: "2027-01-01")
        _ = try reconcile(ledger, [notice("LZ-2")], on: "2027-01-02")
        #expect(ledger.consortium(ofNotice: notice("LZ-1").id) == "LZ-1")
        #expect(ledger.consortium(ofNotice: notice("LZ-2").id) == "LZ-2")
        #expect(ledger.consortium(ofNotice: notice("LZ-3").id) == nil)
        #expect(ledger.consortium(ofNotice: "not-an-id") == nil)
        let missing = try ledger.storedNotices { $0 == notice("LZ-1").id }
        #expect(missing.map(\.id) == [notice("LZ-1").id] && missing.first?.resolved == day("2027-01-02"))
    }

    @Test func aNoticeIDThatIsNotHexIsRefused() throws {
        let ledger = try NoticeLedger(store: store)
        var bad = notice()
        bad.id = "LZ-1/ANNUAL_REPORT"
        #expect(throws: LedgerError.self) { try reconcile(ledger, [bad], on: "2027-01-01") }
        #expect(ledger.openCount == 0)
    }

    @Test func theAcknowledgementIsReadFromAStoredJSONOfAnyLayout() throws {
        // Rows whose JSON is pretty-printed (as a notice file is), one acknowledged, one not.
        let ack = Notice.AcknowledgementInfo(by: "操作员", note: "说明", until: day("2027-02-01"))
        let acked = notice("LZ-1", ack: ack)
        let plain = notice("LZ-2")
        let rows = try [acked, plain].map {
            Store.LedgerChange.open(
                Store.NoticeRow(
                    id: $0.id,
                    consortium: $0.consortium,
                    rule: $0.rule,
                    subject: $0.subject,
                    stage: $0.stage,
                    severity: $0.severity.rawValue,
                    open: true,
                    firstEmitted: "2027-01-01",
                    lastEmitted: "2027-01-01",
                    emissions: 1,
                    resolved: nil,
                    json: try OrderedJSON.encode($0)
                )
            )
        }
        try store.saveLedger(rows, emissions: [], at: Date())
        let ledger = try NoticeLedger(store: store)
        #expect(try reconcile(ledger, [acked, plain], on: "2027-01-02") == [])
        #expect(try reconcile(ledger, [notice("LZ-1"), notice("LZ-2", ack: ack)], on: "2027-01-03") == ["rewrite overdue", "rewrite overdue"])
    }
}
