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
        /// What the rule's entry of the message catalog says besides the facts above (deploy/catalog,
        /// `consortiumd --catalog`: MessageCatalog.swift). Made when asked: the other facts are
        /// read for every finding, the catalog text only when the catalog is written.
        public let catalog: @Sendable () -> CatalogText

        init(
            _ clause: String,
            _ scope: Scope,
            _ kind: Kind,
            _ level: RuleLevel,
            _ title: String,
            _ titleEn: String,
            repeats: Bool = false,
            catalog: @escaping @Sendable () -> CatalogText
        ) {
            self.clause = clause
            self.scope = scope
            self.kind = kind
            self.level = level
            self.title = title
            self.titleEn = titleEn
            self.repeats = repeats
            self.catalog = catalog
        }
    }

    /// A rule's catalog text in Chinese and English (the catalog's two files).
    public struct CatalogText: Sendable {
        /// The condition that must hold, in plain words.
        public let condition: Bilingual
        /// What the notice's SUBJECT names.
        public let subject: Bilingual
        /// The concrete steps.
        public let action: [Bilingual]
        /// Stages and severities, for rules that do not follow their level (deadlines, revocation review).
        public var stages: [Bilingual]? = nil
        /// When a notice of the rule resolves (nil: what its kind and scope say).
        public var resolves: Bilingual? = nil
    }

    /// The table of rules: clause, scope, kind, level, titles, catalog text.
    public var facts: Facts {
        switch self {
        case .membersMin:
            Facts("一", .formationDay, .finding, .warning, "成员单位数量", "number of member units") {
                CatalogText(
                    condition: T(
                        "成员单位数量不少于 policy.membersMin（默认 8 个，含本数）。",
                        "The number of members is at least policy.membersMin (8 by default, inclusive)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "请牵头单位增补成员单位：提交变更文件（Change，加入成员，附新成员签署盖章的协议）。",
                            "Ask the lead unit to add members: a Change that adds them, with the new members' signed and sealed agreement."
                        ), correct, waive,
                    ]
                )
            }
        case .localShare:
            Facts("一", .formationDay, .finding, .warning, "柳州市内注册成员比例", "share of members registered in Liuzhou") {
                CatalogText(
                    condition: T(
                        "在柳州市内注册（liuzhou: true）的成员占全部成员的比例不低于 policy.localShare（默认 30%，含本数，按分数精确比较）。",
                        "Members registered in Liuzhou (liuzhou: true) make up at least policy.localShare of all members (30% by default, inclusive, compared exactly as a fraction)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "请联合体增补柳州市内注册的成员（Change），或核实各成员的 liuzhou 填报是否与营业执照一致（另见 USCC_REGION 通知）。",
                            "Have the consortium add members registered in Liuzhou (a Change), or check each member's liuzhou flag against its business licence (see also USCC_REGION notices)."
                        ), correct, waive,
                    ]
                )
            }
        case .enterpriseShare:
            Facts("一", .formationDay, .finding, .warning, "企业成员比例", "share of enterprise members") {
                CatalogText(
                    condition: T(
                        "企业类成员（type: enterprise）占全部成员的比例不低于 policy.enterpriseShare（默认 30%，含本数）。",
                        "Enterprise members (type: enterprise) make up at least policy.enterpriseShare of all members (30% by default, inclusive)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "请联合体增补企业类成员（Change），或核实各成员的 type 填报。",
                            "Have the consortium add enterprise members (a Change), or check each member's type."
                        ),
                        correct, waive,
                    ]
                )
            }
        case .membersDistinct:
            Facts("三(一)", .formationDay, .finding, .error, "成员单位为多个独立法人", "members are distinct legal persons") {
                CatalogText(
                    condition: T(
                        "联合体由多个独立法人组成：至少 2 个成员，且同一统一社会信用代码（或 foreignId）不出现两次。",
                        "The consortium is several independent legal persons: at least 2 members, and no USCC (or foreignId) twice."
                    ),
                    subject: memberSubject,
                    action: [
                        T(
                            "在 consortiumctl show @CONSORTIUM_ID@ 中找出重复的信用代码，核实是否同一法人（分支机构不是独立法人）；删去重复成员或改正代码。",
                            "Find the repeated identifier in consortiumctl show @CONSORTIUM_ID@ and check whether it is one legal person (a branch is not independent); remove the repeat or correct the code."
                        ), correct, waive,
                    ]
                )
            }
        case .usccRegion:
            Facts("三(一)", .formationDay, .finding, .info, "统一社会信用代码与注册地", "USCC division code and Liuzhou registration") {
                CatalogText(
                    condition: T(
                        "成员的 liuzhou 标志与其统一社会信用代码中的行政区划码一致：第 3–8 位以 4502 开头即柳州市内注册（历史代码如 450221 柳江县也算）。",
                        "A member's liuzhou flag agrees with the division code in its USCC: characters 3–8 starting with 4502 mean registered in Liuzhou (historical codes such as 450221 柳江县 count)."
                    ),
                    subject: memberSubject,
                    action: [
                        T(
                            "仅供参考：对照营业执照核实该成员（@SUBJECT@）的信用代码和注册地；如填错，提交更正的组建申请或变更文件。",
                            "For information: check member @SUBJECT@'s USCC and place of registration against its business licence; if either was filed wrongly, send a corrected Application or a Change."
                        ), waive,
                    ]
                )
            }
        case .leadCount:
            Facts("四(一)", .formationDay, .finding, .error, "牵头单位数量及资格数据", "number of lead units and their data") {
                CatalogText(
                    condition: T(
                        "牵头单位（layer: lead）为 1 至 2 家，且每家都填报了牵头资格数据（收入、研发人员、研发费用、平台等）。",
                        "There are 1 or 2 lead units (layer: lead), each with its lead qualification data (revenue, R&D staff, R&D expense, platforms)."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "请牵头单位确定 1–2 家牵头单位并补全资格数据：提交更正的组建申请，或变更文件（Change 的 lead 变更）。",
                            "Have the consortium settle on 1 or 2 lead units with complete qualification data: a corrected Application, or a Change of lead."
                        ), waive,
                    ]
                )
            }
        case .leadLocalEnterprise:
            Facts("四(一), 三(二)1", .formationDay, .finding, .error, "牵头单位为柳州市内注册企业", "lead unit is an enterprise registered in Liuzhou") {
                CatalogText(
                    condition: T(
                        "每个牵头单位都是在柳州市内注册的企业（type: enterprise，liuzhou: true）。",
                        "Every lead unit is an enterprise (type: enterprise) registered in Liuzhou (liuzhou: true)."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "对照营业执照核实牵头单位（@SUBJECT@）的类型和注册地；填错则更正，确不符合则更换牵头单位（Change 的 lead 变更）。",
                            "Check lead unit @SUBJECT@'s type and registration against its business licence; correct a filing error, or change the lead (a Change of lead)."
                        ), correct, waive,
                    ]
                )
            }
        case .leadRDDeduction:
            Facts("三(二)1", .formationDay, .finding, .error, "牵头单位享受研发费用加计扣除", "lead unit enjoys the R&D super-deduction") {
                CatalogText(
                    condition: T(
                        "每个牵头单位享受柳州市研发费用加计扣除优惠政策（rdDeduction: true）。",
                        "Every lead unit enjoys Liuzhou's R&D expense super-deduction (rdDeduction: true)."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "向牵头单位（@SUBJECT@）索取享受研发费用加计扣除的证明（年度纳税申报中的加计扣除表），核实 rdDeduction 的填报。",
                            "Ask lead unit @SUBJECT@ for proof of the R&D super-deduction (the deduction schedule of its annual tax return) and check rdDeduction."
                        ), correct, waive,
                    ]
                )
            }
        case .leadRevenue:
            Facts("三(二)1", .formationDay, .finding, .warning, "牵头单位年主营业务收入", "lead unit's main-business revenue") {
                CatalogText(
                    condition: T(
                        "牵头单位年主营业务收入：制造业（manufacturing）不低于 policy.revenueManufacturing（默认 5 亿元），科技与信息服务业（services）不低于 policy.revenueServices（默认 1 亿元）。",
                        "The lead unit's main-business revenue is at least policy.revenueManufacturing (CNY 500 million by default) for manufacturing, or policy.revenueServices (CNY 100 million) for technology and information services."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "向牵头单位（@SUBJECT@）索取最近年度的财务报表或审计报告，核实 revenue 和 sector 的填报。",
                            "Ask lead unit @SUBJECT@ for its latest financial statements or audit report and check revenue and sector."
                        ), T("这是“原则上”的条件：市科技局仍可核准。", "This is an \"in principle\" condition: the bureau may still approve."), waive,
                    ]
                )
            }
        case .leadRDStaff:
            Facts("三(二)2", .formationDay, .finding, .warning, "牵头单位专职研发人员", "lead unit's full-time R&D staff") {
                CatalogText(
                    condition: T(
                        "牵头单位专职研发人员（rdStaff）不少于 policy.rdStaffMin（默认 20 人）。",
                        "The lead unit has at least policy.rdStaffMin full-time R&D staff (rdStaff; 20 by default)."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "向牵头单位（@SUBJECT@）索取专职研发人员名单（及劳动合同或社保证明），核实 rdStaff。",
                            "Ask lead unit @SUBJECT@ for its list of full-time R&D staff (with contracts or social-insurance records) and check rdStaff."
                        ), T("这是“原则上”的条件：市科技局仍可核准。", "This is an \"in principle\" condition: the bureau may still approve."), waive,
                    ]
                )
            }
        case .leadPlatform:
            Facts("三(二)2", .formationDay, .finding, .error, "牵头单位建有市级及以上创新平台", "lead unit hosts a municipal or higher platform") {
                CatalogText(
                    condition: T(
                        "牵头单位建有至少一个市级、自治区级或国家级创新平台（重点实验室、工程（技术）研究中心、技术创新中心、企业技术中心等，任何类型均可）。",
                        "The lead unit hosts at least one innovation platform at municipal, regional or national level (key laboratory, engineering (technology) research centre, technology innovation centre, enterprise technology centre and the like: any type)."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "向牵头单位（@SUBJECT@）索取平台认定批文，把平台（名称、级别、建设时间、依托单位）补入组建申请的平台清单。",
                            "Ask lead unit @SUBJECT@ for the platform's designation document and add the platform (name, level, year built, host) to the Application's platform list."
                        ), correct, waive,
                    ]
                )
            }
        case .leadRDIntensity:
            Facts("三(二)3", .formationDay, .finding, .warning, "牵头单位研发费用占销售收入比例", "lead unit's R&D expense to sales ratio") {
                CatalogText(
                    condition: T(
                        "牵头单位近三个会计年度（不满三年按实际）研究开发费用总额占同期销售收入总额的比例不低于 policy.rdIntensityMin（默认 3%），按分数精确比较；没有销售收入即不满足。",
                        "Over the lead unit's last three fiscal years (fewer if younger), total R&D expense divided by total sales is at least policy.rdIntensityMin (3% by default), compared exactly; no sales fails the rule."
                    ),
                    subject: leadSubject,
                    action: [
                        T(
                            "向牵头单位（@SUBJECT@）索取近三个会计年度的研发费用和销售收入（审计报告或加计扣除申报表），核实各年度数据。",
                            "Ask lead unit @SUBJECT@ for its R&D expense and sales of the last three fiscal years (audit reports or super-deduction filings) and check each year."
                        ), T("这是“原则上”的条件：市科技局仍可核准。", "This is an \"in principle\" condition: the bureau may still approve."), waive,
                    ]
                )
            }
        case .leadUnique:
            Facts("三(二)5", .formationDay, .finding, .warning, "一个牵头单位仅限牵头一个创新联合体", "one lead unit leads one consortium") {
                CatalogText(
                    condition: T(
                        "一个牵头单位只牵头一个存续中（applied、recommended 或 approved）的创新联合体；两个联合体共用牵头单位时，只有组建申请日期较晚（同日则编号较大）的联合体收到此通知。",
                        "A lead unit leads only one live (applied, recommended or approved) consortium; when two share a lead, only the one whose Application is dated later (same day: the greater id) gets this notice."
                    ),
                    subject: T("该牵头单位的统一社会信用代码", "the lead unit's USCC"),
                    action: [
                        T(
                            "用 consortiumctl list 找出牵头单位 @SUBJECT@ 牵头的另一个联合体。",
                            "Find the other consortium lead unit @SUBJECT@ leads with consortiumctl list."
                        ),
                        T(
                            "由市科技局决定：更换牵头单位（Change）、撤回较晚的申请（Withdrawal），或在批复中豁免（三(六)）。",
                            "The bureau decides: a change of lead (Change), withdrawing the later application (Withdrawal), or a waiver in the Approval (三(六), 3(6))."
                        ),
                    ]
                )
            }
        case .governance:
            Facts("三(四)", .formationApplication, .finding, .error, "决策、咨询和执行机构", "decision, advisory and executive bodies") {
                CatalogText(
                    condition: T(
                        "组建申请写明了决策、咨询和执行机构，常设执行机构配备了工作人员（executiveStaff 至少 1 人）。",
                        "The Application names the decision, advisory and executive bodies, and the standing executive body has staff (executiveStaff at least 1)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "请联合体补充组织机构设置（决策、咨询、执行机构及常设执行机构的工作人员），提交更正的组建申请。",
                            "Have the consortium complete its governance (decision, advisory, executive bodies and the executive body's staff) in a corrected Application."
                        ), waive,
                    ]
                )
            }
        case .fundRules:
            Facts("三(五)", .formationApplication, .finding, .error, "经费管理制度", "fund management rules") {
                CatalogText(
                    condition: T(
                        "联合体有健全的经费管理制度（governance.fundRules: true），含经费使用的内部监督机制。",
                        "The consortium has fund management rules (governance.fundRules: true), with internal supervision of spending."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "向联合体索取经费管理办法，确认后提交更正的组建申请（governance.fundRules: true）。",
                            "Ask the consortium for its fund management rules; once seen, send a corrected Application (governance.fundRules: true)."
                        ), waive,
                    ]
                )
            }
        case .agreementClauses:
            Facts("四(二), 附件2", .formationApplication, .finding, .error, "组建协议条款", "clauses of the formation agreement") {
                let nine = ClauseID.required.map(\.chineseName).joined(separator: "、")
                let nineEn = ClauseID.required.map(\.rawValue).joined(separator: ", ")
                return CatalogText(
                    condition: T(
                        "《创新联合体组建协议》（agreement.clauses）包含四(二)列明的九项条款：\(nine)；以及协议模板（附件2）另要求的科研诚信追究方式（integrity）。",
                        "The formation agreement (agreement.clauses) holds the nine clauses 四(二) names (\(nineEn)) and integrity (research-integrity liability), which only the template (附件2, Annex 2) asks for."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "对照 MESSAGE 列出的缺项，请联合体补充协议条款（全体成员重新签章），提交更正的组建申请。",
                            "Have the consortium add the clauses MESSAGE lists as missing (re-signed and sealed by all members) and send a corrected Application."
                        ), waive,
                    ],
                    stages: [
                        T(
                            "级别：九项之一缺失为 error（严重程度 err，PRIORITY 3）；仅缺 integrity 为 warning（PRIORITY 4）。阶段 finding。",
                            "Level: error when one of the nine is missing (severity err, PRIORITY 3); warning (PRIORITY 4) when only integrity is. Stage finding."
                        )
                    ]
                )
            }
        case .agreementSigned:
            Facts("四(二)", .formationApplication, .finding, .error, "组建协议签署盖章", "agreement signed and sealed by every member") {
                CatalogText(
                    condition: T(
                        "组建申请中的每个成员单位都由法定代表人签署（legalRep: true）并加盖公章（seal: true）；协议签章齐全后才生效。",
                        "Every member of the Application signed the agreement through its legal representative (legalRep: true) and sealed it (seal: true); the agreement takes effect only then."
                    ),
                    subject: memberSubject,
                    action: [
                        T(
                            "向成员单位 @SUBJECT@ 索取法定代表人签字并加盖公章的协议签署页，提交更正的组建申请。",
                            "Ask member @SUBJECT@ for the agreement's signature page signed by its legal representative and sealed, and send a corrected Application."
                        ), waive,
                    ]
                )
            }
        case .applicationSealed:
            Facts("附件1 填表说明一", .formationApplication, .finding, .error, "申请表加盖牵头单位公章", "application form sealed by the lead unit") {
                CatalogText(
                    condition: T(
                        "组建申请表加盖了牵头单位法人公章（leadSeal: true）。",
                        "The application form bears the lead unit's legal-person seal (leadSeal: true)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "向牵头单位索取加盖公章的申请表，提交更正的组建申请（leadSeal: true）。",
                            "Ask the lead unit for the sealed form and send a corrected Application (leadSeal: true)."
                        ), waive,
                    ]
                )
            }
        case .chiefExpert:
            Facts("四(三)", .formationDay, .finding, .error, "首席专家", "chief expert") {
                CatalogText(
                    condition: T("牵头单位选聘了首席专家（申请中写明）。", "The lead unit has appointed a chief expert (named in the Application)."),
                    subject: wholeSubject,
                    action: [
                        T(
                            "请牵头单位选聘首席专家并报送（更正的组建申请或变更文件 Change）。",
                            "Have the lead unit appoint a chief expert and file it (a corrected Application or a Change)."
                        ), waive,
                    ]
                )
            }
        case .formCounts:
            Facts("附件1", .formationApplication, .finding, .error, "申请表填报数量", "counts declared on the form") {
                CatalogText(
                    condition: T(
                        "申请表上填报的数量（declared）与清单一致：成员总数、企业、高等学校、研究机构数量；自治区级及以上平台数 = 级别为自治区级或国家级的平台；市级平台数 = 市级平台。",
                        "The counts declared on the form equal the lists: members, enterprises, universities, institutes; regional platforms = platforms at regional or national level; municipal platforms = platforms at municipal level."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "核对申请表上的各项数量与成员和平台清单，提交更正的组建申请。",
                            "Reconcile the form's counts with the member and platform lists and send a corrected Application."
                        ), waive,
                    ]
                )
            }
        case .platformNotBuilt:
            Facts("附件1 填表说明三", .formationApplication, .finding, .warning, "创新平台已建成", "listed platforms are built") {
                CatalogText(
                    condition: T(
                        "清单中的每个平台都在组建申请日期或之前已建成并正在运行（附件1 填表说明三）。",
                        "Every listed platform was built on or before the Application's date and is running (Annex 1, note 3)."
                    ),
                    subject: T("所涉平台或其依托单位；为空时指整个联合体", "the platform or its host concerned; empty for the whole consortium"),
                    action: [
                        T(
                            "核实平台的建设时间；删去尚未建成的平台或改正建设时间后，提交更正的组建申请。",
                            "Check the platform's date; remove a platform not yet built, or correct the date, in a corrected Application."
                        ), waive,
                    ]
                )
            }
        case .textLimits:
            Facts("附件1", .formationApplication, .finding, .warning, "填报字数限制", "length limits of the form") {
                CatalogText(
                    condition: T(
                        "技术创新目标（goal）不超过 500 字，每个成员的分工说明（role）不超过 200 字。",
                        "The innovation goal (goal) is at most 500 characters and each member's role at most 200."
                    ),
                    subject: T("超长的成员的信用代码；为空时指技术创新目标", "the member whose role is too long; empty for the goal"),
                    action: [
                        T(
                            "请联合体精简相应文字后提交更正的组建申请；这是表格限制，市科技局仍可照常核准。",
                            "Have the consortium shorten the text in a corrected Application; it is a form limit and the bureau may still approve."
                        )
                    ]
                )
            }
        case .industryPriority:
            Facts("二", .formationApplication, .finding, .info, "优先产业领域", "priority industry") {
                CatalogText(
                    condition: T(
                        "产业领域（industry）是二所列优先领域之一：\(Policy.seed.priorityIndustries.joined(separator: "、"))。",
                        "The industry is one of the priority industries of 二 (2): \(Policy.seed.priorityIndustries.joined(separator: ", "))."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "仅供参考，不妨碍组建：核实 industry 是否按上列名称填写，必要时更正。",
                            "For information, never blocking: check that industry uses one of the names above; correct it if not."
                        )
                    ]
                )
            }
        case .dishonestMember:
            Facts("七(三)", .formationDay, .finding, .warning, "成员单位列入失信名单", "member on the dishonesty list") {
                CatalogText(
                    condition: T(
                        "评估当天没有成员单位在失信名单上（由 Incident 文件记录，until 为信用修复日期）。",
                        "On the day evaluated no member is on the dishonesty list (recorded by an Incident document; until is the end of the listing)."
                    ),
                    subject: memberSubject,
                    action: [
                        T(
                            "核实成员单位 @SUBJECT@ 的失信记录（consortiumctl show @CONSORTIUM_ID@ 中的 Incident），并请联合体说明处理意见（例如该成员退出：Change）。",
                            "Check member @SUBJECT@'s listing (the Incident in consortiumctl show @CONSORTIUM_ID@) and ask the consortium how it deals with it (for instance the member leaves: a Change)."
                        ),
                        T("联合体解散后此通知仍保留：解散不抹去违规。", "The notice stays after the consortium ends: dissolving does not erase a violation."),
                    ]
                )
            }
        case .notProvided:
            Facts("附件1, 附件2", .formationApplication, .finding, .error, "表格未填写的数据", "value not provided on the form") {
                CatalogText(
                    condition: T(
                        "Word 表格（附件1、附件2 及其附表）中规则需要的每一项都已填写。@SUBJECT@ 为未填写的字段路径（如 members[3].type、governance.fundRules、agreement）；需要该数据的规则暂不判定（既不算满足也不算不满足）。",
                        "Every value the rules need is filled in on the Word forms (附件1, 附件2 and their extra tables). @SUBJECT@ is the path of the empty field (such as members[3].type, governance.fundRules, agreement); the rules that need it are not judged (neither met nor unmet)."
                    ),
                    subject: T("未填写字段的路径（如 members[3].type）", "the path of the field not provided (such as members[3].type)"),
                    action: [
                        T(
                            "请联合体补填该项（附件2 可单独放入收件箱，与同一联合体的附件1 合并），或提交补全后的申请表。",
                            "Ask the consortium to fill the value in (an 附件2 may be dropped on its own and is combined with the consortium's 附件1), or send the completed form again."
                        ), waive,
                    ]
                )
            }
        case .recommendationMissing:
            Facts("四(四)", .decision, .finding, .warning, "县区审核推荐意见", "county recommendation") {
                CatalogText(
                    condition: T(
                        "核准之前（日期不晚于批复日期）有县区科技主管部门同意推荐的审核推荐意见（Recommendation，recommended: true）。",
                        "Before the approval (dated on or before it) there is a county recommendation in favour (Recommendation with recommended: true)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "向牵头单位注册地的县区科技主管部门索取审核推荐意见，作为 Recommendation 文件放入收件箱。",
                            "Ask the science department of the lead unit's county or district for its recommendation and drop it into the inbox as a Recommendation."
                        ), waive,
                    ]
                )
            }
        case .recommendationDistrict:
            Facts("四(四)", .decision, .finding, .info, "推荐单位为牵头单位注册地", "recommending district is the lead's") {
                CatalogText(
                    condition: T(
                        "推荐单位是牵头单位注册地的县区：牵头单位信用代码中的行政区划码为该县区的代码或柳州市的代码（450200）。",
                        "The recommending district is where the lead unit is registered: the lead's USCC division code is the district's code or the city's (450200)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "仅供参考：核实推荐意见的 district 与牵头单位的信用代码；如填错，报送更正的推荐意见。",
                            "For information: check the recommendation's district against the lead unit's USCC; if it was filed wrongly, send a corrected Recommendation."
                        )
                    ]
                )
            }
        case .approvedWithUnmet:
            Facts("三(六)", .decision, .finding, .warning, "核准时未满足组建条件", "approved with unmet conditions") {
                CatalogText(
                    condition: T(
                        "批复日期当天，没有未被该批复豁免的 error 或 warning 级组建发现（“一事一议”的核准须在 waivers 中写明所豁免的规则）。",
                        "On the approval's date no error- or warning-level formation finding is open that the approval does not waive (a case-by-case approval lists the rules it waives)."
                    ),
                    subject: wholeSubject,
                    action: [
                        T(
                            "用 consortiumctl show @CONSORTIUM_ID@ 查看核准时仍未满足的组建条件。",
                            "List the formation findings open at approval with consortiumctl show @CONSORTIUM_ID@."
                        ),
                        T(
                            "由市科技局确认：确属一事一议（三(六)）核准的，在批复的 waivers 中列出所豁免的规则（报送更正的批复）；否则要求联合体补正材料。",
                            "The bureau confirms: if it approved case by case (三(六), 3(6)), the Approval lists the waived rules (send a corrected Approval); otherwise the consortium corrects its papers."
                        ),
                    ]
                )
            }
        case .annualReport:
            Facts("七(二)", .supervision, .deadline, .warning, "年度总结和工作计划", "annual report and plan", repeats: true) {
                CatalogText(
                    condition: T(
                        "批复在 Y 年 12 月 31 日有效的每一年 Y，联合体在 12 月 31 日前（含当日）向推荐单位和市科技局报送 Y 年度总结和下一年度工作计划（AnnualReport）。",
                        "For every year Y in which the approval is in force on 31 December, an AnnualReport for Y (summary and next year's plan, to the recommender and the bureau) dated on or before 31 December Y."
                    ),
                    subject: T("年度 Y，例如 2026", "the year Y, e.g. 2026"),
                    action: [
                        T(
                            "upcoming-N：提醒牵头单位在 @DUE_DATE@ 前报送 @SUBJECT@ 年度总结和下一年度工作计划（含存在的问题和需要协调解决的事项）；收到后作为 AnnualReport 文件放入收件箱，通知自动解除。",
                            "upcoming-N: remind the lead unit to send the @SUBJECT@ report and next year's plan (with problems and matters needing coordination) by @DUE_DATE@; drop it into the inbox as an AnnualReport when it arrives and the notice resolves."
                        ),
                        T(
                            "overdue：督促牵头单位立即报送；逾期 policy.refusalDays（默认 90 天）仍未报送的，另发 REPORTING_REFUSED（取消资格审查）。",
                            "overdue: ask the lead unit to send it now; after policy.refusalDays (90 by default) without it, REPORTING_REFUSED (revocation review) follows."
                        ),
                        T(
                            "已知原因并同意延后的，可暂停重复提醒：consortiumctl ack @NOTICE_ID@ --by 姓名 --note 原因 --until 日期",
                            "If a delay is agreed, pause the repeats: consortiumctl ack @NOTICE_ID@ --by NAME --note REASON --until DATE"
                        ),
                    ],
                    stages: [
                        T("截止日期 @DUE_DATE@（Y 年 12 月 31 日）。阶段：", "Due @DUE_DATE@ (31 December of Y). Stages:"),
                        T("upcoming-30：截止前 30 天起，严重程度 notice（PRIORITY 5）；", "upcoming-30: from 30 days before, severity notice (PRIORITY 5);"),
                        T(
                            "upcoming-7、upcoming-1：截止前 7 天、1 天起（upcoming-1 持续到截止当天），warning（PRIORITY 4）；",
                            "upcoming-7, upcoming-1: from 7 and 1 days before (upcoming-1 through the due day itself), warning (PRIORITY 4);"
                        ),
                        T(
                            "（提醒天数为 policy.reportReminderDays，默认 [30, 7, 1]）",
                            "(the reminder days are policy.reportReminderDays, [30, 7, 1] by default)"
                        ),
                        T(
                            "overdue：截止次日起，err（PRIORITY 3），每 policy.repeatDays（默认 7 天）重复提醒一次，直到收到报告或被确认。",
                            "overdue: from the day after, err (PRIORITY 3), repeated every policy.repeatDays (7 by default) until the report arrives or the notice is acknowledged."
                        ),
                    ],
                    resolves: T("收到该年度的任何 AnnualReport（即使逾期）", "any AnnualReport for the year arrives (even a late one)")
                )
            }
        case .annualReportLate:
            Facts("七(二)", .supervision, .event, .info, "年度总结逾期报送", "annual report submitted late") {
                CatalogText(
                    condition: T(
                        "Y 年度总结在 Y 年 12 月 31 日之后才报送（逾期报送的记录）。",
                        "The report for Y is dated after 31 December Y (a record of the late submission)."
                    ),
                    subject: T("年度 Y", "the year Y"),
                    action: [
                        T(
                            "已记录逾期报送，核实后确认此通知即可：consortiumctl ack @NOTICE_ID@ --by 姓名",
                            "The late submission is recorded; once noted, acknowledge: consortiumctl ack @NOTICE_ID@ --by NAME"
                        ),
                        T("屡次逾期的，由推荐单位和市科技局加强督促指导（七(二)）。", "For repeated delays the recommender and the bureau step up their guidance (七(二), 7(2))."),
                    ]
                )
            }
        case .annualReportIncomplete:
            Facts("七(二)", .supervision, .finding, .error, "年度总结内容不全", "annual report incomplete") {
                CatalogText(
                    condition: T(
                        "年度总结的 summary（总结）、plan（下一年度计划）、problems（存在的问题）和 coordination（需要协调解决的事项）都不为空（“无”是有效回答），且 sentTo 同时包含 recommender（推荐单位）和 bureau（市科技局）。",
                        "The report has non-empty summary, plan, problems and coordination (\"无\", none, is a valid answer) and sentTo holds both recommender and bureau."
                    ),
                    subject: T("年度 Y", "the year Y"),
                    action: [
                        T(
                            "对照 MESSAGE 中缺少的部分，请联合体补充后重新报送 @SUBJECT@ 年度总结（新的 AnnualReport 文件，同时报送推荐单位和市科技局）。",
                            "Ask the consortium for a complete @SUBJECT@ report covering what MESSAGE lists as missing (a new AnnualReport, sent to both the recommender and the bureau)."
                        )
                    ]
                )
            }
        case .reportingRefused:
            Facts("七(三)5", .supervision, .deadline, .error, "拒绝报送相关信息", "refusal to report", repeats: true) {
                CatalogText(
                    condition: T(
                        "Y 年度总结自 Y 年 12 月 31 日起逾期 policy.refusalDays（默认 90 天）仍未报送（2026 年度为 2027-03-31 起），可能构成七(三)5“拒绝报送相关信息”。",
                        "No report for Y from 31 December Y plus policy.refusalDays (90 by default) on (from 2027-03-31 for 2026): possibly a refusal to report under 七(三)5 (7(3)5)."
                    ),
                    subject: T("年度 Y；DUE_DATE 为原截止日 @DUE_DATE@", "the year Y; DUE_DATE is the original deadline, @DUE_DATE@"),
                    action: [
                        T(
                            "市科技局依据七(三)5 启动取消资格审查：向联合体核实未报送的原因。",
                            "The bureau opens a revocation review under 七(三)5 (7(3)5): ask the consortium why it has not reported."
                        ),
                        T(
                            "结论为取消资格的，把取消资格决定作为 Revocation 文件放入收件箱；决定不取消的，确认此通知：consortiumctl ack @NOTICE_ID@ --by 姓名 --note 结论；补交年度总结也会解除此通知。",
                            "If it revokes, drop the decision into the inbox as a Revocation; if not, acknowledge: consortiumctl ack @NOTICE_ID@ --by NAME --note DECISION; a late report also resolves the notice."
                        ),
                    ],
                    stages: [
                        T(
                            "阶段 revocation-review，严重程度 crit（PRIORITY 2），每 policy.repeatDays（默认 7 天）重复提醒，直到解除或被确认。",
                            "Stage revocation-review, severity crit (PRIORITY 2), repeated every policy.repeatDays (7 by default) until resolved or acknowledged."
                        )
                    ],
                    resolves: T(
                        "收到该年度的年度总结；或取消资格（Revocation）自其日期起了结审查（撤回该取消资格文件则重新打开）",
                        "the report for the year arrives; or a Revocation concludes the review from its date (withdrawing the Revocation reopens it)"
                    )
                )
            }
        case .approvalExpiry:
            Facts("四(五)", .supervision, .deadline, .warning, "批复有效期", "validity of the approval") {
                CatalogText(
                    condition: T(
                        "市科技局的批复有效期为 policy.validYears（默认五年，也可由批复的 validYears 规定），按民法典第201–202条计算：起始日不计入，到最后一年的对应日（无对应日为该月末日）止；此后联合体为 expired 状态。",
                        "The approval is in force for policy.validYears (five by default, or the Approval's validYears), counted per Civil Code arts. 201–202: the start day is not counted; it ends on the corresponding day of the final year (the month's last day when there is none); the consortium is expired after that."
                    ),
                    subject: T("批复文号", "the approval number"),
                    action: [
                        T(
                            "upcoming-N：提醒联合体在 @DUE_DATE@ 前申请续期；市科技局重新核准后把新的批复（Approval，decision: approved）放入收件箱，新有效期自其日期起算，通知解除。",
                            "upcoming-N: remind the consortium to apply for renewal before @DUE_DATE@; when the bureau renews, drop the new Approval (decision: approved) into the inbox: a new period runs from its date and the notice resolves."
                        ),
                        T(
                            "expired：联合体已过期。如需继续运行，由市科技局重新核准（新的 Approval）；否则按到期处理，确认此通知：consortiumctl ack @NOTICE_ID@ --by 姓名",
                            "expired: the consortium has expired. To continue, the bureau approves it again (a new Approval); otherwise treat it as ended and acknowledge: consortiumctl ack @NOTICE_ID@ --by NAME"
                        ),
                    ],
                    stages: [
                        T("有效期最后一天 @DUE_DATE@。阶段：", "Last day in force: @DUE_DATE@. Stages:"),
                        T("upcoming-180：到期前 180 天起，严重程度 notice（PRIORITY 5）；", "upcoming-180: from 180 days before, severity notice (PRIORITY 5);"),
                        T(
                            "upcoming-90、upcoming-30：到期前 90 天、30 天起，warning（PRIORITY 4）；",
                            "upcoming-90, upcoming-30: from 90 and 30 days before, warning (PRIORITY 4);"
                        ),
                        T(
                            "（提醒天数为 policy.expiryReminderDays，默认 [180, 90, 30]）",
                            "(the reminder days are policy.expiryReminderDays, [180, 90, 30] by default)"
                        ),
                        T(
                            "expired：最后一天的次日起，warning（PRIORITY 4），只发一次，联合体处于 expired 状态期间一直保留。",
                            "expired: from the day after the last day, warning (PRIORITY 4), emitted once and open while the consortium stays expired."
                        ),
                    ],
                    resolves: T("批复续期（新的 Approval）", "the approval is renewed (a new Approval)")
                )
            }
        case .projectLead:
            Facts("六(一)", .supervision, .finding, .error, "项目牵头单位", "project lead unit") {
                CatalogText(
                    condition: T(
                        "以联合体名义承担（underConsortium: true）的市级及以上科技项目，其牵头单位在项目日期是联合体的牵头单位。",
                        "A project undertaken in the consortium's name (underConsortium: true) is led, on the project's date, by a lead unit of the consortium."
                    ),
                    subject: T("项目编号", "the project id"),
                    action: [
                        T(
                            "核实项目 @SUBJECT@ 的牵头单位（Project 文件的 lead）；如填错，报送新版本的 Project 文件；确不符合的，按柳州市科技计划项目管理规定处理。",
                            "Check project @SUBJECT@'s lead (the Project's lead); if filed wrongly, send a new version of the Project; if it really does not comply, act under the city's project rules."
                        )
                    ],
                    resolves: T("项目信息更正，或项目结束", "the project is corrected or ends")
                )
            }
        case .projectMemberShare:
            Facts("六(一)", .supervision, .finding, .error, "项目成员中联合体成员占比", "share of consortium members in a project") {
                CatalogText(
                    condition: T(
                        "以联合体名义承担的项目，其成员单位中联合体成员的比例不低于 policy.projectMemberShare（默认 50%，含本数）。",
                        "In a project undertaken in the consortium's name, consortium members make up at least policy.projectMemberShare of the project's members (50% by default, inclusive)."
                    ),
                    subject: T("项目编号", "the project id"),
                    action: [
                        T(
                            "核实项目 @SUBJECT@ 的成员清单：报送新版本的 Project 文件，或由联合体增补成员（Change）；项目成员变更须报批（另见 PROJECT_MEMBER_CHANGE）。",
                            "Check project @SUBJECT@'s member list: a new version of the Project, or the consortium adds members (a Change); changing a project's members needs approval (see PROJECT_MEMBER_CHANGE)."
                        )
                    ],
                    resolves: T("项目信息更正，或项目结束", "the project is corrected or ends")
                )
            }
        case .projectLock:
            Facts("七(一)", .supervision, .event, .error, "项目期间不得自行解散或变更牵头单位", "no dissolution or lead change during a project") {
                CatalogText(
                    condition: T(
                        "承担以联合体名义的项目期间（项目开始至结题或结束），联合体不得自行解散或变更牵头单位：Dissolution 或牵头单位变更（含牵头单位退出）须带批准文号（approval）。",
                        "While a project in the consortium's name is active (start through closed or end), the consortium may not dissolve or change its lead on its own: a Dissolution or change of lead (a lead leaving included) needs an approval reference."
                    ),
                    subject: T("违规文件的日期", "the date of the offending document"),
                    action: [
                        T(
                            "该变更或解散已记录并生效，但不合规：核实情况，要求联合体补办报批手续。",
                            "The change or dissolution is recorded and in effect, but was not allowed: verify and require the approval."
                        ),
                        T(
                            "处理后确认：consortiumctl ack @NOTICE_ID@ --by 姓名 --note 处理结果",
                            "Then acknowledge: consortiumctl ack @NOTICE_ID@ --by NAME --note OUTCOME"
                        ),
                        T("联合体解散后此通知仍保留：解散不抹去违规。", "The notice stays after the consortium ends: dissolving does not erase a violation."),
                    ]
                )
            }
        case .projectMemberChange:
            Facts("七(一)", .supervision, .event, .warning, "项目主要成员单位变更报批", "change of a project's main members needs approval") {
                CatalogText(
                    condition: T(
                        "以联合体名义的项目进行期间，项目主要成员单位的变更须带批准文号（approval）：删减或替换成员的新版本 Project，或项目成员退出联合体的 Change。",
                        "While such a project is active, its main member units change only with an approval reference: a new Project version that drops or replaces members, or a Change in which a project member leaves the consortium."
                    ),
                    subject: T("违规文件的日期", "the date of the offending document"),
                    action: [
                        T("请联合体按柳州市科技计划项目管理相关规定补办报批程序。", "Have the change approved under the city's science and technology project rules."),
                        T(
                            "处理后确认：consortiumctl ack @NOTICE_ID@ --by 姓名 --note 批准文号",
                            "Then acknowledge: consortiumctl ack @NOTICE_ID@ --by NAME --note APPROVAL_NUMBER"
                        ),
                    ]
                )
            }
        case .majorChange:
            Facts("七(三)1", .supervision, .event, .warning, "重大事项变更", "major change") {
                CatalogText(
                    condition: T(
                        "牵头单位、常设执行机构（executive）或主要负责人（principal）发生变更（Change）：七(三)1 规定此类重大事项变更影响正常运行的，取消资格。",
                        "A Change of the lead unit, the standing executive body (executive) or the principal (principal): under 七(三)1 (7(3)1) such a major change that affects normal operation is a ground for revocation."
                    ),
                    subject: T("变更文件的日期", "the date of the Change"),
                    action: [
                        T(
                            "判断该变更是否影响联合体正常运行（可向联合体了解情况）。",
                            "Judge whether the change affects the consortium's normal operation (ask the consortium if needed)."
                        ),
                        T(
                            "影响的：把违规事实作为 Incident 文件（ground: major-change）放入收件箱，启动取消资格审查。",
                            "If it does: record it as an Incident (ground: major-change), which opens a revocation review."
                        ),
                        T(
                            "不影响的：确认并写明判断：consortiumctl ack @NOTICE_ID@ --by 姓名 --note 判断",
                            "If not: acknowledge with the judgement: consortiumctl ack @NOTICE_ID@ --by NAME --note JUDGEMENT"
                        ),
                    ]
                )
            }
        case .revocationGround:
            Facts("七(三)1–6", .supervision, .event, .error, "取消资格情形", "ground for revocation", repeats: true) {
                CatalogText(
                    condition: T(
                        "已核准的联合体被记录了七(三)1–6 的违规情形（Incident）：1 重大纠纷或重大事项变更（dispute、major-change），2 不按协议开展活动（not-performing），3 违法违规（violation），4 管理运行不规范（irregular），5 拒绝报送信息（refused-info），6 其他（other）。",
                        "An Incident under 七(三)1–6 (7(3)1–6) was recorded against an approved consortium: 1 a major dispute or major change (dispute, major-change), 2 not performing the agreement (not-performing), 3 a violation of law (violation), 4 irregular management (irregular), 5 refusing to report (refused-info), 6 other (other)."
                    ),
                    subject: T("违规事实的日期和情形，例如 2026-10-15 violation", "the incident's date and ground, e.g. 2026-10-15 violation"),
                    action: [
                        T(
                            "市科技局依据七(三)启动取消资格审查：查看违规事实（consortiumctl show @CONSORTIUM_ID@）。",
                            "The bureau opens a revocation review under 七(三) (7(3)): look at the incident (consortiumctl show @CONSORTIUM_ID@)."
                        ),
                        T(
                            "结论为取消资格的，把决定作为 Revocation 文件放入收件箱；不取消的，确认：consortiumctl ack @NOTICE_ID@ --by 姓名 --note 结论",
                            "If it revokes, drop the decision into the inbox as a Revocation; if not, acknowledge: consortiumctl ack @NOTICE_ID@ --by NAME --note DECISION"
                        ),
                        T(
                            "联合体解散后此通知仍保留：解散不抹去违规。取消资格（Revocation）是审查的结论：自其日期起此通知解除（只发一次“已解除”），取消资格之后记录的违规事实不再产生此通知。",
                            "The notice stays after a dissolution: dissolving does not erase a violation. A Revocation is the review's outcome: from its date the notice is resolved (one resolved entry), and an Incident dated after it raises none."
                        ),
                    ],
                    stages: [
                        T(
                            "阶段 revocation-review，严重程度 crit（PRIORITY 2），每 policy.repeatDays（默认 7 天）重复提醒，直到被确认或取消资格。",
                            "Stage revocation-review, severity crit (PRIORITY 2), repeated every policy.repeatDays (7 by default) until acknowledged or revoked."
                        )
                    ],
                    resolves: T(
                        "取消资格（Revocation）自其日期起了结审查；撤回该取消资格文件则重新打开",
                        "a Revocation concludes the review from its date; withdrawing the Revocation reopens it"
                    )
                )
            }
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

/// A text in Chinese and English: operators read the Chinese, the English is beside it (the
/// message catalog's two files, deploy/catalog).
public struct Bilingual: Sendable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }
}

/// The catalog text of the table below: `T("中文", "English")`.
private typealias T = Bilingual

// Catalog text several rows of `RuleID.facts` share.
private let memberSubject = T("该成员单位的统一社会信用代码（境外成员为 foreignId）", "the USCC of the member concerned (foreignId for a foreign member)")
private let leadSubject = T("所涉牵头单位的统一社会信用代码；为空时指整个联合体", "the USCC of the lead unit concerned; empty for the whole consortium")
private let wholeSubject = T("为空，指整个联合体", "empty: the whole consortium")
private let correct = T(
    "更正材料：在 applied 或 recommended 状态下提交更正的组建申请（Application，替换原申请），或提交变更文件（Change）。",
    "To correct: a corrected Application (replaces the earlier one while applied or recommended), or a Change document."
)
private let waive = T(
    "或由市科技局按“一事一议”（三(六)）在批复（Approval 的 waivers）中豁免此规则。",
    "Or the bureau may waive the rule case by case (三(六), 3(6)) in the Approval's waivers."
)

/// The level of a rule (rules.md "Levels").
public enum RuleLevel: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info
    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
