extension Store {
    /// An open notice as the ledger loads it at start-up: what `reconcile` decides with, read
    /// without the `json` column (only its acknowledgement, through SQLite's json_extract).
    public struct LedgerRow: Sendable, Equatable {
        public var id: String
        public var consortium: String
        public var rule: String
        public var subject: String
        public var lastEmitted: String
        public var severity: String
        public var firstEmitted: String
        /// `acknowledged` of the stored notice: nil when it is null.
        public var acknowledgedBy: String?
        public var acknowledgedNote: String?
        public var acknowledgedUntil: String?
    }
}
