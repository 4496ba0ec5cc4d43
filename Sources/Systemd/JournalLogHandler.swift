import Logging

/// A swift-log handler writing to the systemd journal: PRIORITY from the level, MESSAGE, the
/// metadata as fields (upper-cased; names journald would refuse are dropped), CODE_FILE,
/// CODE_LINE and CODE_FUNC of the call, and `extraFields` on every entry (for instance
/// SYSLOG_IDENTIFIER and DIAGNOSTIC=1). Knows nothing about consortia.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let extraFields: [(String, String)]

    public init(level: Logger.Level, extraFields: [(String, String)] = []) {
        self.logLevel = level
        self.extraFields = extraFields
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The journal's priority (syslog's) of a swift-log level.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [("PRIORITY", String(Self.priority(event.level))), ("MESSAGE", "\(event.message)")]
        fields += extraFields
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields.append((key.uppercased(), "\(value)"))
        }
        fields += [("CODE_FILE", event.file), ("CODE_LINE", String(event.line)), ("CODE_FUNC", event.function)]
        Journal.send(fields)
    }
}
