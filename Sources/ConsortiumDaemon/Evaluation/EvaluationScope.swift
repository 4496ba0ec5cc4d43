import ConsortiumCore
import ConsortiumStore

/// The evaluation driver's memory: which consortia an evaluation judges (the scope), the day of
/// the last full evaluation and what the last one judged. Pure; `Daemon.evaluate`
/// (Daemon+Evaluate.swift) runs the evaluator and the ledger over what it returns.
struct EvaluationScope {
    /// The day of the last full evaluation that reached the ledger (start-up, the daily timer, a reload).
    private(set) var lastFull: CivilDate?
    /// The consortia the last evaluation after a batch judged (nil: the last was a full one).
    private(set) var lastEvaluated: Set<ConsortiumID>?

    /// The consortia to evaluate on `day` after a batch that touched `touched` (nil: all).
    /// After a batch: the consortia it touched and those sharing a unit with them (operations.md),
    /// each judged seeing every consortium its notices depend on (RelatedConsortia; only these
    /// are reconciled). Of those sharing a unit, only the ones whose notices the batch can change
    /// (`affected`: a shared lead unit, a unit an Incident names) can come out differently from
    /// today's full evaluation: the others are left out once it has run today.
    mutating func begin(_ touched: Set<ConsortiumID>?, on day: CivilDate, model: ResidentModel) -> Set<ConsortiumID>? {
        let evaluated = touched.map { scope in
            let affected = model.affected(by: scope)
            return lastFull == day ? affected : affected.union(model.sharingAUnit(with: scope))
        }
        lastEvaluated = evaluated
        return evaluated
    }

    /// The evaluation reached the ledger; a full one counts for `day`.
    mutating func finished(full: Bool, on day: CivilDate) {
        if full { lastFull = day }
    }

    /// Some consortia's notices were not reconciled: later batches evaluate the wider set again
    /// until a full evaluation has gone through.
    mutating func failed() { lastFull = nil }
}
