import ConsortiumFuzzing
import Foundation
import Testing

@testable import ConsortiumCore

/// Inputs from the libFuzzer target `ConsortiumFuzz` (docs/fuzzing.md): the committed seed corpus
/// and every reproducer of a bug it found (`fuzz/regressions/`). Each must decode or be rejected
/// cleanly, and what decodes must go through intake and evaluation without trapping.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    static func files(_ subdirectory: String) -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(subdirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// The fuzz target's own work (ConsortiumFuzzing), returning the decoded documents.
    @discardableResult
    static func exercise(_ bytes: [UInt8]) -> [RecordedDocument] { FuzzInput.exercise(bytes) }

    static func split(_ bytes: [UInt8]) -> [[UInt8]] { FuzzInput.split(bytes) }

    @Test func seedCorpusRunsCleanly() throws {
        let seeds = Self.files("corpus")
        #expect(seeds.count >= 18)
        for url in seeds { Self.exercise(try Self.bytes(url)) }
    }

    @Test func examplesInTheCorpusStillDecode() throws {
        for url in Self.files("corpus") where url.lastPathComponent.hasPrefix("fixture-") || url.lastPathComponent.first!.isNumber {
            let result = DocumentDecoder.decode(try Data(contentsOf: url))
            #expect((try? result.get()) != nil, "\(url.lastPathComponent): \(result)")
        }
    }

    @Test func everyRegressionRunsCleanly() throws {
        for url in Self.files("regressions") { Self.exercise(try Self.bytes(url)) }
    }

    /// fuzz/regressions/approval-validyears-overflow.txt: an Application, then an Approval with
    /// `validYears: 9223372036854775807`. `CivilDate.addingYears` computed `year + validYears` and
    /// trapped (integer overflow) in intake and evaluation, i.e. one inbox file stopped the daemon.
    /// Now the period ends on the calendar's last day, 9999-12-31.
    @Test func approvalWithHugeValidYearsDoesNotTrap() throws {
        let url = Self.fuzzDirectory.appendingPathComponent("regressions/approval-validyears-overflow.txt")
        let records = Self.exercise(try Self.bytes(url))
        #expect(records.map(\.document.kind) == [.application, .approval])
        let evaluation = Evaluator.evaluate(records, on: d("2026-06-01"))
        let state = try #require(evaluation.states["LZ-2026-003"])
        #expect(state.round.isInForce(on: d("9999-12-31")))
        #expect(Intake.classify(records[1], accepted: [records[0]], today: d("2026-05-01")) == .accepted)
    }

    @Test(arguments: [
        ("2026-05-01", Int.max, "9999-12-31"), ("2026-05-01", 8000, "9999-12-31"),
        ("2026-05-01", 7973, "9999-05-01"), ("2026-05-01", Int.min, "0001-01-01"), ("2026-05-01", -2025, "0001-05-01"),
    ])
    func addingYearsStaysInTheCalendar(_ start: String, _ years: Int, _ result: String) {
        #expect(d(start).addingYears(years).description == result)
    }

    /// fuzz/regressions/config-refusaldays-overflow.txt: a config part with
    /// `policy.refusalDays: 9223372036854775807`, then an Application and an Approval. The
    /// REPORTING_REFUSED rule computed 31 December + refusalDays with `CivilDate.adding(days:)`,
    /// which trapped (integer overflow) on evaluation. Now the date saturates at 9999-12-31.
    @Test func configWithHugeRefusalDaysDoesNotTrap() throws {
        let url = Self.fuzzDirectory.appendingPathComponent("regressions/config-refusaldays-overflow.txt")
        let bytes = try Self.bytes(url)
        let config = try ConsortiumConfig.parse(String(decoding: Self.split(bytes)[0], as: UTF8.self))
        #expect(config.policy.policy(on: d("2027-06-01")).refusalDays == Int.max)
        let records = Self.exercise(bytes)
        #expect(records.map(\.document.kind) == [.application, .approval])
        let evaluation = Evaluator.evaluate(records, on: d("2028-06-01"), policies: config.policy)
        #expect(!evaluation.findings.contains { $0.rule == .reportingRefused })
    }

    @Test(arguments: [
        ("2026-12-31", Int.max, "9999-12-31"), ("2026-12-31", Int.min, "0001-01-01"),
        ("9999-12-31", 1, "9999-12-31"), ("0001-01-01", -1, "0001-01-01"), ("2026-12-31", 90, "2027-03-31"),
    ])
    func addingDaysStaysInTheCalendar(_ start: String, _ days: Int, _ result: String) {
        #expect(d(start).adding(days: days).description == result)
    }
}
