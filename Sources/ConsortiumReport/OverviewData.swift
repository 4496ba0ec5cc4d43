import ConsortiumCore

/// The overview's tables as data (runbook.md "The report"): each row a JSON array, put in the page
/// inside `<script type="application/json">` and drawn by the overview's script a page of rows at a
/// time with DOM methods (`textContent`), so a table of 10,000 consortia costs the browser one
/// `JSON.parse` and 100 rows, not 10,000 rows of HTML (docs/performance.md "The report").
///
/// The JSON is safe inside a script element: `<`, `>` and `&` are written `\u003c`, `\u003e`,
/// `\u0026`, so neither `</script` nor `<!--` can appear in it; control characters are escaped as
/// JSON requires. The browser gets every text back unchanged from `JSON.parse`, and the script
/// only ever sets it as text.
public enum OverviewData {
    /// `"text"`, escaped as above.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case 0x22:
                out.append(0x5C)
                out.append(0x22)
            case 0x5C:
                out.append(0x5C)
                out.append(0x5C)
            case 0x3C, 0x3E, 0x26, 0x00..<0x20, 0x7F:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    static func number(_ n: Int, into out: inout [UInt8]) { out.append(contentsOf: String(n).utf8) }

    /// One JSON array of texts and numbers.
    enum Field { case text(String), number(Int) }

    static func array(_ fields: [Field], into out: inout [UInt8]) {
        out.append(0x5B)
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(0x2C) }
            switch field {
            case .text(let text): string(text, into: &out)
            case .number(let n): number(n, into: &out)
            }
        }
        out.append(0x5D)
    }

    /// The row of the table of every consortium: key, page ("" for `c/KEY.html`), name, lead
    /// units, status, approval number, valid through, next deadline's due date and what it is,
    /// open notices by severity (crit … info), 1 when in good standing.
    public static func row(_ row: ConsortiumSummary) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        let page = ReportRenderer.pagePath(row.id)
        var fields: [Field] = [
            .text(row.id), .text(page == "c/\(row.id).html" ? "" : page), .text(row.name),
            .text(zip(row.leadNames, row.leads).map { "\($0.0)（\($0.1)）" }.joined(separator: "；")),
            .text(row.status.rawValue), .text(row.approvalNumber ?? ""), .text(row.validThrough?.description ?? ""),
            .text(row.nextDeadline?.due.description ?? ""), .text(row.nextDeadline?.chineseName ?? ""),
        ]
        fields += row.openBySeverity.map { .number($0) }
        fields.append(.number(row.inGoodStanding ? 1 : 0))
        array(fields, into: &out)
        return out
    }

    /// A deadline of the window: due, days left, key, page, name, what, rule.
    static func deadline(_ deadline: Deadline, of row: ConsortiumSummary, settings: ReportSettings) -> [UInt8] {
        var out: [UInt8] = []
        array(
            [
                .text(deadline.due.description), .number(settings.day.days(until: deadline.due)),
                .text(row.id), .text(ReportRenderer.pagePath(row.id)), .text(row.name),
                .text(deadline.chineseName), .text(deadline.rule.rawValue),
            ],
            into: &out
        )
        return out
    }

    /// An open crit or err notice: severity, key, page, rule, clause, subject, stage, due,
    /// message, who acknowledged it ("" when nobody).
    static func notice(_ notice: Notice) -> [UInt8] {
        var out: [UInt8] = []
        array(
            [
                .text(notice.severity.rawValue), .text(notice.consortium), .text(ReportRenderer.pagePath(notice.consortium)),
                .text(notice.rule), .text(notice.clause), .text(notice.subject), .text(notice.stage),
                .text(notice.due?.description ?? ""), .text(notice.message), .text(notice.acknowledged?.by ?? ""),
            ],
            into: &out
        )
        return out
    }

    /// The deadlines of the window, in the overview's order.
    static func deadlines(_ overview: Overview, settings: ReportSettings) -> [UInt8] {
        rows(overview.deadlines.lazy.map { deadline($0.deadline, of: $0.consortium, settings: settings) }, capacity: 0)
    }

    /// The open crit and err notices (at most `limit`), in the overview's order.
    static func urgent(_ overview: Overview, limit: Int) -> [UInt8] {
        rows(overview.urgent.prefix(limit).lazy.map(notice), capacity: 0)
    }

    /// `[row,row,…]` of rows made by `row(_:)`, in the order given.
    static func rows(_ rows: some Sequence<[UInt8]>, capacity: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity + 2)
        out.append(0x5B)
        var first = true
        for row in rows {
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: row)
        }
        out.append(0x5D)
        return out
    }
}
