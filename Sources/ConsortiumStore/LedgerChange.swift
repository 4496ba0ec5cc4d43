extension Store {
    /// One change `NoticeLedger.reconcile` commits (`saveLedger`), written as an update of the
    /// columns it changes: a row's JSON is encoded only when the notice file is (re)written.
    public enum LedgerChange: Sendable, Equatable {
        /// A notice opens: a new row, or a new occurrence of a closed one (its row is replaced,
        /// its emission count goes on).
        case open(NoticeRow)
        /// Emitted again (a repeat) on `day`.
        case repeated(id: String, day: String)
        /// Its acknowledgement changed: the notice file was rewritten with `json`.
        case acknowledged(id: String, json: String)
        /// No longer open: resolved on `resolved` (the file rewritten with `json`), or superseded by
        /// a later stage (both nil: the row keeps its JSON).
        case closed(id: String, resolved: String?, json: String?)
    }
}
