import ConsortiumCore
import Foundation
import Testing

@Suite("consortiumctl", .serialized)
struct CLITests {
    @Test func binaryIsFound() {
        #expect(CLI.binary != nil, "build consortiumctl first (swift test builds it)")
    }

    // MARK: - Usage and config (exit 2)

    @Test func unknownSubcommandIsUsageError() throws {
        let s = try Scratch()
        #expect(try s.run(["frobnicate"]).status == 2)
    }

    @Test func badDateIsUsageError() throws {
        let s = try Scratch()
        #expect(try s.run(["evaluate", "--at", "2026-02-30"]).status == 2)
    }

    @Test func failOnOnlyTakesErrOrCrit() throws {
        let s = try Scratch()
        #expect(try s.run(["evaluate", "--at", "2026-05-01", "--fail-on", "warning"]).status == 2)
    }

    @Test func checkWithoutFilesIsUsageError() throws {
        let s = try Scratch()
        #expect(try s.run(["check"]).status == 2)
    }

    @Test func invalidConfigIsExit2WithKeyAndLine() throws {
        let s = try Scratch(config: "inbox: /srv/in\npolicy:\n  membrsMin: 5\n")
        let r = try s.run(["list", "--json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("policy.membrsMin") && r.stderr.contains("第3行") && r.stderr.contains("line 3"))
        #expect(r.stdout.isEmpty)
    }

    @Test func absentConfigMeansDefaults() throws {
        let s = try Scratch()
        let r = try CLI.run(["evaluate", "--at", "2026-05-01", "--json", "--config", s.url.appendingPathComponent("absent.yaml").path], in: s.url)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"notices\": []"))
    }

    @Test func existingDatabaseNeedsTheReader() throws {
        let s = try Scratch()
        try s.write("state/consortiumd.sqlite", "")
        let r = try s.run(["list"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("consortiumd.sqlite"))
    }

    // MARK: - check

    @Test func checkMissingFileIsIOError() throws {
        let s = try Scratch()
        let r = try s.run(["check", "nope.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("nope.yaml"))
    }

    @Test func checkRejectsLinksAndDirectoriesUnopened() throws {
        let s = try Scratch()
        let target = try s.write("real.yaml", TestDocuments.application())
        try FileManager.default.createSymbolicLink(atPath: s.url.appendingPathComponent("link.yaml").path, withDestinationPath: target)
        try FileManager.default.createDirectory(at: s.url.appendingPathComponent("dir"), withIntermediateDirectories: true)
        let r = try s.run(["check", "--json", "link.yaml", "dir"])
        #expect(r.status == 1)
        let entries = try #require(r.json as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries.map { $0["outcome"] as? String } == ["rejected", "rejected"])
        #expect(entries.map { $0["accepted"] as? Bool } == [false, false])
        #expect(entries.allSatisfy { $0["kind"] is NSNull && $0["consortium"] is NSNull })
        // Keys in the documented order.
        let order = ["\"file\"", "\"outcome\"", "\"accepted\"", "\"kind\"", "\"consortium\"", "\"errors\"", "\"findings\""]
        let positions = order.map { r.stdout.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func checkRejectsANonDocument() throws {
        let s = try Scratch()
        try s.write("junk.yaml", "hello: world\n")
        let r = try s.run(["check", "junk.yaml"])
        #expect(r.status == 1)
    }

    @Test func checkRejectsTooLargeUnread() throws {
        let s = try Scratch(config: "maxDocumentBytes: 10\n")
        try s.write("big.yaml", TestDocuments.application())
        let r = try s.run(["check", "--json", "big.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("maxDocumentBytes"))
    }

    @Test()
    func checkAcceptsAValidApplication() throws {
        let s = try Scratch()
        try s.write("app.yaml", TestDocuments.application(date: "2026-03-02"))
        let r = try s.run(["check", "--json", "app.yaml"])
        #expect(r.status == 0)
        let entries = try #require(r.json as? [[String: Any]])
        #expect(entries.first?["outcome"] as? String == "accepted")
        #expect(entries.first?["kind"] as? String == "Application")
        #expect(entries.first?["consortium"] as? String == "LZ-2026-001")
        let findings = try #require(entries.first?["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "MEMBERS_MIN" })
    }

    @Test()
    func checkWrongUSCCIsRejected() throws {
        let s = try Scratch()
        var wrong = TestDocuments.lead
        wrong.removeLast()
        wrong.append(TestDocuments.lead.last == "0" ? "1" : "0")
        try s.write("app.yaml", TestDocuments.application(lead: wrong))
        let r = try s.run(["check", "--json", "app.yaml"])
        #expect(r.status == 1)
        let entries = try #require(r.json as? [[String: Any]])
        let errors = try #require(entries.first?["errors"] as? [[String: Any]])
        #expect(errors.contains { ($0["path"] as? String)?.contains("uscc") == true && $0["line"] is Int })
    }

    /// Files are judged in daemon order (date, kind, position), not in the order given
    /// (decisions 25, 42): a Recommendation listed before its Application is accepted; entries
    /// stay in the order given.
    @Test()
    func checkJudgesInDaemonOrderAndDuplicateIsAccepted() throws {
        let s = try Scratch()
        try s.write("1-rec.yaml", TestDocuments.recommendation(date: "2026-04-01"))
        try s.write("2-app.yaml", TestDocuments.application(date: "2026-03-02"))
        try s.write("3-app-again.yaml", TestDocuments.application(date: "2026-03-02"))
        let r = try s.run(["check", "--json", "1-rec.yaml", "2-app.yaml", "3-app-again.yaml"])
        #expect(r.status == 0)
        let entries = try #require(r.json as? [[String: Any]])
        #expect(entries.map { $0["file"] as? String } == ["1-rec.yaml", "2-app.yaml", "3-app-again.yaml"])
        #expect(entries.map { $0["outcome"] as? String } == ["accepted", "accepted", "accepted"])
        let reversed = try s.run(["check", "--json", "3-app-again.yaml", "2-app.yaml", "1-rec.yaml"])
        let again = try #require(reversed.json as? [[String: Any]])
        #expect(again.map { $0["outcome"] as? String } == ["accepted", "accepted", "accepted"])
    }

    /// A document still held at the end of the sequence stays `pending`, its errors saying what
    /// it waits for (decisions 25): a Recommendation dated before any Application, and an
    /// AnnualReport of a consortium never approved.
    @Test()
    func checkHeldAtTheEndSaysWhatItWaitsFor() throws {
        let s = try Scratch()
        try s.write("rec.yaml", TestDocuments.recommendation(date: "2026-03-01"))
        try s.write("app.yaml", TestDocuments.application(date: "2026-03-02"))
        try s.write("report.yaml", TestDocuments.annualReport(date: "2026-06-01", year: 2026))
        let r = try s.run(["check", "--json", "report.yaml", "rec.yaml", "app.yaml"])
        #expect(r.status == 0)
        let entries = try #require(r.json as? [[String: Any]])
        #expect(entries.map { $0["outcome"] as? String } == ["pending", "pending", "accepted"])
        let waits = entries.prefix(2).map { (($0["errors"] as? [[String: Any]])?.first?["message"] as? String) ?? "" }
        #expect(waits[0].hasPrefix("等待联合体 LZ-2026-001 的状态"), "\(waits[0])")
        #expect(waits[1].hasPrefix("等待组建申请"), "\(waits[1])")
        // The Approval mends the report (dated before it): applied, no errors, still `pending`.
        try s.write("approval.yaml", TestDocuments.approval(date: "2026-05-10"))
        let mended = try s.run(["check", "--json", "report.yaml", "app.yaml", "approval.yaml"])
        let after = try #require(mended.json as? [[String: Any]])
        #expect(after.map { $0["outcome"] as? String } == ["accepted", "accepted", "accepted"])
    }

    @Test()
    func checkFutureDateIsRejected() throws {
        let s = try Scratch()
        try s.write("app.yaml", TestDocuments.application(date: "2999-01-01"))
        #expect(try s.run(["check", "app.yaml"]).status == 1)
    }

    // MARK: - evaluate

    @Test func evaluateWithoutStateListsNothing() throws {
        let s = try Scratch()
        let r = try s.run(["evaluate", "--at", "2026-05-01", "--json", "--fail-on", "err"])
        #expect(r.status == 0)
        let object = try #require(r.json as? [String: Any])
        #expect(object["at"] as? String == "2026-05-01")
        #expect((object["notices"] as? [Any])?.isEmpty == true)
        #expect(r.stdout.range(of: "\"at\"")!.lowerBound < r.stdout.range(of: "\"notices\"")!.lowerBound)
    }

    @Test func evaluateMissingFileIsIOError() throws {
        let s = try Scratch()
        #expect(try s.run(["evaluate", "--at", "2026-05-01", "nope.yaml"]).status == 2)
    }

    @Test func evaluateRejectedFileIsExit1() throws {
        let s = try Scratch()
        try s.write("junk.yaml", "hello: world\n")
        let r = try s.run(["evaluate", "--at", "2026-05-01", "--json", "junk.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("junk.yaml"))
        #expect(r.json != nil)
    }

    @Test func evaluateDirectorySkipsHiddenFiles() throws {
        let s = try Scratch()
        try s.write("docs/.hidden.yaml", "not: a document\n")
        try s.write("docs/part.yaml.part", "not: a document\n")
        let r = try s.run(["evaluate", "--at", "2026-05-01", "docs"])
        #expect(r.status == 0)
    }

    @Test()
    func evaluateFailOnSeverities() throws {
        let s = try Scratch()
        try s.write("docs/1-app.yaml", TestDocuments.application(date: "2026-03-02"))
        try s.write("docs/2-approval.yaml", TestDocuments.approval(date: "2026-06-01"))
        // 2027-01-15: the 2026 annual report is overdue (err), no revocation review yet.
        let overdue = try s.run(["evaluate", "--at", "2027-01-15", "--json", "docs"])
        #expect(overdue.status == 0)
        let notices = try #require((overdue.json as? [String: Any])?["notices"] as? [[String: Any]])
        #expect(
            notices.contains {
                $0["rule"] as? String == "ANNUAL_REPORT" && $0["stage"] as? String == "overdue"
                    && $0["severity"] as? String == "err" && $0["subject"] as? String == "2026" && $0["due"] as? String == "2026-12-31"
            }
        )
        #expect(!notices.contains { $0["stage"] as? String == "resolved" })
        let keys = notices.map { ($0["consortium"] as! String, $0["rule"] as! String, $0["subject"] as! String) }
        #expect(keys.map { "\($0.0)\u{1F}\($0.1)\u{1F}\($0.2)" } == keys.map { "\($0.0)\u{1F}\($0.1)\u{1F}\($0.2)" }.sorted())
        #expect(try s.run(["evaluate", "--at", "2027-01-15", "--fail-on", "err", "docs"]).status == 3)
        #expect(try s.run(["evaluate", "--at", "2027-01-15", "--fail-on", "crit", "docs"]).status == 0)
        // From 2027-03-31 (refusalDays 90): REPORTING_REFUSED at revocation-review, crit.
        #expect(try s.run(["evaluate", "--at", "2027-04-01", "--fail-on", "crit", "docs"]).status == 3)
    }

    @Test()
    func evaluateArgumentOrderAndPending() throws {
        let s = try Scratch()
        let rec = try s.write("rec.yaml", TestDocuments.recommendation("LZ-2026-009", date: "2026-04-01"))
        let app = try s.write("app.yaml", TestDocuments.application(date: "2026-03-02"))
        // A Recommendation for a consortium with no Application stays pending: exit 1.
        #expect(try s.run(["evaluate", "--at", "2026-05-01", app, rec]).status == 1)
        // An Application given after its Recommendation releases it: exit 0.
        try s.write("rec1.yaml", TestDocuments.recommendation(date: "2026-04-01"))
        #expect(try s.run(["evaluate", "--at", "2026-05-01", "rec1.yaml", app]).status == 0)
    }

    // MARK: - list and show

    @Test func listWithoutStateIsEmpty() throws {
        let s = try Scratch()
        let r = try s.run(["list", "--json"])
        #expect(r.status == 0)
        #expect((r.json as? [Any])?.isEmpty == true)
    }

    @Test func showUnknownIdIsExit1() throws {
        let s = try Scratch()
        let r = try s.run(["show", "LZ-2099-001"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("LZ-2099-001"))
    }
}
