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

    /// What a rule's notice is (rules.md): a finding about the day evaluated; an event, open until
    /// acknowledged and listed forever; or a deadline, with a due date (DUE_DATE) and stages.
    public enum Kind: Sendable { case finding, event, deadline }

    /// What is known about a rule besides its logic: one row per rule in `facts`, read by the
    /// evaluation, notices, consortiumctl and the message catalog (docs/architecture.md).
    public struct Facts: Sendable {
        /// The clause of the Liuzhou rules the rule implements.
        public let clause: String
        public let scope: Scope
        public let kind: Kind
        /// The level as rules.md lists it (`AGREEMENT_CLAUSES` may also report `warning`; deadline
        /// rules report by stage).
        public let level: RuleLevel
        /// A short Chinese title for tables and the catalog, and its English.
        public let title: String
        public let titleEn: String
        /// Open notices are repeated every `policy.repeatDays` until acknowledged (the overdue and
        /// revocation-review stages; NOTICE_REPEAT=1).
        public let repeats: Bool

        init(_ clause: String, _ scope: Scope, _ kind: Kind, _ level: RuleLevel, _ title: String, _ titleEn: String, repeats: Bool = false) {
            self.clause = clause
            self.scope = scope
            self.kind = kind
            self.level = level
            self.title = title
            self.titleEn = titleEn
            self.repeats = repeats
        }
    }

    /// The table of rules: clause, scope, kind, level, titles.
    public var facts: Facts {
        switch self {
        case .membersMin: Facts("一", .formationDay, .finding, .warning, "成员单位数量", "number of member units")
        case .localShare: Facts("一", .formationDay, .finding, .warning, "柳州市内注册成员比例", "share of members registered in Liuzhou")
        case .enterpriseShare: Facts("一", .formationDay, .finding, .warning, "企业成员比例", "share of enterprise members")
        case .membersDistinct: Facts("三(一)", .formationDay, .finding, .error, "成员单位为多个独立法人", "members are distinct legal persons")
        case .usccRegion: Facts("三(一)", .formationDay, .finding, .info, "统一社会信用代码与注册地", "USCC division code and Liuzhou registration")
        case .leadCount: Facts("四(一)", .formationDay, .finding, .error, "牵头单位数量及资格数据", "number of lead units and their data")
        case .leadLocalEnterprise:
            Facts("四(一), 三(二)1", .formationDay, .finding, .error, "牵头单位为柳州市内注册企业", "lead unit is an enterprise registered in Liuzhou")
        case .leadRDDeduction: Facts("三(二)1", .formationDay, .finding, .error, "牵头单位享受研发费用加计扣除", "lead unit enjoys the R&D super-deduction")
        case .leadRevenue: Facts("三(二)1", .formationDay, .finding, .warning, "牵头单位年主营业务收入", "lead unit's main-business revenue")
        case .leadRDStaff: Facts("三(二)2", .formationDay, .finding, .warning, "牵头单位专职研发人员", "lead unit's full-time R&D staff")
        case .leadPlatform: Facts("三(二)2", .formationDay, .finding, .error, "牵头单位建有市级及以上创新平台", "lead unit hosts a municipal or higher platform")
        case .leadRDIntensity: Facts("三(二)3", .formationDay, .finding, .warning, "牵头单位研发费用占销售收入比例", "lead unit's R&D expense to sales ratio")
        case .leadUnique: Facts("三(二)5", .formationDay, .finding, .warning, "一个牵头单位仅限牵头一个创新联合体", "one lead unit leads one consortium")
        case .governance: Facts("三(四)", .formationApplication, .finding, .error, "决策、咨询和执行机构", "decision, advisory and executive bodies")
        case .fundRules: Facts("三(五)", .formationApplication, .finding, .error, "经费管理制度", "fund management rules")
        case .agreementClauses: Facts("四(二), 附件2", .formationApplication, .finding, .error, "组建协议条款", "clauses of the formation agreement")
        case .agreementSigned: Facts("四(二)", .formationApplication, .finding, .error, "组建协议签署盖章", "agreement signed and sealed by every member")
        case .applicationSealed:
            Facts("附件1 填表说明一", .formationApplication, .finding, .error, "申请表加盖牵头单位公章", "application form sealed by the lead unit")
        case .chiefExpert: Facts("四(三)", .formationDay, .finding, .error, "首席专家", "chief expert")
        case .formCounts: Facts("附件1", .formationApplication, .finding, .error, "申请表填报数量", "counts declared on the form")
        case .platformNotBuilt: Facts("附件1 填表说明三", .formationApplication, .finding, .warning, "创新平台已建成", "listed platforms are built")
        case .textLimits: Facts("附件1", .formationApplication, .finding, .warning, "填报字数限制", "length limits of the form")
        case .industryPriority: Facts("二", .formationApplication, .finding, .info, "优先产业领域", "priority industry")
        case .dishonestMember: Facts("七(三)", .formationDay, .finding, .warning, "成员单位列入失信名单", "member on the dishonesty list")
        case .notProvided: Facts("附件1, 附件2", .formationApplication, .finding, .error, "表格未填写的数据", "value not provided on the form")
        case .recommendationMissing: Facts("四(四)", .decision, .finding, .warning, "县区审核推荐意见", "county recommendation")
        case .recommendationDistrict: Facts("四(四)", .decision, .finding, .info, "推荐单位为牵头单位注册地", "recommending district is the lead's")
        case .approvedWithUnmet: Facts("三(六)", .decision, .finding, .warning, "核准时未满足组建条件", "approved with unmet conditions")
        case .annualReport: Facts("七(二)", .supervision, .deadline, .warning, "年度总结和工作计划", "annual report and plan", repeats: true)
        case .annualReportLate: Facts("七(二)", .supervision, .event, .info, "年度总结逾期报送", "annual report submitted late")
        case .annualReportIncomplete: Facts("七(二)", .supervision, .finding, .error, "年度总结内容不全", "annual report incomplete")
        case .reportingRefused: Facts("七(三)5", .supervision, .deadline, .error, "拒绝报送相关信息", "refusal to report", repeats: true)
        case .approvalExpiry: Facts("四(五)", .supervision, .deadline, .warning, "批复有效期", "validity of the approval")
        case .projectLead: Facts("六(一)", .supervision, .finding, .error, "项目牵头单位", "project lead unit")
        case .projectMemberShare: Facts("六(一)", .supervision, .finding, .error, "项目成员中联合体成员占比", "share of consortium members in a project")
        case .projectLock: Facts("七(一)", .supervision, .event, .error, "项目期间不得自行解散或变更牵头单位", "no dissolution or lead change during a project")
        case .projectMemberChange: Facts("七(一)", .supervision, .event, .warning, "项目主要成员单位变更报批", "change of a project's main members needs approval")
        case .majorChange: Facts("七(三)1", .supervision, .event, .warning, "重大事项变更", "major change")
        case .revocationGround: Facts("七(三)1–6", .supervision, .event, .error, "取消资格情形", "ground for revocation", repeats: true)
        }
    }

    public var scope: Scope { facts.scope }

    /// Formation rules may be waived (decisions 13).
    public var isFormation: Bool { scope == .formationDay || scope == .formationApplication }

    /// Event notices stay open until acknowledged and are listed forever (rules.md).
    public var isEvent: Bool { facts.kind == .event }

    /// The clause of the Liuzhou rules the rule implements.
    public var clause: String { facts.clause }

    /// The level of the rule as rules.md lists it.
    public var level: RuleLevel { facts.level }

    /// A short Chinese title for tables and the catalog.
    public var title: String { facts.title }

    /// A short English title.
    public var titleEn: String { facts.titleEn }
}

/// The level of a rule (rules.md "Levels").
public enum RuleLevel: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info
    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
