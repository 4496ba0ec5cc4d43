/// 县区科技主管部门审核推荐意见 (四(四)).
public struct Recommendation: Sendable, Equatable {
    /// The district as written (`城中区`, `柳州市柳江区`, `450202`).
    public var district: String
    /// Its 6-digit division code (历史代码 450221 kept as written).
    public var districtCode: String
    public var recommended: Bool
    public var opinion: String
    public init(district: String, districtCode: String, recommended: Bool, opinion: String) {
        self.district = district
        self.districtCode = districtCode
        self.recommended = recommended
        self.opinion = opinion
    }
}

/// 市科技局核准批复 (四(五), 三(六)).
public struct Approval: Sendable, Equatable {
    public var decision: ApprovalDecision
    /// 批复文号 (required when approved).
    public var number: String?
    /// Validity in years; `nil` takes the policy's `validYears`.
    public var validYears: Int?
    /// The bureau's 一事一议 waivers.
    public var waivers: [Waiver]
    public init(decision: ApprovalDecision, number: String?, validYears: Int? = nil, waivers: [Waiver] = []) {
        self.decision = decision
        self.number = number
        self.validYears = validYears
        self.waivers = waivers
    }
}

public enum ApprovalDecision: String, Sendable, Codable, CaseIterable { case approved, rejected }

/// 一事一议 (三(六)): the bureau waives one formation rule for this consortium.
public struct Waiver: Sendable, Equatable {
    public var rule: RuleID
    public var reason: String
    public init(rule: RuleID, reason: String) {
        self.rule = rule
        self.reason = reason
    }
}

/// 解散 (七(一)).
public struct Dissolution: Sendable, Equatable {
    public var reason: String
    /// The bureau's consent; makes a dissolution during a project not "自行". Blank is none.
    public var approval: String?
    public init(reason: String, approval: String? = nil) {
        self.reason = reason
        self.approval = approval
    }
}

/// 取消创新联合体资格 (七(三)).
public struct Revocation: Sendable, Equatable {
    public var number: String
    public var grounds: [IncidentGround]
    public var reason: String
    public init(number: String, grounds: [IncidentGround], reason: String) {
        self.number = number
        self.grounds = grounds
        self.reason = reason
    }
}

/// An accepted document was a mistake: it no longer counts, from the start.
public struct Withdrawal: Sendable, Equatable {
    /// SHA-256 (lowercase hex) of the withdrawn document.
    public var document: String
    public var reason: String
    public init(document: String, reason: String) {
        self.document = document
        self.reason = reason
    }
}

/// An operator acknowledges a notice.
public struct Acknowledgement: Sendable, Equatable {
    /// Notice id (32 lowercase hex digits).
    public var notice: String
    public var by: String
    public var note: String?
    /// No repeats of the notice before this day.
    public var until: CivilDate?
    public init(notice: String, by: String, note: String? = nil, until: CivilDate? = nil) {
        self.notice = notice
        self.by = by
        self.note = note
        self.until = until
    }
}
