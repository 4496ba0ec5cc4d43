import ConsortiumCore

/// Start-up from the stored states (StoredStates.swift, docs/performance.md "Stored states"): one
/// pass over the `document` table (each document counted, each consortium's documents digested),
/// the Acknowledgements read back from the archive, then each stored state read back. A state
/// that does not hold — missing, another format version, other policies, other documents, or
/// one that cannot be moved to the day (the clock went back) — is replayed from the archive
/// instead, and written again when `storing`.
extension ResidentModel {
    /// Why a consortium was replayed from the archive rather than read back.
    public enum RebuildReason: String, CaseIterable, Sendable {
        /// No stored state (a database from before them, or a consortium whose documents wait).
        case missing
        /// Stored by a binary with another format of the bytes.
        case format
        /// Stored under other policies.
        case policy
        /// Its documents are not those it was built from.
        case documents
        /// Stored on a later day than today (the clock went back).
        case day

        /// What the journal says (runbook.md, "Stored states").
        public var chineseName: String {
            switch self {
            case .missing: "没有保存的状态"
            case .format: "格式版本不同"
            case .policy: "政策已变"
            case .documents: "文件与保存时不符"
            case .day: "日期早于保存时"
            }
        }
    }

    /// What a load did with the stored states.
    public struct StoredStatesOutcome: Sendable, Equatable {
        /// Consortia read back from their stored state.
        public var read = 0
        /// Consortia replayed from the archive, by reason.
        public var rebuilt: [RebuildReason: Int] = [:]
        /// Stored rows of consortia without documents (deleted when storing).
        public var orphaned = 0
        public var rebuiltCount: Int { rebuilt.values.reduce(0, +) }
        public init() {}
    }

    /// The model of every accepted document on `day`, from the stored states where they hold
    /// (`replayAll` for a database from before the relation tables, or when none holds).
    /// `storing`: the consortia replayed are stored (the daemon; `consortiumctl` reads only).
    public static func load(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        fillingRelations: Bool = false,
        storing: Bool = false,
        outcome report: (StoredStatesOutcome) -> Void = { _ in },
        progress: () -> Void = {}
    ) throws -> ResidentModel {
        var outcome = StoredStatesOutcome()
        guard !fillingRelations, try store.hasStoredStates(), try store.storedStateCount() > 0 else {
            let model = try replayAll(
                store,
                config: config,
                through: day,
                fillingRelations: fillingRelations,
                storing: storing,
                progress: progress
            )
            if !model.consortia.isEmpty { outcome.rebuilt[.missing] = model.consortia.count }
            report(outcome)
            return model
        }
        var model = ResidentModel(through: day)
        var others: Set<Int> = []
        var digests = try digestDocuments(store) { sha256, arrival, consortium in
            model.count(sha256: sha256, arrival: arrival)
            if consortium == nil { others.insert(arrival) }
        }
        progress()
        // The documents without a consortium (Acknowledgements) from their table; any it lacks
        // (a database from before it) read back from the archive, and stored when `storing`.
        try store.forEachStoredAcknowledgement { arrival, ack, date in
            if others.remove(arrival) != nil { model.acknowledge(ack, date: date, arrival: arrival) }
        }
        if !others.isEmpty {
            let records = try ArchiveReader.documents(rows: store.archivedDocuments(arrivals: others.sorted()), config: config)
            for record in records { model.acknowledge(record) }
            if storing { try store.saveAcknowledgements(records) }
        }
        others = []
        progress()
        let policy = StoredConsortium.policyDigest(config.policy)
        var units: [MemberID: MemberID] = [:]
        var restored: [ResidentConsortium] = []
        restored.reserveCapacity(digests.count)
        let (toReplay, orphans) = try readStored(
            store,
            config: config,
            through: day,
            digests: &digests,
            outcome: &outcome,
            unit: { unit in
                if let held = units[unit], held.utf8.elementsEqual(unit.utf8) { return held }
                if units[unit] == nil { units[unit] = unit }
                return unit
            }
        ) { restored.append($0) }
        units = [:]
        progress()
        if restored.isEmpty, !toReplay.isEmpty {
            // Nothing held (another format or policies for all): one pass over the archive.
            let model = try replayAll(store, config: config, through: day, storing: storing, progress: progress)
            if storing { try store.saveStates([], removing: orphans, policy: policy) }
            report(outcome)
            return model
        }
        // In the order the archive replay gives (by consortium key), as `replayAll` leaves them.
        restored.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        for consortium in restored { model.set(consortium) }
        restored = []
        try replay(toReplay, store, config: config, through: day, sharing: { model.sharedUnits($0) }) { built in
            for consortium in built { model.set(consortium) }
            if storing {
                var states: [StoredConsortium] = []
                var waiting: [ConsortiumID] = []
                for consortium in built {
                    if let stored = consortium.stored { states.append(stored) } else { waiting.append(consortium.id) }
                }
                try store.saveStates(states, removing: waiting, policy: policy)
            }
            progress()
        }
        if storing { try store.saveStates([], removing: orphans, policy: policy) }
        report(outcome)
        return model
    }

    /// Each consortium on `day`, one at a time (in no particular order), from its stored state
    /// where it holds, else replayed from the archive: what `consortiumctl list` shows needs one
    /// consortium at a time, so the model is never held whole. Reads only.
    public static func forEachConsortium(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        outcome report: (StoredStatesOutcome) -> Void = { _ in },
        _ body: (ResidentConsortium) throws -> Void
    ) throws {
        var outcome = StoredStatesOutcome()
        var digests = try digestDocuments(store) { _, _, _ in }
        let (toReplay, _) = try readStored(
            store,
            config: config,
            through: day,
            digests: &digests,
            outcome: &outcome,
            unit: { $0 },
            body
        )
        try replay(toReplay, store, config: config, through: day, sharing: { $0.map { _ in [] } }) { built in
            for consortium in built { try body(consortium) }
        }
        report(outcome)
    }

    /// One pass over the `document` table in arrival order: each consortium's documents digested
    /// (`StoredConsortium.DocumentsDigest`), and `count` called for every document.
    private static func digestDocuments(
        _ store: Store,
        count: (String, Int, ConsortiumID?) -> Void
    ) throws
        -> [ConsortiumID: StoredConsortium.DocumentsDigest]
    {
        var digests: [ConsortiumID: StoredConsortium.DocumentsDigest] = [:]
        try store.forEachDocumentDigestRow { arrival, sha256, consortium in
            count(sha256, arrival, consortium)
            if let consortium { digests[consortium, default: StoredConsortium.DocumentsDigest()].add(sha256) }
        }
        return digests
    }

    /// Reads every stored state back: those that hold (their consortium in `digests`, of this
    /// format and these policies, built from these documents, movable to `day`) are handed to
    /// `body`, moved to `day`. Returns the consortia to replay (those of `digests` without a
    /// state that holds, in key order) and the stored rows of consortia without documents.
    private static func readStored(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        digests: inout [ConsortiumID: StoredConsortium.DocumentsDigest],
        outcome: inout StoredStatesOutcome,
        unit: (MemberID) -> MemberID,
        _ body: (ResidentConsortium) throws -> Void
    ) throws -> (replay: [ConsortiumID], orphans: [ConsortiumID]) {
        let policy = StoredConsortium.policyDigest(config.policy)
        var replay: [ConsortiumID] = []
        var orphans: [ConsortiumID] = []
        try store.forEachStoredState { row in
            let id = row.consortium.id
            guard let digest = digests.removeValue(forKey: id) else {
                orphans.append(id)
                return
            }
            let doubt: RebuildReason? =
                row.format != StoredConsortium.formatVersion
                ? .format
                : row.policy != policy ? .policy : row.documents != digest.finish() ? .documents : nil
            if let doubt {
                outcome.rebuilt[doubt, default: 0] += 1
                replay.append(id)
                return
            }
            var consortium = ResidentConsortium(restoring: row.consortium, policies: config.policy, unit: unit)
            guard consortium.advance(through: day) else {
                outcome.rebuilt[.day, default: 0] += 1
                replay.append(id)
                return
            }
            outcome.read += 1
            try body(consortium)
        }
        outcome.orphaned = orphans.count
        if !digests.isEmpty { outcome.rebuilt[.missing, default: 0] += digests.count }
        replay += digests.keys
        digests = [:]
        return (replay.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, orphans)
    }

    /// Replays `ids` from the archive on `day`, 250 consortia at a time (their documents read and
    /// decoded in parallel), handing each group's consortia to `body`; `sharing` gives the Strings
    /// for the units each consortium's documents name (`sharedUnits`).
    private static func replay(
        _ ids: [ConsortiumID],
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        sharing: ([[RecordedDocument]]) -> [[MemberID]],
        _ body: ([ResidentConsortium]) throws -> Void
    ) throws {
        for start in stride(from: 0, to: ids.count, by: 250) {
            let part = Array(ids[start..<min(start + 250, ids.count)])
            var rows: [Store.ArchivedRow] = []
            var starts: [Int] = []
            for id in part {
                starts.append(rows.count)
                rows += try store.archivedDocuments(consortium: id)
            }
            let decoded = try ArchiveReader.documents(rows: rows, config: config)
            let groups = zip(starts, starts.dropFirst() + [decoded.count]).map { Array(decoded[$0..<$1]) }
            let shared = sharing(groups)
            let policies = config.policy
            let built = ParallelFor.map(Array(zip(part, zip(groups, shared))), grain: 8) { id, group in
                ResidentConsortium(id, documents: RecordedDocument.sharingUnits(group.0, group.1), through: day, policies: policies)
            }
            try body(built)
        }
    }
}
