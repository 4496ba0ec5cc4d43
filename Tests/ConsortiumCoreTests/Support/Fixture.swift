@testable import ConsortiumCore

/// A civil date from `YYYY-MM-DD` (tests only: crashes on a typo).
func d(_ text: String) -> CivilDate {
    guard let date = CivilDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// Builds compliant consortia programmatically (every formation rule passes).
enum Fixture {
    /// Division codes used by the fixtures.
    static let liubei = "450205"  // 柳北区
    static let beijing = "110000"

    /// A valid USCC: `91` + 6-digit division + 9-digit serial + check character.
    static func uscc(division: String = liubei, serial: Int, prefix: String = "91") -> MemberID {
        let digits = String(serial)
        let first17 = prefix + division + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
        precondition(first17.count == 17, "bad USCC prefix \(first17)")
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }

    /// A member unit; local units get a Liuzhou (450205) code, others a Beijing one.
    static func member(
        seed: Int,
        index: Int,
        type: MemberType,
        layer: Layer = .general,
        local: Bool,
        division: String? = nil,
        role: String = "负责关键零部件研发"
    ) -> Member {
        let id = uscc(division: division ?? (local ? liubei : beijing), serial: seed * 1000 + index)
        return Member(name: "成员单位\(seed)-\(index)", id: id, type: type, layer: layer, liuzhou: local, role: role)
    }

    /// `count` members, the first `local` registered in Liuzhou and the first `enterprises` of
    /// type enterprise; member 0 is the lead (make sure local ≥ 1 and enterprises ≥ 1 for a
    /// compliant lead). Non-enterprises cycle university, institute, service.
    static func members(seed: Int = 1, count: Int = 10, local: Int = 5, enterprises: Int = 4) -> [Member] {
        let others: [MemberType] = [.university, .institute, .service]
        return (0..<count).map { i in
            let type: MemberType = i < enterprises ? .enterprise : others[(i - enterprises) % others.count]
            let layer: Layer = i == 0 ? .lead : i < 3 ? .core : i < 6 ? .close : .general
            return member(seed: seed, index: i, type: type, layer: layer, local: i < local)
        }
    }

    /// Qualification data that meets every lead rule (manufacturing, 6亿, 25 staff, 4% R&D).
    static func qualification(
        for id: MemberID,
        sector: Sector = .manufacturing,
        revenue: Int = 600_000_000,
        rdStaff: Int = 25,
        rdDeduction: Bool = true,
        fiscalYears: [FiscalYear]? = nil
    ) -> LeadQualification {
        LeadQualification(
            member: id,
            sector: sector,
            rdDeduction: rdDeduction,
            revenue: revenue,
            rdStaff: rdStaff,
            fiscalYears: fiscalYears ?? [
                FiscalYear(year: 2023, rdExpense: 20_000_000, sales: 500_000_000),
                FiscalYear(year: 2024, rdExpense: 24_000_000, sales: 600_000_000),
                FiscalYear(year: 2025, rdExpense: 28_000_000, sales: 700_000_000),
            ]
        )
    }

    /// A municipal enterprise technology centre hosted by `host`, built long before.
    static func platform(
        host: MemberID,
        level: PlatformLevel = .municipal,
        built: PlatformBuilt = .day(d("2020-05-01")),
        name: String = "柳州市汽车零部件企业技术中心"
    ) -> Platform {
        Platform(name: name, type: .enterpriseTechCenter, field: "汽车", level: level, built: built, host: host)
    }

    /// The counts the form should declare for `members` and `platforms`.
    static func declared(_ members: [Member], _ platforms: [Platform]) -> DeclaredCounts {
        DeclaredCounts(
            members: members.count,
            enterprises: members.filter { $0.type == .enterprise }.count,
            universities: members.filter { $0.type == .university }.count,
            institutes: members.filter { $0.type == .institute }.count,
            regionalPlatforms: platforms.filter { $0.level != .municipal }.count,
            municipalPlatforms: platforms.filter { $0.level == .municipal }.count
        )
    }

    /// A compliant Application. With `members` given, leads (layer lead) get compliant
    /// qualification data and a hosted platform unless `leads`/`platforms` are given; the
    /// declared counts and signatures always follow the lists.
    static func application(
        seed: Int = 1,
        members given: [Member]? = nil,
        leads: [LeadQualification]? = nil,
        platforms: [Platform]? = nil,
        industry: String = "汽车",
        goal: String = "攻克新能源汽车电驱动系统关键核心技术"
    ) -> Application {
        let members = given ?? Self.members(seed: seed)
        let leadIDs = members.filter { $0.layer == .lead }.map(\.id)
        let leads = leads ?? leadIDs.map { qualification(for: $0) }
        let platforms = platforms ?? leadIDs.map { platform(host: $0) }
        return Application(
            name: "柳州市新能源汽车创新联合体\(seed)",
            industry: industry,
            contact: Contact(name: "张三", phone: "0772-2610702"),
            members: members,
            declared: declared(members, platforms),
            leads: leads,
            platforms: platforms,
            goal: goal,
            chiefExpert: ChiefExpert(name: "李四", employer: "成员单位\(seed)-0", title: "正高级工程师"),
            governance: Governance(decision: "理事会", advisory: "专家咨询委员会", executive: "秘书处", executiveStaff: 3, fundRules: true),
            agreement: Agreement(
                clauses: ClauseID.allCases,
                signatures: members.map { Signature(member: $0.id, legalRep: true, seal: true) }
            ),
            basis: "长期合作",
            leadSeal: true
        )
    }

    /// Recomputes the declared counts and signatures after a test edited the lists.
    static func recounted(_ app: Application) -> Application {
        var app = app
        app.declared = declared(app.members, app.platforms)
        app.agreement = Agreement(
            clauses: app.agreement?.clauses ?? ClauseID.allCases,
            signatures: app.members.map { Signature(member: $0.id, legalRep: true, seal: true) }
        )
        return app
    }

    static func completeReport(year: Int) -> AnnualReport {
        AnnualReport(
            year: year,
            sentTo: [.recommender, .bureau],
            summary: "全年完成关键技术攻关3项",
            plan: "\(year + 1)年计划",
            problems: "无",
            coordination: "无"
        )
    }
}

/// A sequence of recorded documents with increasing arrival numbers and unique hashes.
struct Scenario {
    private(set) var records: [RecordedDocument] = []
    private var counter = 0

    init() {}

    @discardableResult
    mutating func add(_ consortium: ConsortiumID?, _ date: String, _ body: DocumentBody) -> RecordedDocument {
        counter += 1
        let sha = "sha-\(counter)-" + (consortium ?? "ack")
        let record = RecordedDocument(
            document: Document(consortium: consortium, date: d(date), body: body),
            sha256: sha,
            arrival: counter,
            name: "\(counter).yaml"
        )
        records.append(record)
        return record
    }

    /// The next document as it would be recorded, without adding it (for `Intake.classify`).
    func candidate(_ consortium: ConsortiumID?, _ date: String, _ body: DocumentBody) -> RecordedDocument {
        var copy = self
        return copy.add(consortium, date, body)
    }

    @discardableResult
    mutating func apply(_ key: ConsortiumID, _ date: String, _ app: Application = Fixture.application()) -> RecordedDocument {
        add(key, date, .application(app))
    }

    @discardableResult
    mutating func recommend(
        _ key: ConsortiumID,
        _ date: String,
        district: String = "柳北区",
        code: String = "450205",
        recommended: Bool = true
    ) -> RecordedDocument {
        add(key, date, .recommendation(Recommendation(district: district, districtCode: code, recommended: recommended, opinion: "同意推荐")))
    }

    @discardableResult
    mutating func approve(
        _ key: ConsortiumID,
        _ date: String,
        number: String = "柳科批〔2026〕1号",
        validYears: Int? = nil,
        waivers: [RuleID] = []
    ) -> RecordedDocument {
        add(
            key,
            date,
            .approval(
                Approval(
                    decision: .approved,
                    number: number,
                    validYears: validYears,
                    waivers: waivers.map { Waiver(rule: $0, reason: "一事一议") }
                )
            )
        )
    }

    @discardableResult
    mutating func reject(_ key: ConsortiumID, _ date: String) -> RecordedDocument {
        add(key, date, .approval(Approval(decision: .rejected, number: nil)))
    }

    @discardableResult
    mutating func report(_ key: ConsortiumID, _ date: String, _ report: AnnualReport) -> RecordedDocument {
        add(key, date, .annualReport(report))
    }

    @discardableResult
    mutating func report(_ key: ConsortiumID, _ date: String, year: Int) -> RecordedDocument {
        add(key, date, .annualReport(Fixture.completeReport(year: year)))
    }

    @discardableResult
    mutating func change(_ key: ConsortiumID, _ date: String, _ items: [ChangeItem], approval: String? = nil) -> RecordedDocument {
        add(key, date, .change(Change(changes: items, approval: approval)))
    }

    @discardableResult
    mutating func project(_ key: ConsortiumID, _ date: String, _ project: Project) -> RecordedDocument {
        add(key, date, .project(project))
    }

    @discardableResult
    mutating func incident(
        _ key: ConsortiumID,
        _ date: String,
        ground: IncidentGround = .violation,
        member: MemberID? = nil,
        until: String? = nil
    ) -> RecordedDocument {
        add(key, date, .incident(Incident(ground: ground, member: member, description: "违规", until: until.map(d))))
    }

    @discardableResult
    mutating func dissolve(_ key: ConsortiumID, _ date: String, approval: String? = nil) -> RecordedDocument {
        add(key, date, .dissolution(Dissolution(reason: "解散", approval: approval)))
    }

    @discardableResult
    mutating func revoke(_ key: ConsortiumID, _ date: String) -> RecordedDocument {
        add(key, date, .revocation(Revocation(number: "柳科撤〔2027〕1号", grounds: [.violation], reason: "违规")))
    }

    @discardableResult
    mutating func withdraw(_ key: ConsortiumID, _ date: String, _ sha: String) -> RecordedDocument {
        add(key, date, .withdrawal(Withdrawal(document: sha, reason: "误报")))
    }

    @discardableResult
    mutating func acknowledge(_ date: String, notice: String, until: String? = nil) -> RecordedDocument {
        add(nil, date, .acknowledgement(Acknowledgement(notice: notice, by: "王五", until: until.map(d))))
    }

    func evaluate(on day: String, policies: PolicySchedule = .seed) -> Evaluation {
        Evaluator.evaluate(records, on: d(day), policies: policies)
    }

    /// The current status of `key` on `day`.
    func status(_ key: ConsortiumID, on day: String) -> ConsortiumStatus? {
        evaluate(on: day).states[key]?.status
    }

    /// Findings of `key` on `day`.
    func findings(_ key: ConsortiumID, on day: String, policies: PolicySchedule = .seed) -> [Finding] {
        evaluate(on: day, policies: policies).findings(of: key)
    }

    func classify(_ candidate: RecordedDocument, today: String? = nil) -> Intake.Outcome {
        Intake.classify(candidate, accepted: records, today: today.map(d))
    }
}

/// A project under the consortium's name.
func makeProject(
    _ id: String = "P-1",
    lead: MemberID,
    members: [MemberID],
    start: String = "2026-07-01",
    end: String = "2028-06-30",
    closed: String? = nil,
    approval: String? = nil,
    underConsortium: Bool = true
) -> Project {
    Project(
        project: id,
        title: "电驱动系统攻关",
        level: .municipal,
        underConsortium: underConsortium,
        lead: lead,
        members: members,
        start: d(start),
        end: d(end),
        closed: closed.map(d),
        approval: approval
    )
}

extension Array where Element == Finding {
    var rules: Set<RuleID> { Set(map(\.rule)) }
    func of(_ rule: RuleID) -> [Finding] { filter { $0.rule == rule } }
}

extension Array where Element == Notice {
    func of(_ rule: RuleID) -> [Notice] { filter { $0.rule == rule.rawValue } }
}

/// Findings of a single Application (key `LZ-T`) evaluated on its own date.
func applicationFindings(_ app: Application, date: String = "2026-03-01") -> [Finding] {
    var s = Scenario()
    s.apply("LZ-T", date, app)
    return s.findings("LZ-T", on: date)
}
