/// The formation rules (rules.md "Formation rules"; 一, 二, 三, 四 and 附件1/附件2), one small
/// pure function each. Thresholds come from `Policy`: the day's for rules judged on the day,
/// the Application date's for rules judged on the Application (rules.md "Policy over time").
public enum FormationRules {
    /// Everything a formation rule looks at.
    public struct Input: Sendable {
        public var consortium: ConsortiumID
        public let formation: FormationSnapshot
        public var day: CivilDate
        /// The policy in force on `day`.
        public var policy: Policy
        /// The policy in force on the Application's date.
        public var applicationPolicy: Policy
        public var context: RuleContext
        /// The formation's lead units (several rules look at them; computed once).
        public let leads: [Member]

        public init(
            consortium: ConsortiumID,
            formation: FormationSnapshot,
            day: CivilDate,
            policy: Policy,
            applicationPolicy: Policy,
            context: RuleContext
        ) {
            self.consortium = consortium
            self.formation = formation
            self.day = day
            self.policy = policy
            self.applicationPolicy = applicationPolicy
            self.context = context
            self.leads = formation.leads
        }
    }

    typealias Check = @Sendable (Input) -> [Finding]

    /// Every formation rule, in the order of rules.md.
    static let table: [(RuleID, Check)] = [
        (.membersMin, membersMin), (.localShare, localShare), (.enterpriseShare, enterpriseShare),
        (.membersDistinct, membersDistinct), (.usccRegion, usccRegion), (.leadCount, leadCount),
        (.leadLocalEnterprise, leadLocalEnterprise), (.leadRDDeduction, leadRDDeduction),
        (.leadRevenue, leadRevenue), (.leadRDStaff, leadRDStaff), (.leadPlatform, leadPlatform),
        (.leadRDIntensity, leadRDIntensity), (.leadUnique, leadUnique), (.governance, governance),
        (.fundRules, fundRules), (.agreementClauses, agreementClauses), (.agreementSigned, agreementSigned),
        (.applicationSealed, applicationSealed), (.chiefExpert, chiefExpert), (.formCounts, formCounts),
        (.platformNotBuilt, platformNotBuilt), (.textLimits, textLimits), (.industryPriority, industryPriority),
        (.dishonestMember, dishonestMember),
    ]

    /// All formation findings for `input`, waived rules left out. A value a Word form left empty
    /// is one NOT_PROVIDED finding, and the rules that need it are not judged at all: they must
    /// neither pass nor fail on a value nobody wrote (docs/word-forms.md).
    public static func findings(_ input: Input, waived: Set<RuleID> = []) -> [Finding] {
        let missing = input.formation.application.notProvided
        let unjudged = NotProvided.rulesNeeding(missing)
        return table.flatMap { rule, check in waived.contains(rule) || unjudged.contains(rule) ? [] : check(input) }
            + (waived.contains(.notProvided) ? [] : notProvided(input, missing, unjudged))
    }

    /// The rules that look at other consortia (through `Input.context`).
    static let withContext: Set<RuleID> = [.leadUnique, .dishonestMember]
    /// Every other formation rule, NOT_PROVIDED included.
    static let withoutContext: Set<RuleID> = Set(table.map(\.0)).subtracting(withContext).union([.notProvided])

    /// The findings of the rules that do not look at other consortia (NOT_PROVIDED included). With
    /// `contextFindings` they are what `findings` gives, in another order (the evaluation sorts
    /// them by rule): they change only with the formation, the waivers and the policies, so a
    /// resident consortium keeps them between evaluations.
    static func ownFindings(_ input: Input, waived: Set<RuleID>) -> [Finding] {
        findings(input, waived: waived.union(withContext))
    }

    /// The findings of the rules that look at other consortia (LEAD_UNIQUE, DISHONEST_MEMBER).
    /// (Each evaluation asks for them, for every live consortium and every approval: they are
    /// called directly rather than through the table and sets of rules.)
    static func contextFindings(_ input: Input, waived: Set<RuleID>) -> [Finding] {
        let missing = input.formation.application.notProvided
        let unjudged = missing.isEmpty ? [] : NotProvided.rulesNeeding(missing)
        func judged(_ rule: RuleID) -> Bool { !waived.contains(rule) && !unjudged.contains(rule) }
        let unique = judged(.leadUnique) ? leadUnique(input) : []
        let dishonest = input.context.hasListings && judged(.dishonestMember) ? dishonestMember(input) : []
        return unique.isEmpty ? dishonest : unique + dishonest
    }

    /// The formation of `state` judged on `day`.
    static func input(_ state: ConsortiumState, on day: CivilDate, policies: PolicySchedule, context: RuleContext) -> Input {
        Input(
            consortium: state.id,
            formation: state.round.formation,
            day: day,
            policy: policies.policy(on: day),
            applicationPolicy: policies.policy(on: state.round.formation.applicationDate),
            context: context
        )
    }

    /// The formation as approved, judged on the approval's day (APPROVED_WITH_UNMET).
    static func approvalInput(
        _ consortium: ConsortiumID,
        _ approval: ApprovalRecord,
        policies: PolicySchedule,
        context: RuleContext
    ) -> Input {
        Input(
            consortium: consortium,
            formation: approval.formation,
            day: approval.date,
            policy: policies.policy(on: approval.date),
            applicationPolicy: policies.policy(on: approval.formation.applicationDate),
            context: context
        )
    }

    /// The rules, not waived and not looking at other consortia, that an approval leaves unmet
    /// (error or warning findings on the approval's day): fixed for an approval and `policies`.
    static func unmetWithoutContext(_ consortium: ConsortiumID, _ approval: ApprovalRecord, policies: PolicySchedule) -> [RuleID] {
        let input = approvalInput(consortium, approval, policies: policies, context: RuleContext(segments: [], listings: []))
        return ownFindings(input, waived: []).filter { $0.level != .info }.map(\.rule)
    }

    static func notProvided(_ i: Input, _ missing: [String], _ unjudged: Set<RuleID>) -> [Finding] {
        missing.map { path in
            let rules = NotProvided.rulesNeeding([path]).sorted().map(\.rawValue)
            let what = NotProvided.label(path)
            let also = rules.isEmpty ? "" : "，以下规则暂不判定：\(rules.joined(separator: "、"))"
            let alsoEn = rules.isEmpty ? "" : "; not judged: \(rules.joined(separator: ", "))"
            return finding(
                i,
                .notProvided,
                subject: path,
                path: path,
                "表格未填写\(what.zh)（\(path)）\(also)",
                "the form does not provide \(what.en) (\(path))\(alsoEn)"
            )
        }
    }

    private static func finding(
        _ input: Input,
        _ rule: RuleID,
        level: RuleLevel? = nil,
        subject: String = "",
        path: String? = nil,
        _ zh: String,
        _ en: String
    ) -> Finding {
        Finding(
            consortium: input.consortium,
            rule: rule,
            level: level,
            subject: subject,
            path: path,
            detail: zh,
            detailEn: en,
            since: input.day
        )
    }

    /// How many members pass `test` (type, registered in Liuzhou), read in place without copies.
    private static func countMembers(_ members: [Member], _ test: (MemberType, Bool) -> Bool) -> Int {
        var n = 0
        for index in members.indices where test(members[index].type, members[index].liuzhou) { n += 1 }
        return n
    }

    private static func memberPath(_ input: Input, _ id: MemberID, _ field: String) -> String? {
        input.formation.application.members.firstIndex { $0.id == id }.map { "members[\($0)].\(field)" }
    }

    private static func leadPath(_ input: Input, _ id: MemberID, _ field: String) -> String? {
        input.formation.application.leads.firstIndex { $0.member == id }.map { "leads[\($0)].\(field)" }
    }

    // MARK: 一: membership

    static func membersMin(_ i: Input) -> [Finding] {
        let n = i.formation.members.count
        let min = i.policy.membersMin
        return n >= min
            ? []
            : [
                finding(
                    i,
                    .membersMin,
                    path: "members",
                    "成员单位 \(n) 个，少于原则上要求的 \(min) 个",
                    "\(n) member units, fewer than the \(min) required in principle"
                )
            ]
    }

    static func localShare(_ i: Input) -> [Finding] {
        let n = i.formation.members.count
        let local = countMembers(i.formation.members) { _, liuzhou in liuzhou }
        return i.policy.localShare.isMet(part: local, whole: n)
            ? []
            : [
                finding(
                    i,
                    .localShare,
                    path: "members",
                    "在柳州市内注册的成员单位 \(local)/\(n) 个，低于 \(i.policy.localShare.percentText)",
                    "\(local) of \(n) members are registered in Liuzhou, below \(i.policy.localShare.percentText)"
                )
            ]
    }

    static func enterpriseShare(_ i: Input) -> [Finding] {
        let n = i.formation.members.count
        let firms = countMembers(i.formation.members) { type, _ in type == .enterprise }
        return i.policy.enterpriseShare.isMet(part: firms, whole: n)
            ? []
            : [
                finding(
                    i,
                    .enterpriseShare,
                    path: "members",
                    "企业成员 \(firms)/\(n) 个，未达 \(i.policy.enterpriseShare.percentText)",
                    "\(firms) of \(n) members are enterprises, below \(i.policy.enterpriseShare.percentText)"
                )
            ]
    }

    // MARK: 三(一)

    static func membersDistinct(_ i: Input) -> [Finding] {
        var out: [Finding] = []
        if i.formation.members.count < 2 {
            out.append(
                finding(
                    i,
                    .membersDistinct,
                    path: "members",
                    "创新联合体须由多个独立法人单位组成，现只有 \(i.formation.members.count) 个成员单位",
                    "a consortium is made of several independent legal persons; it has \(i.formation.members.count) member"
                )
            )
        }
        // A usual list has no repeat: find that out without hashing the identifiers.
        let members = i.formation.members
        if members.count <= 32 {
            let repeated = members.indices.contains { a in members.indices[..<a].contains { members[$0].id == members[a].id } }
            guard repeated else { return out }
        }
        var seen: Set<MemberID> = []
        var reported: Set<MemberID> = []
        for member in i.formation.members {
            if !seen.insert(member.id).inserted, reported.insert(member.id).inserted {
                out.append(
                    finding(
                        i,
                        .membersDistinct,
                        subject: member.id,
                        path: memberPath(i, member.id, "uscc"),
                        "统一社会信用代码 \(member.id) 在成员名单中出现多次（成员须为不同的独立法人）",
                        "identifier \(member.id) appears more than once among the members (members must be distinct legal persons)"
                    )
                )
            }
        }
        return out
    }

    static func usccRegion(_ i: Input) -> [Finding] {
        i.formation.members.compactMap { member in
            // decisions 28: a foreign member agrees when `liuzhou` is false.
            // Identifiers were validated when decoded: only the division code is read here.
            let registered = member.isForeign ? false : member.id.utf8.dropFirst(2).starts(with: "4502".utf8)
            guard registered != member.liuzhou else { return nil }
            let code = USCC(member.id)?.divisionCode ?? "—"
            return finding(
                i,
                .usccRegion,
                subject: member.id,
                path: memberPath(i, member.id, "liuzhou"),
                member.liuzhou
                    ? "成员单位「\(member.name)」标为在柳州市内注册，但其统一社会信用代码的登记管理机关行政区划码为 \(code)，不属柳州市（4502）"
                    : "成员单位「\(member.name)」标为不在柳州市内注册，但其统一社会信用代码的行政区划码 \(code) 属柳州市",
                member.liuzhou
                    ? "member \(member.name) is marked as registered in Liuzhou but its USCC division code \(code) is not Liuzhou's (4502)"
                    : "member \(member.name) is marked as not registered in Liuzhou but its USCC division code \(code) is Liuzhou's"
            )
        }
    }

    // MARK: 四(一), 三(二): the lead unit

    static func leadCount(_ i: Input) -> [Finding] {
        let leads = i.leads
        var out: [Finding] = []
        if !(1...2).contains(leads.count) {
            out.append(
                finding(
                    i,
                    .leadCount,
                    path: "members",
                    "牵头单位应为 1—2 家，现有 \(leads.count) 家",
                    "there must be 1 or 2 lead units; there are \(leads.count)"
                )
            )
        }
        for lead in leads where i.formation.leadQualifications[lead.id] == nil {
            out.append(
                finding(
                    i,
                    .leadCount,
                    subject: lead.id,
                    path: "leads",
                    "牵头单位「\(lead.name)」(\(lead.id)) 缺少牵头单位资格数据（leads）",
                    "lead unit \(lead.name) (\(lead.id)) has no lead qualification entry in `leads`"
                )
            )
        }
        return out
    }

    static func leadLocalEnterprise(_ i: Input) -> [Finding] {
        i.leads.compactMap { lead in
            guard lead.type != .enterprise || !lead.liuzhou else { return nil }
            return finding(
                i,
                .leadLocalEnterprise,
                subject: lead.id,
                path: memberPath(i, lead.id, lead.type != .enterprise ? "type" : "liuzhou"),
                "牵头单位「\(lead.name)」应为在柳州市内注册的企业（现为\(lead.type.chineseName)，\(lead.liuzhou ? "柳州市内注册" : "非柳州市内注册")）",
                "lead unit \(lead.name) must be an enterprise registered in Liuzhou (it is \(lead.type.rawValue), liuzhou: \(lead.liuzhou))"
            )
        }
    }

    private static func qualifiedLeads(_ i: Input) -> [(Member, LeadQualification)] {
        i.leads.compactMap { lead in i.formation.leadQualifications[lead.id].map { (lead, $0) } }
    }

    static func leadRDDeduction(_ i: Input) -> [Finding] {
        qualifiedLeads(i).compactMap { lead, q in
            q.rdDeduction
                ? nil
                : finding(
                    i,
                    .leadRDDeduction,
                    subject: lead.id,
                    path: leadPath(i, lead.id, "rdDeduction"),
                    "牵头单位「\(lead.name)」未享受柳州市研发费用加计扣除优惠政策",
                    "lead unit \(lead.name) does not enjoy Liuzhou's R&D super-deduction"
                )
        }
    }

    static func leadRevenue(_ i: Input) -> [Finding] {
        qualifiedLeads(i).compactMap { lead, q in
            let min = q.sector == .manufacturing ? i.policy.revenueManufacturing : i.policy.revenueServices
            guard q.revenue < min else { return nil }
            return finding(
                i,
                .leadRevenue,
                subject: lead.id,
                path: leadPath(i, lead.id, "revenue"),
                "牵头单位「\(lead.name)」（\(q.sector.chineseName)）年主营业务收入 \(Money.text(q.revenue))，低于原则上要求的 \(Money.text(min))",
                "lead unit \(lead.name) (\(q.sector.rawValue)) has main-business revenue of \(q.revenue) yuan, below the \(min) yuan required in principle"
            )
        }
    }

    static func leadRDStaff(_ i: Input) -> [Finding] {
        qualifiedLeads(i).compactMap { lead, q in
            q.rdStaff >= i.policy.rdStaffMin
                ? nil
                : finding(
                    i,
                    .leadRDStaff,
                    subject: lead.id,
                    path: leadPath(i, lead.id, "rdStaff"),
                    "牵头单位「\(lead.name)」专职研发人员 \(q.rdStaff) 人，少于原则上要求的 \(i.policy.rdStaffMin) 人",
                    "lead unit \(lead.name) has \(q.rdStaff) full-time R&D staff, fewer than the \(i.policy.rdStaffMin) required in principle"
                )
        }
    }

    static func leadPlatform(_ i: Input) -> [Finding] {
        let hosts = i.formation.platforms.map(\.host)  // a few: no hashing
        return i.leads.compactMap { lead in
            hosts.contains(lead.id)
                ? nil
                : finding(
                    i,
                    .leadPlatform,
                    subject: lead.id,
                    path: "platforms",
                    "牵头单位「\(lead.name)」未建有市级及以上创新平台（platforms 中没有以其为依托单位的平台）",
                    "lead unit \(lead.name) hosts no municipal or higher innovation platform (no platform has it as host)"
                )
        }
    }

    static func leadRDIntensity(_ i: Input) -> [Finding] {
        qualifiedLeads(i).compactMap { lead, q in
            let expense = q.fiscalYears.reduce(0) { $0 + $1.rdExpense }
            let sales = q.fiscalYears.reduce(0) { $0 + $1.sales }
            guard !i.policy.rdIntensityMin.isMet(part: expense, whole: sales) else { return nil }
            let ratio = sales > 0 ? Rational(expense, sales).percentText : "—"
            return finding(
                i,
                .leadRDIntensity,
                subject: lead.id,
                path: leadPath(i, lead.id, "fiscalYears"),
                "牵头单位「\(lead.name)」近\(q.fiscalYears.count)个会计年度研究开发费用 \(Money.text(expense)) 占销售收入 \(Money.text(sales)) 的 \(ratio)，低于 \(i.policy.rdIntensityMin.percentText)",
                "lead unit \(lead.name): R&D expense \(expense) over sales \(sales) yuan is \(ratio), below \(i.policy.rdIntensityMin.percentText)"
            )
        }
    }

    static func leadUnique(_ i: Input) -> [Finding] {
        i.leads.compactMap { lead in
            let earlier = i.context.otherConsortia(ledBy: lead.id, besides: i.consortium, on: i.day).filter {
                $0.applicationDate < i.formation.applicationDate
                    || ($0.applicationDate == i.formation.applicationDate && $0.consortium < i.consortium)
            }
            guard let first = earlier.first else { return nil }
            return finding(
                i,
                .leadUnique,
                subject: lead.id,
                path: memberPath(i, lead.id, "layer"),
                "牵头单位「\(lead.name)」已牵头创新联合体 \(first.consortium)（申请日期 \(first.applicationDate)），原则上一个牵头单位仅限牵头一个创新联合体",
                "lead unit \(lead.name) already leads consortium \(first.consortium) (applied \(first.applicationDate)); in principle a unit leads one consortium only"
            )
        }
    }

    // MARK: 三(四), 三(五), 四(二), 四(三): governance and agreement (judged on the Application)

    static func governance(_ i: Input) -> [Finding] {
        guard let g = i.formation.application.governance else {
            return [
                finding(
                    i,
                    .governance,
                    path: "governance",
                    "申请未说明决策、咨询和执行机构（governance）",
                    "the application names no decision, advisory and executive bodies (governance)"
                )
            ]
        }
        var missing: [String] = []
        if g.decision.isBlank { missing.append("decision") }
        if g.advisory.isBlank { missing.append("advisory") }
        if g.executive.isBlank { missing.append("executive") }
        if g.executiveStaff < 1 { missing.append("executiveStaff") }
        return missing.isEmpty
            ? []
            : [
                finding(
                    i,
                    .governance,
                    path: "governance." + missing[0],
                    "组织机构不完整：\(missing.map { "governance.\($0)" }.joined(separator: "、")) 未填写或常设执行机构无工作人员",
                    "governance incomplete: \(missing.map { "governance.\($0)" }.joined(separator: ", ")) missing, or the standing executive body has no staff"
                )
            ]
    }

    static func fundRules(_ i: Input) -> [Finding] {
        i.formation.application.governance?.fundRules == true
            ? []
            : [
                finding(
                    i,
                    .fundRules,
                    path: "governance.fundRules",
                    "未建立经费管理制度（governance.fundRules 不为 true）",
                    "no fund management rules (governance.fundRules is not true)"
                )
            ]
    }

    static func agreementClauses(_ i: Input) -> [Finding] {
        let clauses = i.formation.application.agreement?.clauses ?? []  // a dozen at most: no hashing
        let missing = ClauseID.required.filter { !clauses.contains($0) }
        let integrity = !clauses.contains(.integrity)
        guard !missing.isEmpty || integrity else { return [] }
        let all = missing + (integrity ? [.integrity] : [])
        return [
            finding(
                i,
                .agreementClauses,
                level: missing.isEmpty ? .warning : .error,
                path: "agreement.clauses",
                "组建协议缺少条款：\(all.map { "\($0.chineseName)(\($0.rawValue))" }.joined(separator: "、"))",
                "the agreement lacks clauses: \(all.map(\.rawValue).joined(separator: ", "))"
            )
        ]
    }

    static func agreementSigned(_ i: Input) -> [Finding] {
        let signatures = i.formation.application.agreement?.signatures ?? []
        return i.formation.application.members.compactMap { member in
            guard !signatures.contains(where: { $0.member == member.id && $0.legalRep && $0.seal }) else { return nil }
            return finding(
                i,
                .agreementSigned,
                subject: member.id,
                path: "agreement.signatures",
                "成员单位「\(member.name)」(\(member.id)) 未由法定代表人签署并加盖公章，组建协议不生效",
                "member \(member.name) (\(member.id)) has not signed by its legal representative with its seal; the agreement is not in effect"
            )
        }
    }

    static func applicationSealed(_ i: Input) -> [Finding] {
        i.formation.application.leadSeal == true
            ? []
            : [
                finding(
                    i,
                    .applicationSealed,
                    path: "leadSeal",
                    "申请表未加盖牵头单位法人公章（leadSeal 不为 true）",
                    "the application form lacks the lead unit's legal-person seal (leadSeal is not true)"
                )
            ]
    }

    static func chiefExpert(_ i: Input) -> [Finding] {
        guard let expert = i.formation.chiefExpert, !expert.name.isBlank else {
            return [finding(i, .chiefExpert, path: "chiefExpert", "未选聘首席专家（chiefExpert）", "no chief expert is named (chiefExpert)")]
        }
        return []
    }

    // MARK: 附件1: the form

    static func formCounts(_ i: Input) -> [Finding] {
        let app = i.formation.application
        let d = app.declared
        let m = app.members
        let actual: [(String, String, Int, Int)] = [
            ("members", "成员总数", d.members, m.count),
            ("enterprises", "企业数量", d.enterprises, countMembers(m) { type, _ in type == .enterprise }),
            ("universities", "高等学校数量", d.universities, countMembers(m) { type, _ in type == .university }),
            ("institutes", "研究机构数量", d.institutes, countMembers(m) { type, _ in type == .institute }),
            ("regionalPlatforms", "自治区级及以上平台数量", d.regionalPlatforms, app.platforms.lazy.filter { $0.level != .municipal }.count),
            ("municipalPlatforms", "市级平台数量", d.municipalPlatforms, app.platforms.lazy.filter { $0.level == .municipal }.count),
        ]
        let wrong = actual.filter { $0.2 != $0.3 }
        guard let first = wrong.first else { return [] }
        return [
            finding(
                i,
                .formCounts,
                path: "declared.\(first.0)",
                "申请表填报数与名单不符：" + wrong.map { "\($0.1)填 \($0.2)，名单为 \($0.3)" }.joined(separator: "；"),
                "declared counts differ from the lists: " + wrong.map { "declared.\($0.0) \($0.2), listed \($0.3)" }.joined(separator: "; ")
            )
        ]
    }

    static func platformNotBuilt(_ i: Input) -> [Finding] {
        let app = i.formation.application
        let late = app.platforms.enumerated().filter { !$0.element.built.isBuilt(onOrBefore: i.formation.applicationDate) }
        guard let first = late.first else { return [] }
        return [
            finding(
                i,
                .platformNotBuilt,
                path: "platforms[\(first.offset)].built",
                "创新平台须已建成并正在运行：" + late.map { "「\($0.element.name)」建设时间 \($0.element.built)" }.joined(separator: "、")
                    + " 晚于申请日期 \(i.formation.applicationDate)",
                "listed platforms must be built and running: " + late.map { "\($0.element.name) built \($0.element.built)" }.joined(separator: ", ")
                    + " is after the application date \(i.formation.applicationDate)"
            )
        ]
    }

    static func textLimits(_ i: Input) -> [Finding] {
        let app = i.formation.application
        var out: [Finding] = []
        // Characters are counted only when the UTF-8 length could exceed the limit.
        if app.goal.utf8.count > 500, app.goal.count > 500 {
            out.append(
                finding(
                    i,
                    .textLimits,
                    path: "goal",
                    "技术创新目标 \(app.goal.count) 字，超过限定的 500 字",
                    "the innovation goal has \(app.goal.count) characters, more than 500"
                )
            )
        }
        for (index, member) in app.members.enumerated() where member.role.utf8.count > 200 && member.role.count > 200 {
            out.append(
                finding(
                    i,
                    .textLimits,
                    subject: member.id,
                    path: "members[\(index)].role",
                    "成员单位「\(member.name)」的地位与分工说明 \(member.role.count) 字，超过限定的 200 字",
                    "the role of member \(member.name) has \(member.role.count) characters, more than 200"
                )
            )
        }
        return out
    }

    static func industryPriority(_ i: Input) -> [Finding] {
        let industry = i.formation.application.industry.trimmingWhitespace
        return i.applicationPolicy.priorityIndustries.contains(industry)
            ? []
            : [
                finding(
                    i,
                    .industryPriority,
                    path: "industry",
                    "产业领域「\(industry)」不在优先领域之列（\(i.applicationPolicy.priorityIndustries.joined(separator: "、"))）",
                    "industry \(industry) is not one of the priority industries"
                )
            ]
    }

    // MARK: 七(三): the dishonesty list

    static func dishonestMember(_ i: Input) -> [Finding] {
        guard i.context.hasListings else { return [] }
        return i.formation.members.compactMap { member in
            guard let listing = i.context.listing(of: member.id, on: i.day) else { return nil }
            return finding(
                i,
                .dishonestMember,
                subject: member.id,
                "成员单位「\(member.name)」(\(member.id)) 自 \(listing.from) 起列入失信名单\(listing.until.map { "（至 \($0)）" } ?? "")",
                "member \(member.name) (\(member.id)) is on the dishonesty list since \(listing.from)\(listing.until.map { " (until \($0))" } ?? "")"
            )
        }
    }
}
