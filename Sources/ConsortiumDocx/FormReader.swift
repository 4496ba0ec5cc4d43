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
        /// The cell shows an auto-updating date field (`DATE`, `SAVEDATE`…), not a typed value.
        var hasDateField = false

        var place: String { "\(table)「\(label)」（第\(row)行）" }
    }

    func fail(_ spot: Spot, _ zh: String, _ en: String) {
        errors.append(
            DocumentError(
                path: spot.path,
                message: "\(spot.place)：\(zh)",
                messageEn: "\(spot.table) \"\(spot.label)\" (row \(spot.row)): \(en)"
            )
        )
    }

    func fail(table: String, path: String, _ zh: String, _ en: String) {
        errors.append(DocumentError(path: path, message: "\(table)：\(zh)", messageEn: "\(table): \(en)"))
    }

    func missing(_ path: String) { notProvided.append(path) }

    /// The spot right of `label` in `table`; a missing label rejects the file (not our template).
    func spot(_ table: FormTable, _ label: String, _ path: String, offset: Int = 1) -> Spot? {
        guard let (text, row, hasDateField) = table.value(label, offset: offset) else {
            fail(
                table: table.name,
                path: path,
                "找不到「\(label)」一栏：请使用 templates/ 下的模板填写，不要删改表格的栏目",
                "no cell labelled \"\(label)\": fill in the template from templates/ without changing its rows"
            )
            return nil
        }
        return Spot(table: table.name, label: label, row: row, path: path, text: text, hasDateField: hasDateField)
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
        case .some(.none):
            missing(spot.path)
            return placeholder
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
        case .blank:
            missing(spot.path)
            return nil
        case let reading:
            failYesNo(spot, reading, hint: Self.yesNoHint)
            return nil
        }
    }

    /// Rejects a yes/no cell that cannot be read, saying why (unreadable, both ticked, ambiguous).
    func failYesNo(_ spot: Spot, _ reading: FormValue.YesNoReading, hint: String) {
        // Spaces kept (collapsed): where they are is what makes a tick ambiguous.
        let shown = spot.text.split(whereSeparator: FormValue.isSpace).joined(separator: " ")
        switch reading {
        case .bothTicked:
            fail(spot, "「是」「否」都勾选了 `\(shown)`：请只勾选一项（\(hint)）", "both options ticked in `\(shown)`: tick one")
        case .ambiguous:
            fail(
                spot,
                "无法判断勾选的是哪一项 `\(shown)`：勾选符号离前后两个选项一样近，不予猜测；请把勾紧挨所选选项（如“☑是 ☐否”或“是☑ 否☐”）",
                "cannot tell which option `\(shown)` ticks: the tick is as close to the option before it as to the one after it; not guessed"
            )
        default:
            fail(spot, "无法识别的是/否 `\(shown)`（\(hint)）", "cannot read `\(shown)` as yes or no")
        }
    }

    /// A word from a closed list (`企业`, `核心层`…): blank → not provided.
    func word<T>(_ spot: Spot, _ kind: String, allowed: String, placeholder: T, _ parse: (String) -> T?) -> T {
        needed(spot, kind, kind, hint: "可填：\(allowed)", placeholder: placeholder, parse)
    }

    /// A date that must be there (the document's own date). A date field Word updates by itself
    /// is rejected: it shows the day the file was last opened or saved, not the day it was filled in.
    func requiredDate(_ spot: Spot) -> CivilDate? {
        if rejectDateField(spot) { return nil }
        switch read(spot, "日期", "a date", hint: Self.dateHint, { FormValue.date($0) }) {
        case .some(.some(let date)): return date
        case .some(.none):
            fail(spot, "未填写（\(Self.dateHint)）", "empty; a date is required")
            return nil
        case .none: return nil
        }
    }

    /// Rejects a cell that shows an auto-updating date field; whether it did.
    func rejectDateField(_ spot: Spot) -> Bool {
        guard spot.hasDateField else { return false }
        fail(
            spot,
            "是自动更新的日期域（插入的“日期和时间”，现显示 `\(FormValue.line(spot.text))`），其值是文件最后打开或保存的日期，而不是填写的日期；请删除该域，直接键入日期（如 2026年3月1日）",
            "an auto-updating date field (showing `\(FormValue.line(spot.text))`): its value is the day the file was last opened or saved, not a date typed in; delete the field and type the date"
        )
        return true
    }

    /// The consortium key that must be there, exactly as the bureau gave it (LZ-2026-003). A key
    /// typed with lowercase letters, spaces or other dashes (`lz-2024-001`, `LZ 2024 001`) would
    /// start a new consortium: it is rejected with the key it most likely means, never changed
    /// silently (docs/word-forms.md, "The consortium key").
    func consortium(_ spot: Spot) -> ConsortiumID? {
        let typed = FormValue.line(FormValue.foldWidth(spot.text))
        if typed.isEmpty {
            fail(spot, "未填写联合体编号（登记申请时确定，如 LZ-2026-003）", "empty; the consortium key (e.g. LZ-2026-003) is required")
            return nil
        }
        let suggestion = Self.canonicalKey(typed)
        if suggestion != typed {
            let hint = DocumentDecoder.isConsortiumKey(suggestion) ? "是否应为 `\(suggestion)`？" : ""
            fail(
                spot,
                "`\(typed)` 不是联合体编号的写法：\(hint)联合体编号须与登记时确定的完全一致（大写字母、数字，以 - 连接，不含空格），否则会被当作另一个联合体",
                "`\(typed)` is not written as a consortium key\(hint.isEmpty ? "" : " (did you mean `\(suggestion)`?)"): it must be exactly as registered (capitals, digits, joined by -), or it names another consortium"
            )
            return nil
        }
        guard DocumentDecoder.isConsortiumKey(typed) else {
            fail(
                spot,
                "`\(typed)` 不是有效的联合体编号：应以字母或数字开头，只含字母、数字、`.`、`_`、`-`，最长 64 个字符（如 LZ-2026-003）",
                "`\(typed)` is not a valid consortium key"
            )
            return nil
        }
        return typed
    }

    /// A typed key as the bureau writes it: capitals, and each run of spaces or dashes (`－`, `—`,
    /// `–`, `‐`, `_` between groups) one `-`.
    static func canonicalKey(_ typed: String) -> String {
        var out = ""
        var pendingDash = false
        for c in typed.uppercased() {
            if FormValue.isSpace(c) || "-‐‑‒–—―－".contains(c) {
                pendingDash = !out.isEmpty
                continue
            }
            if pendingDash {
                out.append("-")
                pendingDash = false
            }
            out.append(c)
        }
        return out
    }

    /// A member's identifier: a USCC, or a foreign member's `CC:registration-number`.
    func memberID(_ spot: Spot, _ text: String) -> (id: MemberID, country: String?)? {
        let folded = FormValue.line(FormValue.foldWidth(text))
        if let colon = folded.firstIndex(of: ":"), folded.distance(from: folded.startIndex, to: colon) == 2 {
            let code = String(folded[..<colon])
            if CountryCode.isForeign(code), folded[folded.index(after: colon)...].contains(where: { !$0.isWhitespace }) {
                return (folded, code)
            }
            fail(
                spot,
                "`\(folded)` 不是有效的境外单位登记号：应为「国别代码:登记号」，国别代码为 ISO 3166-1 两位大写字母（不为 CN）",
                "`\(folded)` is not a foreign registration (`CC:number`, CC an ISO 3166-1 code other than CN)"
            )
            return nil
        }
        let code = FormValue.compact(text).uppercased()
        if let problem = USCC.problem(in: code) {
            fail(
                spot,
                "`\(code)` 不是有效的统一社会信用代码（GB 32100-2015）：\(problem.reason.zh)",
                "`\(code)` is not a valid unified social credit code (GB 32100-2015): \(problem.reason.en)"
            )
            return nil
        }
        return (code, nil)
    }
}
