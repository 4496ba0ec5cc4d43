import ConsortiumCore
import Foundation
import Mustache

/// Puts the report's values (`ReportModel`, `Overview`, `Timeline`, `YearChart`) into the
/// templates (`ReportTemplates`). Every text goes through a `{{name}}` tag, which escapes it: a
/// consortium named `<script>…` shows as that text. The contexts are dictionaries (Mustache reads
/// them by key, not through reflection).
public struct ReportRenderer: Sendable {
    private let library: MustacheLibrary

    public init() {
        Self.registerContentType
        var library = MustacheLibrary()
        // The templates are constants of this module: a parse error is a bug, caught by every test.
        try! library.register(ReportTemplates.index, named: "index")
        try! library.register(ReportTemplates.consortium, named: "consortium")
        try! library.register(ReportTemplates.years, named: "years")
        self.library = library
    }

    /// The file of a consortium's page, relative to the report's directory: `c/KEY.html`, or
    /// `c/x-HEX.html` for a key with other characters than letters, digits, `-`, `_` and `.`
    /// (a key never becomes a path outside `c/`).
    public static func pagePath(_ id: ConsortiumID) -> String {
        let plain =
            !id.isEmpty && !id.hasPrefix(".")
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
                    || byte == 0x2E
            }
        if plain { return "c/\(id).html" }
        return "c/x-" + id.utf8.map { String($0, radix: 16).leftPadded(2) }.joined() + ".html"
    }

    // MARK: - Overview

    /// What the overview shows, its tables as data (`OverviewData`).
    struct IndexParts {
        var total: Int
        var byStatus: [(status: ConsortiumStatus, count: Int)]
        var openBySeverity: [Int]
        var goodCount: Int
        var deadlineCount: Int
        var deadlineData: [UInt8]
        var urgentCount: Int
        /// The first `urgentLimit` of them.
        var urgentData: [UInt8]
        var rows: [UInt8]
    }

    static let urgentLimit = 1000

    /// The overview of `overview`.
    public func index(_ overview: Overview, settings: ReportSettings) -> String {
        index(
            IndexParts(
                total: overview.rows.count,
                byStatus: overview.byStatus,
                openBySeverity: overview.openBySeverity,
                goodCount: overview.goodStanding.count,
                deadlineCount: overview.deadlines.count,
                deadlineData: OverviewData.deadlines(overview, settings: settings),
                urgentCount: overview.urgent.count,
                urgentData: OverviewData.urgent(overview, limit: Self.urgentLimit),
                rows: OverviewData.rows(overview.rows.map(OverviewData.row), capacity: 0)
            ),
            settings: settings
        )
    }

    func index(_ parts: IndexParts, settings: ReportSettings) -> String {
        var context: [String: Any] = base(settings.day)
        context["total"] = parts.total
        context["months"] = settings.goodStandingMonths
        context["deadlineDays"] = settings.deadlineDays
        context["byStatus"] = parts.byStatus.map {
            ["status": $0.status.rawValue, "name": $0.status.chineseName, "count": $0.count] as [String: Any]
        }
        context["severities"] = zip(Severity.allCases, parts.openBySeverity).map {
            ["severity": $0.0.rawValue, "name": Self.severityName($0.0), "count": $0.1] as [String: Any]
        }
        // The list of those in good standing is drawn from the table's rows (those marked good).
        context["hasGood"] = parts.goodCount > 0
        context["goodCount"] = parts.goodCount
        context["deadlineCount"] = parts.deadlineCount
        context["urgentCount"] = parts.urgentCount
        context["hasDeadlines"] = parts.deadlineCount > 0
        context["hasUrgent"] = parts.urgentCount > 0
        if parts.urgentCount > Self.urgentLimit { context["urgentMore"] = parts.urgentCount - Self.urgentLimit }
        context["statuses"] = ConsortiumStatus.allCases.map { ["status": $0.rawValue, "name": $0.chineseName] }
        // JSON made safe for a script element by OverviewData (no `<`, `>` or `&` in it).
        context["consortiaData"] = String(decoding: parts.rows, as: UTF8.self)
        context["deadlineData"] = String(decoding: parts.deadlineData, as: UTF8.self)
        context["urgentData"] = String(decoding: parts.urgentData, as: UTF8.self)
        context["script"] = ReportTemplates.script
        return library.render(context, withTemplate: "index")!
    }

    static func notice(_ notice: Notice) -> [String: Any] {
        var item: [String: Any] = [
            "id": notice.id, "consortium": notice.consortium, "rule": notice.rule, "clause": notice.clause,
            "subject": notice.subject, "stage": notice.stage, "severity": notice.severity.rawValue, "message": notice.message,
        ]
        item["due"] = notice.due?.description
        item["resolvedOn"] = notice.resolved?.description
        if let ack = notice.acknowledged {
            var a: [String: Any] = ["by": ack.by]
            a["note"] = ack.note
            a["until"] = ack.until?.description
            item["acknowledged"] = a
        }
        return item
    }

    // MARK: - A consortium

    public func consortium(_ facts: ConsortiumFacts, summary: ConsortiumSummary, settings: ReportSettings, hasLedger: Bool) -> String {
        let state = facts.state
        var context: [String: Any] = base(settings.day)
        context["id"] = state.id
        context["name"] = state.name
        context["status"] = state.status.rawValue
        context["statusName"] = state.status.chineseName
        context["approvalNumber"] = summary.approvalNumber
        context["validThrough"] = summary.validThrough?.description
        context["good"] = summary.inGoodStanding
        context["reasons"] = summary.notInGoodStanding
        let timeline = Timeline(facts, on: settings.day)
        context["timeline"] =
            [
                "width": timeline.width, "height": timeline.height, "todayX": timeline.todayX,
                "ticks": timeline.ticks.map { ["x": $0.x, "year": $0.year] },
                "lanes": timeline.lanes.map { ["y": $0.y, "label": $0.label] as [String: Any] },
                "bars": timeline.bars.map {
                    ["kind": $0.kind, "x": $0.x, "y": $0.y, "width": $0.width, "height": $0.height, "title": $0.title] as [String: Any]
                },
            ] as [String: Any]
        context["marks"] = timeline.marks.map { mark -> [String: Any] in
            var item: [String: Any] = ["kind": mark.kind, "x": mark.x, "y": mark.y, "title": mark.title]
            if mark.kind == "revocation" || mark.kind == "dissolution" {
                item["line"] = ["top": mark.y - 10, "bottom": mark.y + 10]
            } else {
                item["circle"] = true
            }
            return item
        }
        context["reports"] = ReportModel.reportYears(state, on: settings.day).map { year -> [String: Any] in
            var item: [String: Any] = [
                "year": year.year, "due": year.due.description, "standing": year.standing.rawValue, "standingName": year.chineseName,
            ]
            item["received"] = year.received?.description
            return item
        }
        let members = state.round.formation.members
        context["memberCount"] = members.count
        context["members"] = members.map { m -> [String: Any] in
            [
                "name": m.name, "id": m.country.map { "\($0) \(m.id)" } ?? m.id, "type": "\(m.type.chineseName) \(m.type.rawValue)",
                "layer": "\(m.layer.chineseName) \(m.layer.rawValue)", "local": m.liuzhou ? "是" : "否",
            ]
        }
        context["documents"] = facts.documents.map { d -> [String: Any] in
            var item: [String: Any] = [
                "date": d.date.description, "kind": d.kind.rawValue, "kindName": d.kind.chineseName, "name": d.name,
                "sha256": d.sha256, "shaPrefix": String(d.sha256.prefix(12)),
            ]
            item["accepted"] = d.accepted
            item["notApplied"] = d.notApplied.map { "未生效：\($0)" }
            return item
        }
        context["open"] = facts.open.map(Self.notice)
        context["hasOpen"] = !facts.open.isEmpty
        context["hasResolved"] = !facts.resolved.isEmpty
        context["hasLedger"] = hasLedger
        context["resolved"] = facts.resolved.map(Self.notice)
        return library.render(context, withTemplate: "consortium")!
    }

    // MARK: - By year

    public func years(_ overview: Overview, settings: ReportSettings) -> String { years(overview.years, settings: settings) }

    func years(_ years: [(year: Int, counts: YearCounts)], settings: ReportSettings) -> String {
        var context: [String: Any] = base(settings.day)
        let chart = YearChart(years)
        context["chart"] =
            [
                "width": chart.width, "height": chart.height, "baseline": chart.baseline, "maximum": chart.maximum,
                "bars": chart.bars.map {
                    ["series": $0.series, "x": $0.x, "y": $0.y, "width": $0.width, "height": $0.height, "title": $0.title] as [String: Any]
                },
                "labels": chart.labels.map { ["x": $0.x, "text": $0.text] as [String: Any] },
            ] as [String: Any]
        let colors = [
            "approved": "#1565c0", "on-time": "#2e7d32", "late": "#ef6c00", "missing": "#c62828",
            "incidents": "#6a1b9a", "revocations": "#000", "dissolutions": "#8d6e63",
        ]
        context["series"] = YearChart.series.map { ["key": $0.key, "name": $0.name, "color": colors[$0.key] ?? "#888"] }
        context["years"] = years.map { y -> [String: Any] in
            [
                "year": y.year, "approved": y.counts.approved, "onTime": y.counts.reportsOnTime, "late": y.counts.reportsLate,
                "missing": y.counts.reportsMissing, "incidents": y.counts.incidents, "revocations": y.counts.revocations,
                "dissolutions": y.counts.dissolutions,
            ]
        }
        return library.render(context, withTemplate: "years")!
    }

    static func severityName(_ severity: Severity) -> String {
        switch severity {
        case .crit: "严重"
        case .err: "错误"
        case .warning: "警告"
        case .notice: "提示"
        case .info: "信息"
        }
    }

    private func base(_ day: CivilDate) -> [String: Any] {
        ["day": day.description, "style": ReportTemplates.style]
    }

    /// The templates name the content type `REPORT_HTML` (`{{% CONTENT_TYPE: REPORT_HTML}}`):
    /// Mustache's HTML escaping of the same five characters, over UTF-8 bytes (docs/performance.md
    /// "The report": the library's escapes by Character and a dictionary, a fifth of a full report).
    static let registerContentType: Void = MustacheContentTypes.register(EscapedHTML(), named: "REPORT_HTML")
}

/// `<`, `>`, `&`, `"` and `'` as `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#39;`, as Mustache's HTML
/// content type writes them; a text without them is returned as it is.
struct EscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var text = text
        let first = text.withUTF8 { $0.firstIndex { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 } }
        guard let first else { return text }
        return text.withUTF8 { bytes -> String in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
                case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
