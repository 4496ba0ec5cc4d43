import ConsortiumCore
import ConsortiumDocx
import Foundation
import Testing

/// Word forms as clerks and office suites make them (scripts/make-clerk-fixtures.py: saved by
/// LibreOffice), and files that are not Word forms, each against its expectation in
/// `Tests/Fixtures/docx/clerk/expected.json`: the document it decodes to, or what its rejection says.
struct ClerkFixtureTests {
    struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var document: String?
        var rejected: [String]?
        var count: Int?
        var testDescription: String { file }
    }

    static let directory = FixtureTests.directory.appendingPathComponent("clerk")

    static let expectations: [Expectation] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("expected.json")) else { return [] }
        return (try? JSONDecoder().decode([Expectation].self, from: data)) ?? []
    }()

    static func decode(_ url: URL) throws -> Result<DecodedDocument, DocumentRejection> {
        InboxDecoder.decode(Array(try Data(contentsOf: url)), name: url.lastPathComponent, limits: .default)
    }

    @Test func everyFixtureHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 23)
        #expect(files == Self.expectations.map(\.file).sorted())
    }

    @Test(arguments: expectations)
    func decodesAsExpected(_ expected: Expectation) throws {
        let result = try Self.decode(Self.directory.appendingPathComponent(expected.file))
        if let document = expected.document {
            let wanted = try Self.decode(Self.directory.appendingPathComponent(document)).get().document
            switch result {
            case .success(let decoded):
                #expect(decoded.encoding == .wordForm)
                #expect(decoded.document == wanted)
            case .failure(let rejection):
                Issue.record("\(expected.file) rejected: \(rejection.errors.map(\.message))")
            }
        } else {
            guard case .failure(let rejection) = result else {
                Issue.record("\(expected.file) accepted")
                return
            }
            let messages = rejection.errors.map(\.message).joined(separator: "\n")
            for text in expected.rejected ?? [] { #expect(messages.contains(text), "\(expected.file): \(messages)") }
            if let count = expected.count { #expect(rejection.errors.count == count, "\(expected.file): \(messages)") }
        }
    }

    /// The rejection of a 填报日期 that is a date field names the cell and the field path.
    @Test func aDateFieldNamesTheCell() throws {
        guard case .failure(let rejection) = try Self.decode(Self.directory.appendingPathComponent("33-date-field.docx")) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.errors.map(\.path) == ["date"])
        #expect(rejection.errors[0].message.hasPrefix("附表 规则核查补充信息「填报日期」（第2行）：是自动更新的日期域"))
    }

    /// A future 填报日期 on a Word form is named as the clerk sees it; a YAML document's as its field.
    @Test func aFutureDateNamesTheCell() throws {
        let day = CivilDate(year: 2024, month: 1, day: 1)!
        for (name, wanted) in [("01-combined.docx", "请核对附表「填报日期」一栏（date）"), ("01-combined.yaml", "请核对 date 字段")] {
            let record = try FixtureTests.record(name, arrival: 1)
            guard case .rejected(let errors) = Intake.classify(record, accepted: [], today: day) else {
                Issue.record("\(name) not rejected")
                continue
            }
            #expect(errors.map(\.path) == ["date"])
            #expect(errors[0].message.hasSuffix(wanted), "\(errors[0].message)")
        }
    }

    /// A .doc larger than any size limit (a scanned seal in it) is still told to be saved as .docx,
    /// and the daemon and consortiumctl read a .doc name up to `maxDocxBytes`, not `maxDocumentBytes`.
    @Test func aLargeDocIsToldToBeSavedAsDocx() throws {
        var bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent("44-form.doc")))
        bytes += [UInt8](repeating: 0, count: 21 << 20)
        guard case .failure(let rejection) = InboxDecoder.decode(bytes, name: "申请表.doc", limits: .default) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.errors.count == 1)
        #expect(rejection.errors[0].message.contains("旧版 Word 97-2003 .doc") && !rejection.errors[0].message.contains("超过"))
        let config = ConsortiumConfig()
        for name in ["申请表.doc", "申请表.DOCX", "扫描.jpg", "form.pdf", "协议.odt", "协议.rtf"] {
            #expect(config.sizeLimit(forName: name) == (config.maxDocxBytes, "maxDocxBytes"))
        }
        #expect(config.sizeLimit(forName: "a.yaml") == (config.maxDocumentBytes, "maxDocumentBytes"))
    }

    /// Files that are not Word forms are told what they are whatever their name (here a .yaml one):
    /// by their first bytes.
    @Test(arguments: ["40-form.pdf", "41-form.rtf", "42-scan.jpg", "43-form.odt", "44-form.doc"])
    func foreignFilesAreKnownByTheirFirstBytes(_ file: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(file)))
        let asNamed = InboxDecoder.decode(bytes, name: file, limits: .default)
        let renamed = InboxDecoder.decode(bytes, name: "document.yaml", limits: .default)
        guard case .failure(let a) = asNamed, case .failure(let b) = renamed else {
            Issue.record("accepted")
            return
        }
        #expect(a.errors == b.errors)
        #expect(!a.errors[0].message.contains("NUL") && !a.errors[0].message.contains("YAML"))
    }
}
