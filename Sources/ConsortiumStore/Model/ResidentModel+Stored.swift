import ConsortiumCore

/// Start-up from the stored states (StoredStates.swift, docs/performance.md "Stored states"): the
/// documents counted and each consortium's `DocumentArrivals` taken from the `document` table's
/// indexes (no document row is read), the Acknowledgements from their table, then each stored
/// state read back. A state that does not hold — missing, another format version, other
/// policies, other documents, or one that cannot be moved to the day (the clock went back) — is
/// replayed from the archive instead, and written again when `storing`.
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
        /// Its bytes are not those written (their checksum differs: damaged on disk).
        case damaged

        /// What the journal says (runbook.md, "Stored states").
        public var chineseName: String {
            switch self {
            case .missing: "没有保存的状态"
            case .format: "格式版本不同"
            case .policy: "政策已变"
            case .documents: "文件与保存时不符"
            case .day: "日期早于保存时"
            case .damaged: "保存的字节已损坏"
            }
        }
    }

    /// A stored row read back, or why it was not.
    private enum Restored {
        case read(ResidentConsortium)
        case doubtful(RebuildReason)
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
    /// The SHA-256 filter is left to `buildDuplicateFilter`. `sharingUnits`: the consortia read
    /// back share one String per unit identifier (memory the daemon keeps; a command that ends
    /// after one evaluation is faster without).
    public static func load(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        fillingRelations: Bool = false,
        storing: Bool = false,
        sharingUnits: Bool = true,
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
        let policy = StoredConsortium.policyDigest(config.policy)
        var arrivals: [ConsortiumID: DocumentArrivals] = [:]
        // One String for each unit's identifier, shared by the consortia naming it.
        var units = TextInterner()
        var restored: [ResidentConsortium] = []
        var toReplay: [ConsortiumID] = []
        var orphans: [ConsortiumID] = []
        // The documents counted and the Acknowledgements indexed on a thread of their own while
        // this one groups the documents' arrivals and reads the stored states back.
        let counted = try ParallelFor.concurrently({ Result { try countDocuments(store, config: config, storing: storing) } }) {
            arrivals = try store.documentArrivals()
            progress()
            if sharingUnits { units = TextInterner(capacity: arrivals.count) }
            restored.reserveCapacity(arrivals.count)
            (toReplay, orphans) = try readStored(
                store,
                config: config,
                through: day,
                arrivals: &arrivals,
                storing: storing,
                outcome: &outcome,
                unit: sharingUnits ? { units.intern($0) } : { $0 }
            ) { restored.append($0) }
        }
        .get()
        model.countAll(counted)
        units = TextInterner()
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
        // The unit indexes wait for `indexUnits` (the daemon builds them after READY=1), unless
        // consortia are replayed now: those share the held units' Strings through them.
        model.deferUnitIndexes()
        for consortium in restored { model.set(consortium) }
        restored = []
        if !toReplay.isEmpty { model.indexUnits() }
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
        var arrivals = try store.documentArrivals()
        let (toReplay, _) = try readStored(
            store,
            config: config,
            through: day,
            arrivals: &arrivals,
            storing: false,
            outcome: &outcome,
            unit: { $0 },
            body
        )
        try replay(toReplay, store, config: config, through: day, sharing: { $0.map { _ in [] } }) { built in
            for consortium in built { try body(consortium) }
        }
        report(outcome)
    }

    /// Every accepted document counted, from the `document` table's indexes, and the
    /// Acknowledgements indexed from their table; any that table lacks (a database from before
    /// it) read back from the archive, and stored when `storing`.
    private static func countDocuments(_ store: Store, config: ConsortiumConfig, storing: Bool) throws -> CountedDocuments {
        var counted = CountedDocuments()
        (counted.count, counted.last) = try store.documentTotals()
        let arrivals = try store.arrivalsWithoutConsortium()
        counted.acknowledgements.reserveCapacity(arrivals.count)
        let others = try store.addStoredAcknowledgements(to: &counted.acknowledgements, expected: arrivals)
        if !others.isEmpty {
            let records = try ArchiveReader.documents(rows: store.archivedDocuments(arrivals: others), config: config)
            for record in records { counted.acknowledgements.add(record) }
            if storing { try store.saveAcknowledgements(records) }
        }
        return counted
    }

    /// Reads every stored state back: those that hold (their consortium in `arrivals`, of this
    /// format and these policies, built from these document rows, movable to `day`) are handed
    /// to `body`, moved to `day`. A row stored before its `DocumentArrivals` were recorded is
    /// checked by its documents digest instead, and given them when `storing`. Returns the
    /// consortia to replay (those of `arrivals` without a state that holds, in key order) and the
    /// stored rows of consortia without documents.
    private static func readStored(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        arrivals: inout [ConsortiumID: DocumentArrivals],
        storing: Bool,
        outcome: inout StoredStatesOutcome,
        unit: (MemberID) -> MemberID,
        _ body: (ResidentConsortium) throws -> Void
    ) throws -> (replay: [ConsortiumID], orphans: [ConsortiumID]) {
        let policy = StoredConsortium.policyDigest(config.policy)
        var replay: [ConsortiumID] = []
        var orphans: [ConsortiumID] = []
        var unchecked: [StoredStates.Row] = []
        // Rows that hold are restored 1,024 at a time on every core, then handed on in order.
        var holding: [StoredStates.Row] = []
        let policies = config.policy
        // Rows from before their checksum was recorded: read as before, given it when `storing`.
        var checksums: [(ConsortiumID, String)] = []
        func restoreHolding() throws {
            // The bytes are checked against their checksum before they are read (the reader
            // trusts them): damaged ones are replayed from the archive.
            let restored = ParallelFor.map(holding, grain: 32) { row -> Restored in
                if let stored = row.checksum, stored != row.consortium.checksum { return .doubtful(.damaged) }
                var consortium = ResidentConsortium(restoring: row.consortium, policies: policies)
                return consortium.advance(through: day) ? .read(consortium) : .doubtful(.day)
            }
            for (row, result) in zip(holding, restored) {
                switch result {
                case .doubtful(let reason):
                    outcome.rebuilt[reason, default: 0] += 1
                    replay.append(row.consortium.id)
                case .read(var consortium):
                    if storing, row.checksum == nil { checksums.append((row.consortium.id, row.consortium.checksum)) }
                    consortium.shareUnits(unit)
                    outcome.read += 1
                    try body(consortium)
                }
            }
            holding.removeAll(keepingCapacity: true)
        }
        func restore(_ row: StoredStates.Row) throws {
            holding.append(row)
            if holding.count == 1024 { try restoreHolding() }
        }
        try store.forEachStoredState { row in
            let id = row.consortium.id
            guard let documents = arrivals.removeValue(forKey: id) else {
                orphans.append(id)
                return
            }
            let doubt: RebuildReason? =
                row.format != StoredConsortium.formatVersion
                ? .format
                : row.policy != policy ? .policy : row.arrivals.map { $0 != documents ? .documents : nil } ?? nil
            if let doubt {
                outcome.rebuilt[doubt, default: 0] += 1
                replay.append(id)
            } else if row.arrivals == nil {
                var row = row
                row.arrivals = documents
                unchecked.append(row)
            } else {
                try restore(row)
            }
        }
        try restoreHolding()
        // Rows from before the arrivals were recorded: their documents digest, once.
        if !unchecked.isEmpty {
            let digests = try store.documentsDigests(of: unchecked.map(\.consortium.id))
            var checked: [(ConsortiumID, DocumentArrivals)] = []
            for row in unchecked {
                guard digests[row.consortium.id] == row.documents, let documents = row.arrivals else {
                    outcome.rebuilt[.documents, default: 0] += 1
                    replay.append(row.consortium.id)
                    continue
                }
                checked.append((row.consortium.id, documents))
                try restore(row)
            }
            try restoreHolding()
            if storing { try store.recordArrivals(checked) }
        }
        if storing { try store.recordChecksums(checksums) }
        outcome.orphaned = orphans.count
        if !arrivals.isEmpty { outcome.rebuilt[.missing, default: 0] += arrivals.count }
        replay += arrivals.keys
        arrivals = [:]
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
