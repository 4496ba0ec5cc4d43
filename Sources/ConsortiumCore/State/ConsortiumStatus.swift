/// Where a consortium stands (rules.md "Lifecycle").
public enum ConsortiumStatus: String, Sendable, Codable, CaseIterable {
    case applied, recommended
    case notRecommended = "not-recommended"
    case approved, rejected, expired, revoked, dissolved

    /// "Live" means applied, recommended or approved.
    public var isLive: Bool { self == .applied || self == .recommended || self == .approved }
    /// Applied and not yet decided on (rules.md "Lifecycle"): a 附件2, a Recommendation or a
    /// decision fits it.
    public var isAwaitingDecision: Bool { self == .applied || self == .recommended || self == .notRecommended }
    /// An Approval that approves fits it: a first approval, or a renewal of an approved or expired one.
    public var canBeApproved: Bool { isAwaitingDecision || self == .approved || self == .expired }

    public var chineseName: String {
        switch self {
        case .applied: "已申请"
        case .recommended: "已推荐"
        case .notRecommended: "未获推荐"
        case .approved: "已核准"
        case .rejected: "未获核准"
        case .expired: "已过期"
        case .revoked: "已取消资格"
        case .dissolved: "已解散"
        }
    }
}
