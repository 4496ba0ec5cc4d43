/// Which formation rules need which Application value, for the values a Word form can leave
/// empty (`Application.notProvided`). A path names a field (`members[3].type`,
/// `leads[0].revenue`, `governance.fundRules`) or a whole part (`governance`, `agreement`).
public enum NotProvided {
    /// The rules that cannot be judged while any of `paths` is missing.
    public static func rulesNeeding(_ paths: [String]) -> Set<RuleID> {
        var out: Set<RuleID> = []
        for path in paths { out.formUnion(rules(field(path))) }
        return out
    }

    /// The path without list indices: `members[3].type` → `members.type`.
    static func field(_ path: String) -> String {
        var out = ""
        var inIndex = false
        for c in path {
            if c == "[" { inIndex = true } else if c == "]" { inIndex = false } else if !inIndex { out.append(c) }
        }
        return out
    }

    static let leadRules: Set<RuleID> = [
        .leadCount, .leadLocalEnterprise, .leadRDDeduction, .leadRevenue, .leadRDStaff,
        .leadPlatform, .leadRDIntensity, .leadUnique,
    ]

    private static func rules(_ field: String) -> Set<RuleID> {
        if field.hasPrefix("agreement.signatures") { return [.agreementSigned] }
        if field.hasPrefix("agreement.clauses") { return [.agreementClauses] }
        if field.hasPrefix("declared.") { return [.formCounts] }
        let rules: [RuleID]
        switch field {
        case "members.type": rules = [.enterpriseShare, .leadLocalEnterprise, .formCounts]
        case "members.layer": rules = Array(leadRules)
        case "members.liuzhou": rules = [.localShare, .usccRegion, .leadLocalEnterprise]
        case "leads.sector", "leads.revenue": rules = [.leadRevenue]
        case "leads.rdDeduction": rules = [.leadRDDeduction]
        case "leads.rdStaff": rules = [.leadRDStaff]
        case "leads.fiscalYears": rules = [.leadRDIntensity]
        case "governance": rules = [.governance, .fundRules]
        case "governance.decision", "governance.advisory", "governance.executive", "governance.executiveStaff": rules = [.governance]
        case "governance.fundRules": rules = [.fundRules]
        case "agreement": rules = [.agreementClauses, .agreementSigned]
        case "leadSeal": rules = [.applicationSealed]
        case "chiefExpert": rules = [.chiefExpert]
        default: rules = []
        }
        return Set(rules)
    }

    /// What the path names, in Chinese and English.
    public static func label(_ path: String) -> (zh: String, en: String) {
        let field = field(path)
        if field.hasPrefix("declared.") { return ("申请表填报的数量", "a count declared on the form") }
        if field.hasPrefix("agreement.signatures.") { return ("组建协议签章表中的签字或盖章", "a signature or seal in the agreement's table") }
        if field.hasPrefix("agreement.clauses.") { return ("组建协议条款核对", "the agreement's clause checklist") }
        return switch field {
        case "members.type": ("成员单位的单位类型", "a member's type")
        case "members.layer": ("成员单位的层级", "a member's layer")
        case "members.liuzhou": ("成员单位是否在柳州市内注册", "whether a member is registered in Liuzhou")
        case "leads.sector": ("牵头单位所属行业", "the lead unit's sector")
        case "leads.rdDeduction": ("牵头单位是否享受研发费用加计扣除", "whether the lead unit enjoys the R&D super-deduction")
        case "leads.revenue": ("牵头单位年主营业务收入", "the lead unit's main-business revenue")
        case "leads.rdStaff": ("牵头单位专职研发人员数", "the lead unit's full-time R&D staff")
        case "leads.fiscalYears": ("牵头单位近三个会计年度研发费用和销售收入", "the lead unit's R&D expense and sales per year")
        case "governance": ("决策、咨询和执行机构", "the decision, advisory and executive bodies")
        case "governance.decision": ("决策机构", "the decision body")
        case "governance.advisory": ("咨询机构", "the advisory body")
        case "governance.executive": ("执行机构", "the executive body")
        case "governance.executiveStaff": ("常设执行机构工作人员数", "the standing executive body's staff")
        case "governance.fundRules": ("是否建立经费管理制度", "whether there are fund management rules")
        case "agreement": ("组建协议（附件2）", "the formation agreement (附件2)")
        case "agreement.clauses": ("组建协议条款核对", "the agreement's clause checklist")
        case "agreement.signatures": ("组建协议签章", "the agreement's signatures and seals")
        case "leadSeal": ("是否加盖牵头单位法人公章", "whether the lead unit's seal is on the form")
        case "chiefExpert": ("首席专家", "the chief expert")
        default: ("数据", "a value")
        }
    }
}
