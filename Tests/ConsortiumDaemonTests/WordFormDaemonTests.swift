import ConsortiumCore
import ConsortiumStore
import Foundation
import Systemd
import Testing

@testable import ConsortiumDaemon

/// The real daemon takes the Word forms (docs/word-forms.md): the compliant combined .docx is
/// accepted; an 附件2 dropped alone waits in pending/ until its 附件1 arrives; the archive is
/// re-read at start-up and by verify through the same decoder.
@Suite(.serialized)
struct WordFormDaemonTests {
    static let fixtures = Examples.directory.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/docx")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func theCompliantFormIsAcceptedAndReadAgainAtStart() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let combined = try Self.fixture("01-combined.docx")
        try run.dropAtomically("01-combined.docx", bytes: combined)
        #expect(run.eventually { run.archivedSHAs.contains(SHA256.hex(combined)) })

        // The pair's 附件2 names the same consortium.
        let agreement = try Self.fixture("02-agreement.docx")
        try run.dropAtomically("02-agreement.docx", bytes: agreement)
        let entries = run.journal { entries in
            entries.contains { $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == "01-combined.docx" }
                && entries.contains {
                    $0["DOCUMENT_NAME"] == "02-agreement.docx"
                        && ($0.messageID == MessageID.id(.accepted) || $0.messageID == MessageID.id(.pending))
                }
        }
        let accepted = try #require(entries.first { $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == "01-combined.docx" })
        #expect(accepted["DOCUMENT_KIND"] == "Application")
        #expect(accepted["CONSORTIUM_ID"] == "LZ-2024-001")
        #expect(accepted["DOCUMENT_ENCODING"] == "DOCX")
        // The combined file already carries its agreement: a separately filed 附件2 of the same
        // consortium is accepted as an Agreement (it completes the Application in force).
        #expect(
            entries.contains {
                $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == "02-agreement.docx"
                    && $0["DOCUMENT_KIND"] == "Agreement"
            }
        )
        #expect(try run.stop() == 0)

        // Restart: the archived .docx originals are decoded again (ArchiveReader) without a fault.
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(run.isRunning)
        #expect(try run.stop() == 0)
    }

    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func anAgreementAloneWaitsInPendingForItsForm() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let agreement = try Self.fixture("02-agreement.docx")
        try run.dropAtomically("02-agreement.docx", bytes: agreement)
        #expect(run.eventually { run.names(run.pending).contains("02-agreement.docx") })
        let form = try Self.fixture("02-form.docx")
        try run.dropAtomically("02-form.docx", bytes: form)
        #expect(run.eventually { run.archivedSHAs.isSuperset(of: [SHA256.hex(form), SHA256.hex(agreement)]) })
        #expect(run.eventually { !run.names(run.pending).contains("02-agreement.docx") })
        #expect(try run.stop() == 0)
    }

    /// The daemon's notices for the Word forms are those for their YAML equivalents: notice ids
    /// hash (consortium, rule, subject, stage), so the two runs' notice files must have the same
    /// names — and a hostile .docx is rejected with its reason, the file kept, while Word's `~$`
    /// owner file is ignored. (04-not-provided has
    /// no exact YAML twin: YAML cannot leave a required value out; FixtureTests covers it.)
    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func theFormsGiveTheNoticesOfTheirYAML() throws {
        let cases = ["01-combined", "05-too-few-members", "06-unsigned"]
        func notices(suffix: String) throws -> Set<String> {
            let run = try DaemonRun()
            for name in cases { try run.putSettled(name + suffix, bytes: try Self.fixture(name + suffix)) }
            try run.start()
            try run.notify.wait(for: "READY=1")
            #expect(run.names(run.inbox).isEmpty && run.names(run.rejected).isEmpty)
            let files = Set(run.names(run.notices).filter { $0.hasSuffix(".json") })
            #expect(try run.stop() == 0)
            return files
        }
        let fromWord = try notices(suffix: ".docx")
        let fromYAML = try notices(suffix: ".yaml")
        #expect(fromWord.count >= 5)  // MEMBERS_MIN, AGREEMENT_*, LEAD_UNIQUE, deadlines
        #expect(fromWord == fromYAML)

        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        // Word's owner file beside a document open on a shared inbox: left alone, never rejected.
        try run.dropAtomically("~$bomb.docx", bytes: Array(repeating: 0x20, count: 162))
        var bomb = try Self.fixture("01-combined.docx")
        bomb[0] = 0xD0  // no longer a ZIP: named .docx, so read as one and rejected with the reason
        try run.dropAtomically("bomb.docx", bytes: bomb)
        #expect(run.eventually { run.names(run.rejected).contains("bomb.docx") && run.names(run.rejected).contains("bomb.docx.error.txt") })
        #expect(run.read(run.rejected + "/bomb.docx.error.txt").contains(".docx"))
        #expect(run.names(run.inbox) == ["~$bomb.docx"])
        #expect(!run.names(run.rejected).contains { $0.hasPrefix("~$") })
        #expect(try run.stop() == 0)
    }

    /// Files that are not Word forms (docs/word-forms.md, "Files that are not Word"), dropped into
    /// the real daemon's inbox: a .doc of 5 MiB (a scanned seal in it: over maxDocumentBytes,
    /// under maxDocxBytes), a scan and an .odt are rejected with what they are and what to do.
    @Test(.enabled(if: DaemonProcessTests.journalAvailable))
    func filesThatAreNotWordAreToldWhatToDo() throws {
        let clerk = Self.fixtures.appendingPathComponent("clerk")
        var doc = Array(try Data(contentsOf: clerk.appendingPathComponent("44-form.doc")))
        doc += [UInt8](repeating: 0, count: (5 << 20) - doc.count)
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        try run.dropAtomically("申请表.doc", bytes: doc)
        try run.dropAtomically("扫描件.jpg", bytes: Array(try Data(contentsOf: clerk.appendingPathComponent("42-scan.jpg"))))
        try run.dropAtomically("申请表.odt", bytes: Array(try Data(contentsOf: clerk.appendingPathComponent("43-form.odt"))))
        let reasons = ["申请表.doc": "旧版 Word 97-2003 .doc", "扫描件.jpg": "这是 JPEG 图片（扫描件或照片）", "申请表.odt": "OpenDocument 文本（.odt）"]
        #expect(
            run.eventually(timeout: 30) { reasons.keys.allSatisfy { run.names(run.rejected).contains($0 + ".error.txt") } },
            "rejected: \(run.names(run.rejected)), inbox: \(run.names(run.inbox)), archive: \(run.archivedSHAs.count)"
        )
        for (name, reason) in reasons {
            let text = run.read(run.rejected + "/" + name + ".error.txt")
            #expect(text.contains(reason), "\(name): \(text)")
            #expect(!text.contains("超过上限") && !text.contains("NUL"), "\(name): \(text)")
        }
        #expect(try run.stop() == 0)
    }
}
