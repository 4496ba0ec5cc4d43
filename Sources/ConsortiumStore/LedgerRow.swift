import ConsortiumCore

extension Store {
    /// An open notice as the ledger loads it at start-up: what `reconcile` decides with, read
    /// without the `json` column (only its acknowledgement, through SQLite's json_extract), its
    /// id and days parsed from the column's bytes (RawColumns.swift).
    public struct LedgerRow: Sendable, Equatable {
        /// Nil when the id is not 32 lowercase hex digits (then `invalidID` holds it).
        public var key: NoticeKey?
        public var invalidID: String?
        public var consortium: String
        public var rule: String
        public var subject: String
        public var lastEmitted: CivilDate?
        public var severity: String
        public var firstEmitted: CivilDate?
        /// `acknowledged` of the stored notice: nil when it is null.
        public var acknowledgedBy: String?
        public var acknowledgedNote: String?
        public var acknowledgedUntil: String?
    }
}
