/// 组建申请表 + 组建协议 (附件1, 附件2; 三, 四(一)–(四)).
public struct Application: Sendable, Equatable {
    public var name: String
    public var industry: String
    public var agreementEffective: CivilDate?
    public var contact: Contact
    public var members: [Member]
    public var declared: DeclaredCounts
    public var leads: [LeadQualification]
    public var platforms: [Platform]
    public var goal: String
    public var team: [TeamMember]
    public var chiefExpert: ChiefExpert?
    public var governance: Governance?
    public var agreement: Agreement?
    public var basis: String?
    public var leadSeal: Bool?
    /// Field paths a Word form left empty (`members[3].type`, `governance.fundRules`, `agreement`):
    /// each becomes a NOT_PROVIDED finding, and the rules that need the value are not judged
    /// (docs/word-forms.md). Always empty for YAML/JSON, where a required field must be present.
    public var notProvided: [String]

    public init(
        name: String,
        industry: String,
        agreementEffective: CivilDate? = nil,
        contact: Contact,
        members: [Member],
        declared: DeclaredCounts,
        leads: [LeadQualification],
        platforms: [Platform] = [],
        goal: String,
        team: [TeamMember] = [],
        chiefExpert: ChiefExpert? = nil,
        governance: Governance? = nil,
        agreement: Agreement? = nil,
        basis: String? = nil,
        leadSeal: Bool? = nil,
        notProvided: [String] = []
    ) {
        self.name = name
        self.industry = industry
        self.agreementEffective = agreementEffective
        self.contact = contact
        self.members = members
        self.declared = declared
        self.leads = leads
        self.platforms = platforms
        self.goal = goal
        self.team = team
        self.chiefExpert = chiefExpert
        self.governance = governance
        self.agreement = agreement
        self.basis = basis
        self.leadSeal = leadSeal
        self.notProvided = notProvided
    }
}

/// 联系人, 电话.
public struct Contact: Sendable, Equatable {
    public var name: String
    public var phone: String
    public init(name: String, phone: String) {
        self.name = name
        self.phone = phone
    }
}

/// The counts written on the form's first table (附件1).
public struct DeclaredCounts: Sendable, Equatable {
    public var members: Int
    public var enterprises: Int
    public var universities: Int
    public var institutes: Int
    public var regionalPlatforms: Int
    public var municipalPlatforms: Int
    public init(
        members: Int,
        enterprises: Int,
        universities: Int,
        institutes: Int,
        regionalPlatforms: Int,
        municipalPlatforms: Int
    ) {
        self.members = members
        self.enterprises = enterprises
        self.universities = universities
        self.institutes = institutes
        self.regionalPlatforms = regionalPlatforms
        self.municipalPlatforms = municipalPlatforms
    }
}

/// 科研团队情况, one row.
public struct TeamMember: Sendable, Equatable {
    public var name: String
    public var age: Int
    public var title: String
    public var specialty: String
    public var employer: String
    public init(name: String, age: Int, title: String, specialty: String, employer: String) {
        self.name = name
        self.age = age
        self.title = title
        self.specialty = specialty
        self.employer = employer
    }
}

/// 首席专家 (四(三)).
public struct ChiefExpert: Sendable, Equatable {
    public var name: String
    public var employer: String
    public var title: String
    public init(name: String, employer: String, title: String) {
        self.name = name
        self.employer = employer
        self.title = title
    }
}

/// 决策/咨询/执行机构, 常设执行机构人数, 经费管理制度 (三(四), 三(五)).
public struct Governance: Sendable, Equatable {
    public var decision: String
    public var advisory: String
    public var executive: String
    public var executiveStaff: Int
    public var fundRules: Bool
    public init(decision: String, advisory: String, executive: String, executiveStaff: Int, fundRules: Bool) {
        self.decision = decision
        self.advisory = advisory
        self.executive = executive
        self.executiveStaff = executiveStaff
        self.fundRules = fundRules
    }
}

/// 组建协议 content and signatures (四(二)).
public struct Agreement: Sendable, Equatable {
    public var clauses: [ClauseID]
    public var signatures: [Signature]
    /// Paths (`agreement.signatures[2].seal`) an 附件2 form left empty: they join the
    /// Application's `notProvided` when the agreement completes it.
    public var notProvided: [String]
    public init(clauses: [ClauseID], signatures: [Signature], notProvided: [String] = []) {
        self.clauses = clauses
        self.signatures = signatures
        self.notProvided = notProvided
    }
}

/// One member's signature on the agreement: 法定代表人签署, 加盖公章.
public struct Signature: Sendable, Equatable {
    public var member: MemberID
    public var legalRep: Bool
    public var seal: Bool
    public init(member: MemberID, legalRep: Bool, seal: Bool) {
        self.member = member
        self.legalRep = legalRep
        self.seal = seal
    }
}

/// The clauses 四(二) and 附件2 require in the agreement.
public enum ClauseID: String, CaseIterable, Sendable, Codable {
    case goals, tasks, rights, dissolution, ip, costs, revenue, integrity, liability, disputes

    /// The nine clauses 四(二) names (`integrity` is asked only by the template 附件2).
    public static let required: [ClauseID] = [.goals, .tasks, .rights, .dissolution, .ip, .costs, .revenue, .liability, .disputes]

    public var chineseName: String {
        switch self {
        case .goals: "技术创新目标"
        case .tasks: "任务分工"
        case .rights: "责任、权利与义务"
        case .dissolution: "解散时权责分配"
        case .ip: "科技成果及知识产权归属"
        case .costs: "技术开发成本承担"
        case .revenue: "转让、许可、咨询、服务收益分配"
        case .integrity: "科研诚信追究方式"
        case .liability: "违约责任追究方式"
        case .disputes: "争议解决方式"
        }
    }
}
