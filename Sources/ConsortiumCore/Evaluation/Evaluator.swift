/// The one evaluation: (documents, day, policy) -> findings and open notices. The daemon's
/// timer, `consortiumctl evaluate --at` and the tests all call this.
public enum Evaluator {
    /// `keeping: .noticesAndPending` leaves `states` and `findings` empty: each consortium's state
    /// is released as soon as its notices are made, so the evaluation never holds every state
    /// and every notice at once (the daemon needs only the notices).
    public static func evaluate(
        _ documents: [RecordedDocument],
        on day: CivilDate,
        policies: PolicySchedule = .seed,
        keeping parts: Evaluation.Parts = .everything
    ) -> Evaluation {
        // Positions of each consortium's documents (the records themselves are not copied).
        var groupOf: [ConsortiumID: Int] = [:]
        var groups: [[Int]] = []
        var acknowledgements: [RecordedDocument] = []
        var last: (id: ConsortiumID, group: Int)?  // documents of one consortium often come together
        for index in documents.indices where documents[index].document.date <= day {
            if documents[index].document.kind == .acknowledgement {
                acknowledgements.append(documents[index])
                continue
            }
            guard let id = documents[index].document.consortium else { continue }
            if let last, last.id == id {
                groups[last.group].append(index)
            } else if let group = groupOf[id] {
                groups[group].append(index)
                last = (id, group)
            } else {
                groupOf[id] = groups.count
                last = (id, groups.count)
                groups.append([index])
            }
        }
        let ids = groupOf.keys.sorted()
        // Each consortium is replayed on its own, so the work is spread over the cores.
        var replayed = ParallelFor.map(ids) { id in
            let positions = groups[groupOf[id]!]
            let order = RecordedDocument.sortedPositions(positions.map { documents[$0].applicationKey })
            let replayer = Replayer.replay(id, ordered: order.map { documents[positions[$0]] }, through: day, policies: policies)
            return (state: replayer.state, early: Set(replayer.early.map(\.sha256)))
        }
        // States are moved, not copied (a copy retains every field of a large struct).
        var ordered: [ConsortiumState?] = []
        ordered.reserveCapacity(replayed.count)
        var pending: [RecordedDocument] = []
        replayed.withUnsafeMutableBufferPointer { replayed in
            for (id, index) in zip(ids, replayed.indices) {
                ordered.append(replayed[index].state.take())
                let early = replayed[index].early
                if !early.isEmpty {
                    pending += groups[groupOf[id]!].lazy.map { documents[$0] }.filter { early.contains($0.sha256) }
                }
            }
        }
        replayed = []
        groups = []
        let acks = AcknowledgementIndex(acknowledgements)
        let judged = judge(&ordered, on: day, policies: policies, keepStates: parts == .everything) { acks.info(for: $0, on: day) }
        return Evaluation(
            day: day,
            states: judged.states,
            findings: judged.findings,
            notices: judged.notices,
            pending: pending.sorted(by: RecordedDocument.applicationOrder)
        )
    }

    /// The open notices of resident consortia on `day`: exactly the notices `evaluate(documents,
    /// on: day, keeping: .noticesAndPending)` gives for their documents. Every consortium must be
    /// applied through `day` (`ResidentConsortium.advance(through:)`) and replayed under
    /// `policies` (the replay follows them: an approval's last day comes from `validYears`; the
    /// daemon replays its consortia again when a reload changes them); its state is copied, not
    /// replayed, so this costs the rules and the notices, not the replay.
    /// `context`: see the next function.
    public static func evaluate(
        _ residents: [ResidentConsortium],
        context: [ResidentConsortium]? = nil,
        acknowledgements: AcknowledgementIndex,
        on day: CivilDate,
        policies: PolicySchedule = .seed
    ) -> [Notice] {
        var notices: [Notice] = []
        evaluate(residents, context: context, acknowledgements: acknowledgements, on: day, policies: policies) { notices += $1 }
        return notices
    }

    /// The same notices handed to `body` a group of consortia at a time (the group's consortia,
    /// then their notices; in consortium order), so that the notices of every consortium never
    /// exist at once: the daemon reconciles each group with its ledger and drops it.
    /// (Each consortium's notices are handed over where they were made, not copied into one array.)
    /// `context`: the consortia whose lead segments and listings the rules that look across
    /// consortia see, `residents` among them (`RelatedConsortia.context` of theirs: then each of
    /// `residents` gets the notices evaluating every consortium gives it); nil: `residents`.
    public static func evaluate(
        _ residents: [ResidentConsortium],
        context: [ResidentConsortium]? = nil,
        acknowledgements: AcknowledgementIndex,
        on day: CivilDate,
        policies: PolicySchedule = .seed,
        groupSize: Int = 4096,
        _ body: (_ consortia: [ConsortiumID], _ notices: FlattenSequence<[[Notice]]>) throws -> Void
    ) rethrows {
        // Elements are read in place through the buffer (iterating the array would copy each).
        try residents.withUnsafeBufferPointer { residents in
            let order = keyOrder(residents, on: day)
            // The rules that look across consortia need every consortium's lead segments and listings first.
            let context =
                context.map { context in context.withUnsafeBufferPointer { crossConsortiumContext($0, order: keyOrder($0, on: day), on: day) } }
                ?? crossConsortiumContext(residents, order: order, on: day)
            let policy = policies.policy(on: day)
            let groups = stride(from: 0, to: order.count, by: max(1, groupSize)).map { order[$0..<min($0 + max(1, groupSize), order.count)] }
            func notices(_ group: ArraySlice<Int>) -> [[Notice]] {
                ParallelFor.map(Array(group)) { index -> [Notice] in
                    residents[index].withState(on: day) { state in
                        judge(
                            state,
                            on: day,
                            policies: policies,
                            policy: policy,
                            context: context,
                            unmetWithoutContext: residents[index].unmetWithoutContext(policies),
                            formationOwn: residents[index].formationOwn(policies, on: day)
                        ) { acknowledgements.info(for: $0, on: day) }.notices
                    } ?? []
                }
            }
            // The next group is evaluated while `body` takes this one (the daemon's ledger
            // reconcile, on the calling thread, is much of a full evaluation's time).
            var made = groups.first.map(notices)
            for (number, group) in groups.enumerated() {
                let these = made.take()!
                let ids = group.map { residents[$0].id }
                if number + 1 < groups.count {
                    made = try ParallelFor.concurrently({ notices(groups[number + 1]) }) { try body(ids, these.joined()) }
                } else {
                    try body(ids, these.joined())
                }
            }
        }
    }

    /// The positions of `residents` in key order (each must be applied through `day`).
    private static func keyOrder(_ residents: UnsafeBufferPointer<ResidentConsortium>, on day: CivilDate) -> [Int] {
        precondition(residents.indices.allSatisfy { residents[$0].through == day }, "resident consortia not applied through \(day)")
        return residents.indices.sorted { residents[$0].id < residents[$1].id }
    }

    /// The context of the rules that look across consortia: the lead segments and listings of
    /// `residents`, in key order (`order`: each lead's segments and each unit's listings in the
    /// order evaluating all gives them).
    private static func crossConsortiumContext(
        _ residents: UnsafeBufferPointer<ResidentConsortium>,
        order: [Int],
        on day: CivilDate
    ) -> RuleContext {
        let parts = ParallelFor.map(order) { residents[$0].crossConsortiumParts(on: day) }
        return RuleContext(segments: parts.lazy.flatMap(\.segments), listings: parts.lazy.flatMap(\.listings))
    }

    /// Findings and notices of replayed states (in consortium order), the states released as
    /// their notices are made unless `keepStates`. The context of the cross-consortium rules
    /// takes only the lead segments and listings of every state.
    static func judge(
        _ ordered: inout [ConsortiumState?],
        on day: CivilDate,
        policies: PolicySchedule,
        keepStates: Bool,
        acknowledgement: (NoticeKey) -> Notice.AcknowledgementInfo?
    ) -> (states: [ConsortiumID: ConsortiumState], findings: [Finding], notices: [Notice]) {
        var segments: [[LeadSegment]] = []
        var listings: [[DishonestyListing]] = []
        for case let state? in ordered {
            segments.append(state.leadSegments)
            listings.append(state.listings)
        }
        let context = RuleContext(segments: segments.joined(), listings: listings.joined())
        segments = []
        listings = []
        let policy = policies.policy(on: day)
        // Findings and notices of each consortium, in the order of `ordered` (sorted by key).
        var results = ordered.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            return ParallelFor.map(Array(slots.indices)) { index -> ([Finding], [Notice]) in
                // Each index is one thread's only: taking its state out is safe.
                guard let state = keepStates ? slots[index] : slots[index].take() else { return ([], []) }
                let judged = judge(state, on: day, policies: policies, policy: policy, context: context, acknowledgement: acknowledgement)
                return (keepStates ? judged.findings : [], judged.notices)
            }
        }
        var states: [ConsortiumID: ConsortiumState] = [:]
        states.reserveCapacity(keepStates ? ordered.count : 0)
        while let slot = ordered.popLast() {
            if let state = slot { states[state.id] = state }
        }
        // Each consortium's part is released once copied, so the results are not held twice.
        var findingParts = results.map(\.0)
        var noticeParts = results.map(\.1)
        results = []
        return (states, ParallelFor.joined(&findingParts), ParallelFor.joined(&noticeParts))
    }

    /// One consortium's findings (sorted) and notices (the first of each id).
    static func judge(
        _ state: ConsortiumState,
        on day: CivilDate,
        policies: PolicySchedule,
        policy: Policy,
        context: RuleContext,
        unmetWithoutContext: [[RuleID]]? = nil,
        formationOwn: [Finding]? = nil,
        acknowledgement: (NoticeKey) -> Notice.AcknowledgementInfo?
    ) -> (findings: [Finding], notices: [Notice]) {
        let found = sortedFindings(
            Self.findings(
                state,
                on: day,
                policies: policies,
                context: context,
                unmetWithoutContext: unmetWithoutContext,
                formationOwn: formationOwn
            )
        )
        return (found, firstOfEachID(found.map { makeNotice($0, name: state.name, policy: policy, acknowledgement: acknowledgement) }))
    }

    /// Findings of one consortium sorted by rule, subject and stage (the evaluation's order).
    static func sortedFindings(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1 else { return findings }
        let keyed = findings.map { (finding: $0, rule: $0.rule.rawValue, stage: $0.stage.description) }
        return keyed.sorted { a, b in
            if a.rule != b.rule { return a.rule < b.rule }
            if a.finding.subject != b.finding.subject { return a.finding.subject < b.finding.subject }
            return a.stage < b.stage
        }.map(\.finding)
    }

    /// The findings open for one consortium on `day` (rules.md: which notices appear in which status).
    /// `unmetWithoutContext` and `formationOwn`: what a resident consortium keeps of the formation
    /// rules not looking at other consortia (for its approvals, and for its formation on `day`).
    static func findings(
        _ state: ConsortiumState,
        on day: CivilDate,
        policies: PolicySchedule,
        context: RuleContext,
        unmetWithoutContext: [[RuleID]]? = nil,
        formationOwn: [Finding]? = nil
    ) -> [Finding] {
        let policy = policies.policy(on: day)
        let waived = state.round.waivers
        var input: FormationRules.Input { FormationRules.input(state, on: day, policies: policies, context: context) }
        var out: [Finding] = []
        if state.status.isLive {
            if let formationOwn {
                out += formationOwn
                if context.mayConcern(state.round.formation, of: state.id, on: day) {
                    out += FormationRules.contextFindings(input, waived: waived)
                }
            } else {
                out += FormationRules.findings(input, waived: waived)
            }
            out += DecisionRules.findings(state, policies: policies, context: context, unmetWithoutContext: unmetWithoutContext)
        } else if state.approvedInRound, !waived.contains(.dishonestMember), context.hasListings {
            // decisions 38: after the end, the dishonesty listing of its members as they stood.
            out += FormationRules.dishonestMember(input)
        }
        out += SupervisionRules.findings(state, on: day, policy: policy)
        out += state.events
        return out
    }

    /// The first notice of each id, in order. A consortium has a handful: compared one by one
    /// rather than hashed, unless there are many.
    static func firstOfEachID(_ notices: [Notice]) -> [Notice] {
        // Usually no id repeats: then the notices are returned as they are, not copied one by one.
        if notices.count <= 32, !notices.indices.contains(where: { a in notices.indices[..<a].contains { notices[$0].id == notices[a].id } }) {
            return notices
        }
        var out: [Notice] = []
        out.reserveCapacity(notices.count)
        if notices.count <= 32 {
            for notice in notices where !out.contains(where: { $0.id == notice.id }) { out.append(notice) }
        } else {
            var seen: Set<String> = []
            for notice in notices where seen.insert(notice.id).inserted { out.append(notice) }
        }
        return out
    }

    static func makeNotice(
        _ finding: Finding,
        name: String,
        policy: Policy,
        acknowledgement: (NoticeKey) -> Notice.AcknowledgementInfo?
    ) -> Notice {
        let stage = finding.stage.description
        let key = Notice.key(consortium: finding.consortium, rule: finding.rule.rawValue, subject: finding.subject, stage: stage)
        return Notice(
            id: key.id,
            finding: finding,
            consortiumName: name,
            stage: stage,
            severity: finding.severity(policy: policy),
            acknowledged: acknowledgement(key)
        )
    }
}
