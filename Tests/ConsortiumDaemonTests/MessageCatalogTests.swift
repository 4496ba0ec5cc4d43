import ConsortiumCore
import ConsortiumStore
import Foundation
import Testing

@testable import ConsortiumDaemon

/// The journal message catalogs (operations.md "The journal": every MESSAGE_ID has an entry).
@Suite struct MessageCatalogTests {
    /// One entry as `journalctl --update-catalog` reads it (systemd catalog.c: `#`/`;` lines are
    /// comments, `-- ID [LANG]` after a blank line starts an entry, headers up to the first blank line).
    struct Parsed {
        var id: String
        var language: String?
        var headers: [String] = []
        var body: [String] = []
    }

    static func parse(_ text: String) -> [Parsed] {
        var entries: [Parsed] = []
        var afterBlank = true
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.isEmpty {
                afterBlank = true
                if entries.last != nil { inBody = true }
                continue
            }
            if line.first == "#" || line.first == ";" { continue }
            if afterBlank, line.hasPrefix("-- "), line.count >= 35 {
                let rest = line.dropFirst(3)
                let id = String(rest.prefix(32))
                if id.allSatisfy(\.isHexDigit) && (rest.count == 32 || rest.dropFirst(32).first == " ") {
                    let lang = rest.dropFirst(33).trimmingCharacters(in: .whitespaces)
                    entries.append(Parsed(id: id, language: lang.isEmpty ? nil : lang))
                    afterBlank = false
                    inBody = false
                    continue
                }
            }
            afterBlank = false
            guard !entries.isEmpty else { continue }
            if inBody { entries[entries.count - 1].body.append(line) } else { entries[entries.count - 1].headers.append(line) }
        }
        return entries
    }

    /// The `| \`ID\` | \`name\` |` rows of runbook.md's MESSAGE_ID table.
    static func runbookMessageIDs() -> [(String, String)] {
        let text = (try? String(contentsOf: root.appendingPathComponent("runbook.md"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, cells[0].count == 34, cells[0].hasPrefix("`"), cells[1].hasPrefix("`") else { return nil }
            let id = String(cells[0].dropFirst().dropLast())
            let name = String(cells[1].dropFirst().dropLast())
            return id.allSatisfy(\.isHexDigit) ? (id, name) : nil
        }
    }

    /// The package root, from this file's path (Tests/ConsortiumDaemonTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: MessageCatalog.Language.allCases)
    func everyMessageIDHasExactlyOneEntry(_ language: MessageCatalog.Language) {
        let entries = Self.parse(MessageCatalog.render(language: language))
        let ids = MessageID.all.map(\.id)
        // The catalog's ids are those the runbook's table lists (operators filter on them: an id
        // must never change), each 32 lowercase hex digits as journald wants them.
        for id in ids { #expect(id.count == 32 && id.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }, "\(id)") }
        let documented = Self.runbookMessageIDs()
        #expect(!documented.isEmpty)
        // Every event is in the runbook's table (the rules are listed by --list-message-ids).
        for event in JournalEvent.Kind.allCases {
            #expect(documented.contains { $0.0 == MessageID.id(event) && $0.1 == event.rawValue }, "runbook lacks \(event.rawValue)")
        }
        for (id, name) in documented {
            #expect(MessageID.all.contains { $0.id == id && $0.name == name }, "runbook: \(id) \(name)")
        }
        #expect(Set(ids).count == ids.count)
        #expect(entries.map(\.id) == ids)
        for id in ids { #expect(entries.filter { $0.id == id }.count == 1, "\(id)") }
        for entry in entries { #expect(entry.language == nil) }
    }

    @Test(arguments: MessageCatalog.Language.allCases)
    func theCommittedFilesAreTheRenderedCatalog(_ language: MessageCatalog.Language) throws {
        let url = Self.root.appendingPathComponent("deploy/catalog/" + language.fileName)
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == MessageCatalog.render(language: language),
            "regenerate: .build/debug/consortiumd --catalog \(language.rawValue) > deploy/catalog/\(language.fileName)"
        )
    }

    @Test(arguments: MessageCatalog.Language.allCases)
    func everyEntryHasSubjectDefinedByAndABody(_ language: MessageCatalog.Language) {
        for entry in Self.parse(MessageCatalog.render(language: language)) {
            let subject = entry.headers.first { $0.hasPrefix("Subject: ") }
            #expect(subject.map { $0.count > 12 } ?? false, "\(entry.id)")
            #expect(entry.headers.contains("Defined-By: consortiumd"), "\(entry.id)")
            #expect(entry.headers.contains("Support: " + MessageCatalog.support), "\(entry.id)")
            #expect(entry.body.filter { !$0.isEmpty }.count >= 6, "\(entry.id)")
            // The body says what to do, with a journalctl query for the id itself.
            #expect(entry.body.contains { $0.contains("journalctl MESSAGE_ID=" + entry.id) }, "\(entry.id)")
        }
    }

    /// The fields every entry of a MESSAGE_ID carries (JournalEvent: the same definition the
    /// entries are made from): a catalog field that is missing would be shown as its bare name.
    static func fields(of name: String) -> Set<String> {
        let fields = JournalEvent.Kind(rawValue: name)?.fields ?? RuleID(rawValue: name).map(JournalEvent.noticeFields) ?? []
        return Set(fields.map(\.rawValue))
    }

    @Test(arguments: MessageCatalog.Language.allCases)
    func substitutionsUseOnlyFieldsTheEntryCarries(_ language: MessageCatalog.Language) throws {
        let pattern = try Regex("@([A-Z0-9_]+)@")
        let names = Dictionary(uniqueKeysWithValues: MessageID.all.map { ($0.id, $0.name) })
        for entry in Self.parse(MessageCatalog.render(language: language)) {
            let name = try #require(names[entry.id])
            let text = (entry.headers + entry.body).joined(separator: "\n")
            for match in text.matches(of: pattern) {
                let field = String(text[match.range].dropFirst().dropLast())
                #expect(Self.fields(of: name).contains(field), "\(name) uses @\(field)@")
                // journalctl substitutes only names made of A–Z and _ (a digit leaves it as is).
                #expect(field.allSatisfy { $0 == "_" || ("A"..."Z").contains($0) }, "\(name) uses @\(field)@")
            }
        }
    }

    @Test func rulesNameTheirClauseAndTitle() {
        let english = Self.parse(MessageCatalog.render(language: .english))
        let chinese = Self.parse(MessageCatalog.render(language: .chinese))
        for rule in RuleID.allCases {
            let id = MessageID.id(rule)
            let en = english.first { $0.id == id }
            let zh = chinese.first { $0.id == id }
            #expect(en?.headers.first?.contains(rule.rawValue) ?? false)
            #expect(zh?.headers.first?.contains(rule.title) ?? false)
            #expect(zh?.body.contains { $0.contains("依据：") && $0.contains(rule.clause) } ?? false, "\(rule)")
            #expect(zh?.body.contains { $0.contains("consortiumctl ack @NOTICE_ID@ --by") } ?? false, "\(rule)")
        }
    }
}
