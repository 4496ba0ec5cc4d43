import ConsortiumCore
import ConsortiumStore
import Foundation
import GRDB
import Testing

/// `show` and `check` read the consortia they need through the relation tables (migration v3);
/// a database without them filled in is read whole. Both give the same output.
@Suite struct RelationsCLITests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    /// The examples, plus LZ-2024-101 (the lead unit of LZ-2024-001; an Incident listing the
    /// university LZ-2024-001 and LZ-2025-002 name): the relations the rules follow are there.
    static func acceptedTexts() throws -> [(name: String, text: String)] {
        var texts = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { !$0.hasPrefix(".") }.sorted().map {
            ($0, try String(contentsOf: examples.appendingPathComponent($0), encoding: .utf8))
        }
        texts.append(("101-application.yaml", texts[0].1.replacingOccurrences(of: "LZ-2024-001", with: "LZ-2024-101")))
        let incident = try #require(texts.first { $0.0.hasSuffix("incident.yaml") }).1
        texts.append(
            (
                "101-incident.yaml",
                incident.replacingOccurrences(of: "LZ-2025-002", with: "LZ-2024-101")
                    .replacingOccurrences(of: "91450204584320971X", with: "\"124502034980052706\"")
            )
        )
        return texts
    }

    /// A scratch directory whose state holds `texts` as accepted documents, recorded as the daemon records them.
    static func state(_ texts: [(name: String, text: String)]) throws -> Scratch {
        let scratch = try Scratch()
        let state = scratch.url.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: state + "/archive", withIntermediateDirectories: true)
        let store = try Store(stateDirectory: state)
        defer { store.close() }
        var rows: [Store.AcceptedRow] = []
        for (index, file) in texts.enumerated() {
            let bytes = Array(file.text.utf8)
            let sha = SHA256.hex(bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: state + "/archive/" + sha))
            let decoded = try DocumentDecoder.decode(Data(bytes)).get()
            rows.append(
                Store.AcceptedRow(
                    arrival: index + 1,
                    sha256: sha,
                    name: file.name,
                    document: decoded.document,
                    encoding: decoded.encoding,
                    received: Date(),
                    archive: "archive/" + sha
                )
            )
        }
        try store.recordAccepted(rows)
        return scratch
    }

    /// The database as a daemon from before the relation tables left it (until its next start-up).
    static func forgetRelations(_ scratch: Scratch) throws {
        let database = try DatabaseQueue(path: scratch.url.appendingPathComponent("state/" + Store.fileName).path)
        try database.write { try $0.execute(sql: "DELETE FROM meta; DELETE FROM unit; UPDATE document SET notice = NULL") }
        try database.close()
    }

    @Test func showAndCheckGiveTheSameWithTheRelationsAsReadingEverything() throws {
        let accepted = try Self.acceptedTexts()
        let scratch = try Self.state(accepted)
        let application = accepted[0].text
        let change = try #require(accepted.first { $0.name.hasSuffix("change.yaml") }).text
        // Files to check: two duplicates (an Acknowledgement's is accepted again: `check` reports
        // a duplicate as accepted, and an Acknowledgement changes no finding), an
        // Application sharing LZ-2024-001's lead unit (LEAD_UNIQUE needs LZ-2024-001 and
        // LZ-2024-101), a Change bringing in the unit LZ-2025-002's Incident lists
        // (DISHONEST_MEMBER needs LZ-2025-002: found through the file's own units), a document
        // waiting for its Application.
        let files = [
            try scratch.write("dup-application.yaml", application),
            try scratch.write("dup-ack.json", try #require(accepted.first { $0.name.hasSuffix("acknowledgement.json") }).text),
            try scratch.write("201-application.yaml", application.replacingOccurrences(of: "LZ-2024-001", with: "LZ-2024-201")),
            try scratch.write(
                "001-change.yaml",
                change
                    .replacingOccurrences(of: "date: 2025-06-10", with: "date: 2026-06-01")
                    .replacingOccurrences(of: "柳州市智联汽车电子有限公司", with: "柳州市恒力液压件有限公司")
                    .replacingOccurrences(of: "91450203315608475J", with: "91450204584320971X")
            ),
            try scratch.write(
                "301-project.yaml",
                try #require(accepted.first { $0.name.hasSuffix("003-project.yaml") }).text
                    .replacingOccurrences(of: "LZ-2025-003", with: "LZ-2030-301")
            ),
        ]
        let ids = ["LZ-2024-001", "LZ-2024-101", "LZ-2025-002", "LZ-2025-003", "LZ-2099-999"]
        func outputs() throws -> [String] {
            var out: [String] = []
            let check = try scratch.run(["check", "--json"] + files)
            out.append("check \(check.status) \(check.stdout) \(check.stderr)")
            for id in ids {
                let show = try scratch.run(["show", "--json", id])
                out.append("show \(id) \(show.status) \(show.stdout) \(show.stderr)")
            }
            return out
        }
        let withRelations = try outputs()
        try Self.forgetRelations(scratch)
        let readingEverything = try outputs()
        for (fast, whole) in zip(withRelations, readingEverything) { #expect(fast == whole) }
        // What the comparison is about is in the output.
        let check = withRelations[0]
        for expected in ["LEAD_UNIQUE", "DISHONEST_MEMBER", "\"pending\""] { #expect(check.contains(expected), "check output lacks \(expected)") }
        #expect(withRelations[1].contains("\"acknowledged\""), "show LZ-2024-001 lacks its acknowledged notice")
        #expect(withRelations[2].contains("LEAD_UNIQUE") && withRelations[3].contains("DISHONEST_MEMBER"))
        #expect(withRelations.last!.hasPrefix("show LZ-2099-999 1 "))
    }

    /// `evaluate` and `list` read the state a group of consortia at a time (`evaluate` through the
    /// daemon's resident model): the same notices as evaluating the same documents given as files,
    /// and a row per consortium as `show` gives it.
    @Test func evaluateAndListReadTheStateAsTheDaemonHoldsIt() throws {
        let accepted = try Self.acceptedTexts()
        let scratch = try Self.state(accepted)
        // The accepted documents again as files, in arrival order (evaluate's what-if path).
        let files = try accepted.enumerated().map { index, file in
            try scratch.write("files/" + String(format: "%03d-", index + 1) + file.name, file.text)
        }
        for day in ["2024-06-30", "2025-06-30", "2026-11-26", "2027-01-05", "2030-01-01"] {
            let state = try scratch.run(["evaluate", "--json", "--at", day])
            let given = try scratch.run(["evaluate", "--json", "--at", day] + files)
            #expect(state.status == 0 && given.status == 0, "\(day): \(state.stderr) \(given.stderr)")
            #expect(state.stdout == given.stdout, "\(day)")
            #expect(state.stdout.contains("\"acknowledged\"") || day < "2025-06-10", "\(day): no acknowledged notice")
        }
        let list = try scratch.run(["list", "--json"])
        let rows = try #require(list.json as? [[String: Any]])
        #expect(rows.map { $0["consortium"] as? String } == ["LZ-2024-001", "LZ-2024-101", "LZ-2025-002", "LZ-2025-003"])
        for row in rows {
            let id = try #require(row["consortium"] as? String)
            let shown = try #require(try scratch.run(["show", "--json", id]).json as? [String: Any])
            #expect(row["name"] as? String == shown["name"] as? String && row["status"] as? String == shown["status"] as? String, "\(id)")
        }
    }
}
