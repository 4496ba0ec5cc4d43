import Foundation

/// The settings of `consortiumd` and `consortiumctl` (operations.md "Directories"): every key
/// with its default, so an empty file works. Pure: `parse` reads text, never the file system.
public struct ConsortiumConfig: Sendable, Equatable {
    /// Where documents are dropped.
    public var inbox = "/var/lib/consortiumd/inbox"
    /// Rejected files, each with `NAME.error.txt` beside it.
    public var rejected = "/var/lib/consortiumd/rejected"
    /// Documents waiting for their consortium's Application.
    public var pending = "/var/lib/consortiumd/pending"
    /// The database and the archive of accepted originals.
    public var stateDirectory = "/var/lib/consortiumd"
    /// One `ID.json` per emitted notice.
    public var noticeDirectory = "/var/lib/consortiumd/notices"
    /// IANA time zone of civil dates and of the daily evaluation (validated by `parse`).
    public var timezone = "Asia/Shanghai"
    /// The daily full re-evaluation.
    public var evaluationTime = TimeOfDay(hour: 8, minute: 30)
    /// Seconds between full scans of the inbox behind inotify.
    public var rescanSeconds = 60
    /// Go-live backfill: notices opening before this day are recorded but not sent.
    public var noticesFrom: CivilDate?
    public var maxDocumentBytes = 4 * 1024 * 1024
    public var maxDocumentNodes = 100_000
    public var maxDocxBytes = 20 * 1024 * 1024
    /// Days a document may wait in `pending/` for its Application.
    public var pendingDays = 30
    /// The thresholds of the rules, over time (rules.md "Policy over time").
    public var policy = PolicySchedule.seed
    /// Where `consortiumd.prom` is written for node_exporter's textfile collector (runbook.md
    /// "Monitoring"): nil means `<stateDirectory>/metrics`, `""` means no metrics file.
    public var metricsDirectory: String?
    /// The bureau (city) this daemon serves, added as `BUREAU=` to every journal entry it writes
    /// so that a province's central journal tells cities apart (runbook.md "One journal for
    /// several bureaus"); nil: no such field.
    public var bureau: String?
    /// Diagnostics in the journal at debug priority (PRIORITY 7, DIAGNOSTIC=1): what the daemon
    /// decided about each file and evaluation, for when something is odd (runbook.md). Off by
    /// default; `consortiumd --verbose` turns it on regardless.
    public var diagnostics = false
    /// Where the daemon keeps the HTML report (runbook.md "The report"): nil means
    /// `<stateDirectory>/report`; an empty text (`reportDirectory: ""`) turns it off.
    public var reportDirectory: String?
    /// 运行良好 (六(五)/(六)): no incident in this many months before the day (runbook.md "The report").
    public var goodStandingMonths = 12

    /// The report's directory, nil when it is turned off.
    public var reportPath: String? {
        guard let reportDirectory else {
            return stateDirectory.hasSuffix("/") ? stateDirectory + "report" : stateDirectory + "/report"
        }
        return reportDirectory.isEmpty ? nil : reportDirectory
    }

    public init() {}

    /// The defaults (what an empty or absent file gives).
    public static let defaults = ConsortiumConfig()

    /// The size limit of an inbox file and its config key: `maxDocxBytes` for a `.docx` name
    /// (a Word form; scanned seals are large) and for the names of what clerks send instead (a
    /// `.doc`, `.odt`, `.rtf`, `.pdf` or a scan), so that they are read and told what to do
    /// (docs/word-forms.md) rather than that they are too large; `maxDocumentBytes` otherwise.
    public func sizeLimit(forName name: String) -> (bytes: Int, key: String) {
        let lower = name.lowercased()
        return Self.officeExtensions.contains(where: { lower.hasSuffix($0) })
            ? (maxDocxBytes, "maxDocxBytes") : (maxDocumentBytes, "maxDocumentBytes")
    }

    static let officeExtensions = [".docx", ".doc", ".wps", ".odt", ".rtf", ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"]

    /// The directory of the metrics file, nil when metrics are off (`metricsDirectory: ""`).
    public var metricsPath: String? {
        guard let metricsDirectory else { return stateDirectory + "/metrics" }
        return metricsDirectory.isEmpty ? nil : metricsDirectory
    }

    /// The decoding limits of documents.
    public var limits: DecodingLimits {
        DecodingLimits(maxDocumentBytes: maxDocumentBytes, maxDocumentNodes: maxDocumentNodes, maxDocxBytes: maxDocxBytes)
    }

    /// `timezone` as a `TimeZone` (`parse` rejects unknown identifiers; falls back to UTC+8,
    /// Asia/Shanghai's offset, only for a value set in code).
    public var timeZone: TimeZone {
        TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 8 * 3600)!
    }
}

/// A time of day, `HH:MM` (24-hour).
public struct TimeOfDay: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `H:MM` or `HH:MM`, 00:00 through 23:59.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].utf8.count), parts[1].utf8.count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }
}
