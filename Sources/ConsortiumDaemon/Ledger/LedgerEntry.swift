import ConsortiumCore

/// What the ledger keeps in memory for one open notice: only what `NoticeLedger.reconcile`
/// decides with. The notice's JSON, stage, severity, first emission and emission count stay in
/// the store (`notice` table); the acknowledgement as last written is kept apart (few have one).
struct LedgerEntry: Sendable {
    /// Consortium, rule and subject: the scope of a partial evaluation, and whether a notice that
    /// is no longer open was superseded by another stage.
    var subject: NoticeSubject
    /// The day it was last emitted (opened or repeated), as `CivilDate.dayNumber`; nil when the
    /// stored day does not parse (taken as today: no repeat).
    var lastEmitted: Int32?
    /// Its severity and the day it opened (`CivilDate.dayNumber`; nil when the stored day does not
    /// parse): what the metrics count of open notices (runbook.md "Monitoring").
    var severity: Severity
    var opened: Int32?
}
