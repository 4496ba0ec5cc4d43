/// The stage of a notice (rules.md "Stages of a deadline notice").
public enum Stage: Hashable, Sendable, CustomStringConvertible, Comparable {
    case upcoming(Int)
    case overdue
    case expired
    case revocationReview
    case resolved
    case finding

    public var description: String {
        switch self {
        case .upcoming(let n): "upcoming-\(n)"
        case .overdue: "overdue"
        case .expired: "expired"
        case .revocationReview: "revocation-review"
        case .resolved: "resolved"
        case .finding: "finding"
        }
    }

    public init?(_ text: String) {
        switch text {
        case "overdue": self = .overdue
        case "expired": self = .expired
        case "revocation-review": self = .revocationReview
        case "resolved": self = .resolved
        case "finding": self = .finding
        default:
            guard text.hasPrefix("upcoming-"), let n = Int(text.dropFirst(9)), n >= 0 else { return nil }
            self = .upcoming(n)
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.description < b.description }
}

/// Journal severity of a notice (syslog names; operations.md maps them to PRIORITY).
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case crit, err, warning, notice, info

    /// syslog PRIORITY: crit 2, err 3, warning 4, notice 5, info 6.
    public var priority: Int {
        switch self {
        case .crit: 2
        case .err: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        }
    }

    /// More severe sorts first.
    public static func < (a: Self, b: Self) -> Bool { a.priority < b.priority }

    public init(level: RuleLevel) {
        switch level {
        case .error: self = .err
        case .warning: self = .warning
        case .info: self = .info
        }
    }
}
