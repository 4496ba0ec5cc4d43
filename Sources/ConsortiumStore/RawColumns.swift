import ConsortiumCore
import GRDB
import GRDBSQLite

/// The current row of a cursor read through SQLite's C API: text columns as their UTF-8 bytes,
/// no String made unless asked for. Start-up reads millions of rows (every document's SHA-256
/// prefix, every Acknowledgement, every open notice: docs/performance.md "Stored states"), and
/// a String per column was most of their cost.
struct RawColumns {
    private let statement: SQLiteStatement

    /// Steps `sql` (with `arguments`) and calls `body` with each row.
    static func forEach(
        _ db: Database,
        sql: String,
        arguments: StatementArguments = StatementArguments(),
        _ body: (RawColumns) throws -> Void
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        let row = RawColumns(statement: statement.sqliteStatement)
        while try cursor.next() != nil { try body(row) }
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// The column's text as UTF-8 bytes, valid inside `body` only; empty for NULL.
    func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let text = sqlite3_column_text(statement, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
    }

    /// The column's bytes (a BLOB's, or a text's UTF-8), copied once; empty for NULL.
    func bytes(_ column: Int32) -> [UInt8] {
        // The pointer first, then its length (SQLite's documented order).
        guard let start = sqlite3_column_blob(statement, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, column))))
    }

    func string(_ column: Int32) -> String { withText(column) { String(decoding: $0, as: UTF8.self) } }

    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    func date(_ column: Int32) -> CivilDate? { withText(column) { CivilDate(utf8: $0) } }
}
