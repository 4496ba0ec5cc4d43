/// 年度总结和下一年度工作计划 (七(二)).
public struct AnnualReport: Sendable, Equatable {
    /// The year reported on.
    public var year: Int
    public var sentTo: [ReportRecipient]
    public var summary: String
    public var plan: String
    /// 当前存在的问题.
    public var problems: String?
    /// 需要政府部门协调解决的事项.
    public var coordination: String?
    public init(
        year: Int,
        sentTo: [ReportRecipient],
        summary: String,
        plan: String,
        problems: String? = nil,
        coordination: String? = nil
    ) {
        self.year = year
        self.sentTo = sentTo
        self.summary = summary
        self.plan = plan
        self.problems = problems
        self.coordination = coordination
    }
}

public enum ReportRecipient: String, Sendable, Codable, CaseIterable { case recommender, bureau }

/// Changes after approval (七(一), 七(三)1).
public struct Change: Sendable, Equatable {
    public var changes: [ChangeItem]
    /// The bureau's approval of this change, where the project rules require one. Blank is none.
    public var approval: String?
    public init(changes: [ChangeItem], approval: String? = nil) {
        self.changes = changes
        self.approval = approval
    }
}

public enum ChangeItem: Sendable, Equatable {
    case join(Member, signature: SignatureMarks?)
    case leave(MemberID)
    case lead(LeadChange)
    /// 常设执行机构 / 依托单位.
    case executive(String)
    /// 主要负责人.
    case principal(String)
    case chiefExpert(ChiefExpert)
}

/// A joining member's signature of the agreement.
public struct SignatureMarks: Sendable, Equatable {
    public var legalRep: Bool
    public var seal: Bool
    public init(legalRep: Bool, seal: Bool) {
        self.legalRep = legalRep
        self.seal = seal
    }
}

/// A change of lead unit: `from` stays a member (layer `core`), `to` becomes a lead.
public struct LeadChange: Sendable, Equatable {
    public var from: MemberID
    public var to: MemberID
    public var qualification: LeadQualification
    public var platforms: [Platform]
    public init(from: MemberID, to: MemberID, qualification: LeadQualification, platforms: [Platform] = []) {
        self.from = from
        self.to = to
        self.qualification = qualification
        self.platforms = platforms
    }
}

/// A science and technology project (六(一), 七(一)).
public struct Project: Sendable, Equatable {
    public var project: String
    public var title: String
    public var level: PlatformLevel
    /// Undertaken in the consortium's name (以创新联合体名义).
    public var underConsortium: Bool
    public var lead: MemberID
    public var members: [MemberID]
    public var start: CivilDate
    public var end: CivilDate
    /// Completed/accepted (验收/结题).
    public var closed: CivilDate?
    /// The bureau's approval of a change of the project's main member units. Blank is none.
    public var approval: String?
    public init(
        project: String,
        title: String,
        level: PlatformLevel,
        underConsortium: Bool,
        lead: MemberID,
        members: [MemberID],
        start: CivilDate,
        end: CivilDate,
        closed: CivilDate? = nil,
        approval: String? = nil
    ) {
        self.project = project
        self.title = title
        self.level = level
        self.underConsortium = underConsortium
        self.lead = lead
        self.members = members
        self.start = start
        self.end = end
        self.closed = closed
        self.approval = approval
    }

    /// The last day the project is active: `closed` when given, else `end`.
    public var lastActiveDay: CivilDate { closed ?? end }

    public func isActive(on day: CivilDate) -> Bool { start <= day && day <= lastActiveDay }
}

/// Facts that can ground revocation (七(三)).
public struct Incident: Sendable, Equatable {
    public var ground: IncidentGround
    public var member: MemberID?
    public var description: String
    /// End of a dishonesty listing (信用修复).
    public var until: CivilDate?
    public init(ground: IncidentGround, member: MemberID? = nil, description: String, until: CivilDate? = nil) {
        self.ground = ground
        self.member = member
        self.description = description
        self.until = until
    }
}

/// The revocation grounds of 七(三)1–6.
public enum IncidentGround: String, Sendable, Codable, CaseIterable {
    case dispute
    case majorChange = "major-change"
    case notPerforming = "not-performing"
    case violation,
        irregular
    case refusedInfo = "refused-info"
    case other

    /// The item of 七(三).
    public var item: Int {
        switch self {
        case .dispute, .majorChange: 1
        case .notPerforming: 2
        case .violation: 3
        case .irregular: 4
        case .refusedInfo: 5
        case .other: 6
        }
    }

    public var chineseName: String {
        switch self {
        case .dispute: "成员单位间发生重大法律纠纷"
        case .majorChange: "重大事项变更影响正常运行"
        case .notPerforming: "不能按照组建协议开展技术创新活动"
        case .violation: "违反法律、法规、规章或相关政策规定"
        case .irregular: "管理和运行不规范，造成不良影响"
        case .refusedInfo: "拒绝报送相关信息"
        case .other: "其他需要取消的情况"
        }
    }
}
