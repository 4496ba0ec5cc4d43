import ConsortiumCore
import Foundation
import Testing

/// Runs a program to completion (Chromium, python3, LibreOffice), with a time limit.
enum Program {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func path(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ name: String, _ arguments: [String], input: String? = nil, timeout: TimeInterval = 120) throws -> Output {
        let binary = try #require(path(name), "\(name) is not installed: bash scripts/setup.sh installs it")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("prog-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("prog-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }
}

/// Headless Chromium from Debian (`chromium`), as root: `--no-sandbox`.
enum Chromium {
    static let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + profile]
    static var profile: String { FileManager.default.temporaryDirectory.appendingPathComponent("chromium-profile-report-tests").path }

    /// The DOM after the page loaded and its scripts ran.
    static func dom(_ url: URL) throws -> String {
        let output = try Program.run("chromium", flags + ["--dump-dom", url.absoluteString])
        #expect(output.status == 0, "chromium: \(output.stderr)")
        return output.stdout
    }

    static func screenshot(_ url: URL, to file: String, width: Int = 1280, height: Int) throws {
        let output = try Program.run("chromium", flags + ["--screenshot=\(file)", "--window-size=\(width),\(height)", url.absoluteString])
        #expect(output.status == 0, "chromium: \(output.stderr)")
    }
}

@Suite(.serialized) struct ReportCLITests {
    static let examples = RelationsCLITests.examples

    /// The examples and two consortia with hostile names (and a hostile member name), in one folder.
    static func hostileFolder(_ scratch: Scratch) throws -> String {
        let folder = scratch.url.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let application = try String(contentsOf: examples.appendingPathComponent("01-LZ-2024-001-application.yaml"), encoding: .utf8)
        func hostile(_ key: String, _ name: String) -> String {
            let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            return application.replacingOccurrences(of: "LZ-2024-001", with: key)
                .replacingOccurrences(of: "name: 柳州市新能源汽车关键零部件创新联合体", with: "name: \(quoted)")
                .replacingOccurrences(of: "name: 柳州华驰电驱动系统有限公司", with: "name: \(quoted)")
        }
        try hostile("LZ-2026-901", "<script>alert(1)</script>").write(
            to: folder.appendingPathComponent("90-script.yaml"),
            atomically: true,
            encoding: .utf8
        )
        try hostile("LZ-2026-902", #""><img src=x onerror=document.body.setAttribute('data-pwned','1')>"#)
            .write(to: folder.appendingPathComponent("91-image.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    /// The rows of `tbody` of the table `id` in a dumped DOM, each as its cells' text.
    static func rows(_ dom: String, table id: String) -> [(attributes: String, cells: [String])] {
        guard let start = dom.range(of: "<table id=\"\(id)\""), let end = dom.range(of: "</table>", range: start.upperBound..<dom.endIndex),
            let body = dom.range(of: "<tbody>", range: start.upperBound..<end.lowerBound)
        else { return [] }
        let text = String(dom[body.upperBound..<end.lowerBound])
        return text.components(separatedBy: "<tr").dropFirst().map { row in
            let attributes = String(row.prefix { $0 != ">" })
            let cells = row.components(separatedBy: "<td").dropFirst().map { cell -> String in
                var inside = false
                var out = ""
                for c in cell.drop(while: { $0 != ">" }).dropFirst() {
                    if c == "<" { inside = true } else if c == ">" { inside = false } else if !inside { out.append(c) }
                }
                return out.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return (attributes, cells)
        }
    }

    @Test func theOverviewAndAPageInARealBrowserShowTheExamplesAndHostileNamesAsText() throws {
        let scratch = try Scratch()
        let folder = try Self.hostileFolder(scratch)
        let out = scratch.url.appendingPathComponent("report")
        let result = try scratch.run(["report", "--out", out.path, "--at", "2026-12-07", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5 个联合体，运行良好 1 个"))

        let dom = try Chromium.dom(out.appendingPathComponent("index.html"))
        // The table of every consortium: keys, statuses, good standing; the script ran (it counts the rows shown).
        let rows = Self.rows(dom, table: "consortia-table")
        #expect(rows.map { $0.cells.first ?? "" } == ["LZ-2024-001", "LZ-2025-002", "LZ-2025-003", "LZ-2026-901", "LZ-2026-902"])
        #expect(rows.map { $0.cells[3] } == ["已核准", "已取消资格", "已解散", "已申请", "已申请"])
        #expect(rows.map { $0.cells.last ?? "" } == ["✔ 运行良好", "—", "—", "—", "—"])
        #expect(rows[0].cells[6] == "2026-12-31 2026 年度总结和工作计划")
        #expect(dom.contains("<span id=\"shown\" class=\"meta\">显示 5 / 5</span>"))
        #expect(dom.contains("<td class=\"n\" data-status=\"approved\">1</td>"))
        // The deadlines of the next 90 days and the good-standing list.
        #expect(
            Self.rows(dom, table: "deadlines").map(\.cells) == [
                ["2026-12-31", "24", "LZ-2024-001", "柳州市新能源汽车关键零部件创新联合体", "2026 年度总结和工作计划", "ANNUAL_REPORT"]
            ]
        )
        let good = try #require(dom.range(of: "<ul id=\"good-standing\">")).upperBound
        let goodList = String(dom[good..<(try #require(dom.range(of: "</ul>", range: good..<dom.endIndex))).lowerBound])
        #expect(goodList.contains("LZ-2024-001") && !goodList.contains("LZ-2025-002") && !goodList.contains("LZ-2026-90"))
        // Hostile names: text in the cells, no element made of them, no script of theirs ran.
        #expect(rows[3].cells[1] == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(rows[4].cells[1] == "\"&gt;&lt;img src=x onerror=document.body.setAttribute('data-pwned','1')&gt;")
        // The overview's own script and its data blocks are the only script elements; in the data
        // the names are JSON with `<` and `>` escaped.
        let scripts = dom.components(separatedBy: "<script").dropFirst().map { String($0.prefix { $0 != ">" }) }
        #expect(scripts.filter(\.isEmpty).count == 1, "the overview's own script: \(scripts)")
        #expect(scripts.filter { !$0.isEmpty }.allSatisfy { $0.hasPrefix(" type=\"application/json\" id=\"") })
        #expect(dom.components(separatedBy: "</script>").count == scripts.count + 1)
        #expect(dom.contains(#""\u003cscript\u003ealert(1)\u003c/script\u003e""#))
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("data-pwned=\"1\""))

        // The filter works from the file, no server: index.html#filter=TEXT.
        var filtered = URLComponents(url: out.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
        filtered.fragment = "filter=工程机械"
        let filteredDOM = try Chromium.dom(filtered.url!)
        #expect(filteredDOM.contains("显示 1 / 5"))
        let shown = Self.rows(filteredDOM, table: "consortia-table").filter { !$0.attributes.contains("display: none") }
        #expect(shown.map { $0.cells[0] } == ["LZ-2025-002"])

        // A consortium page: good standing, its timeline, members and documents.
        let page = try Chromium.dom(out.appendingPathComponent("c/LZ-2024-001.html"))
        #expect(page.contains("<p id=\"standing\" class=\"good\">运行良好（六(五)、六(六)）</p>"))
        #expect(page.contains("<svg id=\"timeline\""))
        #expect(page.components(separatedBy: "<circle class=\"report-on-time\"").count == 3)
        #expect(page.contains("<rect class=\"lock\""))
        #expect(Self.rows(page, table: "members").count == 11)
        #expect(Self.rows(page, table: "documents").map { $0.cells[2] }.contains("15-LZ-2024-001-annual-report-2025.yaml"))
        let revoked = try Chromium.dom(out.appendingPathComponent("c/LZ-2025-002.html"))
        #expect(revoked.contains("<line class=\"revocation\""))
        #expect(revoked.contains("<li>状态为「已取消资格」，不是已核准</li>"))
        let hostilePage = try Chromium.dom(out.appendingPathComponent("c/LZ-2026-902.html"))
        #expect(!hostilePage.contains("<img") && !hostilePage.contains("data-pwned=\"1\"") && !hostilePage.contains("<script"))
        #expect(hostilePage.contains("<h1 id=\"name\">\"&gt;&lt;img src=x"))

        // Screenshots (scripts/report-screenshots.sh makes docs/report-*.png the same way).
        for (page, file, height) in [("index.html", "index.png", 1600), ("c/LZ-2024-001.html", "page.png", 1800)] {
            let png = scratch.url.appendingPathComponent(file).path
            try Chromium.screenshot(out.appendingPathComponent(page), to: png, height: height)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 20_000)
        }
    }

    /// 230 consortia more than a page: the browser draws 100 rows, pages through the rest, and
    /// the filter finds rows of every page (the table's data is in the page, no server).
    @Test func theOverviewDrawsAPageOfRowsAndFiltersThemAll() throws {
        let scratch = try Scratch()
        let folder = scratch.url.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let application = try String(contentsOf: Self.examples.appendingPathComponent("01-LZ-2024-001-application.yaml"), encoding: .utf8)
        for n in 100..<330 {
            try application.replacingOccurrences(of: "LZ-2024-001", with: "LZ-2026-\(n)")
                .replacingOccurrences(of: "name: 柳州市新能源汽车关键零部件创新联合体", with: "name: 柳州市分页测试创新联合体第\(n)号")
                .write(to: folder.appendingPathComponent("\(n).yaml"), atomically: true, encoding: .utf8)
        }
        let out = scratch.url.appendingPathComponent("report")
        let result = try scratch.run(["report", "--out", out.path, "--at", "2026-12-07", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("<tr id=\"row-"), "rows are data, not HTML")

        let dom = try Chromium.dom(out.appendingPathComponent("index.html"))
        let rows = Self.rows(dom, table: "consortia-table")
        #expect(rows.map { $0.cells.first ?? "" } == (100..<200).map { "LZ-2026-\($0)" })
        #expect(rows.allSatisfy { $0.cells.count == 13 && $0.cells[3] == "已申请" })
        #expect(dom.contains("<span id=\"shown\" class=\"meta\">显示 230 / 230</span>"))
        #expect(dom.contains("第 1 / 3 页（每页 100 行）"))

        var filtered = URLComponents(url: out.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
        filtered.fragment = "filter=测试创新联合体第3"
        let filteredDOM = try Chromium.dom(filtered.url!)
        #expect(filteredDOM.contains("显示 30 / 230"))
        #expect(Self.rows(filteredDOM, table: "consortia-table").map { $0.cells[0] } == (300..<330).map { "LZ-2026-\($0)" })
    }

    @Test func theSpreadsheetsGiveTheRowsOfListAndTheNoticesOfEvaluate() throws {
        let texts = try RelationsCLITests.acceptedTexts()
        let scratch = try RelationsCLITests.state(texts)
        let out = scratch.url.appendingPathComponent("report")
        let list = try scratch.run(["list", "--json"])
        let report = try scratch.run(["report", "--out", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        // Python's csv module reads consortia.csv back into list --json's shape.
        let reader = """
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
            out = []
            for r in rows[1:]:
                out.append({"consortium": r[0], "name": r[1], "status": r[2], "leads": [x for x in r[4].split(";") if x],
                            "approvalNumber": r[6] or None,
                            "nextDeadline": {"rule": r[8], "subject": r[9], "due": r[10]} if r[8] else None})
            print(json.dumps(out, ensure_ascii=False, sort_keys=True))
            """
        let csvRows = try Program.run("python3", ["-c", reader, out.appendingPathComponent("consortia.csv").path])
        #expect(csvRows.status == 0, "\(csvRows.stderr)")
        let normalise = try Program.run(
            "python3",
            ["-c", "import json,sys; print(json.dumps(json.load(sys.stdin), ensure_ascii=False, sort_keys=True))"],
            input: list.stdout
        )
        #expect(csvRows.stdout == normalise.stdout)
        #expect(csvRows.stdout.contains("LZ-2024-101"))

        // notices.csv: the notices evaluate gives for today, in its order.
        let todayText = CivilDate(Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!).description
        let evaluate = try scratch.run(["evaluate", "--json", "--at", todayText])
        let ids = try Program.run(
            "python3",
            [
                "-c",
                """
                import csv, json, sys
                rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
                mine = [r[0] for r in rows[1:]]
                theirs = [n["id"] for n in json.load(sys.stdin)["notices"]]
                print(len(mine), mine == theirs)
                """, out.appendingPathComponent("notices.csv").path,
            ],
            input: evaluate.stdout
        )
        #expect(ids.stdout.hasSuffix("True\n") && !ids.stdout.hasPrefix("0 "), "\(ids.stdout) \(ids.stderr)")

        // LibreOffice converts consortia.csv (UTF-8) into .xlsx with the same cells.
        let profile = scratch.url.appendingPathComponent("lo-profile").path
        // "Quoted field as text": every field is quoted, so each cell is the text written.
        let converted = try Program.run(
            "soffice",
            [
                "-env:UserInstallation=file://\(profile)", "--headless", "--infilter=CSV:44,34,76,1,,0,true,false",
                "--convert-to", "xlsx", "--outdir", scratch.url.path,
                out.appendingPathComponent("consortia.csv").path,
            ],
            timeout: 240
        )
        #expect(converted.status == 0, "\(converted.stderr)")
        let xlsx = try Program.run(
            "python3",
            [
                "-c",
                """
                import csv, sys, zipfile, xml.etree.ElementTree as ET
                ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
                z = zipfile.ZipFile(sys.argv[1])
                shared = [ "".join(t.text or "" for t in si.iter("{%s}t" % ns["s"])) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("s:si", ns)]
                sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
                def col(ref):
                    n = 0
                    for ch in ref:
                        if ch.isalpha(): n = n * 26 + ord(ch) - 64
                    return n - 1
                cells = []
                for row in sheet.iter("{%s}row" % ns["s"]):
                    values = {}
                    for c in row.findall("s:c", ns):
                        v = c.find("s:v", ns)
                        text = "" if v is None else (shared[int(v.text)] if c.get("t") == "s" else v.text)
                        values[col(c.get("r"))] = text
                    cells.append([values.get(i, "") for i in range(max(values) + 1)] if values else [])
                rows = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
                # Every field is quoted, read as text (filter option "quoted field as text"): an all-digit
                # USCC keeps its 18 digits, a date stays the text written.
                # (An empty cell at the end of a row is not stored.)
                diff = [(r, c) for r, c in zip(rows, cells) if r != c + [""] * (len(r) - len(c))]
                print(len(cells), not diff and len(rows) == len(cells))
                if diff: print(diff[0])
                """, scratch.url.appendingPathComponent("consortia.xlsx").path, out.appendingPathComponent("consortia.csv").path,
            ]
        )
        #expect(xlsx.stdout == "5 True\n", "\(xlsx.stdout) \(xlsx.stderr)")
    }

    @Test func aReportFromFilesThatRejectsAFileSaysSoAndStillWrites() throws {
        let scratch = try Scratch()
        let bad = try scratch.write("bad.yaml", "version: 1\nkind: Nonsense\n")
        let out = scratch.url.appendingPathComponent("report")
        let result = try scratch.run(["report", "--out", out.path, "--at", "2026-12-07", Self.examples.path, bad])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml: 拒收 / rejected"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("c/LZ-2025-003.html").path))
        // Run again on the examples alone at another day: the pages are rewritten, none is left over.
        let again = try scratch.run(["report", "--json", "--out", out.path, "--at", "2027-01-10", Self.examples.path])
        #expect(again.status == 0)
        let json = try #require(again.json as? [String: Any])
        #expect(json["consortia"] as? Int == 3 && json["goodStanding"] as? [String] == [])
        #expect(
            try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8).contains(
                "评估日期 <span id=\"report-day\">2027-01-10</span>"
            )
        )
    }
}
