import Foundation
import Testing

/// `evaluate FILE…` and `check` judge documents in daemon order (date, kind, position), never
/// in argument order (decisions 42; documents.md, revised 2026-12).
@Suite("consortiumctl: arrival order never changes the result")
struct ArrivalOrderCLITests {
    /// An AnnualReport listed before the Approval it follows is not rejected; a folder whose
    /// names sort the report first gives the same answer.
    @Test func reportBeforeItsApprovalInTheArguments() throws {
        let s = try Scratch()
        try s.write("app.yaml", TestDocuments.application(date: "2026-03-02"))
        try s.write("report2026.yaml", TestDocuments.annualReport(date: "2026-12-20", year: 2026))
        try s.write("approval.yaml", TestDocuments.approval(date: "2026-06-01"))
        try s.write("folder/年报2026.yaml", TestDocuments.annualReport(date: "2026-12-20", year: 2026))
        try s.write("folder/批复.yaml", TestDocuments.approval(date: "2026-06-01"))
        try s.write("folder/申请.yaml", TestDocuments.application(date: "2026-03-02"))
        let orders = [
            ["app.yaml", "approval.yaml", "report2026.yaml"], ["app.yaml", "report2026.yaml", "approval.yaml"],
            ["report2026.yaml", "approval.yaml", "app.yaml"], ["folder"],
        ]
        let results = try orders.map { try s.run(["evaluate", "--at", "2027-01-05", "--json"] + $0) }
        for (order, r) in zip(orders, results) {
            #expect(r.status == 0, "\(order): \(r.stderr)")
            #expect(r.stdout == results[0].stdout, "\(order)")
            #expect(!r.stdout.contains("ANNUAL_REPORT"), "\(order): \(r.stdout)")
        }
    }

    /// A Withdrawal listed before the Incident it withdraws withdraws it.
    @Test func withdrawalBeforeTheIncidentItWithdraws() throws {
        let s = try Scratch()
        try s.write("app.yaml", TestDocuments.application(date: "2026-03-02"))
        try s.write("approval.yaml", TestDocuments.approval(date: "2026-06-01"))
        let incident = try s.write("incident.yaml", TestDocuments.incident(date: "2026-08-01"))
        let sha = try sha256(of: incident)
        try s.write("withdrawal.yaml", TestDocuments.withdrawal(date: "2026-08-10", document: sha))
        let forward = try s.run(["evaluate", "--at", "2026-09-01", "--json", "app.yaml", "approval.yaml", "incident.yaml", "withdrawal.yaml"])
        let backward = try s.run(["evaluate", "--at", "2026-09-01", "--json", "withdrawal.yaml", "incident.yaml", "approval.yaml", "app.yaml"])
        #expect(forward.status == 0 && backward.status == 0, "\(forward.stderr) \(backward.stderr)")
        #expect(forward.stdout == backward.stdout)
        #expect(!backward.stdout.contains("REVOCATION_GROUND"))
        // Without the Incident the Withdrawal would stay pending: exit 1, saying what it waits for.
        let alone = try s.run(["evaluate", "--at", "2026-09-01", "withdrawal.yaml", "approval.yaml", "app.yaml"])
        #expect(alone.status == 1)
        #expect(alone.stderr.contains("等待被撤回的文件"), "\(alone.stderr)")
    }

    /// The Revocation concludes the review: the day before it is open, from its date it is not;
    /// withdrawing the Revocation reopens it.
    @Test func revocationConcludesTheReview() throws {
        let s = try Scratch()
        try s.write("app.yaml", TestDocuments.application(date: "2026-03-02"))
        try s.write("approval.yaml", TestDocuments.approval(date: "2026-06-01"))
        try s.write("incident.yaml", TestDocuments.incident(date: "2026-08-01"))
        let revocation = try s.write("revocation.yaml", TestDocuments.revocation(date: "2026-09-01"))
        try s.write("withdrawal.yaml", TestDocuments.withdrawal(date: "2026-10-01", document: try sha256(of: revocation)))
        let files = ["revocation.yaml", "incident.yaml", "approval.yaml", "app.yaml"]
        let before = try s.run(["evaluate", "--at", "2026-08-31", "--json"] + files)
        let on = try s.run(["evaluate", "--at", "2026-09-01", "--json", "--fail-on", "crit"] + files)
        #expect(before.stdout.contains("REVOCATION_GROUND"))
        #expect(!on.stdout.contains("REVOCATION_GROUND"))
        #expect(on.status == 0)
        let reopened = try s.run(["evaluate", "--at", "2026-10-01", "--json", "--fail-on", "crit", "withdrawal.yaml"] + files)
        #expect(reopened.stdout.contains("REVOCATION_GROUND"))
        #expect(reopened.status == 3)
    }

    /// `sha256sum`'s digest of the file (what a clerk types into a Withdrawal).
    private func sha256(of path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
