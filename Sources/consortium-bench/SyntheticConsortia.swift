import ConsortiumCore
import Foundation

/// Synthetic consortia for the benchmarks: each with an application (10 members), recommendation,
/// approval, projects, changes, annual reports and sometimes an incident (about 20 documents).
enum SyntheticConsortia {
    static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    static func uscc(_ division: String, _ n: Int) -> String {
        var body = ""
        var x = n
        for _ in 0..<9 {
            body.append(charset[x % 31])
            x /= 31
        }
        let first17 = "91" + division + body
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }

    /// `count` consortia numbered from `first` (`LZ-B-first` …), about 20 documents each, arrival
    /// numbers from 1.
    static func generate(_ count: Int, first: Int = 0) -> [RecordedDocument] {
        var docs: [RecordedDocument] = []
        docs.reserveCapacity(count * 20)
        for c in first..<(first + count) { docs += consortium(c, arrivalsFrom: (c - first) * 20) }
        return docs
    }

    /// The 20 documents of consortium number `c` (arrival numbers after `arrivalsFrom`, by
    /// default 20c: as if every consortium before it had been generated first).
    static func consortium(_ c: Int) -> [RecordedDocument] { consortium(c, arrivalsFrom: c * 20) }

    static func consortium(_ c: Int, arrivalsFrom: Int) -> [RecordedDocument] {
        var docs: [RecordedDocument] = []
        docs.reserveCapacity(20)
        var arrival = arrivalsFrom
        func add(_ id: String, _ date: CivilDate, _ body: DocumentBody) {
            arrival += 1
            docs.append(
                RecordedDocument(
                    document: Document(consortium: id, date: date, body: body),
                    sha256: String(format: "%064x", arrival),
                    arrival: arrival,
                    name: "doc-\(arrival).yaml"
                )
            )
        }
        do {
            let id = "LZ-B-\(c)"
            let start = CivilDate(year: 2021 + c % 4, month: 1 + c % 12, day: 1 + c % 28)!
            var members: [Member] = []
            for m in 0..<10 {
                let local = m < 5
                members.append(
                    Member(
                        name: "单位\(c)-\(m)",
                        id: uscc(local ? "450205" : "110108", c * 16 + m),
                        type: m < 6 ? .enterprise : .university,
                        layer: m == 0 ? .lead : .core,
                        liuzhou: local,
                        role: "分工"
                    )
                )
            }
            let lead = members[0].id
            let application = Application(
                name: "联合体\(c)",
                industry: "汽车",
                contact: Contact(name: "联系人", phone: "0772-0000000"),
                members: members,
                declared: DeclaredCounts(members: 10, enterprises: 6, universities: 4, institutes: 0, regionalPlatforms: 0, municipalPlatforms: 1),
                leads: [
                    LeadQualification(
                        member: lead,
                        sector: .manufacturing,
                        rdDeduction: true,
                        revenue: 600_000_000,
                        rdStaff: 30,
                        fiscalYears: [FiscalYear(year: 2020, rdExpense: 40, sales: 1000)]
                    )
                ],
                platforms: [
                    Platform(
                        name: "中心",
                        type: .enterpriseTechCenter,
                        field: "汽车",
                        level: .municipal,
                        built: .day(CivilDate("2019-01-01")!),
                        host: lead
                    )
                ],
                goal: "目标",
                chiefExpert: ChiefExpert(name: "专家", employer: "大学", title: "教授"),
                governance: Governance(decision: "理事会", advisory: "专家委员会", executive: "秘书处", executiveStaff: 3, fundRules: true),
                agreement: Agreement(clauses: ClauseID.allCases, signatures: members.map { Signature(member: $0.id, legalRep: true, seal: true) }),
                leadSeal: true
            )
            add(id, start, .application(application))
            add(
                id,
                start.adding(days: 10),
                .recommendation(Recommendation(district: "柳北区", districtCode: "450205", recommended: true, opinion: "同意"))
            )
            add(id, start.adding(days: 30), .approval(Approval(decision: .approved, number: "柳科批\(c)号")))
            for p in 0..<3 {
                add(
                    id,
                    start.adding(days: 60 + p * 100),
                    .project(
                        Project(
                            project: "P\(c)-\(p)",
                            title: "项目",
                            level: .municipal,
                            underConsortium: true,
                            lead: lead,
                            members: Array(members.prefix(4).map(\.id)),
                            start: start.adding(days: 60 + p * 100),
                            end: start.adding(days: 800 + p * 100)
                        )
                    )
                )
            }
            for y in start.year..<2026 where c % 5 != 0 || y < 2025 {
                add(
                    id,
                    CivilDate(year: y, month: 12, day: 20)!,
                    .annualReport(
                        AnnualReport(
                            year: y,
                            sentTo: [.recommender, .bureau],
                            summary: "总结",
                            plan: "计划",
                            problems: "无",
                            coordination: "无"
                        )
                    )
                )
            }
            for k in 0..<2 {
                add(id, start.adding(days: 200 + k * 150), .change(Change(changes: [.principal("负责人\(k)")], approval: "批\(k)")))
            }
            if c % 7 == 0 {
                add(id, start.adding(days: 500), .incident(Incident(ground: .irregular, description: "不规范")))
            }
            while docs.count < 20 {
                let n = arrivalsFrom + docs.count  // the numbering of the earlier one-array generator
                add(
                    id,
                    start.adding(days: 900 + n % 50),
                    .change(Change(changes: [.chiefExpert(ChiefExpert(name: "专家\(n)", employer: "大学", title: "教授"))]))
                )
            }
        }
        return docs
    }
}
