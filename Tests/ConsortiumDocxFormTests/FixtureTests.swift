import ConsortiumCore
import ConsortiumDocx
import Foundation
import Testing

/// The generated Word fixtures (scripts/make-docx-forms.py) against their YAML equivalents,
/// through the same decode → Intake path `consortiumctl check` uses.
struct FixtureTests {
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/Fixtures/docx")
    }()

    static func decode(_ name: String) throws -> Result<DecodedDocument, DocumentRejection> {
        let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        return InboxDecoder.decode(bytes, name: name, limits: .default)
    }

    static func record(_ name: String, arrival: Int) throws -> RecordedDocument {
        let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        let document = try InboxDecoder.decode(bytes, name: name, limits: .default).get().document
        return RecordedDocument(document: document, sha256: SHA256.hex(bytes), arrival: arrival, name: name)
    }

    /// Accepts the files in order as `check` does and returns the last one's findings (decisions 40).
    static func findings(_ names: [String]) throws -> [Finding] {
        var accepted: [RecordedDocument] = []
        var last: RecordedDocument?
        for (i, name) in names.enumerated() {
            let record = try record(name, arrival: i + 1)
            let outcome = Intake.classify(record, accepted: accepted, today: nil)
            if outcome == .accepted || { if case .pending = outcome { true } else { false } }() { accepted.append(record) }
            last = record
        }
        return Intake.findings(causedBy: last!, documents: accepted)
    }

    static func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule.rawValue) \($0.subject) \($0.detail)" }.sorted()
    }

    @Test func theCombinedFormIsTheYAMLApplication() throws {
        let docx = try Self.decode("01-combined.docx").get()
        let yaml = try Self.decode("01-combined.yaml").get()
        #expect(docx.encoding == .wordForm)
        #expect(docx.document == yaml.document)
        // …and examples/01 itself.
        let example = Self.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/01-LZ-2024-001-application.yaml")
        let original = try DocumentDecoder.decode(try Data(contentsOf: example)).get()
        #expect(docx.document == original.document)
    }

    @Test func compliantFindingsEqualTheYAML() throws {
        #expect(Self.summary(try Self.findings(["01-combined.docx"])) == Self.summary(try Self.findings(["01-combined.yaml"])))
    }

    @Test func thePairCombinesInEitherOrder() throws {
        let yaml = Self.summary(try Self.findings(["02-pair.yaml"]))
        #expect(Self.summary(try Self.findings(["02-form.docx", "02-agreement.docx"])) == yaml)
        #expect(Self.summary(try Self.findings(["02-agreement.docx", "02-form.docx"])) == yaml)
        let agreement = try Self.decode("02-agreement.docx").get().document
        #expect(agreement.kind == .agreement)
        // 附件2 on its own is the Agreement of its YAML equivalent (which the JSON Schema checks).
        #expect(agreement == (try Self.decode("02-agreement.yaml").get().document))
        // The YAML pair (Application without agreement + Agreement) gives the same findings too.
        #expect(Self.summary(try Self.findings(["02-agreement.yaml", "02-form.docx"])) == yaml)
        // The form alone: the agreement is not provided, never assumed.
        #expect(try Self.findings(["02-form.docx"]).map(\.rule) == [.notProvided])
        // The combined state equals the YAML's.
        let docs = [try Self.record("02-agreement.docx", arrival: 1), try Self.record("02-form.docx", arrival: 2)]
        let day = CivilDate(year: 2024, month: 3, day: 1)!
        let combined = Evaluator.evaluate(docs, on: day).states["LZ-2024-001"]?.round.formation.application
        let yamlApp = Evaluator.evaluate([try Self.record("02-pair.yaml", arrival: 1)], on: day).states["LZ-2024-001"]?.round.formation.application
        #expect(combined != nil && combined == yamlApp)
    }

    @Test func anUnreadableCountNamesTableAndRow() throws {
        guard case .failure(let rejection) = try Self.decode("03-unreadable-count.docx") else {
            Issue.record("03 must be rejected")
            return
        }
        #expect(rejection.errors.count == 1)
        #expect(rejection.errors[0].path == "declared.members")
        #expect(rejection.errors[0].message.hasPrefix("附件1 申请表「成员总数（个）」（第6行）：无法识别的数量 `约十个`"))
    }

    @Test func emptyExtraValuesAreNotProvidedFindings() throws {
        let docx = try Self.findings(["04-not-provided.docx"])
        let missing = ["agreement", "governance.fundRules", "members[4].type"]
        #expect(docx.filter { $0.rule == .notProvided }.map(\.subject).sorted() == missing)
        // Everything else is judged exactly as on the complete YAML; the rules needing a missing value are not judged.
        let unjudged = NotProvided.rulesNeeding(missing)
        let yaml = try Self.findings(["04-not-provided.yaml"]).filter { !unjudged.contains($0.rule) }
        #expect(Self.summary(docx.filter { $0.rule != .notProvided }) == Self.summary(yaml))
        #expect(unjudged.isSuperset(of: [.fundRules, .enterpriseShare, .formCounts, .agreementSigned, .agreementClauses]))
    }

    @Test(arguments: ["05-too-few-members", "06-unsigned"])
    func ruleFindingsEqualTheYAML(_ name: String) throws {
        let docx = Self.summary(try Self.findings([name + ".docx"]))
        #expect(!docx.isEmpty)
        #expect(docx == Self.summary(try Self.findings([name + ".yaml"])))
    }

    @Test func theTemplatesAreEmptyForms() throws {
        let root = Self.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["application-form.docx", "agreement-form.docx"] {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent("templates/" + name)))
            guard case .failure(let rejection) = InboxDecoder.decode(bytes, name: name, limits: .default) else {
                Issue.record("an empty template is not a document")
                continue
            }
            #expect(rejection.errors.contains { $0.path == "consortium" && $0.message.contains("未填写联合体编号") })
        }
    }

    /// An old Word 97-2003 file (OLE compound file), whatever its name, is answered by the Word
    /// reader ("save as .docx"), not by the YAML decoder's complaint about NUL bytes.
    @Test(arguments: ["申请表.doc", "form.yaml"])
    func anOldDocFileIsToldToBeSavedAsDocx(_ name: String) throws {
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        bytes += [UInt8](repeating: 0, count: 1024)
        guard case .failure(let rejection) = InboxDecoder.decode(bytes, name: name, limits: DecodingLimits()) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.errors.count == 1)
        #expect(rejection.errors[0].message.contains(".doc"))
        #expect(rejection.errors[0].message.contains("另存为"))
    }
}
