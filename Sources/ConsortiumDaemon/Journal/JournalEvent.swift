import ConsortiumCore

/// A field the daemon puts on journal entries (operations.md "The journal"): ASCII names that
/// operators filter on (`journalctl DOCUMENT_SHA256=…`), so a name never changes.
public enum JournalField: String, Sendable, CaseIterable {
    case documentName = "DOCUMENT_NAME"
    case documentSHA256 = "DOCUMENT_SHA256"
    case documentKind = "DOCUMENT_KIND"
    case documentEncoding = "DOCUMENT_ENCODING"
    case consortiumID = "CONSORTIUM_ID"
    case pendingReason = "PENDING_REASON"
    case pendingPath = "PENDING_PATH"
    case rejectReason = "REJECT_REASON"
    case rejectedPath = "REJECTED_PATH"
    case stateConsortia = "STATE_CONSORTIA"
    case stateDocuments = "STATE_DOCUMENTS"
    case configFile = "CONFIG_FILE"
    case configDefaults = "CONFIG_DEFAULTS"
    case readyMonotonic = "READY_MONOTONIC_USEC"
    case error = "ERROR"
    case faultArea = "FAULT_AREA"
    // A notice (Emitter.notice, one MESSAGE_ID per rule).
    case noticeID = "NOTICE_ID"
    case consortiumName = "CONSORTIUM_NAME"
    case rule = "RULE"
    case clause = "CLAUSE"
    case subject = "SUBJECT"
    case stage = "STAGE"
    case severity = "SEVERITY"
    case resolvedStage = "RESOLVED_STAGE"
    case dueDate = "DUE_DATE"
    case noticeRepeat = "NOTICE_REPEAT"
    // Stored states replayed from the archive (Daemon+StoredStates.swift).
    case statesRebuilt = "STATES_REBUILT"
    case statesRead = "STATES_READ"
    case loadSeconds = "LOAD_SECONDS"
    case statesRebuiltMissing = "STATES_REBUILT_MISSING"
    case statesRebuiltFormat = "STATES_REBUILT_FORMAT"
    case statesRebuiltPolicy = "STATES_REBUILT_POLICY"
    case statesRebuiltDocuments = "STATES_REBUILT_DOCUMENTS"
    case statesRebuiltDay = "STATES_REBUILT_DAY"
    case statesRebuiltDamaged = "STATES_REBUILT_DAMAGED"
}

/// One journal entry: its kind, its PRIORITY, its MESSAGE (Chinese, for operators) and fields.
/// Each event's text is written here, once; `Emitter.emit` sends it.
public struct JournalEvent: Sendable {
    public let kind: Kind
    public let severity: Severity
    public let message: String
    public let fields: [(JournalField, String)]

    /// `values` should hold exactly `kind.fields`: they are written in that order, any other after
    /// them (JournalEventTests checks every entry made here against `kind.fields`).
    init(_ kind: Kind, severity: Severity? = nil, message: String, _ values: [JournalField: String]) {
        self.kind = kind
        self.severity = severity ?? kind.severity
        self.message = message
        self.fields =
            kind.fields.compactMap { field in values[field].map { (field, $0) } }
            + values.filter { !kind.fields.contains($0.key) }.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }

    /// The fields as the journal takes them.
    public var namedFields: [(String, String)] { fields.map { ($0.0.rawValue, $0.1) } }

    /// The fields every notice of `rule` carries (Emitter.notice); RESOLVED_STAGE and
    /// NOTICE_REPEAT only on some entries.
    public static func noticeFields(_ rule: RuleID) -> [JournalField] {
        [.noticeID, .consortiumID, .consortiumName, .rule, .clause, .subject, .stage, .severity]
            + (rule.facts.kind == .deadline ? [.dueDate] : [])
    }

    // MARK: - Documents

    /// A document recorded and archived. `consortium`: the document's own; `concerned`: the one
    /// it belongs to (`consortium(of:)`), CONSORTIUM_ID.
    public static func accepted(
        name: String,
        sha256: String,
        kind: String,
        kindName: String,
        consortium: ConsortiumID?,
        date: String,
        encoding: String,
        concerned: ConsortiumID?
    ) -> JournalEvent {
        JournalEvent(
            .accepted,
            message: "已接收文件 \(name)：\(kindName)（\(kind)）\(consortium.map { "，创新联合体 \($0)" } ?? "")，日期 \(date)，已存档。",
            [.documentName: name, .documentSHA256: sha256, .documentKind: kind, .documentEncoding: encoding, .consortiumID: concerned ?? ""]
        )
    }

    /// A document held in `pendingDirectory/path` until `reason` no longer holds (or `pendingDays` pass).
    public static func pending(
        name: String,
        sha256: String,
        document: Document,
        reason: DocumentError,
        pendingDirectory: String,
        path: String,
        pendingDays: Int
    ) -> JournalEvent {
        JournalEvent(
            .pending,
            message: "文件 \(name)（\(document.kind.rawValue)）暂存待处理（\(pendingDirectory)/\(path)）：\(reason.message)；联合体收到新文件时重新判断，"
                + "超过 \(pendingDays) 天（pendingDays）仍不满足将被拒收。consortiumctl pending 列出所有待处理文件及其等待原因。",
            [
                .documentName: name, .documentSHA256: sha256, .documentKind: document.kind.rawValue, .consortiumID: document.consortium ?? "",
                .pendingReason: reason.description, .pendingPath: pendingDirectory + "/" + path,
            ]
        )
    }

    /// A file moved to `rejectedDirectory/target` for `errors` (at least one).
    public static func rejected(name: String, sha256: String, errors: [DocumentError], rejectedDirectory: String, target: String) -> JournalEvent {
        JournalEvent(
            .rejected,
            message:
                "文件 \(name) 被拒收：\(errors.first?.message ?? "")\(errors.count > 1 ? "（共 \(errors.count) 处问题）" : "")。原文件在 \(rejectedDirectory)/\(target)，原因见 \(target).error.txt；修改后重新放入收件箱。",
            [
                .documentName: name, .documentSHA256: sha256, .rejectReason: errors.map(\.description).joined(separator: "；"),
                .rejectedPath: rejectedDirectory + "/" + target,
            ]
        )
    }

    /// A file with the content of a document already accepted, kept as a duplicate.
    public static func duplicate(name: String, sha256: String) -> JournalEvent {
        JournalEvent(
            .duplicate,
            message: "文件 \(name) 与已接收的文件内容相同（SHA-256 \(sha256.prefix(12))…），按重复件存档，不再处理。",
            [.documentName: name, .documentSHA256: sha256]
        )
    }

    // MARK: - Faults

    /// A fault (`message` says what failed and what happens next).
    public static func failure(_ message: String, error: Error, area: String) -> JournalEvent {
        JournalEvent(.failure, message: message, [.error: String(describing: error), .faultArea: area])
    }

    /// A reload whose directory changes (`keys`) wait for a restart: a `failure` at warning.
    public static func directoriesNotReloaded(_ keys: [String]) -> JournalEvent {
        JournalEvent(
            .failure,
            severity: .warning,
            message: "配置中的目录变更（\(keys.joined(separator: "、"))）在重新读取时不生效，需 systemctl restart consortiumd；其余设置已生效。",
            [.error: "directories change only at a restart: " + keys.joined(separator: ", "), .faultArea: "config"]
        )
    }

    /// A start that failed (before the daemon could run).
    public static func startFailed(_ error: Error) -> JournalEvent {
        JournalEvent(.failure, message: "consortiumd 无法启动：\(error)", [.error: String(describing: error), .faultArea: "startup"])
    }

    /// The fault in `area` (`areaName`: its Chinese name) reported as `message` is gone.
    public static func recovered(area: String, areaName: String, message: String) -> JournalEvent {
        JournalEvent(.recovered, message: "已恢复正常（\(areaName)）：此前的故障已消除。原故障：\(message)", [.faultArea: area])
    }

    // MARK: - The daemon's own

    /// The configuration read and the archive replayed (`ConfigFile.startMessage`).
    public static func started(configPath: String, usingDefaults: Bool, inbox: String, consortia: Int, documents: Int) -> JournalEvent {
        JournalEvent(
            .started,
            message: ConfigFile.startMessage(path: configPath, usingDefaults: usingDefaults, inbox: inbox, documents: documents),
            [
                .stateConsortia: String(consortia), .stateDocuments: String(documents),
                .configFile: configPath, .configDefaults: usingDefaults ? "1" : "0",
            ]
        )
    }

    /// READY=1 was sent at `sentMonotonic` (CLOCK_MONOTONIC, µs).
    public static func ready(inbox: String, consortia: Int, documents: Int, sentMonotonic: UInt64) -> JournalEvent {
        JournalEvent(
            .ready,
            message: "consortiumd 已就绪：监视收件箱 \(inbox)，共 \(consortia) 个创新联合体、\(documents) 份文件。",
            [.stateConsortia: String(consortia), .stateDocuments: String(documents), .readyMonotonic: String(sentMonotonic)]
        )
    }

    public static func reloaded(consortia: Int, documents: Int) -> JournalEvent {
        JournalEvent(.reloaded, message: "consortiumd 已重新读取配置。", [.stateConsortia: String(consortia), .stateDocuments: String(documents)])
    }

    public static func stopping(consortia: Int, documents: Int) -> JournalEvent {
        JournalEvent(
            .stopping,
            message: "consortiumd 正在停止（已处理完手上的文件）。",
            [.stateConsortia: String(consortia), .stateDocuments: String(documents)]
        )
    }

    /// Every kind of entry the daemon writes to the journal besides notices, and what is fixed about each:
    /// its name (so its MESSAGE_ID, `MessageID.id`), its PRIORITY (as a `Severity`) and the fields
    /// every entry of it carries. `JournalEvent` makes the entries, the message catalog
    /// (`MessageCatalog`, deploy/catalog) and `consortiumd --list-message-ids` list them, the
    /// catalog tests check the catalog against `fields`: none of them keeps its own list.
    public enum Kind: String, CaseIterable, Sendable {
        case accepted = "document-accepted"
        case pending = "document-pending"
        case rejected = "document-rejected"
        case duplicate = "document-duplicate"
        case started, ready, reloaded, stopping
        case failure = "failure"
        case recovered = "recovered"
        /// Consortia replayed from the archive instead of read back from their stored states (Daemon+StoredStates.swift).
        case statesRebuilt = "states-rebuilt"

        public var messageID: String { MessageID.id(self) }

        /// The entry's PRIORITY, unless the entry says otherwise (a configuration reload that cannot
        /// move directories is a `failure` at `warning`).
        public var severity: Severity {
            switch self {
            case .accepted, .duplicate, .started, .ready, .reloaded, .stopping, .recovered: .info
            case .pending, .statesRebuilt: .notice
            case .rejected: .warning
            case .failure: .err
            }
        }

        /// The fields every entry carries, in the order they are written.
        public var fields: [JournalField] {
            switch self {
            case .accepted: [.documentName, .documentSHA256, .documentKind, .documentEncoding, .consortiumID]
            case .pending: [.documentName, .documentSHA256, .documentKind, .consortiumID, .pendingReason, .pendingPath]
            case .rejected: [.documentName, .documentSHA256, .rejectReason, .rejectedPath]
            case .duplicate: [.documentName, .documentSHA256]
            case .started: [.stateConsortia, .stateDocuments, .configFile, .configDefaults]
            case .ready: [.stateConsortia, .stateDocuments, .readyMonotonic]
            case .reloaded, .stopping: [.stateConsortia, .stateDocuments]
            case .failure: [.error, .faultArea]
            case .recovered: [.faultArea]
            case .statesRebuilt:
                [
                    .statesRebuilt, .statesRead, .loadSeconds, .statesRebuiltMissing, .statesRebuiltFormat,
                    .statesRebuiltPolicy, .statesRebuiltDocuments, .statesRebuiltDay, .statesRebuiltDamaged,
                ]
            }
        }
    }
}
