/// A consortium as the daemon keeps it between evaluations: its documents applied in order (the
/// replayed state), without the documents themselves (and of them only what the rules read:
/// `ResidentForm`). Evaluating it on a day gives exactly what
/// replaying its documents gives (`Evaluator.evaluate(_:acknowledgements:on:policies:)`; the
/// equivalence tests check it), so the daemon neither holds every decoded document nor replays
/// every consortium at each evaluation (docs/performance.md).
///
/// A document that sorts after every document the consortium has (date, kind, arrival: the
/// replay order) is applied to the state (read back, applied, packed again: `appending`).
/// Anything else — an earlier date, a Withdrawal (it undoes an earlier document) — needs the
/// consortium's documents replayed again from the start: `appending` returns nil and the caller
/// rebuilds it from its documents.
public struct ResidentConsortium: Sendable {
    public let id: ConsortiumID
    /// Every document dated on or before `through`, applied; time not advanced past the last.
    /// Packed (`StatePacking`: one buffer of about 3 KB where the Swift values take 64 heap blocks
    /// and 10 KB, docs/performance.md), read back whenever it is evaluated or changed (`replayer`). A resident
    /// consortium is copied by one reference count (evaluations read many).
    private var packed: [UInt8] = []
    /// The policies it was replayed under (the packed bytes leave them out).
    private let policies: PolicySchedule
    /// What each evaluation reads of the replayer besides its state, kept unpacked.
    private var summary = Replayer.Summary()
    /// The replayer, read back from its bytes: a copy, which changes nothing here.
    var replayer: Replayer { Replayer(unpacking: packed, id: id, policies: policies) }

    /// Documents dated after `through` (a document may be dated tomorrow), in replay order.
    var waiting: [RecordedDocument] = []
    /// The day through which documents are applied.
    public private(set) var through: CivilDate
    /// The replay order's key of the last document (applied or waiting).
    private(set) var lastKey: (CivilDate, Int, Int)?
    /// The latest date among the applied documents.
    private(set) var lastApplied: CivilDate?
    /// The earliest Application's date (a document dated before it waits in `pending/`).
    public private(set) var firstApplication: CivilDate?
    /// Units named by any of its documents (RelatedConsortia), sorted, without repeats.
    public private(set) var units: [MemberID] = []
    /// Of them, those named in a lead role (LEAD_UNIQUE relates consortia through these), and
    /// those its Incidents name (DISHONEST_MEMBER); sorted, without repeats.
    public private(set) var leadUnits: [MemberID] = []
    public private(set) var listedUnits: [MemberID] = []
    /// How many documents it holds.
    public private(set) var documentCount = 0
    /// Per approval of its state, the formation rules not looking at other consortia that it
    /// leaves unmet (APPROVED_WITH_UNMET), judged under `policies`: an approval's
    /// formation and day never change, so the evaluation does not judge them again each day.
    private var approvalsUnmet: [[RuleID]] = []
    /// The findings of the formation rules not looking at other consortia (`FormationRules.ownFindings`)
    /// of its live state, judged under `policies` with the policy version in force on
    /// `through` (`version`); nil when the state is not live. They change only with its documents
    /// and the day's policy version: the evaluation does not judge them again each day.
    private var formationOwn: (version: Int, findings: [Finding])?

    /// The consortium replayed from its documents (any array order; only the arrival numbers
    /// order documents of the same date and kind), applied through `day`.
    public init(_ id: ConsortiumID, documents: [RecordedDocument], through day: CivilDate, policies: PolicySchedule) {
        let order = RecordedDocument.sortedPositions(documents.map(\.applicationKey))
        var ids = ResidentForm.Identifiers()
        let ordered = order.map { ResidentForm.compact(documents[$0], &ids) }
        let cut = ordered.firstIndex { $0.document.date > day } ?? ordered.count
        self.id = id
        self.through = day
        self.policies = policies
        let replayer = Replayer.applied(id, ordered: Array(ordered[..<cut]), policies: policies, keepsDocuments: false)
        waiting = Array(ordered[cut...])
        lastApplied = ordered[..<cut].last?.document.date
        for record in ordered { note(record) }
        keep(replayer, judgingApprovals: true, judgingFormation: true)
    }

    /// What `StoredConsortium` keeps of a consortium: every property but `id`, `policies` and
    /// `waiting` (a consortium with waiting documents is not stored).
    struct Parts {
        var packed: [UInt8]
        var summary = Replayer.Summary()
        var through = CivilDate(packedValue: 0)
        var lastKey: (CivilDate, Int, Int)?
        var lastApplied: CivilDate?
        var firstApplication: CivilDate?
        var units: [MemberID] = [], leadUnits: [MemberID] = [], listedUnits: [MemberID] = []
        var documentCount = 0
        var approvalsUnmet: [[RuleID]] = []
        var formationOwn: (version: Int, findings: [Finding])?
    }

    /// Holds `unit(u)` for each of its units `u` (the model shares one String per unit among its
    /// consortia: start-up restores consortia on every core, then shares their units on one).
    public mutating func shareUnits(_ unit: (MemberID) -> MemberID) {
        units = units.map(unit)
        leadUnits = leadUnits.map(unit)
        listedUnits = listedUnits.map(unit)
    }

    /// The consortium `parts` describe (`StoredConsortium`).
    init(_ id: ConsortiumID, parts: Parts, policies: PolicySchedule) {
        self.id = id
        self.policies = policies
        packed = parts.packed
        summary = parts.summary
        through = parts.through
        lastKey = parts.lastKey
        lastApplied = parts.lastApplied
        firstApplication = parts.firstApplication
        units = parts.units
        leadUnits = parts.leadUnits
        listedUnits = parts.listedUnits
        documentCount = parts.documentCount
        approvalsUnmet = parts.approvalsUnmet
        formationOwn = parts.formationOwn
    }

    /// Its parts, nil while documents wait.
    var storedParts: Parts? {
        guard waiting.isEmpty else { return nil }
        return Parts(
            packed: packed,
            summary: summary,
            through: through,
            lastKey: lastKey,
            lastApplied: lastApplied,
            firstApplication: firstApplication,
            units: units,
            leadUnits: leadUnits,
            listedUnits: listedUnits,
            documentCount: documentCount,
            approvalsUnmet: approvalsUnmet,
            formationOwn: formationOwn
        )
    }

    /// Keeps `replayer` (packed, with its summary), judging again its approvals and the
    /// formation of `through` when asked.
    private mutating func keep(_ replayer: Replayer, judgingApprovals: Bool, judgingFormation: Bool) {
        if judgingApprovals {
            approvalsUnmet =
                replayer.state.map { state in
                    state.round.approvals.map { FormationRules.unmetWithoutContext(id, $0, policies: policies) }
                } ?? []
        }
        if judgingFormation { judgeFormation(replayer) }
        packed = replayer.packed()
        summary = replayer.summary
    }

    /// Counts `record` as held: the replay order's last key, its units, the first Application.
    private mutating func note(_ record: RecordedDocument) {
        lastKey = record.applicationKey
        documentCount += 1
        let body = record.document.body
        let named = RelatedConsortia.units(named: body)
        if !named.isEmpty {
            Self.merge(named, into: &units)
            Self.merge(RelatedConsortia.leadUnits(named: body), into: &leadUnits)
            Self.merge(RelatedConsortia.listedUnits(named: body), into: &listedUnits)
        }
        if record.document.kind == .application, firstApplication.map({ record.document.date < $0 }) ?? true {
            firstApplication = record.document.date
        }
    }

    /// `units` merged into the sorted `list`.
    private static func merge(_ units: [MemberID], into list: inout [MemberID]) {
        if !units.allSatisfy(list.contains) { list = Array(Set(list).union(units)).sorted() }
    }

    /// What `approvalsUnmet` holds, when it was judged under `policies`.
    func unmetWithoutContext(_ policies: PolicySchedule) -> [[RuleID]]? {
        policies == self.policies ? approvalsUnmet : nil
    }

    /// Judges `formationOwn` for `through`, under the policy version in force then.
    private mutating func judgeFormation(_ replayer: Replayer) {
        guard let state = replayer.state, state.status.isLive else {
            formationOwn = nil
            return
        }
        let input = FormationRules.input(state, on: through, policies: policies, context: RuleContext(segments: [], listings: []))
        formationOwn = (policies.versionIndex(on: through), FormationRules.ownFindings(input, waived: state.round.waivers))
    }

    /// What `formationOwn` holds for `day` (which must be `through`), when it was judged under
    /// `policies` and the version in force on `day`: the findings as judged on `day`.
    func formationOwn(_ policies: PolicySchedule, on day: CivilDate) -> [Finding]? {
        guard let formationOwn, policies == self.policies, formationOwn.version == policies.versionIndex(on: day) else { return nil }
        guard !formationOwn.findings.isEmpty, formationOwn.findings[0].since != day else { return formationOwn.findings }
        return formationOwn.findings.map { finding in
            var finding = finding
            finding.since = day
            return finding
        }
    }

    /// Whether `record` can be applied to the state as it stands: it sorts after every document
    /// held, and neither it nor a waiting document is a Withdrawal.
    public func canAppend(_ record: RecordedDocument) -> Bool {
        record.document.kind != .withdrawal && (lastKey.map { $0 < record.applicationKey } ?? true)
            && !waiting.contains { $0.document.kind == .withdrawal }
    }

    /// The consortium with `record` added (applied as replaying every document would apply it,
    /// or not applied for the same reason: see `notApplied`); nil when `canAppend` is false.
    public func appending(_ record: RecordedDocument) -> ResidentConsortium? {
        guard canAppend(record) else { return nil }
        var ids = ResidentForm.Identifiers(units)
        let record = ResidentForm.compact(record, &ids)
        var next = self
        next.note(record)
        if record.document.date <= through {
            // Nothing waits: every waiting document is dated after `through`, so after `record`.
            var replayer = replayer
            replayer.apply(record, withdrawn: [])
            next.lastApplied = record.document.date
            next.keep(replayer, judgingApprovals: Self.mayChangeApprovals(record), judgingFormation: true)
        } else {
            // The state is as it was: so are its approvals and formation.
            next.waiting.append(record)
        }
        return next
    }

    /// An Approval adds one; an Application may start a new round without any.
    private static func mayChangeApprovals(_ record: RecordedDocument) -> Bool {
        record.document.kind == .approval || record.document.kind == .application
    }

    /// Why `record` would not be applied if it arrived now (Intake), without keeping it; nil
    /// when it would be. `record` must be one `canAppend` accepts.
    public func notApplied(_ record: RecordedDocument) -> (zh: String, en: String)? {
        var replayer = replayer
        for waiting in waiting where waiting.document.date <= record.document.date {
            replayer.apply(waiting, withdrawn: [])
        }
        return replayer.apply(record, withdrawn: [])
    }

    /// Applies the waiting documents dated on or before `day` and moves `through` to it. False
    /// when `day` is before a document already applied (the wall clock went back) or a waiting
    /// Withdrawal takes effect: then the consortium must be rebuilt from its documents for `day`.
    public mutating func advance(through day: CivilDate) -> Bool {
        if let lastApplied, lastApplied > day { return false }
        if waiting.contains(where: { $0.document.kind == .withdrawal && $0.document.date <= day }) { return false }
        through = day
        guard let first = waiting.first, first.document.date <= day else {
            // Nothing to apply: the formation is judged again only under another policy version.
            if summary.isLive, formationOwn?.version != policies.versionIndex(on: day) {
                judgeFormation(replayer)
            } else if !summary.isLive {
                formationOwn = nil
            }
            return true
        }
        var replayer = replayer
        var approvalsChanged = false
        while let next = waiting.first, next.document.date <= day {
            replayer.apply(waiting.removeFirst(), withdrawn: [])
            lastApplied = next.document.date
            approvalsChanged = approvalsChanged || Self.mayChangeApprovals(next)
        }
        keep(replayer, judgingApprovals: approvalsChanged, judgingFormation: true)
        return true
    }

    /// Its status on `day` (which must be `through`), as `consortiumctl list` shows it, without
    /// reading the state back (the daemon's metrics count them: runbook.md "Monitoring"); nil
    /// without a state.
    public func status(on day: CivilDate) -> ConsortiumStatus? {
        summary.approvalEnded(before: day) != nil ? .expired : summary.status
    }

    /// What the rules that look across consortia need of it on `day`: its lead segments and
    /// dishonesty listings, as `state(on: day)` has them, without copying the state.
    func crossConsortiumParts(on day: CivilDate) -> (segments: [LeadSegment], listings: [DishonestyListing]) {
        (summary.leadSegments(advancedTo: day), summary.listings)
    }

    /// `body` of the state on `day` (which must be `through`), as the rules judge it (the lead
    /// segments aside: the evaluation takes them from `crossConsortiumParts`); nil without a
    /// state. The state read back is not advanced unless its approval ends before `day`.
    func withState<Result>(on day: CivilDate, _ body: (ConsortiumState) -> Result) -> Result? {
        guard summary.hasState else { return nil }
        if summary.approvalEnded(before: day) != nil { return state(on: day).map(body) }
        return replayer.takeState().map(body)
    }

    /// The state on `day` (which must be `through`): what `Replayer.replay` gives for its
    /// documents dated on or before `day`.
    public func state(on day: CivilDate) -> ConsortiumState? {
        var replayer = replayer
        replayer.advance(to: day)
        replayer.finish()
        return replayer.takeState()
    }
}
