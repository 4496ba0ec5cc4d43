import ConsortiumCore
import Foundation
import GRDB
import Glibc

/// The durable record: SQLite in WAL mode with `synchronous=FULL`. A document's acceptance is one
/// transaction; the commit is the moment of truth (the file is moved into the archive after it).
public final class Store: @unchecked Sendable {
    public static let fileName = "consortiumd.sqlite"
    package let pool: DatabaseWriter

    /// Opens (and migrates) the database in `stateDirectory` for the daemon.
    public init(stateDirectory: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.busyMode = .timeout(5)
        pool = try DatabasePool(path: stateDirectory + "/" + Self.fileName, configuration: config)
        try Self.migrator.migrate(pool)
    }

    /// Checkpoints the WAL into the database file and closes it (a clean stop leaves one file).
    public func close() {
        if let pool = pool as? DatabasePool {
            _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            try? pool.close()
        }
    }

    /// Opens an existing database read-only (`consortiumctl`).
    public init(readOnlyAt path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        // A pool when the database is in WAL mode (the daemon's always is), so that reading the
        // stored states and counting the documents can run on two threads (ResidentModel.load).
        if let reader = try? DatabasePool(path: path, configuration: config) {
            pool = reader
        } else {
            pool = try DatabaseQueue(path: path, configuration: config)
        }
    }

    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE document (
                      arrival INTEGER PRIMARY KEY AUTOINCREMENT,
                      sha256 TEXT NOT NULL UNIQUE,
                      name TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      consortium TEXT,
                      date TEXT NOT NULL,
                      encoding TEXT NOT NULL,
                      received TEXT NOT NULL,
                      archive TEXT NOT NULL
                    );
                    CREATE TABLE duplicate (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      sha256 TEXT NOT NULL,
                      name TEXT NOT NULL,
                      received TEXT NOT NULL,
                      archive TEXT NOT NULL UNIQUE
                    );
                    CREATE TABLE pending (
                      sha256 TEXT PRIMARY KEY,
                      name TEXT NOT NULL,
                      consortium TEXT,
                      date TEXT NOT NULL,
                      received TEXT NOT NULL,
                      path TEXT NOT NULL UNIQUE
                    );
                    CREATE TABLE notice (
                      id TEXT PRIMARY KEY,
                      consortium TEXT NOT NULL,
                      rule TEXT NOT NULL,
                      subject TEXT NOT NULL,
                      stage TEXT NOT NULL,
                      severity TEXT NOT NULL,
                      open INTEGER NOT NULL,
                      first_emitted TEXT NOT NULL,
                      last_emitted TEXT NOT NULL,
                      emissions INTEGER NOT NULL,
                      resolved TEXT,
                      json TEXT NOT NULL
                    );
                    CREATE TABLE emission (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      notice TEXT NOT NULL,
                      day TEXT NOT NULL,
                      what TEXT NOT NULL,
                      sent INTEGER NOT NULL,
                      at TEXT NOT NULL
                    );
                    CREATE INDEX emission_notice ON emission(notice);
                    """
            )
        }
        migrator.registerMigration("v2-document-consortium") { db in
            // The daemon reads one consortium's documents back when a document cannot simply be
            // applied after them (ResidentConsortium), and start-up reads them by consortium.
            try db.execute(sql: "CREATE INDEX document_consortium ON document(consortium, arrival)")
        }
        migrator.registerMigration("v3-relations") { db in
            // What `consortiumctl show` and `check` need to read one consortium and only the consortia its
            // findings depend on (RelatedConsortia.context), not the whole archive: the units each
            // consortium's documents name in a lead role or list, and each Acknowledgement's notice.
            // A database that already holds documents gets them from the daemon's next start-up
            // (`recordRelations`, then `markRelationsComplete`); until then `relationsComplete` is false.
            try db.execute(
                sql: """
                    CREATE TABLE unit (
                      unit TEXT NOT NULL,
                      role INTEGER NOT NULL,
                      consortium TEXT NOT NULL,
                      PRIMARY KEY (unit, role, consortium)
                    ) WITHOUT ROWID;
                    ALTER TABLE document ADD COLUMN notice TEXT;
                    CREATE INDEX document_notice ON document(notice) WHERE notice IS NOT NULL;
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    INSERT INTO meta (key, value) SELECT 'relations', 'complete' WHERE NOT EXISTS (SELECT 1 FROM document);
                    """
            )
        }
        migrator.registerMigration("v4-pending-reason") { db in
            // What a held document waits for (documents.md, revised 2026-12): its Application, a
            // status it fits, a member, a Withdrawal's target. Rows from before say nothing.
            try db.execute(sql: "ALTER TABLE pending ADD COLUMN reason TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("v5-document-announced") { db in
            // Whether a document's "document accepted" journal entry has been sent (docs/reliability.md,
            // "At most once, at least once"): set after the entry, so a crash in between leaves it 0 and
            // the next start sends the entry. Documents recorded before the column count as announced.
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN announced INTEGER NOT NULL DEFAULT 1;
                    CREATE INDEX document_unannounced ON document(arrival) WHERE announced = 0;
                    """
            )
        }
        migrator.registerMigration("v6-stored-states") { db in
            // Each consortium's replayed state (StoredStates.swift); a database from before gets
            // them at its next start-up, which replays the archive once more.
            try StoredStates.migrate(db)
        }
        migrator.registerMigration("v7-stored-acknowledgements") { db in
            // What start-up indexes of each Acknowledgement (StoredStates.swift), so that it reads
            // no archived file; a database from before gets them at its next start-up.
            try StoredStates.migrateAcknowledgements(db)
        }
        migrator.registerMigration("v8-stored-state-arrivals") { db in
            // Which document rows each stored state was built from, checked at start-up without
            // reading the documents' SHA-256 (StoredStates.swift); rows from before are checked
            // once by their documents digest and given them.
            try StoredStates.migrateArrivals(db)
        }
        migrator.registerMigration("v9-stored-state-checksum") { db in
            // The SHA-256 of each stored state's bytes, checked before they are read back
            // (StoredStates.swift); rows from before are given it at the next start.
            try db.execute(sql: "ALTER TABLE stored_state ADD COLUMN checksum TEXT")
        }
        return migrator
    }

    // MARK: - Documents

    public struct DocumentRow: Sendable, Equatable {
        public var arrival: Int
        public var sha256: String
        public var name: String
        public var kind: String
        public var consortium: String?
        public var date: String
        public var encoding: String
        public var received: String
        public var archive: String
    }

    public func documents() throws -> [DocumentRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.documentColumns) FROM document ORDER BY arrival").map(Self.documentRow)
        }
    }

    /// The columns `documentRow` reads by position (by name costs a lookup per column and row:
    /// start-up reads every row).
    private static let documentColumns = "arrival, sha256, name, kind, consortium, date, encoding, received, archive"

    private static func documentRow(_ row: Row) -> DocumentRow {
        DocumentRow(
            arrival: row[0],
            sha256: row[1],
            name: row[2],
            kind: row[3],
            consortium: row[4],
            date: row[5],
            encoding: row[6],
            received: row[7],
            archive: row[8]
        )
    }

    /// What reading the archive back needs of a document row: start-up holds the rows of a few
    /// thousand consortia at a time while it decodes them, so it reads five columns, not nine.
    public struct ArchivedRow: Sendable, Equatable {
        public var arrival: Int
        public var sha256: String
        public var name: String
        public var consortium: String?
        public var archive: String
    }

    private static let archivedColumns = "arrival, sha256, name, consortium, archive"

    private static func archivedRow(_ row: Row) -> ArchivedRow {
        ArchivedRow(arrival: row[0], sha256: row[1], name: row[2], consortium: row[3], archive: row[4])
    }

    /// Every row in arrival order.
    public func archivedDocuments() throws -> [ArchivedRow] {
        var rows: [ArchivedRow] = []
        try forEachArchivedRow(sql: "SELECT \(Self.archivedColumns) FROM document ORDER BY arrival") { rows.append($0) }
        return rows
    }

    /// The rows of one consortium, in arrival order.
    public func archivedDocuments(consortium: ConsortiumID) throws -> [ArchivedRow] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.archivedColumns) FROM document WHERE consortium = ? ORDER BY arrival",
                arguments: [consortium]
            ).map(Self.archivedRow)
        }
    }

    /// Every row, one consortium's rows after another (in arrival order within each), then the
    /// rows without a consortium (Acknowledgements): start-up reads them without holding all.
    public func forEachArchivedRowByConsortium(_ body: (ArchivedRow) throws -> Void) throws {
        try forEachArchivedRow(sql: "SELECT \(Self.archivedColumns) FROM document ORDER BY consortium IS NULL, consortium, arrival", body)
    }

    private func forEachArchivedRow(sql: String, _ body: (ArchivedRow) throws -> Void) throws {
        try pool.read { db in
            // A cursor: no intermediate array of copied rows.
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() { try body(Self.archivedRow(row)) }
        }
    }

    public func document(sha256: String) throws -> DocumentRow? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.documentColumns) FROM document WHERE sha256 = ?", arguments: [sha256]).map(Self.documentRow)
        }
    }

    /// An accepted document as recorded.
    public struct AcceptedRow: Sendable {
        public var arrival: Int
        public var sha256: String
        public var name: String
        public var document: Document
        public var encoding: DocumentEncoding
        public var received: Date
        public var archive: String
        /// Also remove its `pending` row (it waited for its Application).
        public var removingPending: Bool

        public init(
            arrival: Int,
            sha256: String,
            name: String,
            document: Document,
            encoding: DocumentEncoding,
            received: Date,
            archive: String,
            removingPending: Bool = false
        ) {
            self.arrival = arrival
            self.sha256 = sha256
            self.name = name
            self.document = document
            self.encoding = encoding
            self.received = received
            self.archive = archive
            self.removingPending = removingPending
        }
    }

    /// Records accepted documents in one transaction (group commit): all or none. `announced`:
    /// false when their journal entries are still to be sent (the daemon marks them with
    /// `markAnnounced` once sent; `unannouncedDocuments` gives the rest after a crash).
    /// `states`: the stored states of the consortia the documents changed (`StoredStates.write`,
    /// written in the same transaction), `removingStates` those whose stored state no longer holds.
    public func recordAccepted(
        _ rows: [AcceptedRow],
        announced: Bool = true,
        states: [StoredConsortium] = [],
        removingStates: [ConsortiumID] = [],
        policy: String = ""
    ) throws {
        try pool.write { db in
            for row in rows {
                if row.removingPending { try db.execute(sql: "DELETE FROM pending WHERE sha256 = ?", arguments: [row.sha256]) }
                try db.execute(
                    sql: """
                        INSERT INTO document (arrival, sha256, name, kind, consortium, date, encoding, received, archive, notice, announced)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        row.arrival, row.sha256, row.name, row.document.kind.rawValue, row.document.consortium,
                        row.document.date.description, row.encoding.rawValue, Self.timestamp(row.received), row.archive,
                        Relations.notice(row.document.body), announced,
                    ]
                )
                try Self.insertUnits(db, of: row.document)
                try StoredStates.writeAcknowledgement(db, row.document, arrival: row.arrival)
            }
            try StoredStates.write(db, states, removing: removingStates, policy: policy)
        }
    }

    /// A recorded document whose "document accepted" entry has not been sent yet: what the entry says.
    public struct UnannouncedRow: Sendable, Equatable {
        public var arrival: Int
        public var sha256: String
        public var name: String
        public var kind: String
        public var consortium: String?
        public var date: String
        public var encoding: String
        public var archive: String
        /// The notice an Acknowledgement acknowledges.
        public var notice: String?
    }

    /// The documents recorded with `announced: false` and not marked since, in arrival order.
    public func unannouncedDocuments() throws -> [UnannouncedRow] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT arrival, sha256, name, kind, consortium, date, encoding, archive, notice
                    FROM document WHERE announced = 0 ORDER BY arrival
                    """
            ).map {
                UnannouncedRow(
                    arrival: $0[0],
                    sha256: $0[1],
                    name: $0[2],
                    kind: $0[3],
                    consortium: $0[4],
                    date: $0[5],
                    encoding: $0[6],
                    archive: $0[7],
                    notice: $0[8]
                )
            }
        }
    }

    /// Marks documents as announced (their journal entries were sent). Not flushed to disk on its
    /// own (synchronous=NORMAL for this transaction; the next commit's flush takes it along): a
    /// mark lost to a power cut only sends an entry again, which is harmless.
    public func markAnnounced(arrivals: [Int]) throws {
        guard !arrivals.isEmpty else { return }
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.inTransaction {
                for start in stride(from: 0, to: arrivals.count, by: 500) {
                    let part = Array(arrivals[start..<min(start + 500, arrivals.count)])
                    let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
                    try db.execute(sql: "UPDATE document SET announced = 1 WHERE arrival IN (\(marks))", arguments: StatementArguments(part))
                }
                return .commit
            }
        }
    }

    // MARK: - Relations (what `consortiumctl show` and `check` read instead of the whole archive)

    /// The roles of a unit in the `unit` table.
    public enum UnitRole: Int, Sendable {
        /// Named in a lead role (LEAD_UNIQUE relates consortia sharing one).
        case lead = 1
        /// Named by an Incident (DISHONEST_MEMBER relates every consortium naming it).
        case listed = 2
    }

    /// What a document adds to the relation tables.
    package enum Relations {
        /// A unit as the table holds it: composed (NFC), so that SQLite's byte comparison finds
        /// what Swift's `==` (canonical equivalence) relates.
        package static func key(_ unit: MemberID) -> String { unit.precomposedStringWithCanonicalMapping }

        package static func notice(_ body: DocumentBody) -> String? {
            if case .acknowledgement(let ack) = body { return ack.notice }
            return nil
        }

        /// The `unit` rows a document gives: (unit as held, role, consortium).
        package static func units(of document: Document) -> [(unit: String, role: UnitRole, consortium: ConsortiumID)] {
            guard let consortium = document.consortium else { return [] }
            return RelatedConsortia.leadUnits(named: document.body).map { (key($0), .lead, consortium) }
                + RelatedConsortia.listedUnits(named: document.body).map { (key($0), .listed, consortium) }
        }
    }

    private static func insertUnits(_ db: Database, of document: Document) throws {
        for row in Relations.units(of: document) {
            try db.execute(
                sql: "INSERT OR IGNORE INTO unit (unit, role, consortium) VALUES (?, ?, ?)",
                arguments: [row.unit, row.role.rawValue, row.consortium]
            )
        }
    }

    /// Whether the relation tables cover every accepted document (false for a database whose
    /// documents were accepted before them, until the daemon's start-up has filled them in, and
    /// for one older than the tables, which `consortiumctl` opens without migrating it).
    public func relationsComplete() throws -> Bool {
        try pool.read { db in
            guard try db.tableExists("meta") else { return false }
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'relations'") == "complete"
        }
    }

    /// Fills the relation tables in for already accepted documents (idempotent: start-up may be
    /// interrupted and run again), in one transaction.
    public func recordRelations(_ documents: [RecordedDocument]) throws {
        try pool.write { db in
            for record in documents {
                if let notice = Relations.notice(record.document.body) {
                    try db.execute(sql: "UPDATE document SET notice = ? WHERE arrival = ?", arguments: [notice, record.arrival])
                }
                try Self.insertUnits(db, of: record.document)
            }
        }
    }

    /// Empties the relation tables before `recordRelations` fills them in again from every document.
    public func clearRelations() throws {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM meta WHERE key = 'relations'; DELETE FROM unit; UPDATE document SET notice = NULL WHERE notice IS NOT NULL"
            )
        }
    }

    /// Records that every accepted document is in the relation tables.
    public func markRelationsComplete() throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('relations', 'complete')")
        }
    }

    /// The relation tables as they are: each `unit` row as "unit role consortium", and each
    /// document row's notice by arrival (`consortiumctl verify` compares them with the archive).
    public func relationRows() throws -> (units: Set<String>, notices: [Int: String]) {
        try pool.read { db in
            let units = try String.fetchAll(db, sql: "SELECT unit || ' ' || role || ' ' || consortium FROM unit")
            var notices: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT arrival, notice FROM document WHERE notice IS NOT NULL") { notices[row[0]] = row[1] }
            return (Set(units), notices)
        }
    }

    /// What the relation tables should hold for `documents` (as `relationRows` gives them).
    public static func relationRows(of documents: [RecordedDocument]) -> (units: Set<String>, notices: [Int: String]) {
        var units: Set<String> = []
        var notices: [Int: String] = [:]
        for record in documents {
            if let notice = Relations.notice(record.document.body) { notices[record.arrival] = notice }
            for row in Relations.units(of: record.document) { units.insert("\(row.unit) \(row.role.rawValue) \(row.consortium)") }
        }
        return (units, notices)
    }

    /// The consortia naming one of `units` in `role`.
    public func consortia(naming units: [MemberID], as role: UnitRole) throws -> Set<ConsortiumID> {
        guard !units.isEmpty else { return [] }
        return try pool.read { db in
            var out: Set<ConsortiumID> = []
            for unit in Set(units.map(Relations.key)) {
                for id in try String.fetchAll(
                    db,
                    sql: "SELECT consortium FROM unit WHERE unit = ? AND role = ?",
                    arguments: [unit, role.rawValue]
                ) { out.insert(id) }
            }
            return out
        }
    }

    /// The rows of the Acknowledgements of `notices`, in arrival order.
    public func acknowledgementRows(of notices: [String]) throws -> [ArchivedRow] {
        try pool.read { db in
            var rows: [ArchivedRow] = []
            for notice in Set(notices) {
                rows += try Row.fetchAll(
                    db,
                    sql: "SELECT \(Self.archivedColumns) FROM document WHERE notice = ?",
                    arguments: [notice]
                ).map(Self.archivedRow)
            }
            return rows.sorted { $0.arrival < $1.arrival }
        }
    }

    public func recordDuplicate(sha256: String, name: String, received: Date, archive: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO duplicate (sha256, name, received, archive) VALUES (?, ?, ?, ?)",
                arguments: [sha256, name, Self.timestamp(received), archive]
            )
        }
    }

    public func duplicateArchives(sha256: String) throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT archive FROM duplicate WHERE sha256 = ?", arguments: [sha256]) }
    }

    public var documentCount: Int { (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0 }) ?? 0 }

    // MARK: - Pending

    public struct PendingRow: Sendable, Equatable {
        public var sha256: String
        public var name: String
        public var consortium: String?
        public var date: String
        public var received: String
        public var path: String
        /// What it waits for (Chinese, as the pending entry said it).
        public var reason: String

        package init(sha256: String, name: String, consortium: String?, date: String, received: String, path: String, reason: String) {
            self.sha256 = sha256
            self.name = name
            self.consortium = consortium
            self.date = date
            self.received = received
            self.path = path
            self.reason = reason
        }
    }

    public func recordPending(sha256: String, name: String, document: Document, received: Date, path: String, reason: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO pending (sha256, name, consortium, date, received, path, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [sha256, name, document.consortium, document.date.description, Self.timestamp(received), path, reason]
            )
        }
    }

    /// A held document judged again and still held, for another reason.
    public func updatePendingReason(sha256: String, reason: String) throws {
        try pool.write { db in try db.execute(sql: "UPDATE pending SET reason = ? WHERE sha256 = ?", arguments: [reason, sha256]) }
    }

    public func pendingRows() throws -> [PendingRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pending ORDER BY received, sha256").map {
                PendingRow(
                    sha256: $0["sha256"],
                    name: $0["name"],
                    consortium: $0["consortium"],
                    date: $0["date"],
                    received: $0["received"],
                    path: $0["path"],
                    reason: $0["reason"]
                )
            }
        }
    }

    public func removePending(sha256: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM pending WHERE sha256 = ?", arguments: [sha256]) }
    }

    // MARK: - Notice ledger

    public struct NoticeRow: Sendable, Equatable {
        public var id: String
        public var consortium: String
        public var rule: String
        public var subject: String
        public var stage: String
        public var severity: String
        public var open: Bool
        public var firstEmitted: String
        public var lastEmitted: String
        public var emissions: Int
        public var resolved: String?
        public var json: String

        package init(
            id: String,
            consortium: String,
            rule: String,
            subject: String,
            stage: String,
            severity: String,
            open: Bool,
            firstEmitted: String,
            lastEmitted: String,
            emissions: Int,
            resolved: String?,
            json: String
        ) {
            self.id = id
            self.consortium = consortium
            self.rule = rule
            self.subject = subject
            self.stage = stage
            self.severity = severity
            self.open = open
            self.firstEmitted = firstEmitted
            self.lastEmitted = lastEmitted
            self.emissions = emissions
            self.resolved = resolved
            self.json = json
        }
    }

    /// Every ledger row with its JSON (`consortiumctl notices`, `verify`).
    public func notices() throws -> [NoticeRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notice").map {
                NoticeRow(
                    id: $0["id"],
                    consortium: $0["consortium"],
                    rule: $0["rule"],
                    subject: $0["subject"],
                    stage: $0["stage"],
                    severity: $0["severity"],
                    open: $0["open"],
                    firstEmitted: $0["first_emitted"],
                    lastEmitted: $0["last_emitted"],
                    emissions: $0["emissions"],
                    resolved: $0["resolved"],
                    json: $0["json"]
                )
            }
        }
    }

    /// Every notice of the ledger in one pass over the table (start-up): the open ones without
    /// their JSON to `open`, one row at a time; the keys of the others to `closed` (ids that are
    /// not 32 lowercase hex digits are left out). Only the JSON of an acknowledged open notice is
    /// parsed: the ledger writes it compact, so an unacknowledged one contains
    /// `"acknowledged":null` (a `"` inside a JSON string is escaped; any other form is parsed). A
    /// JSON that does not parse gives no acknowledgement rather than failing the read.
    public func ledgerRows(closed: (NoticeKey) -> Void, open body: (LedgerRow) throws -> Void) throws {
        let acknowledged = "open AND instr(json, '\"acknowledged\":null') = 0 AND json_valid(json)"
        try pool.read { db in
            try RawColumns.forEach(
                db,
                sql: """
                    SELECT open, id, consortium, rule, subject, last_emitted, severity, first_emitted,
                           CASE WHEN \(acknowledged) THEN json_extract(json, '$.acknowledged.by') END,
                           CASE WHEN \(acknowledged) THEN json_extract(json, '$.acknowledged.note') END,
                           CASE WHEN \(acknowledged) THEN json_extract(json, '$.acknowledged.until') END
                    FROM notice
                    """
            ) { row in
                let key = row.withText(1) { NoticeKey(utf8: $0) }
                guard row.int(0) != 0 else {
                    if let key { closed(key) }
                    return
                }
                try body(
                    LedgerRow(
                        key: key,
                        invalidID: key == nil ? row.string(1) : nil,
                        consortium: row.string(2),
                        rule: row.string(3),
                        subject: row.string(4),
                        lastEmitted: row.date(5),
                        severity: row.string(6),
                        firstEmitted: row.date(7),
                        acknowledgedBy: row.optionalString(8),
                        acknowledgedNote: row.optionalString(9),
                        acknowledgedUntil: row.optionalString(10)
                    )
                )
            }
        }
    }

    /// The stored JSON of those of `ids` the ledger has, by id.
    public func noticeJSON(ids: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        try pool.read { db in
            for start in stride(from: 0, to: ids.count, by: 500) {
                let batch = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT id, json FROM notice WHERE id IN (\(marks))", arguments: StatementArguments(batch)) {
                    let id: String = row[0]
                    let json: String = row[1]
                    result[id] = json
                }
            }
        }
        return result
    }

    /// Every notice id of the ledger, open or closed.
    public func noticeIDs() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM notice") }
    }

    /// The consortium of notice `id`, nil when the ledger does not have it.
    public func noticeConsortium(id: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT consortium FROM notice WHERE id = ?", arguments: [id]) }
    }

    /// Saves ledger changes and their emissions in one transaction.
    public func saveLedger(_ changes: [LedgerChange], emissions: [(notice: String, day: String, what: String, sent: Bool)], at now: Date) throws {
        guard !changes.isEmpty || !emissions.isEmpty else { return }
        try pool.write { db in
            for change in changes {
                switch change {
                case .open(let r):
                    // A new occurrence of a closed notice replaces its row; its emissions count on.
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO notice (id, consortium, rule, subject, stage, severity, open, first_emitted, last_emitted, emissions, resolved, json)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT(id) DO UPDATE SET consortium = excluded.consortium, rule = excluded.rule, subject = excluded.subject,
                              stage = excluded.stage, severity = excluded.severity, open = excluded.open, first_emitted = excluded.first_emitted,
                              last_emitted = excluded.last_emitted, emissions = notice.emissions + excluded.emissions,
                              resolved = excluded.resolved, json = excluded.json
                            """
                    ).execute(arguments: [
                        r.id, r.consortium, r.rule, r.subject, r.stage, r.severity, r.open, r.firstEmitted,
                        r.lastEmitted, r.emissions, r.resolved, r.json,
                    ])
                case .repeated(let id, let day):
                    try db.cachedStatement(sql: "UPDATE notice SET last_emitted = ?, emissions = emissions + 1 WHERE id = ?")
                        .execute(arguments: [day, id])
                case .acknowledged(let id, let json):
                    try db.cachedStatement(sql: "UPDATE notice SET json = ? WHERE id = ?").execute(arguments: [json, id])
                case .closed(let id, let resolved, let json):
                    try db.cachedStatement(sql: "UPDATE notice SET open = 0, resolved = ?, json = coalesce(?, json) WHERE id = ?")
                        .execute(arguments: [resolved, json, id])
                }
            }
            let at = Self.timestamp(now)
            for e in emissions {
                try db.cachedStatement(sql: "INSERT INTO emission (notice, day, what, sent, at) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [e.notice, e.day, e.what, e.sent, at])
            }
        }
    }

    public struct EmissionRow: Sendable, Equatable {
        public var seq: Int
        public var notice: String
        public var day: String
        public var what: String
        public var sent: Bool
        public var at: String
    }

    public func emissions(since day: String? = nil) throws -> [EmissionRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM emission WHERE day >= ? ORDER BY seq DESC", arguments: [day ?? ""]).map {
                EmissionRow(seq: $0["seq"], notice: $0["notice"], day: $0["day"], what: $0["what"], sent: $0["sent"], at: $0["at"])
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC), formatted by hand: ISO8601DateFormatter loads ICU data.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        let millis = Int((date.timeIntervalSince1970 - Double(seconds)) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// Parses what `timestamp` wrote.
    public static func instant(_ text: String) -> Date? {
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        guard let day = CivilDate(String(text.prefix(10))) else { return nil }
        let seconds = day.dayNumber * 86_400 + number(11..<13) * 3600 + number(14..<16) * 60 + number(17..<19)
        return Date(timeIntervalSince1970: Double(seconds))
    }
}
