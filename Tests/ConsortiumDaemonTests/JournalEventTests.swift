import ConsortiumCore
import ConsortiumStore
import Foundation
import Testing

@testable import ConsortiumDaemon

/// Every journal entry the daemon can make carries the fields its event declares, in their order
/// (JournalEvent.fields: what the catalog may show as @FIELD@), at the event's PRIORITY.
@Suite struct JournalEventTests {
    struct Failure: Error {}

    /// One entry from each of JournalEvent's makers.
    static func everyKindOfEntry() throws -> [JournalEvent] {
        let text = try String(
            contentsOf: MessageCatalogTests.root.appendingPathComponent("examples/01-LZ-2024-001-application.yaml"),
            encoding: .utf8
        )
        guard case .success(let decoded) = DocumentDecoder.decode(Data(text.utf8)) else { throw Failure() }
        let reason = DocumentError(path: "consortium", message: "等待组建申请", messageEn: "waits for the Application")
        return [
            .accepted(
                name: "a.yaml",
                sha256: "ab",
                kind: "Application",
                kindName: "组建申请",
                consortium: "LZ-1",
                date: "2026-01-01",
                encoding: "yaml",
                concerned: "LZ-1"
            ),
            .pending(
                name: "a.yaml",
                sha256: "ab",
                document: decoded.document,
                reason: reason,
                pendingDirectory: "/p",
                path: "a.yaml",
                pendingDays: 30
            ),
            .rejected(name: "a.yaml", sha256: "ab", errors: [reason, reason], rejectedDirectory: "/r", target: "a.yaml"),
            .duplicate(name: "a.yaml", sha256: "ab"),
            .failure("写入失败", error: Failure(), area: "store"),
            .directoriesNotReloaded(["inbox", "pending"]),
            .startFailed(Failure()),
            .recovered(area: "store", areaName: "数据库", message: "写入失败"),
            .started(configPath: "/etc/c.yaml", usingDefaults: true, inbox: "/in", consortia: 2, documents: 3),
            .ready(inbox: "/in", consortia: 2, documents: 3, sentMonotonic: 42),
            .reloaded(consortia: 2, documents: 3),
            .stopping(consortia: 2, documents: 3),
            .statesRebuilt(Self.outcome, seconds: 1.5),
        ]
    }

    static var outcome: ResidentModel.StoredStatesOutcome {
        var outcome = ResidentModel.StoredStatesOutcome()
        outcome.read = 7
        outcome.rebuilt = [.missing: 2, .policy: 1]
        return outcome
    }

    /// How many consortia were replayed, why, and for how long (Daemon+StoredStates.swift).
    @Test func theStatesRebuiltEntrySaysHowManyAndWhy() {
        let entry = JournalEvent.statesRebuilt(Self.outcome, seconds: 1.5)
        let fields = Dictionary(entry.namedFields, uniquingKeysWith: { a, _ in a })
        #expect(fields["STATES_REBUILT"] == "3" && fields["STATES_READ"] == "7" && fields["LOAD_SECONDS"] == "1.50")
        #expect(fields["STATES_REBUILT_MISSING"] == "2" && fields["STATES_REBUILT_POLICY"] == "1" && fields["STATES_REBUILT_DAY"] == "0")
        #expect(entry.message.contains("没有保存的状态 2 个") && entry.message.contains("政策已变 1 个"), "\(entry.message)")
    }

    @Test func everyEntryCarriesExactlyItsEventsFields() throws {
        let entries = try Self.everyKindOfEntry()
        #expect(Set(entries.map(\.kind)) == Set(JournalEvent.Kind.allCases))
        for entry in entries {
            #expect(entry.fields.map(\.0) == entry.kind.fields, "\(entry.kind)")
            #expect(!entry.message.isEmpty)
        }
    }

    @Test func prioritiesComeFromTheEventUnlessTheEntrySaysOtherwise() throws {
        let priorities = try Self.everyKindOfEntry().map { "\($0.kind.rawValue) \($0.severity.priority)" }
        // operations.md "The journal": what operators see with journalctl -p.
        #expect(
            priorities == [
                "document-accepted 6", "document-pending 5", "document-rejected 4", "document-duplicate 6",
                "failure 3", "failure 4", "failure 3", "recovered 6", "started 6", "ready 6", "reloaded 6", "stopping 6",
                "states-rebuilt 5",
            ]
        )
    }

    @Test func aDeadlineRulesNoticesCarryTheirDueDate() {
        for rule in RuleID.allCases {
            #expect(
                JournalEvent.noticeFields(rule).contains(.dueDate) == [.annualReport, .reportingRefused, .approvalExpiry].contains(rule),
                "\(rule)"
            )
        }
    }
}
