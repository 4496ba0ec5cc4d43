/// 成员单位 (lead units included).
///
/// The country and the role are held apart, in one shared object only when either is given: the
/// daemon keeps tens of members per consortium, nearly all Chinese and with the role dropped
/// (`ResidentForm`), so a member takes 48 bytes instead of 72.
public struct Member: Sendable, Equatable {
    public var name: String
    /// The USCC, or for a foreign member its `foreignId`.
    public var id: MemberID
    public var type: MemberType
    public var layer: Layer
    /// Registered in Liuzhou (在柳州市内注册).
    public var liuzhou: Bool
    private var rare: Rare?

    private final class Rare: Sendable {
        let country: String?
        let role: String
        init(country: String?, role: String) {
            self.country = country
            self.role = role
        }
    }

    /// ISO 3166 alpha-2 country of a foreign member (外国专家团队、科研院所, 四(二)); `nil` for a Chinese unit.
    public var country: String? {
        get { rare?.country }
        set { rare = Self.rare(country: newValue, role: role) }
    }

    /// Position in the industry and division of work (限200字).
    public var role: String {
        get { rare?.role ?? "" }
        set { rare = Self.rare(country: country, role: newValue) }
    }

    private static func rare(country: String?, role: String) -> Rare? {
        country == nil && role.isEmpty ? nil : Rare(country: country, role: role)
    }

    public init(
        name: String,
        id: MemberID,
        country: String? = nil,
        type: MemberType,
        layer: Layer,
        liuzhou: Bool,
        role: String
    ) {
        self.name = name
        self.id = id
        self.type = type
        self.layer = layer
        self.liuzhou = liuzhou
        self.rare = Self.rare(country: country, role: role)
    }

    public var isForeign: Bool { rare?.country != nil }

    public static func == (a: Member, b: Member) -> Bool {
        a.name == b.name && a.id == b.id && a.type == b.type && a.layer == b.layer && a.liuzhou == b.liuzhou
            && a.country == b.country && a.role == b.role
    }
}

public enum MemberType: String, CaseIterable, Sendable, Codable {
    case enterprise, university, institute, service, other

    public var chineseName: String {
        switch self {
        case .enterprise: "企业"
        case .university: "高等学校"
        case .institute: "科研院所"
        case .service: "服务机构"
        case .other: "其他"
        }
    }
}

/// 牵头单位 / 核心层 / 紧密合作层 / 一般协作层.
public enum Layer: String, CaseIterable, Sendable, Codable {
    case lead, core, close, general

    public var chineseName: String {
        switch self {
        case .lead: "牵头单位"
        case .core: "核心层"
        case .close: "紧密合作层"
        case .general: "一般协作层"
        }
    }
}

/// A lead unit's qualification data (三(二)).
public struct LeadQualification: Sendable, Equatable {
    public var member: MemberID
    public var sector: Sector
    /// Enjoys Liuzhou's R&D super-deduction (研发费用加计扣除).
    public var rdDeduction: Bool
    /// Annual main-business revenue in yuan (年主营业务收入).
    public var revenue: Int
    /// Full-time R&D staff (专职研发人员).
    public var rdStaff: Int
    /// The most recent 1–3 fiscal years.
    public var fiscalYears: [FiscalYear]

    public init(
        member: MemberID,
        sector: Sector,
        rdDeduction: Bool,
        revenue: Int,
        rdStaff: Int,
        fiscalYears: [FiscalYear]
    ) {
        self.member = member
        self.sector = sector
        self.rdDeduction = rdDeduction
        self.revenue = revenue
        self.rdStaff = rdStaff
        self.fiscalYears = fiscalYears
    }
}

public enum Sector: String, CaseIterable, Sendable, Codable {
    case manufacturing, services
    public var chineseName: String { self == .manufacturing ? "制造业" : "科技与信息服务业" }
}

public struct FiscalYear: Sendable, Equatable {
    public var year: Int
    public var rdExpense: Int
    public var sales: Int
    public init(year: Int, rdExpense: Int, sales: Int) {
        self.year = year
        self.rdExpense = rdExpense
        self.sales = sales
    }
}

/// 创新平台 (附件1 三).
public struct Platform: Sendable, Equatable {
    public var name: String
    public var type: PlatformType
    public var field: String
    public var level: PlatformLevel
    public var built: PlatformBuilt
    /// The host unit (依托单位).
    public var host: MemberID

    public init(
        name: String,
        type: PlatformType,
        field: String,
        level: PlatformLevel,
        built: PlatformBuilt,
        host: MemberID
    ) {
        self.name = name
        self.type = type
        self.field = field
        self.level = level
        self.built = built
        self.host = host
    }
}

public enum PlatformType: String, CaseIterable, Sendable, Codable {
    case keyLab, engineeringCenter, techInnovationCenter, enterpriseTechCenter, other
}

public enum PlatformLevel: String, CaseIterable, Sendable, Codable {
    case national, regional, municipal
}

/// When a platform was built: a day, or only a month (`YYYY-MM`).
public enum PlatformBuilt: Sendable, Equatable, CustomStringConvertible {
    case day(CivilDate)
    case month(CivilMonth)

    /// Built on or before `date` (decisions 30: a month counts when it is not after the date's month).
    public func isBuilt(onOrBefore date: CivilDate) -> Bool {
        switch self {
        case .day(let d): d <= date
        case .month(let m): m <= CivilMonth(date)
        }
    }

    public var description: String {
        switch self {
        case .day(let d): d.description
        case .month(let m): m.description
        }
    }
}
