import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Systemd

/// Writes events and notices where operators read them: the journal (native fields), or
/// standard error when no journal is reachable; notice files `ID.json` written atomically.
public final class Emitter {
    let noticeDirectory: String
    let useJournal: Bool
    /// `bureau` of the config: `BUREAU=` on every entry, so a province's central journal tells
    /// cities apart (runbook.md "One journal for several bureaus"). nil: no such field.
    public var bureau: String?
    /// Told of every event sent (tests watch the entries with it; the daemon's own outputs get
    /// what they show from the daemon: Daemon+Metrics.swift).
    public var onEvent: ((JournalEvent.Kind, [(String, String)]) -> Void)?

    public init(noticeDirectory: String, bureau: String? = nil, useJournal: Bool = Journal.isReachable) {
        self.noticeDirectory = noticeDirectory
        self.bureau = bureau
        self.useJournal = useJournal
    }

    /// One entry (JournalEvent: its MESSAGE_ID, MESSAGE, PRIORITY and fields).
    public func emit(_ event: JournalEvent) {
        let fields = event.namedFields
        send(messageID: event.kind.messageID, priority: event.severity.priority, message: event.message, fields: fields)
        onEvent?(event.kind, fields)
    }

    /// A notice being emitted (opened or repeated) or resolved: under its rule's MESSAGE_ID, with
    /// `JournalEvent.noticeFields(rule)` and, when they apply, RESOLVED_STAGE and NOTICE_REPEAT.
    public func notice(_ notice: Notice, repeat isRepeat: Bool = false, resolvedOn: CivilDate? = nil) {
        var fields: [(JournalField, String)] = [
            (.noticeID, notice.id), (.consortiumID, notice.consortium), (.consortiumName, notice.consortiumName),
            (.rule, notice.rule), (.clause, notice.clause), (.subject, notice.subject),
            (.stage, resolvedOn == nil ? notice.stage : "resolved"), (.severity, resolvedOn == nil ? notice.severity.rawValue : "info"),
        ]
        if resolvedOn != nil { fields.append((.resolvedStage, notice.stage)) }
        if let due = notice.due { fields.append((.dueDate, due.description)) }
        if isRepeat { fields.append((.noticeRepeat, "1")) }
        let rule = RuleID(rawValue: notice.rule)
        let message: String
        if let day = resolvedOn {
            message =
                "已解除：创新联合体「\(notice.consortiumName)」(\(notice.consortium)) 的 \(notice.rule)（\(notice.subject.isEmpty ? "整体" : notice.subject)，阶段 \(notice.stage)）已于 \(day) 消除，无需再处理。"
        } else {
            message = (isRepeat ? "【重复提醒】" : "") + notice.message
        }
        let severity = resolvedOn == nil ? notice.severity : Severity.info
        send(
            messageID: rule.map(MessageID.id) ?? MessageID.id(.failure),
            priority: severity.priority,
            message: message,
            fields: fields.map { ($0.0.rawValue, $0.1) }
        )
    }

    /// Writes (or rewrites) `noticeDirectory/ID.json`.
    /// Writes `ID.json` of each notice (one durable batch: FileSystem.writeAllAtomically); returns
    /// the failures with the notice they belong to.
    public func writeNoticeFiles(_ notices: [Notice]) -> [(notice: Notice, error: Error)] {
        var failures: [(notice: Notice, error: Error)] = []
        var files: [(name: String, bytes: [UInt8])] = []
        var byName: [String: Notice] = [:]
        // A notice twice in one batch (e.g. resolved, then rewritten): its last state is written.
        var last: [String: Int] = [:]
        for (index, notice) in notices.enumerated() { last[notice.id] = index }
        for (index, notice) in notices.enumerated() where last[notice.id] == index {
            // Keys in the order of operations.md's notice object (Foundation's encoder hashes them).
            do {
                let text = try OrderedJSON.encode(notice)
                files.append((notice.id + ".json", Array(text.utf8) + [0x0A]))
                byName[notice.id + ".json"] = notice
            } catch { failures.append((notice, error)) }
        }
        for (name, failure) in FileSystem.writeAllAtomically(files, directory: noticeDirectory) {
            if let notice = byName[name] { failures.append((notice, failure)) }
        }
        return failures
    }

    private func send(messageID: String, priority: Int, message: String, fields: [(String, String)]) {
        var all =
            [
                ("MESSAGE", message), ("MESSAGE_ID", messageID), ("PRIORITY", String(priority)),
                ("SYSLOG_IDENTIFIER", "consortiumd"),
            ] + fields
        if let bureau { all.append(("BUREAU", bureau)) }
        if useJournal, Journal.send(all) { return }
        // No journal (a developer's terminal): one line per event with its fields.
        let line =
            "consortiumd[\(priority)]: \(message) "
            + ([("MESSAGE_ID", messageID)] + all.dropFirst(4))
            .map { "\($0.0)=\(Self.quote($0.1))" }.joined(separator: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func quote(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0.isNewline })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\"" : value
    }
}
