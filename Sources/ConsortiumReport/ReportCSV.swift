import ConsortiumCore
import Foundation

/// The spreadsheets: UTF-8 with a byte-order mark (Excel and WPS then read the Chinese right),
/// CRLF line ends, every field quoted (RFC 4180). A field from a document that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet shows it
/// as text instead of running it as a formula (CSV injection); dates and numbers the report
/// makes itself never start with those.
public enum ReportCSV {
    static let bom = "\u{FEFF}"

    static let consortiaHeader = header([
        "联合体编号 consortium", "名称 name", "状态 status", "状态（中文）", "牵头单位 leads", "牵头单位名称",
        "批复文号 approvalNumber", "有效期至 validThrough", "下一期限规则 nextDeadline.rule", "下一期限对象 nextDeadline.subject",
        "下一期限 nextDeadline.due", "crit", "err", "warning", "notice", "info", "运行良好 goodStanding", "原因 reasons",
    ])
    static let noticesHeader = header([
        "通知编号 id", "联合体编号 consortium", "名称 consortiumName", "规则 rule", "条款 clause", "对象 subject", "阶段 stage",
        "级别 severity", "期限 due", "确认人 acknowledged.by", "确认说明 acknowledged.note", "确认至 acknowledged.until",
        "说明 message",
    ])

    /// One row per consortium, by key: the columns of `consortiumctl list --json` first.
    public static func consortia(_ overview: Overview) -> String {
        var out = consortiaHeader
        for row in overview.rows { out += consortium(row) }
        return out
    }

    /// The line of `row` in consortia.csv.
    static func consortium(_ row: ConsortiumSummary) -> String {
        var fields = [
            safe(row.id), safe(row.name), row.status.rawValue, row.status.chineseName,
            row.leads.map(safe).joined(separator: ";"), row.leadNames.map(safe).joined(separator: ";"),
            safe(row.approvalNumber ?? ""), row.validThrough?.description ?? "",
            row.nextDeadline?.rule.rawValue ?? "", safe(row.nextDeadline?.subject ?? ""), row.nextDeadline?.due.description ?? "",
        ]
        fields += row.openBySeverity.map(String.init)
        fields += [row.inGoodStanding ? "是" : "否", row.notInGoodStanding.map(safe).joined(separator: "；")]
        var out = ""
        line(&out, fields)
        return out
    }

    /// One row per open notice, by consortium, rule, subject.
    public static func notices(_ notices: some Sequence<Notice>) -> String {
        noticesHeader + noticeLines(notices)
    }

    /// The lines of `notices` in notices.csv.
    static func noticeLines(_ notices: some Sequence<Notice>) -> String {
        var out = ""
        for n in notices {
            line(
                &out,
                [
                    n.id, safe(n.consortium), safe(n.consortiumName), n.rule, n.clause, safe(n.subject), n.stage, n.severity.rawValue,
                    n.due?.description ?? "", safe(n.acknowledged?.by ?? ""), safe(n.acknowledged?.note ?? ""),
                    n.acknowledged?.until?.description ?? "", safe(n.message),
                ]
            )
        }
        return out
    }

    private static func header(_ fields: [String]) -> String {
        var out = bom
        line(&out, fields)
        return out
    }

    /// A text from a document, made safe to open in a spreadsheet.
    static func safe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    private static func line(_ out: inout String, _ fields: [String]) {
        var first = true
        for field in fields {
            if !first { out += "," }
            first = false
            out += "\""
            out += field.contains("\"") ? field.replacingOccurrences(of: "\"", with: "\"\"") : field
            out += "\""
        }
        out += "\r\n"
    }
}
