/// Why a config file cannot be used: the key (a dotted path such as `policy[1].localShare`),
/// the line when known, and the reason in Chinese and English.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted key path from the top of the file, `""` for the whole file.
    public var key: String
    /// 1-based line in the config file, when known.
    public var line: Int?
    public var message: String
    public var messageEn: String

    public init(key: String, line: Int?, message: String, messageEn: String) {
        self.key = key
        self.line = line
        self.message = message
        self.messageEn = messageEn
    }

    /// `配置错误 policy.localShare (第12行): 中文 / config error policy.localShare (line 12): English`
    public var description: String {
        let zhWhere = (key.isEmpty ? "" : " " + key) + (line.map { " (第\($0)行)" } ?? "")
        let enWhere = (key.isEmpty ? "" : " " + key) + (line.map { " (line \($0))" } ?? "")
        return "配置错误\(zhWhere): \(message) / config error\(enWhere): \(messageEn)"
    }
}
