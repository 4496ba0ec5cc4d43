import ConsortiumCore
import Foundation
import Testing

@testable import ConsortiumReport

/// The examples with two consortia whose names (and a member's) are hostile HTML.
enum Hostile {
    static let script = "<script>alert(1)</script>"
    static let image = #""><img src=x onerror=document.body.setAttribute('data-pwned','1')>"#

    static func texts() throws -> [(name: String, text: String)] {
        var texts = try Examples.texts()
        let application = try Examples.text("01-LZ-2024-001-application.yaml")
        func named(_ key: String, _ name: String) -> String {
            application.replacingOccurrences(of: "LZ-2024-001", with: key)
                .replacingOccurrences(of: "name: 柳州市新能源汽车关键零部件创新联合体", with: "name: '\(name.replacingOccurrences(of: "'", with: "''"))'")
                .replacingOccurrences(of: "name: 柳州华驰电驱动系统有限公司", with: "name: '\(image.replacingOccurrences(of: "'", with: "''"))'")
        }
        texts.append(("90-script.yaml", named("LZ-2026-901", script)))
        texts.append(("91-image.yaml", named("LZ-2026-902", image)))
        return texts
    }
}

@Suite struct ReportRenderingTests {
    static func pages(on day: String) throws -> (index: String, pages: [ConsortiumID: String], overview: Overview) {
        let settings = ReportSettings(day: d(day))
        let facts = try Examples.facts(Hostile.texts(), on: day)
        let renderer = ReportRenderer()
        var pages: [ConsortiumID: String] = [:]
        var summaries: [ConsortiumSummary] = []
        for (id, f) in facts {
            let summary = ReportModel.summary(f, settings)
            summaries.append(summary)
            pages[id] = renderer.consortium(f, summary: summary, settings: settings, hasLedger: false)
        }
        let overview = Overview(summaries, day: settings.day)
        return (renderer.index(overview, settings: settings), pages, overview)
    }

    /// The `<script` elements of a page: the overview's own script (no attributes) and its data
    /// blocks (`<script type="application/json" id="…-data">`); nothing else.
    static func scripts(_ page: String) -> (code: Int, data: [String]) {
        var code = 0
        var data: [String] = []
        for part in page.components(separatedBy: "<script").dropFirst() {
            if part.hasPrefix(">") {
                code += 1
                continue
            }
            let head = String(part.prefix { $0 != ">" })
            data.append(head)
        }
        return (code, data)
    }

    @Test func hostileNamesAreEscapedTextEverywhere() throws {
        let (index, pages, overview) = try Self.pages(on: "2026-12-07")
        #expect(index.contains("LZ-2026-901"))
        let blocks = (overview.deadlines.isEmpty ? [] : ["deadline-data"]) + (overview.urgent.isEmpty ? [] : ["urgent-data"]) + ["consortia-data"]
        // In the overview's data (JSON inside a script element): `<`, `>` and `&` escaped, so the
        // element cannot be closed by a name.
        #expect(index.contains(#""LZ-2026-901","","\u003cscript\u003ealert(1)\u003c/script\u003e""#))
        #expect(index.contains(#""\"\u003e\u003cimg src=x onerror=document.body.setAttribute('data-pwned','1')\u003e""#))
        for page in [index] + pages.values {
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img"))
            // The overview's own script and its data blocks are the only ones; each block is closed
            // once, by its own end tag.
            let scripts = Self.scripts(page)
            #expect(scripts.code == (page == index ? 1 : 0))
            #expect(scripts.data == (page == index ? blocks.map { #" type="application/json" id=""# + $0 + "\"" } : []))
            #expect(page.components(separatedBy: "</script").count - 1 == scripts.code + scripts.data.count)
        }
        let page = try #require(pages["LZ-2026-902"])
        #expect(
            page.contains("<h1 id=\"name\">&quot;&gt;&lt;img src=x onerror=document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&gt;</h1>")
        )
        #expect(page.contains("<td>&quot;&gt;&lt;img src=x"))
        #expect(try #require(pages["LZ-2026-901"]).contains("<title>LZ-2026-901 &lt;script&gt;alert(1)&lt;/script&gt;</title>"))
    }

    /// Whatever a text holds, its JSON in the overview's data never closes the script element or
    /// opens a comment, and reads back as the same text.
    @Test(arguments: ["</script><script>alert(1)</script>", "<!--<script>", "</SCRIPT >", "a&b\"c\\d", "\u{2028}\u{2029}\u{0}\t\n\u{7F}", "柳州 <b>"])
    func theOverviewsDataCannotLeaveItsScriptElement(text: String) throws {
        var json: [UInt8] = []
        OverviewData.string(text, into: &json)
        let written = String(decoding: json, as: UTF8.self)
        #expect(!written.contains("<") && !written.contains(">") && !written.contains("&"))
        let back = try JSONSerialization.jsonObject(with: Data(("[" + written + "]").utf8)) as? [String]
        #expect(back == [text])
    }

    @Test func theOverviewShowsEveryConsortiumAndItsGoodStanding() throws {
        let (index, _, overview) = try Self.pages(on: "2026-12-07")
        // The two hostile Applications are applied, not approved.
        #expect(overview.goodStanding.map(\.id) == ["LZ-2024-001"])
        // Each consortium's row of data, in key order; the good one marked 1 at its end.
        let positions = overview.rows.map { index.range(of: "[\"\($0.id)\",")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
        #expect(index.contains(#"["LZ-2024-001","","柳州市新能源汽车关键零部件创新联合体","#))
        #expect(index.contains(#""2026-12-31","2026 年度总结和工作计划",0,0,1,1,0,1]"#))
        #expect(index.contains("<td class=\"n\" data-status=\"approved\">1</td>"))
        #expect(index.contains(#"[["2026-12-31",24,"LZ-2024-001","c/LZ-2024-001.html","柳州市新能源汽车关键零部件创新联合体","2026 年度总结和工作计划","ANNUAL_REPORT"]]"#))
        #expect(index.contains("<p class=\"meta\">共 1 个。</p>\n<ul id=\"good-standing\"></ul>"))
        #expect(index.contains("<noscript>") && index.contains("<a href=\"consortia.csv\">consortia.csv</a>"))
    }

    @Test func aPageShowsItsReasonsTimelineMembersAndDocuments() throws {
        let (_, pages, _) = try Self.pages(on: "2027-01-10")
        let page = try #require(pages["LZ-2024-001"])
        #expect(page.contains("<li>2026 年度总结未报送（应于 2026-12-31 前报送）</li>"))
        #expect(page.contains("<circle class=\"report-missing\""))
        #expect(page.contains("<rect class=\"lock\""))
        #expect(page.contains("<td><code>91450205718263408H</code></td>"))
        #expect(page.contains("<td>05-LZ-2024-001-annual-report-2024.yaml</td>"))
        #expect(page.contains("未生效") == false)
        let revoked = try #require(pages["LZ-2025-002"])
        #expect(revoked.contains("<line class=\"revocation\""))
        #expect(revoked.contains("<circle class=\"incident\""))
    }

    @Test(arguments: [
        ("LZ-2026-003", "c/LZ-2026-003.html"), ("../etc", "c/x-2e2e2f657463.html"), (".hidden", "c/x-2e68696464656e.html"),
        ("联合体", "c/x-e88194e59088e4bd93.html"), ("", "c/x-.html"),
    ])
    func aKeyNeverLeavesThePagesDirectory(id: String, path: String) {
        #expect(ReportRenderer.pagePath(id) == path)
    }

    @Test func spreadsheetsAreUTF8WithBOMQuotedAndSafe() throws {
        let (_, _, overview) = try Self.pages(on: "2026-12-07")
        let csv = ReportCSV.consortia(overview)
        #expect(csv.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == overview.rows.count + 1)
        #expect(lines[1].hasPrefix("\"LZ-2024-001\",\"柳州市新能源汽车关键零部件创新联合体\",\"approved\",\"已核准\",\"91450205718263408H\""))
        #expect(csv.contains("\"\"\"><img src=x"))
        #expect(ReportCSV.safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(ReportCSV.safe("-1") == "'-1" && ReportCSV.safe("@a") == "'@a" && ReportCSV.safe("柳州") == "柳州")
    }
}

@Suite struct ReportWriterTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesOnlyWhatChangedAtomicallyAndGroupReadable() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let facts = try Examples.facts(on: "2026-12-07")
        let writer = try ReportWriter(directory: directory, settings: ReportSettings(day: d("2026-12-07")), hasLedger: false)
        for id in facts.keys.sorted() { try writer.put(facts[id]!) }
        try writer.finish(pruning: true)
        #expect(writer.counts.written == 7 && writer.counts.unchanged == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["c", "consortia.csv", "index.html", "notices.csv", "years.html"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/c").sorted()
                == ["LZ-2024-001.html", "LZ-2025-002.html", "LZ-2025-003.html"]
        )
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: directory + "/index.html")[.posixPermissions] as? Int)
        #expect(mode == 0o640)

        // The same again: nothing written; the overview files are not even made again (nothing
        // they take of a consortium changed). A new writer compares with what is on disk.
        writer.resetCounts()
        for id in facts.keys.sorted() { try writer.put(facts[id]!) }
        #expect(!writer.overviewChanged)
        try writer.finish()
        #expect(writer.counts.written == 0 && writer.counts.unchanged == 3)
        let again = try ReportWriter(directory: directory, settings: ReportSettings(day: d("2026-12-07")), hasLedger: false)
        for id in facts.keys.sorted() { try again.put(facts[id]!) }
        try again.finish()
        #expect(again.counts.written == 0 && again.counts.unchanged == 7)

        // One consortium changed: its page and the overview files, nothing else.
        var changed = facts["LZ-2024-001"]!
        changed.open.removeAll()
        writer.resetCounts()
        try writer.put(changed)
        #expect(writer.overviewChanged)
        try writer.finish()
        #expect(!writer.overviewChanged)
        #expect(writer.counts.written == 4, "page, index.html, consortia.csv, notices.csv (years.html unchanged)")
        #expect(try String(contentsOfFile: directory + "/notices.csv", encoding: .utf8).contains("LZ-2024-001") == false)

        // Gone from the state: its page is removed; a full report prunes pages of unknown keys.
        try writer.remove(["LZ-2025-003"])
        try Data("stale".utf8).write(to: URL(fileURLWithPath: directory + "/c/LZ-1999-999.html"))
        try writer.finish(pruning: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/c").sorted() == ["LZ-2024-001.html", "LZ-2025-002.html"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.hasPrefix(".") })
    }

    /// The writer gathers the overview from each consortium's kept part; the page is the one
    /// the renderer makes of `Overview` (its orders: deadlines by due date, crit before err).
    @Test func theWritersOverviewIsTheRenderersOfTheOverview() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for day in ["2026-12-07", "2027-01-10", "2028-06-01"] {
            let settings = ReportSettings(day: d(day))
            let facts = try Examples.facts(Hostile.texts(), on: day)
            let writer = try ReportWriter(directory: directory, settings: settings, hasLedger: false)
            // In reverse key order: the writer orders them.
            for id in facts.keys.sorted().reversed() { try writer.put(facts[id]!) }
            let finished = try writer.finish(pruning: true)
            let overview = Overview(facts.values.map { ReportModel.summary($0, settings) }, day: settings.day)
            #expect(finished.consortia == overview.rows.count && finished.goodStanding == overview.goodStanding.map(\.id))
            #expect(
                try String(contentsOfFile: directory + "/index.html", encoding: .utf8) == ReportRenderer().index(overview, settings: settings),
                "\(day)"
            )
            #expect(try String(contentsOfFile: directory + "/years.html", encoding: .utf8) == ReportRenderer().years(overview, settings: settings))
            // Bytes: reading it as a String would drop its byte-order mark.
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/consortia.csv")) == Data(ReportCSV.consortia(overview).utf8))
        }
    }

    @Test func aReaderNeverSeesAHalfWrittenFile() throws {
        // rename(2) replaces the file whole: a reader holding the old file keeps reading the old
        // bytes, and a new open sees the new file complete.
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/index.html"
        try ReportWriter.atomicWrite(path, Array(repeating: UInt8(ascii: "a"), count: 1 << 20))
        let old = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        try ReportWriter.atomicWrite(path, Array(repeating: UInt8(ascii: "b"), count: 1 << 20))
        let oldBytes = try #require(try old.readToEnd())
        #expect(oldBytes.count == 1 << 20 && oldBytes.allSatisfy { $0 == UInt8(ascii: "a") })
        let newBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(newBytes.count == 1 << 20 && newBytes.allSatisfy { $0 == UInt8(ascii: "b") })
    }
}
