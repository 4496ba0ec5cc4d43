import ConsortiumCore

/// How values are read from the forms' cells, the way people type them (docs/word-forms.md):
/// full-width digits, letters and punctuation, stray spaces (also U+3000 and NBSP), Chinese
/// numerals, 亿/万, dates with 年月日 or dots. Exact: money is computed on integers, never floats.
public enum FormValue {
    // MARK: Normalisation

    /// Full-width ASCII forms (U+FF01–U+FF5E) to ASCII, U+3000 and other spaces to " ".
    public static func foldWidth(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func isSpace(_ c: Character) -> Bool {
        c.isWhitespace || c == "\u{3000}" || c == "\u{00A0}" || c == "\u{200B}"
    }

    /// Chinese characters and punctuation: no space is meant between two of them.
    static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return v >= 0x2E80
    }

    /// One line of free text: trimmed, runs of spaces collapsed to one, and dropped next to Chinese
    /// characters (`蒙 丽华` → `蒙丽华`, `Institut für  X` → `Institut für X`). Characters are kept
    /// as typed otherwise (full-width brackets in names stay).
    public static func line(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in text {
            if isSpace(c) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace, let last = out.last, !isWide(last), !isWide(c) { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        return out
    }

    /// A cell of free text: each paragraph as `line`, empty paragraphs dropped, joined by "\n".
    public static func text(_ cell: String) -> String {
        cell.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// A code-like value (USCC, phone, consortium key): width folded, no spaces at all.
    public static func compact(_ cell: String) -> String {
        String(foldWidth(cell).filter { !isSpace($0) })
    }

    /// A label as printed: width folded, without spaces (`联 系 人` → `联系人`).
    public static func label(_ cell: String) -> String { compact(cell) }

    /// What the empty template prints in a value cell (`年  月  日`, `☐是 ☐否`, underscores) counts as empty.
    public static func isBlank(_ cell: String) -> Bool {
        let s = compact(cell)
        if s.allSatisfy({ "年月日_☐□".contains($0) }) { return true }
        return s.contains(where: { unchecked.contains($0) }) && s.allSatisfy { unchecked.contains($0) || "是否有无".contains($0) }
    }

    // MARK: Numbers

    static let chineseDigits: [Character: Int] = [
        "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let chineseUnits: [Character: Int] = ["十": 10, "百": 100, "千": 1000]

    /// `8`, `８`, `八`, `十二`, `二十`, `一百零五`, `8个`, `326人`, `1,200`; nil otherwise.
    public static func count(_ cell: String, units: String = "个人名家项岁") -> Int? {
        var s = compact(cell)
        while let last = s.last, units.contains(last) { s.removeLast() }
        if let n = digits(s) { return n }
        return chineseNumber(s)
    }

    /// ASCII digits with optional thousands separators (`3,860,000,000`).
    static func digits(_ s: String) -> Int? {
        guard !s.isEmpty, s.first != ",", s.last != ",", s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else { return nil }
        let groups = s.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1, groups.dropFirst().contains(where: { $0.count != 3 }) || groups[0].count > 3 { return nil }
        return Int(groups.joined())
    }

    /// 零–九 with 十/百/千 (below 10,000), or a string of digits such as 二〇二三.
    static func chineseNumber(_ s: String) -> Int? {
        guard !s.isEmpty else { return nil }
        if s.allSatisfy({ chineseDigits[$0] != nil }), s.count > 1 {
            return s.reduce(0) { $0 * 10 + chineseDigits[$1]! }
        }
        var total = 0
        var current = 0
        var lastUnit = Int.max
        var sawAny = false
        for c in s {
            if let d = chineseDigits[c] {
                current = d
                sawAny = true
            } else if let unit = chineseUnits[c] {
                guard unit < lastUnit else { return nil }
                total += (current == 0 && !sawAny ? 1 : current) * unit
                if current == 0 && sawAny && total == 0 { return nil }
                current = 0
                lastUnit = unit
                sawAny = false
            } else {
                return nil
            }
        }
        return total + current
    }

    /// Money in whole yuan: `5亿元`, `5,000万元`, `1.2亿`, `3000000元`, `人民币38.6亿元`, `38.6亿元人民币`, `13,100万`.
    /// Exact decimal arithmetic; nil when not a whole number of yuan or on overflow.
    public static func money(_ cell: String) -> Int? {
        var s = compact(cell)
        for currency in ["人民币", "RMB", "rmb", "CNY", "cny"] where s.hasSuffix(currency) { s.removeLast(currency.count) }
        if s.hasPrefix("人民币") { s.removeFirst(3) }
        if s.hasPrefix("¥") || s.hasPrefix("￥") { s.removeFirst() }
        if s.hasSuffix("元") { s.removeLast() }
        var exponent = 0
        if s.hasSuffix("亿") {
            exponent = 8
            s.removeLast()
        } else if s.hasSuffix("万") {
            exponent = 4
            s.removeLast()
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = digits(String(parts[0])) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= exponent else { return nil }
        var value = whole
        for _ in 0..<exponent {
            let (m, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = m
        }
        guard !fraction.isEmpty else { return value }
        var frac = Int(fraction)!
        for _ in 0..<(exponent - fraction.count) { frac *= 10 }
        let (sum, overflow) = value.addingReportingOverflow(frac)
        return overflow ? nil : sum
    }

    /// A fiscal year: `2023`, `2023年`, `２０２３年度`, `二〇二三年`.
    public static func year(_ cell: String) -> Int? {
        var s = compact(cell)
        if s.hasSuffix("年度") { s.removeLast(2) } else if s.hasSuffix("年") { s.removeLast() }
        guard let n = s.allSatisfy({ $0.isASCII }) ? Int(s) : chineseNumber(s), (1900...2999).contains(n) else { return nil }
        return n
    }

    // MARK: Dates

    /// `2026年3月1日`, `2026.3.1`, `2026-3-1`, `2026/03/01`, `２０２６年３月１日`.
    public static func date(_ cell: String) -> CivilDate? {
        guard let parts = dateParts(cell), parts.count == 3 else { return nil }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// A day as `date`, or a month: `2019.6`, `2019年6月`, `2019-06`.
    public static func dayOrMonth(_ cell: String) -> PlatformBuilt? {
        guard let parts = dateParts(cell) else { return nil }
        if parts.count == 3 { return CivilDate(year: parts[0], month: parts[1], day: parts[2]).map { .day($0) } }
        guard parts.count == 2, (1...12).contains(parts[1]), (1...9999).contains(parts[0]) else { return nil }
        return CivilMonth(String(format4(parts[0]) + "-" + (parts[1] < 10 ? "0" : "") + String(parts[1]))).map { .month($0) }
    }

    private static func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    /// The numbers of a date written with one kind of separator (`年月日`, `.`, `-`, `/`).
    static func dateParts(_ cell: String) -> [Int]? {
        var s = compact(cell)
        if s.hasSuffix("日") || s.hasSuffix("号") || (s.contains("年") && s.hasSuffix("月")) { s.removeLast() }
        let separators: Set<Character> = s.contains("年") ? ["年", "月"] : [".", "-", "/"]
        let used = Set(s.filter { !$0.isNumber })
        guard used.isSubset(of: separators), used.count == 1 || s.contains("年") else { return nil }
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
        guard (2...3).contains(parts.count), parts[0].count == 4 else { return nil }
        let numbers = parts.map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.map { $0! }
    }

    // MARK: Yes / no and words

    static let checked: Set<Character> = ["☑", "☒", "■", "✓", "✔", "√", "▣"]
    static let unchecked: Set<Character> = ["☐", "□"]
    static let yesWords = ["是", "有", "已签", "已签字", "已签署", "已盖", "已盖章", "已加盖", "y", "yes", "true", "√", "✓", "✔"]
    static let noWords = ["否", "无", "没有", "未", "未签", "未签字", "未盖", "未盖章", "n", "no", "false", "×", "x"]

    /// How a yes/no cell reads (docs/word-forms.md, "Ticks").
    public enum YesNoReading: Equatable, Sendable {
        case yes, no
        /// Nothing ticked or written: not provided.
        case blank
        /// A ticked option that is not a yes/no word, or words that are not one.
        case unreadable
        /// Both options ticked.
        case bothTicked
        /// A tick as close to the option before it as to the one after it (`是 ☑ 否`, `是☑否`).
        case ambiguous
    }

    /// `是/否`, `☑是 ☐否`, `有/无`, `已签`; `.some(nil)` when nothing is filled in (not provided),
    /// nil when unreadable, both ticked or ambiguous (`readYesNo` says which).
    public static func yesNo(_ cell: String) -> Bool?? {
        switch readYesNo(cell) {
        case .yes: true
        case .no: false
        case .blank: .some(nil)
        case .unreadable, .bothTicked, .ambiguous: nil
        }
    }

    private enum Token { case box(Bool), word(String) }

    /// Reads a yes/no cell. A box (☑☒■✓✔√▣ ticked, ☐□ empty) belongs to the option next to it:
    /// before its label (`☑是 ☐否`) or after it (`是☑ 否☐`, `是☑否☐`, `是 ☑ 否 ☐`). Every box
    /// of a cell is read the same way round; which way is the one that gives each option at most
    /// one box, and when both do, the one where more boxes touch their option (no space between).
    /// A tick as close to both sides is ambiguous and never guessed.
    public static func readYesNo(_ cell: String) -> YesNoReading {
        let folded = foldWidth(cell).lowercased()
        guard folded.contains(where: { checked.contains($0) || unchecked.contains($0) }) else {
            let s = compact(cell).lowercased()
            if s.isEmpty { return .blank }
            return yesNoWord(s).map { $0 ? .yes : .no } ?? .unreadable
        }
        // Tokens, and whether a space comes before each. Opening brackets bind (`是(√)`), closing ones part.
        var tokens: [Token] = []
        var gapBefore: [Bool] = []
        var word = ""
        var gap = false
        func flush() {
            if !word.isEmpty {
                tokens.append(.word(word))
                gapBefore.append(gap)
                gap = false
                word = ""
            }
        }
        for c in folded {
            if checked.contains(c) || unchecked.contains(c) {
                flush()
                tokens.append(.box(checked.contains(c)))
                gapBefore.append(gap)
                gap = false
            } else if isSpace(c) || ")]】".contains(c) {
                flush()
                gap = true
            } else if !"([【".contains(c) {
                word.append(c)
            }
        }
        flush()
        let boxes = tokens.indices.filter { if case .box = tokens[$0] { true } else { false } }
        func isWord(_ i: Int) -> Bool { tokens.indices.contains(i) && { if case .word = tokens[i] { true } else { false } }() }
        if boxes.count == tokens.count {
            // Boxes alone: one is the answer itself (`☑`, `☐`); several are not read.
            guard boxes.count == 1, case .box(let tick) = tokens[0] else { return .unreadable }
            return tick ? .yes : .no
        }
        // Each box's option, read before (true) or after (false) its label; nil: not consistent.
        func assign(_ boxBeforeLabel: Bool) -> (owners: [Int: Int], tight: Int)? {
            var owners: [Int: Int] = [:]
            var used: Set<Int> = []
            var tight = 0
            for b in boxes {
                let preferred = boxBeforeLabel ? b + 1 : b - 1
                let other = boxBeforeLabel ? b - 1 : b + 1
                guard let owner = isWord(preferred) ? preferred : isWord(other) ? other : nil else { continue }
                guard used.insert(owner).inserted else { return nil }
                owners[b] = owner
                if !gapBefore[max(b, owner)] { tight += 1 }
            }
            return (owners, tight)
        }
        let before = assign(true)
        let after = assign(false)
        let owners: [Int: Int]
        switch (before, after) {
        case let (b?, a?) where b.owners == a.owners: owners = b.owners
        case let (b?, a?) where b.tight != a.tight: owners = b.tight > a.tight ? b.owners : a.owners
        case (_?, _?): return .ambiguous
        case let (b?, nil): owners = b.owners
        case let (nil, a?): owners = a.owners
        case (nil, nil): return .ambiguous
        }
        var answers: Set<Bool> = []
        for b in boxes {
            guard case .box(true) = tokens[b] else { continue }
            guard let owner = owners[b] else { return .unreadable }
            guard case .word(let text) = tokens[owner], let answer = yesNoWord(text) else { return .unreadable }
            answers.insert(answer)
        }
        if answers.count > 1 { return .bothTicked }
        return answers.first.map { $0 ? .yes : .no } ?? .blank
    }

    static func yesNoWord(_ s: String) -> Bool? {
        if yesWords.contains(s) { return true }
        if noWords.contains(s) { return false }
        return nil
    }

    /// The enum case named by one of `words` (matched after `compact`).
    static func word<E>(_ cell: String, _ table: [(String, E)]) -> E? {
        let s = compact(cell)
        return table.first { $0.0 == s }?.1
    }

    public static func memberType(_ cell: String) -> MemberType? {
        word(
            cell,
            [
                ("企业", .enterprise), ("高等学校", .university), ("高校", .university), ("大学", .university),
                ("科研院所", .institute), ("研究机构", .institute), ("科研机构", .institute), ("研究院所", .institute),
                ("服务机构", .service), ("服务", .service), ("其他", .other), ("其它", .other),
            ]
        )
    }

    public static func layer(_ cell: String) -> Layer? {
        word(
            cell,
            [
                ("牵头单位", .lead), ("牵头", .lead), ("牵头层", .lead), ("核心层", .core), ("核心", .core),
                ("核心层单位", .core), ("紧密合作层", .close), ("紧密合作", .close), ("紧密层", .close),
                ("紧密合作单位", .close), ("一般协作层", .general), ("一般协作", .general), ("协作层", .general),
                ("一般协作层单位", .general), ("一般协作单位", .general),
            ]
        )
    }

    public static func sector(_ cell: String) -> Sector? {
        word(
            cell,
            [
                ("制造业", .manufacturing), ("制造", .manufacturing), ("科技与信息服务业", .services),
                ("科技服务业", .services), ("信息服务业", .services), ("科技和信息服务业", .services),
            ]
        )
    }

    public static func platformLevel(_ cell: String) -> PlatformLevel? {
        word(
            cell,
            [
                ("国家级", .national), ("国家", .national), ("自治区级", .regional), ("自治区", .regional),
                ("省级", .regional), ("区级", .regional), ("市级", .municipal), ("柳州市级", .municipal),
            ]
        )
    }

    /// The platform's type from its name (the form has no column for it): the words of 四(一)'s list.
    public static func platformType(name: String) -> PlatformType {
        let s = compact(name)
        if s.contains("重点实验室") { return .keyLab }
        if s.contains("企业技术中心") { return .enterpriseTechCenter }
        if s.contains("工程技术研究中心") || s.contains("工程研究中心") || s.contains("工程(技术)研究中心") { return .engineeringCenter }
        if s.contains("技术创新中心") { return .techInnovationCenter }
        return .other
    }
}
