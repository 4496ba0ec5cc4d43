import Foundation
import Yams

extension ConsortiumConfig {
    /// Parses the text of `consortiumd.yaml`. Empty text (or only comments, or `~`) gives the
    /// defaults. Unknown keys, anywhere, are an error naming the key and its line (decisions 15);
    /// a key whose value is plainly empty/`~`/`null` keeps its default (decisions 1).
    public static func parse(_ text: String) throws(ConfigError) -> ConsortiumConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            throw ConfigParser.syntaxError(error)
        }
        var parser = ConfigParser()
        return try parser.config(root)
    }
}

/// Walks the composed node tree of the config file (never a decoder that expands aliases first).
struct ConfigParser {
    /// Aliases are followed by the composer; the walk is bounded so that a "billion laughs"
    /// config cannot hang the daemon.
    static let maxNodes = 100_000
    private var visited = 0

    static let topKeys: Set<String> = [
        "inbox", "rejected", "pending", "stateDirectory", "noticeDirectory", "timezone", "evaluationTime",
        "rescanSeconds", "noticesFrom", "maxDocumentBytes", "maxDocumentNodes", "maxDocxBytes", "pendingDays", "policy",
        "metricsDirectory", "bureau", "diagnostics", "reportDirectory", "goodStandingMonths",
    ]
    static let policyKeys: [String] = [
        "membersMin", "localShare", "enterpriseShare", "revenueManufacturing", "revenueServices", "rdStaffMin",
        "rdIntensityMin", "projectMemberShare", "validYears", "refusalDays", "repeatDays", "reportReminderDays",
        "expiryReminderDays", "priorityIndustries",
    ]

    static func syntaxError(_ error: any Error) -> ConfigError {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return ConfigError(key: "", line: mark.line, message: "YAML 语法错误：\(problem)", messageEn: "YAML syntax error: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, _):
                let keys = duplicates.joined(separator: ", ")
                return ConfigError(key: keys, line: nil, message: "键重复：\(keys)", messageEn: "duplicate key: \(keys)")
            case .reader(let problem, _, _, _):
                return ConfigError(key: "", line: nil, message: "无法读取配置文本：\(problem)", messageEn: "cannot read the config text: \(problem)")
            default:
                break
            }
        }
        return ConfigError(key: "", line: nil, message: "YAML 语法错误：\(error)", messageEn: "YAML syntax error: \(error)")
    }

    // MARK: - Top level

    mutating func config(_ root: Node?) throws(ConfigError) -> ConsortiumConfig {
        var config = ConsortiumConfig()
        guard let root, !isNull(root) else { return config }
        let top = try mapping(root, key: "")
        for (keyNode, value) in top {
            let key = try keyName(keyNode, in: "")
            guard Self.topKeys.contains(key) else { throw unknownKey(key, keyNode, known: Self.topKeys.sorted()) }
            if isNull(value) { continue }
            switch key {
            case "inbox": config.inbox = try path(value, key: key)
            case "rejected": config.rejected = try path(value, key: key)
            case "pending": config.pending = try path(value, key: key)
            case "stateDirectory": config.stateDirectory = try path(value, key: key)
            case "noticeDirectory": config.noticeDirectory = try path(value, key: key)
            case "timezone":
                let text = try string(value, key: key)
                guard TimeZone(identifier: text) != nil else {
                    throw error(
                        key,
                        value,
                        "未知的时区「\(text)」，请使用 IANA 时区名，如 Asia/Shanghai",
                        "unknown time zone \(text); use an IANA name such as Asia/Shanghai"
                    )
                }
                config.timezone = text
            case "evaluationTime":
                let text = try string(value, key: key)
                guard let time = TimeOfDay(text) else {
                    throw error(key, value, "「\(text)」不是 HH:MM 格式的时刻（00:00–23:59）", "\(text) is not a time of day HH:MM (00:00-23:59)")
                }
                config.evaluationTime = time
            case "rescanSeconds": config.rescanSeconds = try integer(value, key: key, min: 1)
            case "noticesFrom": config.noticesFrom = try date(value, key: key)
            case "maxDocumentBytes": config.maxDocumentBytes = try size(value, key: key)
            case "maxDocumentNodes": config.maxDocumentNodes = try integer(value, key: key, min: 1)
            case "maxDocxBytes": config.maxDocxBytes = try size(value, key: key)
            case "pendingDays": config.pendingDays = try integer(value, key: key, min: 1)
            case "policy": config.policy = try schedule(value)
            case "metricsDirectory":
                // A quoted empty text turns the metrics file off; a plain empty value keeps the default.
                if case .scalar(let s) = value, s.string.isEmpty {
                    config.metricsDirectory = ""
                    continue
                }
                config.metricsDirectory = try path(value, key: key)
            case "bureau": config.bureau = try bureau(value, key: key)
            case "diagnostics": config.diagnostics = try boolean(value, key: key)
            case "reportDirectory":
                // A quoted empty text turns the report off; a plain empty value keeps the default.
                if case .scalar(let s) = value, s.string.isEmpty {
                    config.reportDirectory = ""
                    continue
                }
                config.reportDirectory = try path(value, key: key)
            case "goodStandingMonths": config.goodStandingMonths = try integer(value, key: key, min: 1)
            default: break
            }
        }
        return config
    }

    // MARK: - Policy

    /// One mapping of policy keys (optionally with `effectiveFrom`), or a list of mappings each
    /// with `effectiveFrom`. Keys a set omits take the seed's defaults (decisions 15).
    mutating func schedule(_ node: Node) throws(ConfigError) -> PolicySchedule {
        switch node {
        case .sequence(let list):
            try count()
            var versions: [PolicySchedule.Version] = []
            for (index, item) in list.enumerated() {
                let key = "policy[\(index)]"
                let version = try policyVersion(item, key: key, dated: true)
                if let from = version.effectiveFrom, versions.contains(where: { $0.effectiveFrom == from }) {
                    throw error(key + ".effectiveFrom", item, "有两组策略的生效日期同为 \(from)", "two policy sets take effect on \(from)")
                }
                versions.append(version)
            }
            return PolicySchedule(versions)
        default:
            return PolicySchedule([try policyVersion(node, key: "policy", dated: false)])
        }
    }

    mutating func policyVersion(_ node: Node, key base: String, dated: Bool) throws(ConfigError) -> PolicySchedule.Version {
        let map = try mapping(node, key: base)
        var policy = Policy.seed
        var effectiveFrom: CivilDate?
        let known = Self.policyKeys + ["effectiveFrom"]
        for (keyNode, value) in map {
            let name = try keyName(keyNode, in: base)
            let key = base + "." + name
            guard known.contains(name) else { throw unknownKey(key, keyNode, known: known) }
            if isNull(value) { continue }
            switch name {
            case "effectiveFrom": effectiveFrom = try date(value, key: key)
            case "membersMin": policy.membersMin = try integer(value, key: key, min: 1)
            case "localShare": policy.localShare = try share(value, key: key)
            case "enterpriseShare": policy.enterpriseShare = try share(value, key: key)
            case "revenueManufacturing": policy.revenueManufacturing = try integer(value, key: key, min: 0)
            case "revenueServices": policy.revenueServices = try integer(value, key: key, min: 0)
            case "rdStaffMin": policy.rdStaffMin = try integer(value, key: key, min: 0)
            case "rdIntensityMin": policy.rdIntensityMin = try share(value, key: key)
            case "projectMemberShare": policy.projectMemberShare = try share(value, key: key)
            case "validYears": policy.validYears = try integer(value, key: key, min: 1)
            case "refusalDays": policy.refusalDays = try integer(value, key: key, min: 0)
            case "repeatDays": policy.repeatDays = try integer(value, key: key, min: 1)
            case "reportReminderDays": policy.reportReminderDays = try days(value, key: key)
            case "expiryReminderDays": policy.expiryReminderDays = try days(value, key: key)
            case "priorityIndustries": policy.priorityIndustries = try strings(value, key: key)
            default: break
            }
        }
        if dated, effectiveFrom == nil {
            throw error(base, node, "策略列表中的每一组都须有 effectiveFrom（生效日期）", "each set in a policy list needs effectiveFrom")
        }
        return PolicySchedule.Version(effectiveFrom: effectiveFrom, policy: policy)
    }

    // MARK: - Values

    private mutating func count() throws(ConfigError) {
        visited += 1
        if visited > Self.maxNodes {
            throw ConfigError(
                key: "",
                line: nil,
                message: "配置文件节点过多（超过 \(Self.maxNodes) 个，可能是别名展开）",
                messageEn: "the config has too many nodes (over \(Self.maxNodes), aliases followed)"
            )
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    func line(_ node: Node) -> Int? { node.mark?.line }

    func error(_ key: String, _ node: Node, _ zh: String, _ en: String) -> ConfigError {
        ConfigError(key: key, line: line(node), message: zh, messageEn: en)
    }

    func unknownKey(_ key: String, _ node: Node, known: [String]) -> ConfigError {
        let name = key.split(separator: ".").last.map(String.init) ?? key
        let hint = Self.closest(to: name, in: known)
        return error(
            key,
            node,
            "未知的配置项「\(name)」" + (hint.map { "，是否应为 \($0)？" } ?? ""),
            "unknown key \(name)" + (hint.map { "; did you mean \($0)?" } ?? "")
        )
    }

    mutating func mapping(_ node: Node, key: String) throws(ConfigError) -> Node.Mapping {
        try count()
        guard case .mapping(let map) = node else {
            throw error(key, node, "此处应为键值映射（key: value）", "expected a mapping (key: value) here")
        }
        return map
    }

    mutating func keyName(_ node: Node, in base: String) throws(ConfigError) -> String {
        try count()
        guard case .scalar(let s) = node else {
            throw error(base, node, "键必须是文字", "a key must be a plain scalar")
        }
        return s.string
    }

    mutating func scalar(_ node: Node, key: String, what zh: String, _ en: String) throws(ConfigError) -> Node.Scalar {
        try count()
        guard case .scalar(let s) = node else { throw error(key, node, "此处应为\(zh)", "expected \(en) here") }
        return s
    }

    mutating func string(_ node: Node, key: String) throws(ConfigError) -> String {
        try scalar(node, key: key, what: "文字", "a text value").string
    }

    mutating func path(_ node: Node, key: String) throws(ConfigError) -> String {
        let text = try string(node, key: key)
        guard text.hasPrefix("/"), !text.contains("\0") else {
            throw error(key, node, "「\(text)」不是绝对路径（应以 / 开头）", "\(text) is not an absolute path (must start with /)")
        }
        return text
    }

    /// An unquoted scalar of ASCII digits (decisions 2, as for documents).
    mutating func integer(_ node: Node, key: String, min: Int) throws(ConfigError) -> Int {
        let s = try scalar(node, key: key, what: "整数", "an integer")
        guard s.style == .plain || s.style == .any, let value = ASCIIDigits.digits(Substring(s.string)) else {
            throw error(key, node, "「\(s.string)」不是整数（只写数字，不加引号）", "\(s.string) is not an integer (plain digits, unquoted)")
        }
        guard value >= min else { throw error(key, node, "应不小于 \(min)", "must be at least \(min)") }
        return value
    }

    /// `true` or `false`, unquoted.
    mutating func boolean(_ node: Node, key: String) throws(ConfigError) -> Bool {
        let s = try scalar(node, key: key, what: "true 或 false", "true or false")
        guard s.style == .plain || s.style == .any, s.string == "true" || s.string == "false" else {
            throw error(key, node, "「\(s.string)」应为 true 或 false（不加引号）", "\(s.string) must be true or false (unquoted)")
        }
        return s.string == "true"
    }

    /// Bytes: an integer, optionally with `KiB`, `MiB` or `GiB` (`4MiB`, `20 MiB`).
    mutating func size(_ node: Node, key: String) throws(ConfigError) -> Int {
        let s = try scalar(node, key: key, what: "字节数", "a size in bytes")
        var text = Substring(s.string)
        var factor = 1
        for (suffix, f) in [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count)
            factor = f
        }
        while text.hasSuffix(" ") { text = text.dropLast() }
        guard s.style == .plain || s.style == .any, let value = ASCIIDigits.digits(text), value >= 1,
            case (let bytes, false) = value.multipliedReportingOverflow(by: factor)
        else {
            throw error(key, node, "「\(s.string)」不是正的字节数（如 4194304 或 4MiB）", "\(s.string) is not a positive size (e.g. 4194304 or 4MiB)")
        }
        return bytes
    }

    /// A bureau's name as the journal's `BUREAU=` field carries it: 1 to 64 letters (any
    /// script) or digits, `-`, `_`, `.` (`liuzhou`, `柳州市`), so it can be matched on the command
    /// line (`journalctl BUREAU=liuzhou`) as it is written.
    mutating func bureau(_ node: Node, key: String) throws(ConfigError) -> String {
        let text = try string(node, key: key)
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal || "-_.".unicodeScalars.contains(scalar)
        }
        guard (1...64).contains(text.count), allowed else {
            throw error(
                key,
                node,
                "「\(text)」不能用作局名：只可用 1 到 64 个字母、数字或 - _ .（如 liuzhou 或 柳州市），不含空格",
                "\(text) cannot be a bureau name: 1 to 64 letters, digits or - _ . (e.g. liuzhou), no spaces"
            )
        }
        return text
    }

    mutating func date(_ node: Node, key: String) throws(ConfigError) -> CivilDate {
        let text = try string(node, key: key)
        guard let date = CivilDate(text) else {
            throw error(key, node, "「\(text)」不是 YYYY-MM-DD 格式的日期", "\(text) is not a YYYY-MM-DD date")
        }
        return date
    }

    /// A decimal between 0 and 1 (`0.30`), read exactly (`Rational(decimal:)`).
    mutating func share(_ node: Node, key: String) throws(ConfigError) -> Rational {
        let s = try scalar(node, key: key, what: "小数", "a decimal")
        guard s.style == .plain || s.style == .any, let value = Rational(decimal: s.string), value.numerator <= value.denominator else {
            throw error(
                key,
                node,
                "「\(s.string)」不是 0 到 1 之间的小数（如 0.30，不加引号、不写百分号）",
                "\(s.string) is not a decimal between 0 and 1 (e.g. 0.30, unquoted, no percent sign)"
            )
        }
        return value
    }

    mutating func list(_ node: Node, key: String) throws(ConfigError) -> Node.Sequence {
        try count()
        guard case .sequence(let seq) = node else { throw error(key, node, "此处应为列表", "expected a list here") }
        return seq
    }

    mutating func days(_ node: Node, key: String) throws(ConfigError) -> [Int] {
        var out: [Int] = []
        for (index, item) in try list(node, key: key).enumerated() {
            let value = try integer(item, key: "\(key)[\(index)]", min: 0)
            guard !out.contains(value) else {
                throw error("\(key)[\(index)]", item, "天数 \(value) 重复", "\(value) days is listed twice")
            }
            out.append(value)
        }
        return out.sorted(by: >)
    }

    mutating func strings(_ node: Node, key: String) throws(ConfigError) -> [String] {
        var out: [String] = []
        for (index, item) in try list(node, key: key).enumerated() {
            out.append(try string(item, key: "\(key)[\(index)]"))
        }
        return out
    }

    /// The known key nearest to a misspelt one (edit distance at most 3, case-insensitive).
    static func closest(to name: String, in known: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let current = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return a.isEmpty ? b.count : row[b.count]
        }
        let lower = Array(name.lowercased())
        let scored = known.map { ($0, distance(lower, Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return nil }
        return best.0
    }
}
