import ConsortiumCore
import Foundation
import GRDB

/// What the report reads of the database (runbook.md "The report").
extension Store {
    /// A document row as the report's history lists it.
    public struct ReportRow: Sendable, Equatable {
        public var consortium: String
        public var kind: String
        public var date: String
        public var name: String
        public var sha256: String
        public var received: String
    }

    /// The document rows of `consortia`, by consortium in arrival order.
    public func reportRows(of consortia: [ConsortiumID]) throws -> [ConsortiumID: [ReportRow]] {
        var out: [ConsortiumID: [ReportRow]] = [:]
        try pool.read { db in
            for start in stride(from: 0, to: consortia.count, by: 500) {
                let batch = Array(consortia[start..<min(start + 500, consortia.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT consortium, kind, date, name, sha256, received FROM document
                        WHERE consortium IN (\(marks)) ORDER BY consortium, arrival
                        """,
                    arguments: StatementArguments(batch)
                )
                while let row = try rows.next() {
                    let r = ReportRow(consortium: row[0], kind: row[1], date: row[2], name: row[3], sha256: row[4], received: row[5])
                    out[r.consortium, default: []].append(r)
                }
            }
        }
        return out
    }

    /// The stored JSON of the resolved (closed) ledger notices of `consortia`, newest first.
    public func resolvedNoticeJSON(of consortia: [ConsortiumID]) throws -> [ConsortiumID: [String]] {
        var out: [ConsortiumID: [String]] = [:]
        try pool.read { db in
            for start in stride(from: 0, to: consortia.count, by: 500) {
                let batch = Array(consortia[start..<min(start + 500, consortia.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT consortium, json FROM notice
                        WHERE consortium IN (\(marks)) AND NOT open AND resolved IS NOT NULL
                        ORDER BY consortium, resolved DESC, rule, subject
                        """,
                    arguments: StatementArguments(batch)
                )
                while let row = try rows.next() {
                    let consortium: String = row[0]
                    let json: String = row[1]
                    out[consortium, default: []].append(json)
                }
            }
        }
        return out
    }
}
