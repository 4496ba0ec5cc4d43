/// Collects the field errors of one document while its typed values are read from the nodes.
/// Readers return `nil` when a value is missing or wrong (the error is recorded), so a whole
/// document is only built when every error is accounted for.
final class DecodingContext {
    private(set) var errors: [DocumentError] = []

    func fail(_ path: String, _ line: Int?, _ zh: String, _ en: String) {
        errors.append(DocumentError(path: path, line: line, message: zh, messageEn: en))
    }

    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
    static func index(_ path: String, _ i: Int) -> String { "\(path)[\(i)]" }

    // MARK: Structure

    /// The fields of a mapping node, with unknown keys rejected (naming the closest known key).
    func fields(_ node: DocumentNode, _ path: String, known: [String]) -> Fields? {
        guard case .mapping(let pairs) = node.content else {
            fail(
                path,
                node.line,
                "应为映射（键: 值），实际是\(node.kindName.zh)",
                "expected a mapping (key: value), found \(node.kindName.en)"
            )
            return nil
        }
        var map: [DocumentNodePair] = []
        map.reserveCapacity(pairs.count)
        for pair in pairs {
            if known.contains(pair.key) {
                map.append(pair)
            } else {
                let guess = Self.closest(to: pair.key, in: known)
                fail(
                    Self.child(path, pair.key),
                    pair.keyLine,
                    "未知字段 `\(pair.key)`" + (guess.map { "（是否想写 `\($0)`？）" } ?? ""),
                    "unknown field `\(pair.key)`" + (guess.map { " (did you mean `\($0)`?)" } ?? "")
                )
            }
        }
        return Fields(context: self, path: path, line: node.line, pairs: FieldPairs(map))
    }

    func list(_ node: DocumentNode, _ path: String) -> [DocumentNode]? {
        guard case .sequence(let items) = node.content else {
            fail(path, node.line, "应为列表，实际是\(node.kindName.zh)", "expected a list, found \(node.kindName.en)")
            return nil
        }
        return items
    }

    /// Decodes every element (all errors collected); `nil` when any failed.
    func elements<T>(
        _ node: DocumentNode,
        _ path: String,
        min: Int = 0,
        max: Int? = nil,
        _ element: (DocumentNode, String) -> T?
    ) -> [T]? {
        guard let items = list(node, path) else { return nil }
        if items.count < min {
            fail(path, node.line, "至少需要 \(min) 项，实际 \(items.count) 项", "needs at least \(min) entries, found \(items.count)")
        }
        if let max, items.count > max {
            fail(path, node.line, "最多 \(max) 项，实际 \(items.count) 项", "allows at most \(max) entries, found \(items.count)")
        }
        var result: [T] = []
        var ok = items.count >= min && (max.map { items.count <= $0 } ?? true)
        for (i, item) in items.enumerated() {
            let p = Self.index(path, i)
            if item.isNull {
                fail(p, item.line, "列表项为空：应填写一个值", "empty list entry: a value is expected")
                ok = false
            } else if let value = element(item, p) {
                result.append(value)
            } else {
                ok = false
            }
        }
        return ok ? result : nil
    }

    // MARK: Scalars

    func text(_ node: DocumentNode, _ path: String) -> String? {
        guard case .scalar(let text, _) = node.content else {
            fail(path, node.line, "应为文字，实际是\(node.kindName.zh)", "expected text, found \(node.kindName.en)")
            return nil
        }
        return text
    }

    /// An identifier: text that is not blank (decisions 4).
    func identifier(_ node: DocumentNode, _ path: String) -> String? {
        guard let text = text(node, path) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            fail(path, node.line, "不能为空白：应填写编号或名称", "must not be blank: an identifier is expected")
            return nil
        }
        return text
    }

    /// A non-negative integer: an unquoted scalar of ASCII digits (decisions 2).
    func integer(_ node: DocumentNode, _ path: String, minimum: Int = 0) -> Int? {
        guard case .scalar(let text, let plain) = node.content else {
            fail(path, node.line, "应为整数，实际是\(node.kindName.zh)", "expected an integer, found \(node.kindName.en)")
            return nil
        }
        guard plain else {
            fail(
                path,
                node.line,
                "整数不能加引号：`\"\(text)\"` 应写为 \(text)",
                "integers must not be quoted: write `\"\(text)\"` as \(text)"
            )
            return nil
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            fail(
                path,
                node.line,
                "`\(text)` 不是非负整数：只能由数字 0–9 组成（不带符号、小数点或单位）",
                "`\(text)` is not a non-negative integer: only the digits 0–9 (no sign, decimal point or unit)"
            )
            return nil
        }
        guard let value = Int(text, radix: 10) else {
            fail(path, node.line, "整数 `\(text)` 过大", "integer `\(text)` is too large")
            return nil
        }
        guard value >= minimum else {
            fail(path, node.line, "应不小于 \(minimum)，实际为 \(value)", "must be at least \(minimum), found \(value)")
            return nil
        }
        return value
    }

    /// `true` or `false`, unquoted and lower-case (decisions 3).
    func boolean(_ node: DocumentNode, _ path: String) -> Bool? {
        if case .scalar(let text, plain: true) = node.content {
            if text == "true" { return true }
            if text == "false" { return false }
        }
        let shown: String
        if case .scalar(let text, _) = node.content { shown = "`\(text)`" } else { shown = node.kindName.en }
        fail(
            path,
            node.line,
            "应为 true 或 false（小写，不加引号），实际是 \(shown)",
            "expected true or false (lower-case, unquoted), found \(shown)"
        )
        return nil
    }

    /// A strict `YYYY-MM-DD` civil date.
    func date(_ node: DocumentNode, _ path: String) -> CivilDate? {
        guard let text = text(node, path) else { return nil }
        if Self.isDigits(text, pattern: [4, 2, 2]), let date = CivilDate(text) { return date }
        fail(
            path,
            node.line,
            "`\(text)` 不是有效日期：应为 YYYY-MM-DD，例如 2026-03-15",
            "`\(text)` is not a valid date: expected YYYY-MM-DD, e.g. 2026-03-15"
        )
        return nil
    }

    /// A platform's `built`: `YYYY-MM-DD` or `YYYY-MM`.
    func built(_ node: DocumentNode, _ path: String) -> PlatformBuilt? {
        guard let text = text(node, path) else { return nil }
        if Self.isDigits(text, pattern: [4, 2, 2]), let date = CivilDate(text) { return .day(date) }
        if Self.isDigits(text, pattern: [4, 2]), let month = CivilMonth(text) { return .month(month) }
        fail(
            path,
            node.line,
            "`\(text)` 不是有效日期：应为 YYYY-MM-DD 或 YYYY-MM，例如 2021-06 ",
            "`\(text)` is not a valid date: expected YYYY-MM-DD or YYYY-MM, e.g. 2021-06"
        )
        return nil
    }

    func word<E: RawRepresentable & CaseIterable>(_ node: DocumentNode, _ path: String, _: E.Type) -> E? where E.RawValue == String {
        guard let text = text(node, path) else { return nil }
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        fail(
            path,
            node.line,
            "`\(text)` 不是允许的取值：应为 \(allowed) 之一",
            "`\(text)` is not an allowed value: expected one of \(allowed)"
        )
        return nil
    }

    /// `count` hex digits, returned lower-case (decisions 12).
    func hex(_ node: DocumentNode, _ path: String, count: Int, what: (zh: String, en: String)) -> String? {
        guard let text = text(node, path) else { return nil }
        if text.utf8.count == count, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) {
            return text.lowercased()
        }
        fail(
            path,
            node.line,
            "`\(text)` 不是有效的\(what.zh)：应为 \(count) 位十六进制数字",
            "`\(text)` is not a valid \(what.en): expected \(count) hexadecimal digits"
        )
        return nil
    }

    // MARK: Member identifiers

    /// A USCC-typed value: `CC:…` with `CC` a foreign ISO 3166 alpha-2 code is a foreign member's
    /// id, anything else must be a valid USCC (documents.md, Member; decisions 8).
    func memberReference(_ node: DocumentNode, _ path: String) -> MemberID? {
        guard let text = text(node, path) else { return nil }
        let chars = Array(text)
        if chars.count >= 3, chars[2] == ":", chars[0].isASCII, chars[0].isUppercase, chars[1].isASCII, chars[1].isUppercase {
            let code = String(chars[0...1])
            if code != "CN" {
                guard CountryCode.isForeign(code) else {
                    fail(
                        path,
                        node.line,
                        "`\(code)` 不是 ISO 3166-1 国家代码：外国成员编号应为 `国家代码:登记号`，例如 `DE:HRB 12345`",
                        "`\(code)` is not an ISO 3166-1 country code: a foreign member's id is `CC:registration-number`, e.g. `DE:HRB 12345`"
                    )
                    return nil
                }
                guard chars.dropFirst(3).contains(where: { !$0.isWhitespace }) else {
                    fail(path, node.line, "外国成员编号 `\(text)` 缺少冒号后的登记号", "foreign id `\(text)` lacks the registration number after the colon")
                    return nil
                }
                return text
            }
        }
        return uscc(node, path, text)
    }

    /// A valid 统一社会信用代码.
    func uscc(_ node: DocumentNode, _ path: String, _ text: String) -> String? {
        guard let problem = USCC.problem(in: text) else { return text }
        let (zh, en) = problem.reason
        fail(
            path,
            node.line,
            "`\(text)` 不是有效的统一社会信用代码（GB 32100-2015）：\(zh)",
            "`\(text)` is not a valid unified social credit code (GB 32100-2015): \(en)"
        )
        return nil
    }

    // MARK: Helpers

    /// Whether `text` is runs of ASCII digits of the `pattern`'s lengths joined by `-`.
    static func isDigits(_ text: String, pattern: [Int]) -> Bool {
        var part = 0
        var run = 0
        for byte in text.utf8 {
            if byte == 0x2D {  // "-"
                guard part < pattern.count, run == pattern[part] else { return false }
                part += 1
                run = 0
            } else {
                guard byte >= 0x30 && byte <= 0x39 else { return false }
                run += 1
            }
        }
        return part == pattern.count - 1 && run == pattern[part]
    }

    /// The known name closest to `name` by edit distance.
    static func closest(to name: String, in known: [String]) -> String? {
        known.min { editDistance(name, $0) < editDistance(name, $1) }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
