import Foundation

@testable import ConsortiumCore

/// Valid documents of each kind, and helpers shared by the decoder tests.
enum DecoderFixtures {
    static let lead = "91450200198229141F"
    static let other = "91450202MA5KWH2N4F"  // a valid Liuzhou code (城中区)
    static let wrongCheck = "91110000600037341N"

    static let application = """
        version: 1
        kind: Application
        consortium: LZ-2026-003
        date: 2026-03-15
        name: 柳州新能源汽车创新联合体
        industry: 新能源汽车
        agreementEffective: 2026-03-01
        contact:
          name: 张三
          phone: 0772-2610702
        members:
          - name: 柳州某汽车有限公司
            uscc: \(lead)
            type: enterprise
            layer: lead
            liuzhou: true
            role: 整车集成
          - name: Fraunhofer IWU
            country: DE
            foreignId: "DE:VR 1234"
            type: institute
            layer: core
            liuzhou: false
            role: 工艺研究
        declared: {members: 2, enterprises: 1, universities: 0, institutes: 1, regionalPlatforms: 0, municipalPlatforms: 1}
        leads:
          - uscc: \(lead)
            sector: manufacturing
            rdDeduction: true
            revenue: 500000000
            rdStaff: 120
            fiscalYears:
              - {year: 2025, rdExpense: 30000000, sales: 500000000}
              - {year: 2024, rdExpense: 28000000, sales: 480000000}
        platforms:
          - name: 柳州市汽车轻量化工程技术研究中心
            type: engineeringCenter
            field: 轻量化
            level: municipal
            built: 2021-06
            host: \(lead)
        goal: 突破轻量化关键技术
        team:
          - {name: 李四, age: 45, title: 高级工程师, specialty: 材料, employer: 柳州某汽车有限公司}
        chiefExpert: {name: 王五, employer: 广西大学, title: 教授}
        governance: {decision: 理事会, advisory: 专家委员会, executive: 秘书处, executiveStaff: 5, fundRules: true}
        agreement:
          clauses: [goals, tasks, rights, dissolution, ip, costs, revenue, integrity, liability, disputes]
          signatures:
            - {uscc: \(lead), legalRep: true, seal: true}
            - {foreignId: "DE:VR 1234", legalRep: true, seal: false}
        basis: 8:30
        leadSeal: true
        """

    static let recommendation = """
        version: 1
        kind: Recommendation
        consortium: LZ-2026-003
        date: 2026-04-01
        district: 城中区
        recommended: true
        opinion: 同意推荐
        """

    static let approval = """
        version: 1
        kind: Approval
        consortium: LZ-2026-003
        date: 2026-05-01
        decision: approved
        number: 柳科批〔2026〕12号
        validYears: 5
        waivers:
          - {rule: LEAD_REVENUE, reason: 一事一议}
        """

    static let project = """
        version: 1
        kind: Project
        consortium: LZ-2026-003
        date: 2026-06-01
        project: P-2026-01
        title: 轻量化车身
        level: regional
        underConsortium: true
        lead: \(lead)
        members: [\(lead), "DE:VR 1234"]
        start: 2026-06-01
        end: 2028-05-31
        closed: ~
        approval: ""
        """

    static let change = """
        version: 1
        kind: Change
        consortium: LZ-2026-003
        date: 2026-07-01
        changes:
          - join:
              name: 广西科技大学
              uscc: \(other)
              type: university
              layer: close
              liuzhou: true
              role: 人才培养
              signature: {legalRep: true, seal: true}
          - leave: "DE:VR 1234"
          - lead:
              from: \(lead)
              to: \(other)
              qualification:
                uscc: \(other)
                sector: services
                rdDeduction: false
                revenue: 1000
                rdStaff: 3
                fiscalYears: [{year: 2025, rdExpense: 10, sales: 100}]
              platforms: []
          - executive: 秘书处
          - principal: 赵六
          - chiefExpert: {name: 钱七, employer: 广西大学, title: 教授}
        approval: 柳科函〔2026〕3号
        """

    static let annualReport = """
        version: 1
        kind: AnnualReport
        consortium: LZ-2026-003
        date: 2026-12-18
        year: 2026
        sentTo: [recommender, bureau]
        summary: 全年完成关键技术攻关3项……
        plan: 2027年计划……
        problems: 中试基地用地尚未落实
        coordination: 无
        """

    static let incident = """
        version: 1
        kind: Incident
        consortium: LZ-2026-003
        date: 2026-08-01
        ground: violation
        member: \(lead)
        description: 违规
        until: 2027-08-01
        """

    static let dissolution = """
        version: 1
        kind: Dissolution
        consortium: LZ-2026-003
        date: 2026-09-01
        reason: 任务完成
        """

    static let revocation = """
        version: 1
        kind: Revocation
        consortium: LZ-2026-003
        date: 2026-10-01
        number: 柳科决〔2026〕1号
        grounds: [violation, refused-info]
        reason: 严重违规
        """

    static let withdrawal = """
        version: 1
        kind: Withdrawal
        consortium: LZ-2026-003
        date: 2026-10-02
        document: \(String(repeating: "AB", count: 32))
        reason: 误投
        """

    /// An 附件2 filed on its own (docs/word-forms.md).
    static let agreement = """
        version: 1
        kind: Agreement
        consortium: LZ-2026-003
        date: 2026-03-02
        clauses: [goals, tasks, rights, dissolution, ip, costs, revenue, integrity, liability, disputes]
        signatures:
          - {uscc: 91450205718263408H, legalRep: true, seal: true}
        """

    static let acknowledgement = """
        version: 1
        kind: Acknowledgement
        date: 2026-10-03
        notice: \(String(repeating: "0F", count: 16))
        by: operator
        until: 2026-11-01
        """

    static let all: [(DocumentKind, String)] = [
        (.application, application), (.agreement, agreement), (.recommendation, recommendation), (.approval, approval),
        (.project, project), (.change, change), (.annualReport, annualReport), (.incident, incident),
        (.dissolution, dissolution), (.revocation, revocation), (.withdrawal, withdrawal),
        (.acknowledgement, acknowledgement),
    ]

    static func yaml(_ kind: DocumentKind) -> String { all.first { $0.0 == kind }!.1 }

    static func decode(_ text: String, limits: DecodingLimits = .default) -> Result<DecodedDocument, DocumentRejection> {
        DocumentDecoder.decode(Data(text.utf8), limits: limits)
    }

    static func document(_ text: String) -> Document? {
        if case .success(let decoded) = decode(text) { return decoded.document }
        return nil
    }

    static func errors(_ text: String) -> [DocumentError] {
        if case .failure(let rejection) = decode(text) { return rejection.errors }
        return []
    }

    /// Replaces the line starting with `prefix` (after indentation) by `replacement`, or removes it.
    static func edit(_ text: String, _ prefix: String, _ replacement: String?) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }!
        if let replacement {
            let indent = lines[index].prefix { $0 == " " }
            lines[index] = indent + replacement
        } else {
            lines.remove(at: index)
        }
        return lines.joined(separator: "\n")
    }

    /// The same document as pretty-printed JSON indented with tabs.
    static func json(_ yaml: String) -> String {
        guard case .success(let root) = NodeComposer.compose(yaml, maxNodes: 100_000) else { fatalError("bad fixture") }
        return json(root, indent: 0)
    }

    private static func json(_ node: DocumentNode, indent: Int) -> String {
        let pad = String(repeating: "\t", count: indent + 1)
        let end = String(repeating: "\t", count: indent)
        switch node.content {
        case .scalar(let text, let plain):
            if plain, node.isNull { return "null" }
            if plain, text == "true" || text == "false" || (!text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)) {
                return text
            }
            return quote(text)
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + json($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case .mapping(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n"
                + pairs.map { pad + quote($0.key) + ": " + json($0.value, indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + end + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
