/// Derives one consortium's state by applying its documents in application order
/// (documents.md "Envelope"; rules.md "Lifecycle"). A document that does not fit the status it
/// meets is recorded as not applied, with the reason.
struct Replayer {
    let id: ConsortiumID
    let policies: PolicySchedule
    private(set) var state: ConsortiumState?
    /// Documents seen before any Application (they wait for it: `pending`).
    private(set) var early: [AppliedDocument] = []
    /// Whether `state.documents` lists every applied document (what `consortiumctl show` and
    /// Intake read) and the state keeps the SHA-256 of the documents its records and findings
    /// come from (`Finding.source`). A resident consortium (the daemon's) keeps neither: its
    /// notices do not depend on them, and they are most of a consortium's memory after its members.
    var keepsDocuments = true
    private var openSegments: [LeadSegment] = []
    /// What the open segments were made from: (live, leads, application date).
    private var segmentKey: (Bool, [MemberID], CivilDate?) = (false, [], nil)

    init(id: ConsortiumID, policies: PolicySchedule, state: ConsortiumState? = nil) {
        self.id = id
        self.policies = policies
        self.state = state
    }

    /// Replays `documents` (all of this consortium, any order) dated on or before `day`.
    static func replay(
        _ id: ConsortiumID,
        documents: [RecordedDocument],
        through day: CivilDate,
        policies: PolicySchedule
    ) -> Replayer {
        let inScope = documents.filter { $0.document.date <= day }
        let order = RecordedDocument.sortedPositions(inScope.map(\.applicationKey))
        return replay(id, ordered: order.map { inScope[$0] }, through: day, policies: policies)
    }

    /// The same for documents already dated on or before `day` and in application order.
    static func replay(
        _ id: ConsortiumID,
        ordered inScope: [RecordedDocument],
        through day: CivilDate,
        policies: PolicySchedule
    ) -> Replayer {
        var replayer = applied(id, ordered: inScope, policies: policies)
        replayer.advance(to: day)
        replayer.finish()
        return replayer
    }

    /// Withdrawals that name an earlier document of the consortium that is not itself a
    /// Withdrawal (decisions 24).
    /// The documents applied in order, before time is advanced to a day and lead segments closed
    /// (`advance(to:)`, `finish()`): what a resident consortium keeps between evaluations.
    static func applied(
        _ id: ConsortiumID,
        ordered inScope: [RecordedDocument],
        policies: PolicySchedule,
        keepsDocuments: Bool = true
    ) -> Replayer {
        var replayer = Replayer(id: id, policies: policies)
        replayer.keepsDocuments = keepsDocuments
        let withdrawn = Self.withdrawnDocuments(inScope)
        for record in inScope where withdrawn.isEmpty || !withdrawn.contains(record.sha256) || record.document.kind == .withdrawal {
            replayer.apply(record, withdrawn: withdrawn)
        }
        return replayer
    }

    static func withdrawnDocuments(_ ordered: [RecordedDocument]) -> Set<String> {
        guard ordered.contains(where: { $0.document.kind == .withdrawal }) else { return [] }
        var seen: [String: DocumentKind] = [:]
        var withdrawn: Set<String> = []
        for record in ordered {
            if case .withdrawal(let w) = record.document.body, let kind = seen[w.document], kind != .withdrawal {
                withdrawn.insert(w.document)
            }
            seen[record.sha256] = record.document.kind
        }
        return withdrawn
    }

    // MARK: - Time

    /// Advances the state to `day`: an approval past its last day expires (rules.md).
    /// (The state is changed in place: a copy of it would make every later change copy its
    /// arrays and dictionaries.)
    mutating func advance(to day: CivilDate) {
        guard let lastDay = approvalEnded(before: day) else { return }
        state!.status = .expired
        closeSegments(through: lastDay)
        segmentKey = (false, [], state!.round.formation.applicationDate)
    }

    /// The last day of the approval in force, when it ended before `day` (`advance(to: day)` expires the state).
    func approvalEnded(before day: CivilDate) -> CivilDate? { Self.ended(Self.approvedThrough(state), before: day) }

    /// The last day of the approval in force of `state` (status `approved`), if any.
    private static func approvedThrough(_ state: ConsortiumState?) -> CivilDate? {
        state?.status == .approved ? state?.round.approvals.last?.lastDay : nil
    }

    /// `lastDay` when it is before `day`.
    private static func ended(_ lastDay: CivilDate?, before day: CivilDate) -> CivilDate? {
        lastDay.flatMap { day > $0 ? $0 : nil }
    }

    /// The lead segments `advance(to: day)` then `finish()` would leave, without changing anything.
    func leadSegments(advancedTo day: CivilDate) -> [LeadSegment] { summary.leadSegments(advancedTo: day) }

    /// What a resident consortium reads of its replayer at every evaluation, kept beside the
    /// packed replayer so that reading it does not unpack the state: whether there is a state and
    /// it is live, when its approval ends, and what the rules looking across consortia see of it.
    struct Summary: Sendable {
        var hasState = false
        var isLive = false
        /// The last day of the approval in force (status `approved`).
        var approvedThrough: CivilDate?
        var closedSegments: [LeadSegment] = []
        var openSegments: [LeadSegment] = []
        var listings: [DishonestyListing] = []
        /// The state's status (nil: no state), before `advance(to:)` expires an approval.
        var status: ConsortiumStatus?

        /// The last day of the approval, when it ended before `day`.
        func approvalEnded(before day: CivilDate) -> CivilDate? { Replayer.ended(approvedThrough, before: day) }

        /// The lead segments `advance(to: day)` then `finish()` would leave.
        func leadSegments(advancedTo day: CivilDate) -> [LeadSegment] {
            guard hasState else { return [] }
            if let lastDay = approvalEnded(before: day) {
                return closedSegments
                    + openSegments.filter { $0.from <= lastDay }.map { segment in
                        var closed = segment
                        closed.through = lastDay
                        return closed
                    }
            }
            return openSegments.isEmpty ? closedSegments : closedSegments + openSegments
        }
    }

    var summary: Summary {
        guard let state else { return Summary() }
        return Summary(
            hasState: true,
            isLive: state.status.isLive,
            approvedThrough: Self.approvedThrough(state),
            closedSegments: state.leadSegments,
            openSegments: openSegments,
            listings: state.listings,
            status: state.status
        )
    }

    // MARK: - Packed (StatePacking)

    /// Everything but `id` and `policies`, as bytes.
    func packed() -> [UInt8] {
        var writer = StateWriter()
        writer.optional(state) { $0.state($1) }
        writer.array(early) { $0.applied($1) }
        writer.bool(keepsDocuments)
        writer.array(openSegments) { $0.segment($1) }
        writer.bool(segmentKey.0)
        writer.ids(segmentKey.1)
        writer.date(segmentKey.2)
        return writer.finished()
    }

    /// The replayer `packed()` gave `bytes`.
    init(unpacking bytes: [UInt8], id: ConsortiumID, policies: PolicySchedule) {
        self.init(id: id, policies: policies)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = StateReader(buffer)
            state = reader.optional { $0.state() }
            early = reader.array { $0.applied() }
            keepsDocuments = reader.bool()
            openSegments = reader.array { $0.segment() }
            segmentKey = (reader.bool(), reader.ids(), reader.optionalDate())
            precondition(reader.atEnd, "packed replayer of \(id) not read to its end")
        }
    }

    /// Its state, moved out of it.
    consuming func takeState() -> ConsortiumState? { state }

    mutating func finish() {
        guard state != nil else { return }
        state!.leadSegments.append(contentsOf: openSegments)
        openSegments = []
    }

    // MARK: - Lead segments (LEAD_UNIQUE)

    private mutating func closeSegments(through last: CivilDate) {
        for var segment in openSegments where segment.from <= last {
            segment.through = last
            state?.leadSegments.append(segment)
        }
        openSegments = []
    }

    /// Re-opens segments after anything that may change who leads a live consortium. The lead
    /// units change only with the formation's members (`formationChanged`).
    private mutating func refreshSegments(on day: CivilDate, formationChanged: Bool) {
        guard let live = state?.status.isLive, let appDate = state?.round.formation.applicationDate else { return }
        if !formationChanged, segmentKey.0 == live, segmentKey.2 == appDate { return }
        let leads = live ? state!.round.formation.leadIDs : []
        if segmentKey.0 == live && segmentKey.1 == leads && segmentKey.2 == appDate { return }
        segmentKey = (live, leads, appDate)
        closeSegments(through: day.adding(days: -1))
        openSegments = Set(leads).sorted().map {
            LeadSegment(consortium: id, lead: $0, from: day, through: nil, applicationDate: appDate)
        }
    }

    // MARK: - Applying documents

    /// Applies one document in order; returns why it was not applied, if it was not.
    @discardableResult
    mutating func apply(_ record: RecordedDocument, withdrawn: Set<String>) -> (zh: String, en: String)? {
        let doc = record.document
        advance(to: doc.date)
        var entry = AppliedDocument(
            kind: doc.kind,
            date: doc.date,
            sha256: record.sha256,
            name: record.name,
            arrival: record.arrival,
            notApplied: nil
        )
        if case .application(let application) = doc.body {
            entry.notApplied = applyApplication(application, date: doc.date)
        } else if state == nil {
            entry.notApplied = (
                zh: "联合体 \(id) 在 \(doc.date) 之前没有组建申请（Application）",
                en: "consortium \(id) has no Application dated on or before \(doc.date)"
            )
            early.append(entry)
            return entry.notApplied
        } else if case .withdrawal(let w) = doc.body, !withdrawn.contains(w.document) {
            entry.notApplied = (
                zh: "撤回的文件 \(w.document) 不是本联合体在此之前已接收的文件（撤回文件本身不能撤回）",
                en: "document \(w.document) is not an earlier accepted document of this consortium (a Withdrawal cannot be withdrawn)"
            )
        } else {
            entry.notApplied = applyOther(doc, sha: keepsDocuments ? record.sha256 : "")
        }
        if keepsDocuments { state?.documents.append(entry) }
        refreshSegments(on: doc.date, formationChanged: Self.mayChangeLeads(doc.body))
        return entry.notApplied
    }

    /// Whether applying `body` may change who the lead units are (an Application, or a Change
    /// with a member joining, leaving or a lead change).
    private static func mayChangeLeads(_ body: DocumentBody) -> Bool {
        switch body {
        case .application: return true
        case .change(let change):
            return change.changes.contains { item in
                switch item {
                case .join, .leave, .lead: true
                case .executive, .principal, .chiefExpert: false
                }
            }
        default: return false
        }
    }

    private mutating func applyApplication(_ application: Application, date: CivilDate) -> (zh: String, en: String)? {
        let formation = FormationSnapshot(application: application, date: date)
        guard var s = state.take() else {
            state = ConsortiumState(id: id, status: .applied, round: ConsortiumRound(formation: formation))
            return nil
        }
        defer { state = s }
        switch s.status {
        case .applied, .recommended:
            // A corrected Application replaces the earlier one; recommendations still count (decisions 16).
            s.round.formation = Self.completed(formation, with: s.round.filedAgreement)
            s.status = .applied
        case .notRecommended, .rejected, .dissolved:
            s.round = ConsortiumRound(formation: formation)
            s.status = .applied
        case .approved, .expired, .revoked:
            return DocumentTransition(id: id, policies: policies).statusError(.application, s.status)
        }
        return nil
    }

    /// Applies a document other than an Application to the state in place (a copy of the state
    /// would make every change to it copy its arrays and dictionaries).
    private mutating func applyOther(_ doc: Document, sha: String) -> (zh: String, en: String)? {
        guard state != nil else { return nil }
        let transition = DocumentTransition(id: id, policies: policies)
        return transition.apply(doc, sha: sha, to: &state!)
    }

    /// The formation with a separately filed 附件2 in place of the agreement its Application did
    /// not provide (docs/word-forms.md); an Application that carries its own agreement keeps it.
    static func completed(_ formation: FormationSnapshot, with agreement: Agreement?) -> FormationSnapshot {
        guard let agreement, formation.application.agreement == nil else { return formation }
        var out = formation
        out.application.agreement = agreement
        out.application.notProvided.removeAll { NotProvided.field($0).hasPrefix("agreement") }
        out.application.notProvided += agreement.notProvided
        return out
    }

    /// Ends every in-force period the day before `day`.
    static func truncate(_ periods: [ClosedRange<CivilDate>], before day: CivilDate) -> [ClosedRange<CivilDate>] {
        let last = day.adding(days: -1)
        return periods.compactMap { period in
            if period.upperBound <= last { return period }
            return period.lowerBound <= last ? period.lowerBound...last : nil
        }
    }
}
