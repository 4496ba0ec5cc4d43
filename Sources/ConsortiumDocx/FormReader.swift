import ConsortiumCore

/// Reads typed values out of labelled cells, collecting every unreadable cell (a rejection that
/// names the table and the row, in Chinese) and every empty one the rules need (`notProvided`).
final class FormReader {
    private(set) var errors: [DocumentError] = []
    private(set) var notProvided: [String] = []

    /// A value cell: where it is and what it holds.
    struct Spot {
        let table: String
        /// The label operators see (`成员总数（个）`, or `第3行「年龄」` inside a list).
        let label: String
        let row: Int
        /// The field path of the document this cell fills (`declared.members`).
        let path: String
        let text: String

        var place: String { "\(table)「\(label)」（第\(row)行）" }
    }

    func fail(_ spot: Spot, _ zh: String, _ en: String) {
        errors.append(DocumentError(path: spot.path, message: "\(spot.place)：\(zh)",
                                    messageEn: "\(spot.table) \"\(spot.label)\" (row \(spot.row)): \(en)"))
    }

    func fail(table: String, path: String, _ zh: String, _ en: String) {
        errors.append(DocumentError(path: path, message: "\(table)：\(zh)", messageEn: "\(table): \(en)"))
    }

    func missing(_ path: String) { notProvided.append(path) }

    /// The spot right of `label` in `table`; a missing label rejects the file (not our template).
    func spot(_ table: FormTable, _ label: String, _ path: String, offset: Int = 1) -> Spot? {
        guard let (text, row) = table.value(label, offset: offset) else {
            fail(table: table.name, path: path, "找不到「\(label)」一栏：请使用 templates/ 下的模板填写，不要删改表格的栏目",
                 "no cell labelled \"\(label)\": fill in the template from templates/ without changing its rows")
            return nil
        }
        return Spot(table: table.name, label: label, row: row, path: path, text: text)
    }

    /// Parses a non-blank cell; a blank one is `.some(nil)` (the caller decides: not provided or absent).
    func read<T>(_ spot: Spot, _ kind: String, _ kindEn: String, hint: String, _ parse: (String) -> T?) -> T?? {
        if FormValue.isBlank(spot.text) { return .some(nil) }
        if let value = parse(spot.text) { return .some(value) }
        fail(spot, "无法识别的\(kind) `\(FormValue.line(spot.text))`（\(hint)）", "cannot read `\(FormValue.line(spot.text))` as \(kindEn)")
        return nil
    }

    /// A value the rules need: blank → not provided (`placeholder`, never judged), unreadable → rejection.
    func needed<T>(_ spot: Spot, _ kind: String, _ kindEn: String, hint: String, placeholder: T, _ parse: (String) -> T?) -> T {
        switch read(spot, kind, kindEn, hint: hint, parse) {
        case .some(.some(let value)): return value
        case .some(.none): missing(spot.path); return placeholder
        case .none: return placeholder
        }
    }

    static let countHint = "请填写数字，如 8、８、八、十二、8个"
    static let moneyHint = "请填写金额，如 5亿元、5,000万元、1.2亿、3000000元"
    static let dateHint = "请填写日期，如 2026年3月1日、2026.3.1、2026-3-1"
    static let yesNoHint = "请勾选“☑是”或“☑否”，或填写“是”“否”"

    func count(_ spot: Spot, placeholder: Int = 0) -> Int {
        needed(spot, "数量", "a count", hint: Self.countHint, placeholder: placeholder) { FormValue.count($0) }
    }

    func money(_ spot: Spot) -> Int {
        needed(spot, "金额", "an amount of money", hint: Self.moneyHint, placeholder: 0) { FormValue.money($0) }
    }

    func yesNo(_ spot: Spot) -> Bool? {
        switch FormValue.readYesNo(spot.text) {
        case .yes: return true
        case .no: return false
        case .blank: missing(spot.path); return nil
        case let reading:
            failYesNo(spot, reading, hint: Self.yesNoHint)
            return nil
        }
    }

    /// Rejects a yes/no cell that cannot be read, saying why (unreadable, both ticked, ambiguous).
    func failYesNo(_ spot: Spot, _ reading: FormValue.YesNoReading, hint: String) {
        let shown = FormValue.line(spot.text)
        switch reading {
        case .bothTicked:
            fail(spot, "「是」「否」都勾选了 `\(shown)`：请只勾选一项（\(hint)）", "both options ticked in `\(shown)`: tick one")
        case .ambiguous:
            fail(spot, "无法判断勾选的是哪一项 `\(shown)`：勾选符号离前后两个选项一样近，不予猜测；请把勾紧挨所选选项（如“☑是 ☐否”或“是☑ 否☐”）",
                 "cannot tell which option `\(shown)` ticks: the tick is as close to the option before it as to the one after it; not guessed")
        default:
            fail(spot, "无法识别的是/否 `\(shown)`（\(hint)）", "cannot read `\(shown)` as yes or no")
        }
    }

    /// A word from a closed list (`企业`, `核心层`…): blank → not provided.
    func word<T>(_ spot: Spot, _ kind: String, allowed: String, placeholder: T, _ parse: (String) -> T?) -> T {
        needed(spot, kind, kind, hint: "可填：\(allowed)", placeholder: placeholder, parse)
    }

    /// A date that must be there (the document's own date).
    func requiredDate(_ spot: Spot) -> CivilDate? {
        switch read(spot, "日期", "a date", hint: Self.dateHint, { FormValue.date($0) }) {
        case .some(.some(let date)): return date
        case .some(.none):
            fail(spot, "未填写（\(Self.dateHint)）", "empty; a date is required")
            return nil
        case .none: return nil
        }
    }

    /// The consortium key that must be there.
    func consortium(_ spot: Spot) -> ConsortiumID? {
        let key = FormValue.compact(spot.text)
        if key.isEmpty {
            fail(spot, "未填写联合体编号（登记申请时确定，如 LZ-2026-003）", "empty; the consortium key (e.g. LZ-2026-003) is required")
            return nil
        }
        guard DocumentDecoder.isConsortiumKey(key) else {
            fail(spot, "`\(key)` 不是有效的联合体编号：应以字母或数字开头，只含字母、数字、`.`、`_`、`-`，最长 64 个字符（如 LZ-2026-003）",
                 "`\(key)` is not a valid consortium key")
            return nil
        }
        return key
    }

    /// A member's identifier: a USCC, or a foreign member's `CC:registration-number`.
    func memberID(_ spot: Spot, _ text: String) -> (id: MemberID, country: String?)? {
        let folded = FormValue.line(FormValue.foldWidth(text))
        if let colon = folded.firstIndex(of: ":"), folded.distance(from: folded.startIndex, to: colon) == 2 {
            let code = String(folded[..<colon])
            if CountryCode.isForeign(code), folded[folded.index(after: colon)...].contains(where: { !$0.isWhitespace }) {
                return (folded, code)
            }
            fail(spot, "`\(folded)` 不是有效的境外单位登记号：应为「国别代码:登记号」，国别代码为 ISO 3166-1 两位大写字母（不为 CN）",
                 "`\(folded)` is not a foreign registration (`CC:number`, CC an ISO 3166-1 code other than CN)")
            return nil
        }
        let code = FormValue.compact(text).uppercased()
        if let problem = USCC.problem(in: code) {
            fail(spot, "`\(code)` 不是有效的统一社会信用代码（GB 32100-2015）：\(problem.reason.zh)",
                 "`\(code)` is not a valid unified social credit code (GB 32100-2015): \(problem.reason.en)")
            return nil
        }
        return (code, nil)
    }
}
