import ConsortiumCore
import ConsortiumStore
import Foundation

/// Remembers which notices were emitted, so each is emitted once when it opens, repeated every
/// `repeatDays` while overdue or under revocation review (unless acknowledged), and resolved
/// when its condition clears (rules.md "Repeats", "Notice identity"). Persisted in the store:
/// a restart never re-emits. The ledger is committed before the journal is written, so a crash
/// in between loses an emission rather than doubling it.
///
/// In memory it keeps only the open notices, and of each only what `reconcile` decides with
/// (`LedgerEntry`, and the acknowledgement last written): at 100,000 consortia that is about
/// 357,000 small entries, not their JSON. The row's JSON in the store is the notice as its file
/// `notices/ID.json` holds it: encoded only when the file is (re)written — the notice opens, its
/// acknowledgement changes, it resolves — never because today's text changed ("已逾期 N 天").
public final class NoticeLedger {
    public enum Action: Sendable {
        case open(Notice, sent: Bool)
        case repeatNotice(Notice)
        case resolved(Notice, on: CivilDate)
        case rewrite(Notice)
    }

    let store: Store
    /// The open notices (a closed one is read from the store when it matters).
    private var entries: [NoticeKey: LedgerEntry] = [:]
    /// The acknowledgement each open notice's file was last written with (only those with one).
    private var acknowledgements: [NoticeKey: Notice.AcknowledgementInfo] = [:]
    /// The open notices of each consortium: an evaluation of some consortia (a batch's, or a
    /// group of a full evaluation) looks only at theirs.
    private var byConsortium: [ConsortiumID: Set<NoticeKey>] = [:]
    /// Every notice the store has that is not open: an Acknowledgement naming one of these is
    /// looked up in the database, one naming no notice at all is not.
    private var closed: Set<NoticeKey> = []
    /// One copy of each consortium and rule id too long for an inline small string (15 bytes).
    private var interned: Set<String> = []
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Loads the open notices of the store, without their JSON.
    public init(store: Store) throws {
        self.store = store
        // One pass over the table (it holds every notice's JSON): the open rows, the closed keys.
        var closed: [NoticeKey] = []
        // Collected first, then each table built at its size (not grown a row at a time); the
        // ids are the table's primary key, so no key comes twice.
        var open: [(NoticeKey, LedgerEntry)] = []
        try store.ledgerRows(closed: { closed.append($0) }) { row in
            guard let key = row.key else { throw LedgerError(id: row.invalidID ?? "") }
            open.append(
                (
                    key,
                    LedgerEntry(
                        subject: subject(consortium: row.consortium, rule: row.rule, subject: row.subject),
                        lastEmitted: row.lastEmitted.map { Int32($0.dayNumber) },
                        severity: Severity(rawValue: row.severity) ?? .err,
                        opened: row.firstEmitted.map { Int32($0.dayNumber) }
                    )
                )
            )
            if let by = row.acknowledgedBy {
                acknowledgements[key] = .init(by: by, note: row.acknowledgedNote, until: row.acknowledgedUntil.flatMap(CivilDate.init))
            }
        }
        entries = Dictionary(open, uniquingKeysWith: { _, last in last })
        // Each consortium's keys: a consortium's rows mostly come together (the table's order).
        var run: (consortium: ConsortiumID, keys: Set<NoticeKey>)?
        for (key, entry) in open {
            if run?.consortium == entry.subject.consortium {
                run!.keys.insert(key)
                continue
            }
            if let run { byConsortium[run.consortium, default: []].formUnion(run.keys) }
            run = (entry.subject.consortium, [key])
        }
        if let run { byConsortium[run.consortium, default: []].formUnion(run.keys) }
        self.closed = Set(closed)
    }

    /// Reconciles the open notices of `scope` (nil: every consortium) on `today` with what was
    /// emitted before; returns what to write out, after committing it. The ledger in memory
    /// changes only once the store has committed: after a failure the next evaluation does it again.
    public func reconcile(
        open notices: some Collection<Notice>,
        scope: Set<ConsortiumID>?,
        today: CivilDate,
        policy: Policy,
        noticesFrom: CivilDate?,
        now: Date
    ) throws -> [Action] {
        let day = today.description
        let dayNumber = today.dayNumber
        var changes: [Store.LedgerChange] = []
        var emissions: [(notice: String, day: String, what: String, sent: Bool)] = []
        var actions: [Action] = []
        var updates: [(NoticeKey, LedgerEntry?)] = []
        var acknowledged: [(NoticeKey, Notice.AcknowledgementInfo?)] = []
        var openKeys = Set<NoticeKey>(minimumCapacity: notices.count)
        for notice in notices {
            let key = try Self.key(notice.id)
            guard openKeys.insert(key).inserted else { continue }
            if var entry = entries[key] {
                let repeatable = notice.stage == "overdue" || notice.stage == "revocation-review"
                let acked = notice.acknowledged.map { ack in ack.until.map { today < $0 } ?? true } ?? false
                let last = entry.lastEmitted.map(Int.init) ?? dayNumber
                if repeatable, !acked, dayNumber - last >= policy.repeatDays {
                    entry.lastEmitted = Int32(dayNumber)
                    updates.append((key, entry))
                    changes.append(.repeated(id: notice.id, day: day))
                    emissions.append((notice.id, day, "repeat", true))
                    actions.append(.repeatNotice(notice))
                }
                if acknowledgements[key] != notice.acknowledged {
                    // A first, a later or a withdrawn acknowledgement: the file is rewritten, the row's JSON with it.
                    acknowledged.append((key, notice.acknowledged))
                    changes.append(.acknowledged(id: notice.id, json: try json(notice)))
                    actions.append(.rewrite(notice))
                }
            } else {
                // A new notice, or a new occurrence of one that resolved (rules.md).
                let sent = noticesFrom.map { today >= $0 } ?? true
                updates.append(
                    (
                        key,
                        LedgerEntry(
                            subject: subject(consortium: notice.consortium, rule: notice.rule, subject: notice.subject),
                            lastEmitted: Int32(dayNumber),
                            severity: notice.severity,
                            opened: Int32(dayNumber)
                        )
                    )
                )
                acknowledged.append((key, notice.acknowledged))
                changes.append(
                    .open(
                        Store.NoticeRow(
                            id: notice.id,
                            consortium: notice.consortium,
                            rule: notice.rule,
                            subject: notice.subject,
                            stage: notice.stage,
                            severity: notice.severity.rawValue,
                            open: true,
                            firstEmitted: day,
                            lastEmitted: day,
                            emissions: 1,
                            resolved: nil,
                            json: try json(notice)
                        )
                    )
                )
                emissions.append((notice.id, day, "open", sent))
                actions.append(.open(notice, sent: sent))
            }
        }
        var closing: [(key: NoticeKey, entry: LedgerEntry)] = []
        if let scope {
            for consortium in scope {
                for key in byConsortium[consortium] ?? [] where !openKeys.contains(key) { closing.append((key, entries[key]!)) }
            }
        } else {
            for (key, entry) in entries where !openKeys.contains(key) { closing.append((key, entry)) }
        }
        if !closing.isEmpty {
            // A later stage of the same deadline supersedes a notice; otherwise its condition cleared.
            let stillOpen = Set(notices.map { NoticeSubject(consortium: $0.consortium, rule: $0.rule, subject: $0.subject) })
            let stored = try store.noticeJSON(ids: closing.filter { !stillOpen.contains($0.entry.subject) }.map(\.key.id))
            let decoder = JSONDecoder()
            for (key, entry) in closing {
                let id = key.id
                updates.append((key, nil))
                acknowledged.append((key, nil))
                if stillOpen.contains(entry.subject) {
                    changes.append(.closed(id: id, resolved: nil, json: nil))
                } else if var notice = stored[id].flatMap({ try? decoder.decode(Notice.self, from: Data($0.utf8)) }) {
                    // The file as it was written, now with `resolved`.
                    notice.resolved = today
                    changes.append(.closed(id: id, resolved: day, json: try json(notice)))
                    emissions.append((id, day, "resolved", true))
                    actions.append(.resolved(notice, on: today))
                } else {
                    changes.append(.closed(id: id, resolved: day, json: nil))
                }
            }
        }
        try store.saveLedger(changes, emissions: emissions, at: now)
        if !changes.isEmpty { generation &+= 1 }
        for (key, entry) in updates { set(key, entry) }
        for (key, ack) in acknowledged { acknowledgements[key] = ack }
        return actions
    }

    public var openCount: Int { entries.count }
    /// The notices it knows, open or not.
    var noticeCount: Int { entries.count + closed.count }

    /// Changes whenever the open notices or their acknowledgements change (the metrics file is
    /// rewritten only then: runbook.md "Monitoring").
    public private(set) var generation = 0

    /// The open notices of one severity and rule, acknowledged (in force on the day asked) or not.
    public struct OpenGroup: Sendable, Equatable, Hashable {
        public var severity: Severity
        public var rule: String
        public var acknowledged: Bool
    }

    /// How many notices are open in each group, and the day the oldest of them opened.
    public func openGroups(on today: CivilDate) -> [OpenGroup: (count: Int, oldest: CivilDate?)] {
        var groups: [OpenGroup: (count: Int, oldest: CivilDate?)] = [:]
        for (key, entry) in entries {
            let acknowledged = acknowledgements[key].map { ack in ack.until.map { today < $0 } ?? true } ?? false
            let opened = entry.opened.map { CivilDate(dayNumber: Int($0)) }
            let group = OpenGroup(severity: entry.severity, rule: entry.subject.rule, acknowledged: acknowledged)
            let now = groups[group]
            let oldest: CivilDate? =
                switch (now?.oldest, opened) {
                case (let a?, let b?): min(a, b)
                case (let a, let b): a ?? b
                }
            groups[group] = ((now?.count ?? 0) + 1, oldest)
        }
        return groups
    }

    /// The consortia with open notices.
    public var consortiaWithOpenNotices: Set<ConsortiumID> { Set(byConsortium.keys) }

    private func set(_ key: NoticeKey, _ entry: LedgerEntry?) {
        if entry == nil { closed.insert(key) } else { closed.remove(key) }
        if let old = entries[key], old.subject.consortium != entry?.subject.consortium {
            byConsortium[old.subject.consortium]?.remove(key)
            if byConsortium[old.subject.consortium]?.isEmpty == true { byConsortium[old.subject.consortium] = nil }
        }
        entries[key] = entry
        if let entry { byConsortium[entry.subject.consortium, default: []].insert(key) }
    }

    /// The consortium of notice `id` (open or closed) when the ledger knows it: an Acknowledgement
    /// names only the notice.
    public func consortium(ofNotice id: String) -> ConsortiumID? {
        guard let key = NoticeKey(id) else { return nil }
        if let entry = entries[key] { return entry.subject.consortium }
        return closed.contains(key) ? try? store.noticeConsortium(id: id) : nil
    }

    /// The notices, as their files hold them (the stored JSON), of the ledger's notices (open or
    /// closed) for which `missing(id)` is true: start-up repair of notice files (docs/reliability.md, F6).
    public func storedNotices(missing: (String) -> Bool) throws -> [Notice] {
        let decoder = JSONDecoder()
        return try store.noticeJSON(ids: try store.noticeIDs().filter(missing)).values.compactMap {
            try? decoder.decode(Notice.self, from: Data($0.utf8))
        }
    }

    /// The same for the ledger's notices whose key is not in `present` (the notice files found).
    public func storedNotices(missingFrom present: Set<NoticeKey>) throws -> [Notice] {
        let missing = (entries.keys.lazy.filter { !present.contains($0) } + closed.lazy.filter { !present.contains($0) }).map(\.id)
        guard !missing.isEmpty else { return [] }
        let decoder = JSONDecoder()
        return try store.noticeJSON(ids: Array(missing)).values.compactMap { try? decoder.decode(Notice.self, from: Data($0.utf8)) }
    }

    private func json(_ notice: Notice) throws -> String {
        String(decoding: try encoder.encode(notice), as: UTF8.self)
    }

    private func subject(consortium: String, rule: String, subject: String) -> NoticeSubject {
        func intern(_ text: String) -> String { text.utf8.count <= 15 ? text : interned.insert(text).memberAfterInsert }
        return NoticeSubject(consortium: intern(consortium), rule: intern(rule), subject: subject)
    }

    private static func key(_ id: String) throws -> NoticeKey {
        guard let key = NoticeKey(id) else { throw LedgerError(id: id) }
        return key
    }
}
