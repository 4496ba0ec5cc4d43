import ConsortiumCore
import ConsortiumStore
import Foundation

/// The documents waiting in `pending/`, by SHA-256 (their rows, as the store holds them): which
/// are held, for which consortium, and which have waited too long. Decides nothing else and
/// moves nothing (Daemon+Effects.swift does).
struct HeldDocuments {
    private(set) var rows: [String: Store.PendingRow] = [:]

    init(_ rows: [Store.PendingRow] = []) {
        self.rows = Dictionary(rows.map { ($0.sha256, $0) }, uniquingKeysWith: { a, _ in a })
    }

    subscript(sha: String) -> Store.PendingRow? {
        get { rows[sha] }
        set { rows[sha] = newValue }
    }

    /// The consortia some held document waits for.
    var consortia: Set<ConsortiumID> { Set(rows.values.compactMap(\.consortium)) }

    /// The held documents of `consortium`.
    func rows(of consortium: ConsortiumID) -> [Store.PendingRow] { rows.values.filter { $0.consortium == consortium } }

    /// The rows whose file names are in `pending/`.
    var paths: Set<String> { Set(rows.values.map(\.path)) }

    /// The held documents that waited more than `pendingDays` by `today`, by file name.
    func expired(today: CivilDate, config: ConsortiumConfig, now: () -> Date) -> [Store.PendingRow] {
        rows.values.sorted(by: { $0.path < $1.path }).filter { row in
            let received = Store.instant(row.received) ?? now()
            return CivilDate(received, timeZone: config.timeZone).adding(days: config.pendingDays) < today
        }
    }

    /// What the rejection of an expired document says it waited for.
    static func waited(_ row: Store.PendingRow, pendingDays: Int) -> DocumentError {
        let waited = row.reason.isEmpty ? "联合体 \(row.consortium ?? "") 的组建申请（Application）" : row.reason
        return DocumentError(
            path: "consortium",
            message: "在 pending 中等待超过 \(pendingDays) 天（pendingDays）仍不满足，拒收。所等待的：\(waited)",
            messageEn: "waited more than \(pendingDays) days (pendingDays) in pending/ and still does not fit; rejected"
        )
    }
}
