import ConsortiumCore
import Foundation

/// Remembers which notices were emitted, so each is emitted once when it opens, repeated every
/// `repeatDays` while overdue or under revocation review (unless acknowledged), and resolved
/// when its condition clears (rules.md "Repeats", "Notice identity"). Persisted in the store:
/// a restart never re-emits. The ledger is committed before the journal is written, so a crash
/// in between loses an emission rather than doubling it.
public final class NoticeLedger: @unchecked Sendable {
    public enum Action: Sendable {
        case open(Notice, sent: Bool)
        case repeatNotice(Notice)
        case resolved(Notice, on: CivilDate)
        case rewrite(Notice)
    }

    let store: Store
    private(set) var rows: [String: Store.NoticeRow]
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init(store: Store) throws {
        self.store = store
        self.rows = Dictionary(uniqueKeysWithValues: try store.notices().map { ($0.id, $0) })
    }

    /// Reconciles the open notices of `scope` (nil: every consortium) on `today` with what was
    /// emitted before; returns what to write out, after committing it.
    public func reconcile(open notices: [Notice], scope: Set<ConsortiumID>?, today: CivilDate, policy: Policy,
                          noticesFrom: CivilDate?, now: Date) throws -> [Action] {
        let day = today.description
        var changed: [Store.NoticeRow] = []
        var emissions: [(notice: String, day: String, what: String, sent: Bool)] = []
        var actions: [Action] = []
        let openIDs = Set(notices.map(\.id))
        let openKeys = Set(notices.map { "\($0.consortium)\u{1F}\($0.rule)\u{1F}\($0.subject)" })
        for notice in notices {
            let json = String(decoding: try encoder.encode(notice), as: UTF8.self)
            if var row = rows[notice.id], row.open {
                let repeatable = notice.stage == "overdue" || notice.stage == "revocation-review"
                let acked = notice.acknowledged.map { ack in ack.until.map { today < $0 } ?? true } ?? false
                let last = CivilDate(row.lastEmitted) ?? today
                if repeatable, !acked, last.days(until: today) >= policy.repeatDays {
                    row.lastEmitted = day
                    row.emissions += 1
                    emissions.append((notice.id, day, "repeat", true))
                    actions.append(.repeatNotice(notice))
                }
                if row.json != json {
                    // Rewrite the file when the acknowledgement changed (a first or a later ack).
                    let before = try? JSONDecoder().decode(Notice.self, from: Data(row.json.utf8))
                    let ackChanged = before?.acknowledged != notice.acknowledged
                    row.json = json
                    if ackChanged { actions.append(.rewrite(notice)) }
                }
                if row != rows[notice.id] { changed.append(row) }
                rows[notice.id] = row
            } else {
                // A new notice, or a new occurrence of one that resolved (rules.md).
                let sent = noticesFrom.map { today >= $0 } ?? true
                let row = Store.NoticeRow(id: notice.id, consortium: notice.consortium, rule: notice.rule, subject: notice.subject,
                                          stage: notice.stage, severity: notice.severity.rawValue, open: true, firstEmitted: day,
                                          lastEmitted: day, emissions: (rows[notice.id]?.emissions ?? 0) + 1, resolved: nil, json: json)
                rows[notice.id] = row
                changed.append(row)
                emissions.append((notice.id, day, "open", sent))
                actions.append(.open(notice, sent: sent))
            }
        }
        for (id, var row) in rows where row.open && !openIDs.contains(id) && (scope?.contains(row.consortium) ?? true) {
            row.open = false
            // A later stage of the same deadline supersedes it; otherwise the condition cleared.
            if !openKeys.contains("\(row.consortium)\u{1F}\(row.rule)\u{1F}\(row.subject)") {
                row.resolved = day
                if var notice = try? JSONDecoder().decode(Notice.self, from: Data(row.json.utf8)) {
                    notice.resolved = today
                    row.json = String(decoding: try encoder.encode(notice), as: UTF8.self)
                    emissions.append((id, day, "resolved", true))
                    actions.append(.resolved(notice, on: today))
                }
            }
            rows[id] = row
            changed.append(row)
        }
        try store.saveLedger(changed, emissions: emissions, at: now)
        return actions
    }

    public var openCount: Int { rows.values.filter(\.open).count }
}
