import Foundation
import Testing

@testable import ConsortiumCore

private typealias F = DecoderFixtures

/// 1-based line of the first line containing `needle`.
private func line(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }! + 1
}

/// Asserts the text is rejected with an error at `path` (and `line` when given).
private func expectRejected(
    _ text: String,
    path: String,
    line: Int? = nil,
    contains: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let errors = F.errors(text)
    let hit = errors.first { $0.path == path }
    #expect(hit != nil, "no error at \(path); errors: \(errors)", sourceLocation: sourceLocation)
    if let line { #expect(hit?.line == line, "line of \(path): \(String(describing: hit))", sourceLocation: sourceLocation) }
    if let contains {
        #expect(
            hit.map { $0.message.contains(contains) || $0.messageEn.contains(contains) } == true,
            "\(String(describing: hit)) lacks \(contains)",
            sourceLocation: sourceLocation
        )
    }
    if let hit { #expect(!hit.message.isEmpty && !hit.messageEn.isEmpty, sourceLocation: sourceLocation) }
}

/// `(prefix of the line to replace, replacement, expected path, text the message contains)`.
private struct Case: CustomTestStringConvertible, Sendable {
    var kind: DocumentKind, prefix: String, replacement: String?, path: String, contains: String?
    var testDescription: String { "\(kind.rawValue) \(path) ← \(replacement ?? "(removed)")" }
    init(_ kind: DocumentKind, _ prefix: String, _ replacement: String?, _ path: String, _ contains: String? = nil) {
        self.kind = kind
        self.prefix = prefix
        self.replacement = replacement
        self.path = path
        self.contains = contains
    }
}

private let fieldCases: [Case] = [
    // Envelope.
    Case(.recommendation, "version:", "version: 2", "version", "expected 1"),
    Case(.recommendation, "version:", "version: \"1\"", "version", "quoted"),
    Case(.recommendation, "version:", nil, "version", "missing"),
    Case(.recommendation, "kind:", "kind: Recommandation", "kind", "`Recommendation`"),
    Case(.recommendation, "kind:", nil, "kind", "missing"),
    Case(.recommendation, "consortium:", "consortium: LZ 2026", "consortium", "consortium key"),
    Case(.recommendation, "consortium:", "consortium: .LZ", "consortium", nil),
    Case(.recommendation, "consortium:", nil, "consortium", "missing"),
    Case(.recommendation, "date:", "date: 2026-4-01", "date", "YYYY-MM-DD"),
    Case(.recommendation, "date:", "date: 2026-02-30", "date", "YYYY-MM-DD"),
    Case(.recommendation, "date:", nil, "date", "missing"),
    // Scalars.
    Case(.application, "rdStaff:", "rdStaff: \"120\"", "leads[0].rdStaff", "quoted"),
    Case(.application, "rdStaff:", "rdStaff: -1", "leads[0].rdStaff", "non-negative"),
    Case(.application, "rdStaff:", "rdStaff: 1.5", "leads[0].rdStaff", "non-negative"),
    Case(.application, "rdStaff:", "rdStaff: 99999999999999999999", "leads[0].rdStaff", "too large"),
    Case(.application, "rdStaff:", "rdStaff: [1]", "leads[0].rdStaff", "integer"),
    Case(.application, "liuzhou: true", "liuzhou: True", "members[0].liuzhou", "true or false"),
    Case(.application, "liuzhou: true", "liuzhou: yes", "members[0].liuzhou", "true or false"),
    Case(.application, "liuzhou: true", "liuzhou: \"true\"", "members[0].liuzhou", "true or false"),
    Case(.application, "name: 柳州新能源", "name: {a: 1}", "name", "expected text"),
    Case(.application, "goal:", nil, "goal", "missing"),
    Case(.application, "goal:", "goal:", "goal", "missing"),
    Case(.application, "agreementEffective:", "agreementEffective: 2026/03/01", "agreementEffective", "YYYY-MM-DD"),
    // Members.
    Case(.application, "type: enterprise", "type: company", "members[0].type", "`enterprise`"),
    Case(.application, "layer: core", "layer: member", "members[1].layer", "`general`"),
    Case(.application, "uscc: 91450200198229141F", "uscc: 9145020019822914", "members[0].uscc", "18"),
    Case(.application, "country: DE", "country: CN", "members[1].country", "uscc"),
    Case(.application, "country: DE", "country: XX", "members[1].country", "ISO 3166"),
    Case(.application, "foreignId:", "foreignId: \"US:VR 1234\"", "members[1].foreignId", "DE:"),
    Case(.application, "foreignId:", "foreignId: \"DE:\"", "members[1].foreignId", nil),
    Case(.application, "foreignId:", nil, "members[1].foreignId", "missing"),
    Case(.application, "country: DE", "uscc: 91450200198229141F", "members[1].foreignId", "not both"),
    // Leads and platforms.
    Case(.application, "- {year: 2024", "- {year: 2024, rdExpense: 28000000, sales: -5}", "leads[0].fiscalYears[1].sales", nil),
    Case(.application, "- {year: 2024", "- {year: 2024, rdExpense: 28000000}", "leads[0].fiscalYears[1].sales", "missing"),
    Case(.application, "sector:", "sector: industry", "leads[0].sector", "`manufacturing`"),
    Case(
        .application,
        "declared:",
        "declared: {members: 2, enterprises: 1, universities: 0, institutes: 1, regionalPlatforms: 0}",
        "declared.municipalPlatforms",
        "missing"
    ),
    Case(.application, "built:", "built: 2021", "platforms[0].built", "YYYY-MM"),
    Case(.application, "built:", "built: 2021-13", "platforms[0].built", "YYYY-MM"),
    Case(.application, "host:", "host: 123", "platforms[0].host", "18"),
    Case(.application, "host:", "host: \"XX:123\"", "platforms[0].host", "ISO 3166"),
    Case(.application, "- {foreignId:", "- {foreignId: \"XX:1\", legalRep: true, seal: false}", "agreement.signatures[1].foreignId", nil),
    Case(.application, "- {uscc: 914", "- {uscc: 1, legalRep: true, seal: true}", "agreement.signatures[0].uscc", nil),
    Case(.application, "clauses:", "clauses: [goals, secrecy]", "agreement.clauses[1]", "`disputes`"),
    Case(
        .application,
        "governance:",
        "governance: {decision: a, advisory: b, executive: c, fundRules: true}",
        "governance.executiveStaff",
        "missing"
    ),
    // Recommendation (decisions 7).
    Case(.recommendation, "district:", "district: 柳东新区", "district", "鱼峰区"),
    Case(.recommendation, "recommended:", nil, "recommended", "missing"),
    // Approval.
    Case(.approval, "number:", nil, "number", "missing"),
    Case(.approval, "number:", "number: \"  \"", "number", "blank"),
    Case(.approval, "validYears:", "validYears: 0", "validYears", "at least 1"),
    Case(.approval, "decision:", "decision: ok", "decision", "`approved`"),
    Case(.approval, "- {rule:", "- {rule: ANNUAL_REPORT, reason: x}", "waivers[0].rule", "formation"),
    Case(.approval, "- {rule:", "- {rule: LEAD_REVENEU, reason: x}", "waivers[0].rule", "unknown rule"),
    // Change.
    Case(.change, "- leave:", "- leave: 123", "changes[1].leave", "18"),
    Case(.change, "- executive:", "- {executive: a, principal: b}", "changes[3]", "exactly one key"),
    Case(.change, "- executive:", "- {}", "changes[3]", "exactly one key"),
    Case(.change, "- executive:", "- {executiv: a}", "changes[3].executiv", "`executive`"),
    Case(.change, "to: 91450202MA5KWH2N4F", "to: 1234", "changes[2].lead.to", "18"),
    Case(.change, "uscc: 91450202MA5KWH2N4F", "uscc: 12", "changes[0].join.uscc", "18"),
    Case(.change, "uscc: 91450202MA5KWH2N4F", "usc: 12", "changes[0].join.usc", "`uscc`"),
    Case(.change, "platforms: []", "platforms: [{name: x}]", "changes[2].lead.platforms[0].type", "missing"),
    // A lead change must list the new lead's platforms (`[]` when none; documents.md Change).
    Case(.change, "platforms: []", nil, "changes[2].lead.platforms", "missing"),
    Case(.change, "signature:", "signature: {legalRep: true}", "changes[0].join.signature.seal", "missing"),
    Case(.change, "changes:", "changes: []\nx:", "changes", "at least 1"),
    // Project (decisions 10).
    Case(.project, "project:", "project: \" \"", "project", "blank"),
    Case(.project, "level:", "level: county", "level", "`municipal`"),
    Case(.project, "closed:", "closed: 2026-05-31", "closed", "before start"),
    Case(.project, "end:", "end: 2026-05-31", "end", "before start"),
    Case(.project, "members:", "members: [\(F.lead), \"XX:1\"]", "members[1]", "ISO 3166"),
    Case(.project, "lead:", nil, "lead", "missing"),
    // Incident, Revocation, Withdrawal, Acknowledgement.
    Case(.incident, "until:", "until: 2026-07-31", "until", "before"),
    Case(.incident, "ground:", "ground: fraud", "ground", "`refused-info`"),
    Case(.incident, "description:", nil, "description", "missing"),
    Case(.incident, "member:", "member: \"ZZ:1\"", "member", "ISO 3166"),
    Case(.revocation, "grounds:", "grounds: []", "grounds", "at least 1"),
    Case(.revocation, "grounds:", "grounds: [violation, bad]", "grounds[1]", "`dispute`"),
    Case(.revocation, "number:", "number: \"\"", "number", "blank"),
    Case(.withdrawal, "document:", "document: abc", "document", "64"),
    Case(.acknowledgement, "notice:", "notice: \(String(repeating: "g", count: 32))", "notice", "32"),
    Case(.acknowledgement, "by:", "by: \"\"", "by", "blank"),
    Case(.acknowledgement, "until:", "until: tomorrow", "until", "YYYY-MM-DD"),
]

@Suite struct DecoderFieldRejectionTests {
    @Test(arguments: fieldCases)
    fileprivate func fieldIsRejected(_ c: Case) {
        let text = F.edit(F.yaml(c.kind), c.prefix, c.replacement)
        let expectedLine: Int? = c.replacement.flatMap { r in
            // The error's line is the edited line when the value sits on it.
            c.contains == "missing" || r.hasPrefix("- {") || r.contains("[") || r.contains("\n")
                || text.components(separatedBy: r).count != 2 ? nil : line(r, in: text)
        }
        expectRejected(text, path: c.path, line: expectedLine, contains: c.contains)
    }

    @Test func unknownFieldNamesTheClosestKnownOne() {
        let text = F.edit(F.application, "members:", "membr:")
        let errors = F.errors(text)
        let unknown = errors.first { $0.path == "membr" }
        #expect(unknown?.message == "未知字段 `membr`（是否想写 `members`？）")
        #expect(unknown?.messageEn == "unknown field `membr` (did you mean `members`?)")
        #expect(unknown?.line == line("membr:", in: text))
        #expect(errors.contains { $0.path == "members" })
    }

    @Test func unknownNestedField() {
        let text = F.edit(F.application, "rdStaff:", "rdStaf: 120")
        expectRejected(text, path: "leads[0].rdStaf", line: line("rdStaf:", in: text), contains: "`rdStaff`")
        expectRejected(text, path: "leads[0].rdStaff", contains: "missing")
    }

    @Test func unknownFieldOfOtherKindIsRejected() {
        let text = F.recommendation + "\nreason: x"
        expectRejected(text, path: "reason", line: 8, contains: "unknown field")
    }

    @Test func duplicateKeyNamesKeyAndLine() {
        let text = F.recommendation + "\nopinion: 再次"
        let errors = F.errors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.path == "opinion")
        #expect(errors.first?.line == 8)
        #expect(errors.first?.message.contains("第7行") == true)
    }

    @Test func duplicateLeadEntries() {
        let text = F.application.replacingOccurrences(
            of: "platforms:\n",
            with: """
                  - uscc: \(F.lead)
                    sector: manufacturing
                    rdDeduction: true
                    revenue: 1
                    rdStaff: 1
                    fiscalYears: [{year: 2025, rdExpense: 1, sales: 1}]
                platforms:

                """
        )
        expectRejected(text, path: "leads[1].uscc", contains: "leads[0]")
    }

    @Test func emptyListsAreRejected() {
        let start = F.application.range(of: "members:\n")!.lowerBound
        let end = F.application.range(of: "declared:")!.lowerBound
        var text = F.application.replacingCharacters(in: start..<end, with: "members: []\n")
        expectRejected(text, path: "members", line: line("members: []", in: text), contains: "at least 1")
        text = F.application.replacingOccurrences(
            of:
                "  fiscalYears:\n      - {year: 2025, rdExpense: 30000000, sales: 500000000}\n      - {year: 2024, rdExpense: 28000000, sales: 480000000}",
            with: "  fiscalYears: []"
        )
        expectRejected(text, path: "leads[0].fiscalYears", line: line("fiscalYears: []", in: text), contains: "at least 1")
    }

    @Test func tooManyFiscalYears() {
        let text = F.application.replacingOccurrences(
            of: "      - {year: 2024, rdExpense: 28000000, sales: 480000000}",
            with: String(repeating: "      - {year: 2024, rdExpense: 28000000, sales: 480000000}\n", count: 3)
                .trimmingCharacters(in: .newlines)
        )
        expectRejected(text, path: "leads[0].fiscalYears", contains: "at most 3")
    }

    @Test func leadChangeQualificationMustBeTheNewLead() {
        let text = F.change.replacingOccurrences(of: "    uscc: \(F.other)\n        sector", with: "    uscc: \(F.lead)\n        sector")
        expectRejected(text, path: "changes[2].lead.qualification.uscc", contains: "`to`")
    }

    @Test func collectsManyErrors() {
        var text = F.edit(F.application, "rdStaff:", "rdStaff: \"120\"")
        text = F.edit(text, "type: enterprise", "type: company")
        text = F.edit(text, "goal:", nil)
        let paths = Set(F.errors(text).map(\.path))
        #expect(paths.isSuperset(of: ["leads[0].rdStaff", "members[0].type", "goal"]))
    }

    @Test()
    func memberWithWrongCheckCharacterIsRejected() {
        let text = F.edit(F.application, "uscc: 91450200198229141F", "uscc: \(F.wrongCheck)")
        expectRejected(text, path: "members[0].uscc", line: line(F.wrongCheck, in: text), contains: "check character")
    }

    @Test()
    func projectLeadWithWrongCheckCharacterIsRejected() {
        let text = F.edit(F.project, "lead:", "lead: \(F.wrongCheck)")
        expectRejected(text, path: "lead", contains: "check character")
    }
}

@Suite struct DecoderStructureRejectionTests {
    @Test(arguments: [
        ("- a\n- b", "top level"),
        ("just text", "top level"),
        ("", "empty"),
        ("version: 1\n---\nversion: 1", "more than one"),
        ("version: !!str 1\nkind: Dissolution", "tag"),
        ("? [a]\n: b\nversion: 1", "plain text"),
        ("a: *nothing", "alias"),
        ("a: [1, 2\nb: c", "syntax"),
    ])
    func structureIsRejected(text: String, contains: String) {
        let errors = F.errors(text)
        #expect(errors.contains { $0.messageEn.contains(contains) }, "\(errors)")
    }

    @Test func tagIsRejectedWithLine() {
        let text = F.edit(F.dissolution, "reason:", "reason: !!str 任务完成")
        let errors = F.errors(text)
        #expect(errors.first?.line == 5)
    }

    @Test func billionLaughsIsRejectedForNodes() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let errors = F.errors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.messageEn.contains("too many nodes") == true)
    }

    @Test func aliasesWithinTheLimitAreFine() throws {
        let text = F.edit(F.project, "members:", "members: [&l \(F.lead), *l]")
        guard case .project(let p) = try F.decode(text).get().document.body else {
            Issue.record()
            return
        }
        #expect(p.members == [F.lead, F.lead])
    }

    @Test func nodeLimitApplies() {
        let result = F.decode(F.application, limits: DecodingLimits(maxDocumentNodes: 20))
        guard case .failure(let rejection) = result else {
            Issue.record()
            return
        }
        #expect(rejection.errors.first?.messageEn.contains("too many nodes") == true)
        #expect(rejection.encoding == .utf8)
    }

    @Test func deepNestingIsRejected() {
        let text = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let errors = F.errors(text)
        #expect(errors.first?.messageEn.contains("nesting") == true)
    }

    @Test func mergeKeyIsAnUnknownField() {
        let text = F.dissolution + "\n<<: {reason: x}"
        expectRejected(text, path: "<<", contains: "unknown field")
    }
}
