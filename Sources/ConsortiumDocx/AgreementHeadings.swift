import Foundation

/// The headings of 附件2 组建协议 (一 参与单位 … 八 所有成员单位签章), found by their text with or
/// without a number: `二、技术创新目标`, `七．违约责任追究方式`, `（二）技术创新目标`, `第二条 技术创新目标`,
/// `2. 技术创新目标`, a number from Word's automatic numbering (written before the paragraph by
/// `BodyReader`), or none (docs/word-forms.md, "Headings").
enum AgreementHeadings {
    /// Each section's heading texts, the template's own first (the longest is matched first).
    static let keys: [(section: Int, texts: [String])] = [
        (1, ["参与单位", "成员单位名单"]),
        (2, ["技术创新目标", "创新目标"]),
        (3, ["任务具体分工", "任务分工", "具体分工"]),
        (4, ["各成员单位的责权利", "各成员单位的责任、权利与义务", "各成员单位的责任权利和义务", "成员单位的责权利", "责权利"]),
        (5, ["科技成果、知识产权归属、许可使用和转化收益等分配办法", "科技成果、知识产权归属", "科技成果及知识产权归属", "科技成果", "知识产权"]),
        (6, ["科研诚信追究方式", "科研诚信"]),
        (7, ["违约责任追究方式", "违约责任"]),
        (8, ["所有成员单位签章", "成员单位签章", "签章"]),
    ]

    static let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// A heading line: its section and the text it carries after a colon. `after` is the section
    /// read so far: a heading found by its text must not go back (a later section's words in the
    /// text of an earlier one stay text); one found only by its number must be the next section.
    static func heading(_ line: String, after current: Int) -> (section: Int, content: String)? {
        let folded = FormValue.foldWidth(line).trimmingCharacters(in: .whitespaces)
        let (number, chinese, rest) = numberPrefix(folded)
        let restLabel = FormValue.label(rest)
        for (section, texts) in keys where section >= max(current, 1) {
            guard let key = texts.first(where: { restLabel.hasPrefix(FormValue.label($0)) }) else { continue }
            // An unnumbered line is a heading only when it is the heading alone (perhaps with the
            // template's parenthesis) or has its text after a colon.
            let tail = afterKey(rest, key)
            let content = headingContent(tail, sentence: number != nil)
            if number == nil, content == nil, !isParenthesisOnly(tail) { continue }
            return (section, content ?? "")
        }
        // A heading retitled by the clerk: the next section's number in Chinese numerals (`三、…`);
        // `2.` lines are the template's own list items (一 参与单位 1. 牵头单位 …).
        if let number, chinese, number == current + 1, number <= 8, FormValue.label(rest).count <= 40 {
            return (number, "")
        }
        return nil
    }

    /// A leading section number: `二、` `二.` `二．`(folded) `(二)` `第二条` `第二部分` `2.` `2、`; the rest.
    static func numberPrefix(_ text: String) -> (number: Int?, chinese: Bool, rest: String) {
        var s = Substring(text)
        var bracketed = false
        if s.first == "(" {
            bracketed = true
            s = s.dropFirst()
        }
        if s.first == "第" { s = s.dropFirst() }
        var value = 0
        var digits = 0
        if let first = s.first, first.isASCII, first.isNumber {
            while let c = s.first, c.isASCII, let d = c.wholeNumberValue, digits < 2 {
                value = value * 10 + d
                digits += 1
                s = s.dropFirst()
            }
        } else {
            while let c = s.first, let d = numerals[c], digits < 2 {
                value = d == 10 ? (value == 0 ? 10 : value * 10) : value + d
                digits += 1
                s = s.dropFirst()
            }
        }
        let chinese = !(text.first(where: { $0 != "(" && $0 != "第" })?.isASCII ?? true)
        guard digits > 0 else { return (nil, false, text) }
        if bracketed {
            guard s.first == ")" else { return (nil, false, text) }
            s = s.dropFirst()
        } else {
            for word in ["条", "部分", "章"] where s.hasPrefix(word) {
                s = s.dropFirst(word.count)
                break
            }
            guard let separator = s.first, "、.,:;\t ".contains(separator) || s.isEmpty || text.hasPrefix("第") else { return (nil, false, text) }
            if let separator = s.first, "、.,:;".contains(separator) { s = s.dropFirst() }
        }
        return (value, chinese, String(s).trimmingCharacters(in: .whitespaces))
    }

    /// What follows `key` in `rest` (spaces inside the key as typed are allowed).
    static func afterKey(_ rest: String, _ key: String) -> String {
        var wanted = Substring(FormValue.label(key))
        var index = rest.startIndex
        while index < rest.endIndex, !wanted.isEmpty {
            if FormValue.isSpace(rest[index]) {
                index = rest.index(after: index)
                continue
            }
            wanted = wanted.dropFirst()
            index = rest.index(after: index)
        }
        return String(rest[index...]).trimmingCharacters(in: .whitespaces)
    }

    /// Whether what follows a heading's words is nothing or a parenthesis (the template's
    /// （明确创新联合体解散时各成员单位的权责分配）).
    static func isParenthesisOnly(_ tail: String) -> Bool {
        let s = FormValue.label(tail)
        return s.isEmpty || (s.hasPrefix("(") && s.hasSuffix(")") && s.filter { $0 == ")" }.count == 1)
    }

    /// The text a numbered heading line carries: what follows a colon (after a parenthesis the
    /// template prints), or, when `sentence`, a sentence (a heading has no 。 or ；); nil when the
    /// line is the heading alone.
    static func headingContent(_ tail: String, sentence: Bool) -> String? {
        var s = Substring(tail)
        if s.first == "(" || s.first == "（", let close = s.firstIndex(where: { $0 == ")" || $0 == "）" }) {
            s = s[s.index(after: close)...]
        }
        s = s.drop { FormValue.isSpace($0) }
        if s.first == ":" || s.first == "：" {
            let content = FormValue.line(String(s.dropFirst()))
            return content
        }
        if sentence, s.contains(where: { "。；;".contains($0) }) { return FormValue.line(String(s.drop { "、,，.".contains($0) })) }
        return nil
    }

    /// Text that says there is nothing: empty, `无`, `暂无`, `/`, `-`, `—`, `略`.
    static func isEmptyText(_ text: String) -> Bool {
        let s = FormValue.compact(text).trimmingCharacters(in: CharacterSet(charactersIn: "。.，,；;"))
        return s.isEmpty || ["无", "暂无", "没有", "/", "-", "—", "——", "略", "未约定", "不适用"].contains(s)
    }

    /// The sections a 协议中所在部分 cell names: its numbers 一–八 or 1–8 (`四`, `第四部分`, `四、五`),
    /// else a heading's words (`违约责任部分`); the template's section when the cell names none it
    /// can read; none when it is empty or says 无.
    static func sections(named cell: String, default section: Int) -> [Int] {
        if isEmptyText(cell) || FormValue.isBlank(cell) { return [] }
        let folded = FormValue.compact(cell)
        var found: [Int] = []
        for c in folded {
            if let n = numerals[c] ?? (c.isASCII ? c.wholeNumberValue : nil), (1...8).contains(n), !found.contains(n) { found.append(n) }
        }
        if !found.isEmpty { return found }
        for (number, texts) in keys where texts.contains(where: { folded.contains(FormValue.label($0)) }) { found.append(number) }
        return found.isEmpty ? [section] : found
    }
}
