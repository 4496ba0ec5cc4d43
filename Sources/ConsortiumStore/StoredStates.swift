import ConsortiumCore
import Foundation
import GRDB

/// Each consortium's replayed state kept in the database (`StoredConsortium`, docs/performance.md
/// "Stored states"), written in the transaction that records the documents that changed it, so
/// that start-up, `consortiumctl list` and `evaluate` read states instead of replaying the
/// archive. A row says what it was built from: the format of its bytes, the policies
/// (`StoredConsortium.policyDigest`) and the consortium's documents, twice — their rows
/// (`DocumentArrivals`: how many, the last arrival number and the sum of the arrival numbers,
/// which start-up compares with one aggregate query over the `document` table's index) and their
/// contents (`DocumentsDigest` of their SHA-256 in arrival order, which `consortiumctl verify`
/// compares), both computed in the writing transaction from the `document` table. A row that does
/// not match is not read: the consortium is replayed from the archive (`ResidentModel.load`).
public enum StoredStates {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE stored_state (
                  consortium TEXT PRIMARY KEY,
                  format INTEGER NOT NULL,
                  policy TEXT NOT NULL,
                  documents TEXT NOT NULL,
                  state BLOB NOT NULL,
                  parts BLOB NOT NULL
                )
                """
        )
    }

    /// The `DocumentArrivals` of each row; NULL in rows stored before them (start-up checks those
    /// by their documents digest once and records them: `ResidentModel.load`).
    static func migrateArrivals(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE stored_state ADD COLUMN document_count INTEGER;
                ALTER TABLE stored_state ADD COLUMN last_arrival INTEGER;
                ALTER TABLE stored_state ADD COLUMN arrival_sum INTEGER;
                """
        )
    }

    /// What start-up indexes of each Acknowledgement (`AcknowledgementIndex`): without it, start-up
    /// would read and decode every archived Acknowledgement (six per consortium in the benchmark's
    /// realistic states).
    static func migrateAcknowledgements(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE stored_acknowledgement (
                  arrival INTEGER PRIMARY KEY,
                  notice TEXT NOT NULL,
                  date TEXT NOT NULL,
                  by TEXT NOT NULL,
                  note TEXT,
                  until TEXT
                )
                """
        )
    }

    /// Records what `AcknowledgementIndex` takes of `document` if it is an Acknowledgement
    /// (nothing otherwise), in the caller's transaction.
    static func writeAcknowledgement(_ db: Database, _ document: Document, arrival: Int) throws {
        guard case .acknowledgement(let ack) = document.body else { return }
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO stored_acknowledgement (arrival, notice, date, by, note, until) VALUES (?, ?, ?, ?, ?, ?)"
        )
        .execute(arguments: [arrival, ack.notice, document.date.description, ack.by, ack.note, ack.until?.description])
    }

    /// What the `document` table, as `db` sees it, says `id`'s state was built from: the
    /// `DocumentsDigest` of its documents' SHA-256 and their `DocumentArrivals`.
    static func documents(_ db: Database, of id: ConsortiumID) throws -> (digest: String, arrivals: DocumentArrivals) {
        let shas = try db.cachedStatement(sql: "SELECT sha256, arrival FROM document WHERE consortium = ? ORDER BY arrival")
        var digest = StoredConsortium.DocumentsDigest()
        var arrivals = DocumentArrivals()
        let cursor = try GRDB.Row.fetchCursor(shas, arguments: [id])
        while let row = try cursor.next() {
            try row.withUnsafeData(atIndex: 0) { data in if let data { digest.add(utf8: data) } }
            arrivals.add(row[1])
        }
        return (digest.finish(), arrivals)
    }

    /// A stored row as read.
    public struct Row: Sendable {
        public var format: Int
        public var policy: String
        public var documents: String
        /// Nil in a row stored before they were recorded.
        public var arrivals: DocumentArrivals?
        /// `StoredConsortium.checksum` of the bytes when they were written; nil in a row from before it.
        public var checksum: String?
        public var consortium: StoredConsortium
    }

    /// Writes `states` (replacing their rows) and deletes the rows of `removing`, inside the
    /// caller's transaction; each row's documents digest is computed here from the `document`
    /// table as this transaction sees it.
    static func write(_ db: Database, _ states: [StoredConsortium], removing: [ConsortiumID], policy: String) throws {
        guard !states.isEmpty || !removing.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO stored_state
                  (consortium, format, policy, documents, state, parts, document_count, last_arrival, arrival_sum, checksum)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        for state in states {
            let (digest, arrivals) = try documents(db, of: state.id)
            try insert.execute(arguments: [
                state.id, StoredConsortium.formatVersion, policy, digest,
                Data(state.state), Data(state.parts), arrivals.count, arrivals.last, arrivals.sum, state.checksum,
            ])
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM stored_state WHERE consortium = ?")
        for id in removing { try delete.execute(arguments: [id]) }
    }
}

/// Which document rows a stored state was built from: how many, the last arrival number and the
/// sum of the arrival numbers. Arrival numbers are never reused (the `document` table's
/// AUTOINCREMENT key), so a document added, removed or both changes at least one of them.
public struct DocumentArrivals: Sendable, Equatable {
    public var count = 0
    public var last = 0
    public var sum = 0

    public init() {}

    public init(count: Int, last: Int, sum: Int) {
        self.count = count
        self.last = last
        self.sum = sum
    }

    public mutating func add(_ arrival: Int) {
        count += 1
        last = max(last, arrival)
        sum &+= arrival
    }
}

extension Store {
    /// Records the Acknowledgements among `records` (start-up, for those it had to read back).
    public func saveAcknowledgements(_ records: [RecordedDocument]) throws {
        guard records.contains(where: { $0.document.kind == .acknowledgement }) else { return }
        try pool.write { db in
            for record in records { try StoredStates.writeAcknowledgement(db, record.document, arrival: record.arrival) }
        }
    }

    /// Whether the database has the stored Acknowledgements' table.
    public func hasStoredAcknowledgements() throws -> Bool {
        try pool.read { db in try db.tableExists("stored_acknowledgement") }
    }

    /// Every stored Acknowledgement, in arrival order.
    public func forEachStoredAcknowledgement(_ body: (_ arrival: Int, _ ack: Acknowledgement, _ date: CivilDate) throws -> Void) throws {
        try pool.read { db in
            guard try db.tableExists("stored_acknowledgement") else { return }
            try RawColumns.forEach(db, sql: "SELECT arrival, notice, date, by, note, until FROM stored_acknowledgement ORDER BY arrival") { row in
                guard let day = row.date(2) else { return }
                let until = row.isNull(5) ? nil : row.date(5)
                try body(row.int(0), Acknowledgement(notice: row.string(1), by: row.string(3), note: row.optionalString(4), until: until), day)
            }
        }
    }

    /// Adds the stored Acknowledgements of `expected` (arrival numbers, ascending) to `index`,
    /// read as their columns' bytes (start-up: ResidentModel+Stored.swift); returns those of
    /// `expected` the table lacks or cannot give (a database from before it), ascending. Both
    /// are walked in arrival order, side by side.
    public func addStoredAcknowledgements(to index: inout AcknowledgementIndex, expected: [Int]) throws -> [Int] {
        var missing: [Int] = []
        var next = 0
        try pool.read { db in
            guard try db.tableExists("stored_acknowledgement") else { return }
            try RawColumns.forEach(db, sql: "SELECT arrival, notice, date, by, note, until FROM stored_acknowledgement ORDER BY arrival") { row in
                let arrival = row.int(0)
                while next < expected.count, expected[next] < arrival {
                    missing.append(expected[next])
                    next += 1
                }
                guard next < expected.count, expected[next] == arrival else { return }
                next += 1
                guard let day = row.date(2) else {
                    missing.append(arrival)
                    return
                }
                let until = row.isNull(5) ? nil : row.date(5)
                row.withText(1) { notice in
                    row.withText(3) { by in
                        row.withText(4) { note in
                            index.add(notice: notice, by: by, note: row.isNull(4) ? nil : note, date: day, until: until, arrival: arrival)
                        }
                    }
                }
            }
        }
        missing += expected[next...]
        return missing
    }

    /// The archive rows of `arrivals` (in arrival order).
    public func archivedDocuments(arrivals: [Int]) throws -> [ArchivedRow] {
        var rows: [ArchivedRow] = []
        try pool.read { db in
            for start in stride(from: 0, to: arrivals.count, by: 500) {
                let part = Array(arrivals[start..<min(start + 500, arrivals.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
                rows += try GRDB.Row.fetchAll(
                    db,
                    sql: "SELECT arrival, sha256, name, consortium, archive FROM document WHERE arrival IN (\(marks))",
                    arguments: StatementArguments(part)
                )
                .map { ArchivedRow(arrival: $0[0], sha256: $0[1], name: $0[2], consortium: $0[3], archive: $0[4]) }
            }
        }
        return rows.sorted { $0.arrival < $1.arrival }
    }

    /// Whether the database has the stored states' table (`consortiumctl` opens an older one
    /// without migrating it: then everything is replayed).
    public func hasStoredStates() throws -> Bool {
        try pool.read { db in try db.tableExists("stored_state") }
    }

    /// Writes `states` and deletes the rows of `removing` in one transaction of their own
    /// (start-up stores the consortia it had to replay).
    public func saveStates(_ states: [StoredConsortium], removing: [ConsortiumID] = [], policy: String) throws {
        guard !states.isEmpty || !removing.isEmpty else { return }
        try pool.write { db in try StoredStates.write(db, states, removing: removing, policy: policy) }
    }

    /// Every stored row, in the table's order.
    public func forEachStoredState(_ body: (StoredStates.Row) throws -> Void) throws {
        try pool.read { db in
            guard try db.tableExists("stored_state") else { return }
            // `consortiumctl` opens a database without migrating it: one from before the arrivals has NULLs.
            let columns = try Set(db.columns(in: "stored_state").map(\.name))
            let arrivals = columns.contains("document_count") ? "document_count, last_arrival, arrival_sum" : "NULL, NULL, NULL"
            let checksum = columns.contains("checksum") ? "checksum" : "NULL"
            // Read through SQLite's C API (RawColumns): 100,000 rows at start-up.
            try RawColumns.forEach(
                db,
                sql: "SELECT consortium, format, policy, documents, state, parts, \(arrivals), \(checksum) FROM stored_state"
            ) { row in
                try body(
                    StoredStates.Row(
                        format: row.int(1),
                        policy: row.string(2),
                        documents: row.string(3),
                        arrivals: row.isNull(6) ? nil : DocumentArrivals(count: row.int(6), last: row.int(7), sum: row.int(8)),
                        checksum: row.optionalString(9),
                        consortium: StoredConsortium(id: row.string(0), state: row.bytes(4), parts: row.bytes(5))
                    )
                )
            }
        }
    }

    /// Each consortium's `DocumentArrivals`, from one aggregate query over the `document_consortium`
    /// index (it reads no document row).
    public func documentArrivals() throws -> [ConsortiumID: DocumentArrivals] {
        try pool.read { db in
            var arrivals: [ConsortiumID: DocumentArrivals] = [:]
            let cursor = try GRDB.Row.fetchCursor(
                db,
                sql: """
                    SELECT consortium, COUNT(*), MAX(arrival), SUM(arrival) FROM document
                    WHERE consortium IS NOT NULL GROUP BY consortium
                    """
            )
            while let row = try cursor.next() { arrivals[row[0]] = DocumentArrivals(count: row[1], last: row[2], sum: row[3]) }
            return arrivals
        }
    }

    /// The arrival numbers of the documents without a consortium (the Acknowledgements), ascending.
    public func arrivalsWithoutConsortium() throws -> [Int] {
        try pool.read { db in try Int.fetchAll(db, sql: "SELECT arrival FROM document WHERE consortium IS NULL ORDER BY arrival") }
    }

    /// The last arrival number (0 when none), from the end of the table.
    public func lastArrival() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(arrival), 0) FROM document") ?? 0 }
    }

    /// How many documents there are and the last arrival number (0 when none).
    public func documentTotals() throws -> (count: Int, last: Int) {
        try pool.read { db in
            let row = try GRDB.Row.fetchOne(db, sql: "SELECT COUNT(*), IFNULL(MAX(arrival), 0) FROM document")
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    /// The first 4 bytes of every document's SHA-256 (`ResidentModel.prefix`), ascending: read
    /// from the index of the `sha256` column, which holds lowercase hex, so its order is the
    /// bytes' order. `count`: how many documents there are (room is made for them).
    public func documentPrefixes(count: Int = 0) throws -> [UInt32] {
        try pool.read { db in
            var prefixes: [UInt32] = []
            prefixes.reserveCapacity(count)
            try RawColumns.forEach(db, sql: "SELECT sha256 FROM document ORDER BY sha256") { row in
                prefixes.append(row.withText(0) { ResidentModel.prefix(utf8: $0) })
            }
            return prefixes
        }
    }

    /// The `DocumentsDigest` of `ids`' documents as the `document` table has them now.
    public func documentsDigests(of ids: [ConsortiumID]) throws -> [ConsortiumID: String] {
        try pool.read { db in
            var digests: [ConsortiumID: String] = [:]
            for id in ids { digests[id] = try StoredStates.documents(db, of: id).digest }
            return digests
        }
    }

    /// Records the checksum of stored rows from before it (start-up, the rows it read back).
    public func recordChecksums(_ checksums: [(ConsortiumID, String)]) throws {
        guard !checksums.isEmpty else { return }
        try pool.write { db in
            let update = try db.cachedStatement(sql: "UPDATE stored_state SET checksum = ? WHERE consortium = ?")
            for (id, checksum) in checksums { try update.execute(arguments: [checksum, id]) }
        }
    }

    /// Records the `DocumentArrivals` of stored rows from before them (start-up, once their
    /// documents digest was found to hold).
    public func recordArrivals(_ arrivals: [(ConsortiumID, DocumentArrivals)]) throws {
        guard !arrivals.isEmpty else { return }
        try pool.write { db in
            let update = try db.cachedStatement(
                sql: "UPDATE stored_state SET document_count = ?, last_arrival = ?, arrival_sum = ? WHERE consortium = ?"
            )
            for (id, value) in arrivals { try update.execute(arguments: [value.count, value.last, value.sum, id]) }
        }
    }

    /// How many consortia have a stored state.
    public func storedStateCount() throws -> Int {
        try pool.read { db in
            try db.tableExists("stored_state") ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stored_state") ?? 0 : 0
        }
    }
}

extension Verification {
    /// The stored states compared with the archive (`consortiumctl verify`): each stored state of
    /// the current format and policies must be built from the consortium's archived documents
    /// (its documents digest) and equal the state replaying them through its day gives. A
    /// difference names the fix: delete the stored states and restart the daemon, which replays
    /// the archive and stores them again.
    static func storedStateFindings(
        _ store: Store,
        records: [RecordedDocument],
        config: ConsortiumConfig
    ) throws -> (differences: [String], notes: [String]) {
        guard try store.hasStoredStates() else { return ([], []) }
        var byConsortium: [ConsortiumID: [RecordedDocument]] = [:]
        for record in records { if let id = record.document.consortium { byConsortium[id, default: []].append(record) } }
        let policy = StoredConsortium.policyDigest(config.policy)
        var differing: [String] = []
        var stale = 0
        var compared = 0
        try store.forEachStoredState { row in
            let id = row.consortium.id
            guard let documents = byConsortium.removeValue(forKey: id)?.sorted(by: { $0.arrival < $1.arrival }) else {
                differing.append("\(id)（没有文件 / no documents）")
                return
            }
            guard row.documents == StoredConsortium.DocumentsDigest.of(documents.map(\.sha256)) else {
                differing.append("\(id)（文件摘要不符 / documents digest differs）")
                return
            }
            var rows = DocumentArrivals()
            for document in documents { rows.add(document.arrival) }
            guard row.arrivals == nil || row.arrivals == rows else {
                differing.append("\(id)（文件行不符 / document rows differ）")
                return
            }
            guard row.checksum == nil || row.checksum == row.consortium.checksum else {
                differing.append("\(id)（保存的字节已损坏 / stored bytes damaged）")
                return
            }
            guard row.format == StoredConsortium.formatVersion, row.policy == policy else {
                stale += 1
                return
            }
            let restored = ResidentConsortium(restoring: row.consortium, policies: config.policy)
            let replayed = ResidentConsortium(id, documents: documents, through: restored.through, policies: config.policy)
            compared += 1
            if replayed.stored != row.consortium { differing.append("\(id)（状态与存档重放的不同 / state differs from the replay）") }
        }
        // The stored Acknowledgements: each as its archived document says.
        var expected: [Int: String] = [:]
        for record in records {
            if case .acknowledgement(let ack) = record.document.body { expected[record.arrival] = Self.line(ack, date: record.document.date) }
        }
        var wrongAcknowledgements = 0
        var storedAcknowledgements = 0
        if try store.hasStoredAcknowledgements() {
            try store.forEachStoredAcknowledgement { arrival, ack, date in
                storedAcknowledgements += 1
                if expected.removeValue(forKey: arrival) != Self.line(ack, date: date) { wrongAcknowledgements += 1 }
            }
        }
        var differences: [String] = []
        var notes: [String] = []
        if wrongAcknowledgements > 0 {
            differences.append(
                "\(wrongAcknowledgements) 份确认单在 stored_acknowledgement 表中与存档不符。修复：sqlite3 \(config.stateDirectory)/\(Store.fileName) \"DELETE FROM stored_acknowledgement\" 后重启守护进程（启动时从存档读回并重新保存）/ \(wrongAcknowledgements) stored acknowledgements differ from the archive; delete them and restart the daemon"
            )
        }
        if !expected.isEmpty {
            notes.append(
                "\(expected.count) 份确认单尚未存入 stored_acknowledgement：守护进程下次启动时从存档读回并保存 / \(expected.count) acknowledgements not stored yet: the daemon's next start reads them back and stores them"
            )
        }
        if !differing.isEmpty {
            let shown = differing.prefix(20).joined(separator: "、") + (differing.count > 20 ? " …" : "")
            differences.append(
                "\(differing.count) 个联合体保存的状态与存档不符：\(shown)。修复：sqlite3 \(config.stateDirectory)/\(Store.fileName) \"DELETE FROM stored_state\" 后重启守护进程（启动时从存档重放并重新保存）/ \(differing.count) stored states differ from the archive; delete them and restart the daemon, which replays the archive and stores them again"
            )
        }
        if stale > 0 || !byConsortium.isEmpty {
            notes.append(
                "\(stale) 个联合体保存的状态属于另一格式版本或政策、\(byConsortium.count) 个没有保存的状态：守护进程下次启动时从存档重放并保存 / \(stale) stored states of another format or policy and \(byConsortium.count) consortia without one: the daemon's next start replays and stores them"
            )
        }
        notes.append(
            "已核对 \(compared) 个保存的状态、\(storedAcknowledgements) 份确认单 / \(compared) stored states and \(storedAcknowledgements) acknowledgements compared with the archive"
        )
        return (differences, notes)
    }

    private static func line(_ ack: Acknowledgement, date: CivilDate) -> String {
        [ack.notice, date.description, ack.by, ack.note ?? "\u{0}", ack.until?.description ?? "\u{0}"].joined(separator: "\u{1F}")
    }
}
