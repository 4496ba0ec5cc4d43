/// The kinds of inbox document (documents.md: the eleven, plus `Agreement`, an 附件2 filed on its
/// own, docs/word-forms.md). The case order is the order in which
/// documents of the same `date` are applied (documents.md, "Envelope").
public enum DocumentKind: String, CaseIterable, Sendable, Codable, Comparable {
    case application = "Application"
    /// 组建协议 (附件2) filed apart from its 附件1: completes the Application in force.
    case agreement = "Agreement"
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

    /// Position in the application order of documents sharing a date.
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    /// The Chinese name operators read.
    public var chineseName: String {
        switch self {
        case .application: "组建申请"
        case .agreement: "组建协议"
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
