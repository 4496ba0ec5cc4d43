/// The 39 rule ids of rules.md: a public contract (journal, notice files, consortiumctl, catalog).
public enum RuleID: String, CaseIterable, Sendable, Codable, Comparable {
    // Formation rules (rules.md "Formation rules").
    case membersMin = "MEMBERS_MIN"
    case localShare = "LOCAL_SHARE"
    case enterpriseShare = "ENTERPRISE_SHARE"
    case membersDistinct = "MEMBERS_DISTINCT"
    case usccRegion = "USCC_REGION"
    case leadCount = "LEAD_COUNT"
    case leadLocalEnterprise = "LEAD_LOCAL_ENTERPRISE"
    case leadRDDeduction = "LEAD_RD_DEDUCTION"
    case leadRevenue = "LEAD_REVENUE"
    case leadRDStaff = "LEAD_RD_STAFF"
    case leadPlatform = "LEAD_PLATFORM"
    case leadRDIntensity = "LEAD_RD_INTENSITY"
    case leadUnique = "LEAD_UNIQUE"
    case governance = "GOVERNANCE"
    case fundRules = "FUND_RULES"
    case agreementClauses = "AGREEMENT_CLAUSES"
    case agreementSigned = "AGREEMENT_SIGNED"
    case applicationSealed = "APPLICATION_SEALED"
    case chiefExpert = "CHIEF_EXPERT"
    case formCounts = "FORM_COUNTS"
    case platformNotBuilt = "PLATFORM_NOT_BUILT"
    case textLimits = "TEXT_LIMITS"
    case industryPriority = "INDUSTRY_PRIORITY"
    case dishonestMember = "DISHONEST_MEMBER"
    /// A value the Word form left empty (docs/word-forms.md): the rules that need it are not judged.
    case notProvided = "NOT_PROVIDED"
    // Decision rules.
    case recommendationMissing = "RECOMMENDATION_MISSING"
    case recommendationDistrict = "RECOMMENDATION_DISTRICT"
    case approvedWithUnmet = "APPROVED_WITH_UNMET"
    // Deadlines and supervision.
    case annualReport = "ANNUAL_REPORT"
    case annualReportLate = "ANNUAL_REPORT_LATE"
    case annualReportIncomplete = "ANNUAL_REPORT_INCOMPLETE"
    case reportingRefused = "REPORTING_REFUSED"
    case approvalExpiry = "APPROVAL_EXPIRY"
    case projectLead = "PROJECT_LEAD"
    case projectMemberShare = "PROJECT_MEMBER_SHARE"
    case projectLock = "PROJECT_LOCK"
    case projectMemberChange = "PROJECT_MEMBER_CHANGE"
    case majorChange = "MAJOR_CHANGE"
    case revocationGround = "REVOCATION_GROUND"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What a rule is judged on (rules.md).
    public enum Scope: Sendable { case formationDay, formationApplication, decision, supervision }

    public var scope: Scope {
        switch self {
        case .governance, .fundRules, .agreementClauses, .agreementSigned, .applicationSealed, .notProvided,
             .formCounts, .platformNotBuilt, .textLimits, .industryPriority:
            .formationApplication
        case .membersMin, .localShare, .enterpriseShare, .membersDistinct, .usccRegion, .leadCount,
             .leadLocalEnterprise, .leadRDDeduction, .leadRevenue, .leadRDStaff, .leadPlatform,
             .leadRDIntensity, .leadUnique, .chiefExpert, .dishonestMember:
            .formationDay
        case .recommendationMissing, .recommendationDistrict, .approvedWithUnmet:
            .decision
        default:
            .supervision
        }
    }

    /// Formation rules may be waived (decisions 13).
    public var isFormation: Bool { scope == .formationDay || scope == .formationApplication }

    /// Event notices stay open until acknowledged and are listed forever (rules.md).
    public var isEvent: Bool {
        switch self {
        case .majorChange, .projectLock, .projectMemberChange, .revocationGround, .annualReportLate: true
        default: false
        }
    }

    /// The clause of the Liuzhou rules the rule implements.
    public var clause: String {
        switch self {
        case .membersMin, .localShare, .enterpriseShare: "一"
        case .membersDistinct, .usccRegion: "三(一)"
        case .leadCount: "四(一)"
        case .leadLocalEnterprise: "四(一), 三(二)1"
        case .leadRDDeduction, .leadRevenue: "三(二)1"
        case .leadRDStaff, .leadPlatform: "三(二)2"
        case .leadRDIntensity: "三(二)3"
        case .leadUnique: "三(二)5"
        case .governance: "三(四)"
        case .fundRules: "三(五)"
        case .agreementClauses: "四(二), 附件2"
        case .agreementSigned: "四(二)"
        case .applicationSealed: "附件1 填表说明一"
        case .chiefExpert: "四(三)"
        case .formCounts, .textLimits: "附件1"
        case .platformNotBuilt: "附件1 填表说明三"
        case .industryPriority: "二"
        case .dishonestMember: "七(三)"
        case .notProvided: "附件1, 附件2"
        case .recommendationMissing, .recommendationDistrict: "四(四)"
        case .approvedWithUnmet: "三(六)"
        case .annualReport, .annualReportLate, .annualReportIncomplete: "七(二)"
        case .reportingRefused: "七(三)5"
        case .approvalExpiry: "四(五)"
        case .projectLead, .projectMemberShare: "六(一)"
        case .projectLock, .projectMemberChange: "七(一)"
        case .majorChange: "七(三)1"
        case .revocationGround: "七(三)1–6"
        }
    }

    /// The level of the rule as rules.md lists it (`AGREEMENT_CLAUSES` may also report `warning`;
    /// deadline rules report by stage).
    public var level: RuleLevel {
        switch self {
        case .membersMin, .localShare, .enterpriseShare, .leadRevenue, .leadRDStaff, .leadRDIntensity,
             .leadUnique, .platformNotBuilt, .textLimits, .dishonestMember, .recommendationMissing,
             .approvedWithUnmet, .projectMemberChange, .majorChange, .annualReport, .approvalExpiry:
            .warning
        case .usccRegion, .industryPriority, .recommendationDistrict, .annualReportLate:
            .info
        default:
            .error
        }
    }

    /// A short Chinese title for tables and the catalog.
    public var title: String {
        switch self {
        case .membersMin: "成员单位数量"
        case .localShare: "柳州市内注册成员比例"
        case .enterpriseShare: "企业成员比例"
        case .membersDistinct: "成员单位为多个独立法人"
        case .usccRegion: "统一社会信用代码与注册地"
        case .leadCount: "牵头单位数量及资格数据"
        case .leadLocalEnterprise: "牵头单位为柳州市内注册企业"
        case .leadRDDeduction: "牵头单位享受研发费用加计扣除"
        case .leadRevenue: "牵头单位年主营业务收入"
        case .leadRDStaff: "牵头单位专职研发人员"
        case .leadPlatform: "牵头单位建有市级及以上创新平台"
        case .leadRDIntensity: "牵头单位研发费用占销售收入比例"
        case .leadUnique: "一个牵头单位仅限牵头一个创新联合体"
        case .governance: "决策、咨询和执行机构"
        case .fundRules: "经费管理制度"
        case .agreementClauses: "组建协议条款"
        case .agreementSigned: "组建协议签署盖章"
        case .applicationSealed: "申请表加盖牵头单位公章"
        case .chiefExpert: "首席专家"
        case .formCounts: "申请表填报数量"
        case .platformNotBuilt: "创新平台已建成"
        case .textLimits: "填报字数限制"
        case .industryPriority: "优先产业领域"
        case .dishonestMember: "成员单位列入失信名单"
        case .notProvided: "表格未填写的数据"
        case .recommendationMissing: "县区审核推荐意见"
        case .recommendationDistrict: "推荐单位为牵头单位注册地"
        case .approvedWithUnmet: "核准时未满足组建条件"
        case .annualReport: "年度总结和工作计划"
        case .annualReportLate: "年度总结逾期报送"
        case .annualReportIncomplete: "年度总结内容不全"
        case .reportingRefused: "拒绝报送相关信息"
        case .approvalExpiry: "批复有效期"
        case .projectLead: "项目牵头单位"
        case .projectMemberShare: "项目成员中联合体成员占比"
        case .projectLock: "项目期间不得自行解散或变更牵头单位"
        case .projectMemberChange: "项目主要成员单位变更报批"
        case .majorChange: "重大事项变更"
        case .revocationGround: "取消资格情形"
        }
    }

    /// A short English title.
    public var titleEn: String {
        switch self {
        case .membersMin: "number of member units"
        case .localShare: "share of members registered in Liuzhou"
        case .enterpriseShare: "share of enterprise members"
        case .membersDistinct: "members are distinct legal persons"
        case .usccRegion: "USCC division code and Liuzhou registration"
        case .leadCount: "number of lead units and their data"
        case .leadLocalEnterprise: "lead unit is an enterprise registered in Liuzhou"
        case .leadRDDeduction: "lead unit enjoys the R&D super-deduction"
        case .leadRevenue: "lead unit's main-business revenue"
        case .leadRDStaff: "lead unit's full-time R&D staff"
        case .leadPlatform: "lead unit hosts a municipal or higher platform"
        case .leadRDIntensity: "lead unit's R&D expense to sales ratio"
        case .leadUnique: "one lead unit leads one consortium"
        case .governance: "decision, advisory and executive bodies"
        case .fundRules: "fund management rules"
        case .agreementClauses: "clauses of the formation agreement"
        case .agreementSigned: "agreement signed and sealed by every member"
        case .applicationSealed: "application form sealed by the lead unit"
        case .chiefExpert: "chief expert"
        case .formCounts: "counts declared on the form"
        case .platformNotBuilt: "listed platforms are built"
        case .textLimits: "length limits of the form"
        case .industryPriority: "priority industry"
        case .dishonestMember: "member on the dishonesty list"
        case .notProvided: "value not provided on the form"
        case .recommendationMissing: "county recommendation"
        case .recommendationDistrict: "recommending district is the lead's"
        case .approvedWithUnmet: "approved with unmet conditions"
        case .annualReport: "annual report and plan"
        case .annualReportLate: "annual report submitted late"
        case .annualReportIncomplete: "annual report incomplete"
        case .reportingRefused: "refusal to report"
        case .approvalExpiry: "validity of the approval"
        case .projectLead: "project lead unit"
        case .projectMemberShare: "share of consortium members in a project"
        case .projectLock: "no dissolution or lead change during a project"
        case .projectMemberChange: "change of a project's main members needs approval"
        case .majorChange: "major change"
        case .revocationGround: "ground for revocation"
        }
    }
}

/// The level of a rule (rules.md "Levels").
public enum RuleLevel: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info
    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
