/// The result of evaluating every consortium on one day.
public struct Evaluation: Sendable {
    public var day: CivilDate
    /// Each consortium's derived state.
    public var states: [ConsortiumID: ConsortiumState]
    /// Open findings (after waivers and status), sorted by consortium, rule, subject.
    public var findings: [Finding]
    /// Open notices, sorted by consortium, rule, subject (operations.md).
    public var notices: [Notice]
    /// Documents of consortia with no Application on or before them (they wait in `pending`).
    public var pending: [RecordedDocument]

    /// The notices of one consortium.
    public func notices(of consortium: ConsortiumID) -> [Notice] { notices.filter { $0.consortium == consortium } }
    public func findings(of consortium: ConsortiumID) -> [Finding] { findings.filter { $0.consortium == consortium } }

    /// What an evaluation keeps: everything, or only the notices and pending documents (what
    /// the daemon uses; `states` and `findings` are then empty).
    public enum Parts: Sendable, Equatable {
        case everything
        case noticesAndPending
    }
}
