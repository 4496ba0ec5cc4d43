/// The eleven kinds of inbox document (documents.md). The case order is the order in which
/// documents of the same `date` are applied (documents.md, "Envelope").
public enum DocumentKind: String, CaseIterable, Sendable, Codable, Comparable {
    case application = "Application"
    case recommendation = "Recommendation"
    case approval = "Approval"
    case project = "Project"
    case change = "Change"
    case annualReport = "AnnualReport"
    case incident = "Incident"
    case dissolution = "Dissolution"
    case revocation = "Revocation"
    case withdrawal = "Withdrawal"
    case acknowledgement = "Acknowledgement"

    /// Position in the application order of documents sharing a date: the position in
    /// `allCases` (written out, because `allCases` builds an array each time it is read and
    /// sorting documents compares kinds often; a test keeps the two equal).
    public var order: Int {
        switch self {
        case .application: 0
        case .recommendation: 1
        case .approval: 2
        case .project: 3
        case .change: 4
        case .annualReport: 5
        case .incident: 6
        case .dissolution: 7
        case .revocation: 8
        case .withdrawal: 9
        case .acknowledgement: 10
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    /// The Chinese name operators read.
    public var chineseName: String {
        switch self {
        case .application: "组建申请"
        case .recommendation: "县区推荐意见"
        case .approval: "市科技局批复"
        case .project: "科技项目"
        case .change: "变更"
        case .annualReport: "年度总结和工作计划"
        case .incident: "违规事实"
        case .dissolution: "解散"
        case .revocation: "取消资格"
        case .withdrawal: "撤回"
        case .acknowledgement: "确认通知"
        }
    }
}
