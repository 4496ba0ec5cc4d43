import ConsortiumCore

/// What the daemon keeps in memory of the accepted documents: each consortium replayed
/// (`ResidentConsortium`), the acknowledgements, and a filter of the documents' SHA-256 — not the
/// decoded documents. The archive and the database hold the documents; a consortium is read back
/// from them only when a document cannot simply be applied after its others
/// (docs/performance.md, "The resident model").
public struct ResidentModel {
    /// In the order they were first seen; `position` finds one by key.
    public private(set) var consortia: [ResidentConsortium] = []
    private var position: [ConsortiumID: Int] = [:]
    /// The consortia naming each unit (RelatedConsortia), by their place in `consortia`, so that
    /// finding those related to a batch's consortia does not look at every consortium. Its keys
    /// are the Strings the consortia hold for their units: a consortium built or extended later
    /// is given the same String for the same unit (`sharingUnits`), not a copy of its own.
    private var consortiaOfUnit: [MemberID: OneOrMany<Int32>] = [:]
    /// The same for the units named in a lead role, and for those an Incident names
    /// (`ResidentConsortium.leadUnits`, `listedUnits`): the only relations the rules follow.
    private var consortiaLedBy: [MemberID: OneOrMany<Int32>] = [:]
    private var consortiaListing: [MemberID: OneOrMany<Int32>] = [:]
    /// False while the three unit indexes are not built (start-up from stored states leaves them
    /// to `indexUnits`, after READY=1: docs/performance.md "Stored states"); `set` and `remove`
    /// keep them only once built, and a reader finds them built on the spot if need be.
    public private(set) var unitsIndexed = true

    public private(set) var acknowledgements = AcknowledgementIndex()
    /// The first 4 bytes of every accepted document's SHA-256: a document whose prefix is not
    /// here was never accepted; one whose prefix is here is looked up in the database (another
    /// document's prefix: about once in 2,000 new documents at 2,000,000 documents). Nil while
    /// not built (start-up from stored states leaves it to `buildDuplicateFilter`, after READY=1):
    /// every SHA-256 is looked up in the database meanwhile.
    private var shaPrefixes: DigestPrefixes? = DigestPrefixes()
    public private(set) var documentCount = 0
    public private(set) var lastArrival = 0
    /// The day through which every consortium's documents are applied.
    public private(set) var through: CivilDate

    public init(through day: CivilDate) { through = day }

    /// The model of every accepted document (`load`, ResidentModel+Stored.swift, reads the stored
    /// states instead where they hold), read back from the archive and replayed a group of
    /// consortia at a time (in parallel), so that the decoded documents of all are never held at once.
    /// `progress` is called after each group (the daemon feeds systemd's watchdog with it).
    /// `fillingRelations`: also fills the relation tables in again (`Store.clearRelations`, each
    /// group's `Store.recordRelations`), then records that they are complete (a database whose
    /// documents were accepted before those tables, or whose tables `verify` found wrong).
    /// `storing`: each consortium's state is also written to the database (`StoredStates`).
    static func replayAll(
        _ store: Store,
        config: ConsortiumConfig,
        through day: CivilDate,
        fillingRelations: Bool = false,
        storing: Bool = false,
        progress: () -> Void = {}
    ) throws -> ResidentModel {
        var model = ResidentModel(through: day)
        let policy = StoredConsortium.policyDigest(config.policy)
        let policies = config.policy
        if fillingRelations { try store.clearRelations() }
        try ArchiveReader.forEachGroup(store, config: config) { groups in
            defer { progress() }
            if fillingRelations { try store.recordRelations(groups.flatMap { $0 }) }
            let shared = model.sharedUnits(groups)
            let built = ParallelFor.map(Array(zip(groups, shared))) { documents, units in
                documents.first?.document.consortium.map {
                    ResidentConsortium($0, documents: RecordedDocument.sharingUnits(documents, units), through: day, policies: policies)
                }
            }
            for (documents, consortium) in zip(groups, built) {
                for record in documents { model.count(record) }
                if let consortium { model.set(consortium) }
            }
            if storing {
                var states: [StoredConsortium] = []
                var waiting: [ConsortiumID] = []
                for consortium in built.compactMap({ $0 }) {
                    if let stored = consortium.stored { states.append(stored) } else { waiting.append(consortium.id) }
                }
                try store.saveStates(states, removing: waiting, policy: policy)
                try store.saveAcknowledgements(groups.flatMap { $0 })
            }
        }
        if fillingRelations { try store.markRelationsComplete() }
        return model
    }

    package subscript(id: ConsortiumID) -> ResidentConsortium? {
        position[id].map { consortia[$0] }
    }

    /// Stops keeping the unit indexes until `indexUnits` (start-up, before setting the consortia
    /// it read back).
    mutating func deferUnitIndexes() {
        unitsIndexed = false
        consortiaOfUnit = [:]
        consortiaLedBy = [:]
        consortiaListing = [:]
    }

    /// Builds the unit indexes if they are not built: a second at 100,000 consortia, which the
    /// daemon spends after READY=1, or before it applies a document, whichever comes first.
    public mutating func indexUnits() {
        guard !unitsIndexed else { return }
        (consortiaOfUnit, consortiaLedBy, consortiaListing) = Self.unitIndexes(of: consortia)
        unitsIndexed = true
    }

    /// The three unit indexes of `consortia`, built from nothing.
    private static func unitIndexes(
        of consortia: [ResidentConsortium]
    ) -> (of: [MemberID: OneOrMany<Int32>], ledBy: [MemberID: OneOrMany<Int32>], listing: [MemberID: OneOrMany<Int32>]) {
        var of: [MemberID: OneOrMany<Int32>] = [:]
        var ledBy: [MemberID: OneOrMany<Int32>] = [:]
        var listing: [MemberID: OneOrMany<Int32>] = [:]
        of.reserveCapacity(consortia.count * 2)
        for (place, consortium) in consortia.enumerated() {
            index(&of, place, named: consortium.units, before: [])
            index(&ledBy, place, named: consortium.leadUnits, before: [])
            index(&listing, place, named: consortium.listedUnits, before: [])
        }
        return (of, ledBy, listing)
    }

    /// The unit indexes: the model's, or built on the spot while they are deferred.
    private var units: (of: [MemberID: OneOrMany<Int32>], ledBy: [MemberID: OneOrMany<Int32>], listing: [MemberID: OneOrMany<Int32>]) {
        unitsIndexed ? (consortiaOfUnit, consortiaLedBy, consortiaListing) : Self.unitIndexes(of: consortia)
    }

    /// Adds or replaces a consortium.
    package mutating func set(_ consortium: ResidentConsortium) {
        if let index = position[consortium.id] {
            reindex(index, consortium, before: consortia[index])
            consortia[index] = consortium
        } else {
            reindex(consortia.count, consortium, before: nil)
            position[consortium.id] = consortia.count
            consortia.append(consortium)
        }
    }

    /// Forgets a consortium (its only documents were not committed). The last consortium takes
    /// its place.
    package mutating func remove(_ id: ConsortiumID) {
        guard let index = position.removeValue(forKey: id) else { return }
        reindex(index, nil, before: consortia[index])
        let last = consortia.removeLast()
        if index < consortia.count {
            reindex(consortia.count, nil, before: last)
            reindex(index, last, before: nil)
            consortia[index] = last
            position[last.id] = index
        }
    }

    /// Keeps the unit indexes in step with the consortium at `index` (`now`, nil: none) that was
    /// `before` (nil: none).
    private mutating func reindex(_ index: Int, _ now: ResidentConsortium?, before: ResidentConsortium?) {
        guard unitsIndexed else { return }
        Self.index(&consortiaOfUnit, index, named: now?.units ?? [], before: before?.units ?? [])
        Self.index(&consortiaLedBy, index, named: now?.leadUnits ?? [], before: before?.leadUnits ?? [])
        Self.index(&consortiaListing, index, named: now?.listedUnits ?? [], before: before?.listedUnits ?? [])
    }

    /// Keeps `map` in step with the units the consortium at `index` names (both lists sorted).
    private static func index(_ map: inout [MemberID: OneOrMany<Int32>], _ index: Int, named units: [MemberID], before: [MemberID]) {
        guard units != before else { return }
        let place = Int32(index)
        for unit in before where !units.contains(unit) {
            map[unit] = map[unit]?.filter { $0 != place }
        }
        for unit in units where !before.contains(unit) {
            if map[unit] == nil { map[unit] = .one(place) } else { map[unit]!.insert(place) }
        }
    }

    /// The String the model holds for `unit` (one with the same bytes), if any consortium names it.
    func heldString(_ unit: MemberID) -> MemberID? {
        let consortiaOfUnit = units.of
        guard let at = consortiaOfUnit.index(forKey: unit) else { return nil }
        let held = consortiaOfUnit[at].key
        return held.utf8.elementsEqual(unit.utf8) ? held : nil
    }

    /// Per consortium of `groups` (each its documents), the Strings to give the units its documents
    /// name: the model's, else those of the first consortium of `groups` naming them.
    package func sharedUnits(_ groups: [[RecordedDocument]]) -> [[MemberID]] {
        var first: [MemberID: MemberID] = [:]
        return groups.map { documents in
            var units: [MemberID] = []
            for record in documents {
                for unit in RelatedConsortia.units(named: record.document.body) {
                    guard let held = heldString(unit) ?? first[unit] else {
                        first[unit] = unit
                        units.append(unit)
                        continue
                    }
                    // One only canonically equivalent (other bytes) is not given: the unit keeps its own.
                    if held.utf8.elementsEqual(unit.utf8) { units.append(held) }
                }
            }
            return units
        }
    }

    /// `records`, each unit identifier the model holds given as the model's String
    /// (`RecordedDocument.sharingUnits`), for a consortium to be built or extended from them.
    package func sharingUnits(_ records: [RecordedDocument]) -> [RecordedDocument] {
        RecordedDocument.sharingUnits(records, sharedUnits([records])[0])
    }

    /// Every accepted document at once (start-up from stored states reads no document:
    /// ResidentModel+Stored.swift).
    struct CountedDocuments {
        var count = 0
        var last = 0
        var acknowledgements = AcknowledgementIndex()
    }

    /// Takes the counts and Acknowledgements of every accepted document; their SHA-256 prefixes
    /// wait for `buildDuplicateFilter`.
    mutating func countAll(_ counted: CountedDocuments) {
        shaPrefixes = nil
        documentCount = counted.count
        lastArrival = counted.last
        acknowledgements = counted.acknowledgements
    }

    /// Counts an accepted document (its consortium is set apart, by `set`).
    package mutating func count(_ record: RecordedDocument) {
        shaPrefixes?.insert(Self.prefix(record.sha256))
        acknowledgements.add(record)
        documentCount += 1
        lastArrival = max(lastArrival, record.arrival)
    }

    /// Takes back the documents of a transaction that failed (`arrivals`, the latest ones).
    /// Their SHA-256 prefixes stay: a prefix only ever sends a lookup to the database.
    package mutating func uncount(arrivals: Set<Int>) {
        acknowledgements.remove(arrivals: arrivals)
        documentCount -= arrivals.count
        if let first = arrivals.min() { lastArrival = min(lastArrival, first - 1) }
    }

    /// False when no accepted document has this SHA-256; true when one may have it.
    package func mayHaveAccepted(_ sha256: String) -> Bool { shaPrefixes?.contains(Self.prefix(sha256)) ?? true }

    /// Whether the filter of `mayHaveAccepted` is built.
    public var duplicateFilterBuilt: Bool { shaPrefixes != nil }

    /// Builds the filter of `mayHaveAccepted` if start-up left it: the SHA-256 prefixes of every
    /// document `store` has (2,000,000 at 100,000 consortia: half a second, spent after READY=1).
    public mutating func buildDuplicateFilter(_ store: Store) throws {
        guard shaPrefixes == nil else { return }
        shaPrefixes = DigestPrefixes(ascending: try store.documentPrefixes(count: documentCount))
    }

    /// The first 4 bytes of a lowercase hex SHA-256 (NoticeKey reads 16 bytes of hex).
    package static func prefix(_ sha256: String) -> UInt32 {
        var sha256 = sha256
        return sha256.withUTF8 { prefix(utf8: $0) }
    }

    /// The same from the UTF-8 bytes (start-up reads them from the database: RawColumns.swift);
    /// 0 for anything that does not begin with 32 lowercase hex digits.
    package static func prefix(utf8 sha256: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard sha256.count >= 32, let key = NoticeKey(utf8: UnsafeBufferPointer(rebasing: sha256[0..<32])) else { return 0 }
        return UInt32(truncatingIfNeeded: key.high >> 32)
    }

    /// The consortia whose findings a change to the documents of `scope` can change
    /// (`RelatedConsortia.affected`): those of `scope` it holds, the consortia sharing a lead unit
    /// with one of them, and those naming a unit one of their Incidents names.
    package func affected(by scope: Set<ConsortiumID>) -> Set<ConsortiumID> {
        let units = units
        return related(scope) { consortium, add in
            for unit in consortium.leadUnits { add(units.ledBy[unit]) }
            for unit in consortium.listedUnits { add(units.of[unit]) }
        }
    }

    /// The consortia of `scope` it holds and those naming a unit that one of them names (in any role).
    package func sharingAUnit(with scope: Set<ConsortiumID>) -> Set<ConsortiumID> {
        let units = units
        return related(scope) { consortium, add in
            for unit in consortium.units { add(units.of[unit]) }
        }
    }

    /// The consortia whose lead segments and listings the findings of `evaluated` depend on
    /// (`RelatedConsortia.context`): those of `evaluated` it holds, the consortia sharing a lead
    /// unit with one of them, and those with an Incident naming a unit one of them names.
    package func context(of evaluated: Set<ConsortiumID>) -> Set<ConsortiumID> {
        let units = units
        return related(evaluated) { consortium, add in
            for unit in consortium.leadUnits { add(units.ledBy[unit]) }
            if !units.listing.isEmpty { for unit in consortium.units { add(units.listing[unit]) } }
        }
    }

    /// `ids` (those held) and the consortia `relate` adds for each of them.
    private func related(
        _ ids: Set<ConsortiumID>,
        _ relate: (ResidentConsortium, (OneOrMany<Int32>?) -> Void) -> Void
    ) -> Set<ConsortiumID> {
        var out = ids.filter { position[$0] != nil }
        for id in ids {
            guard let index = position[id] else { continue }
            relate(consortia[index]) { places in
                for place in places?.all ?? [] { out.insert(consortia[Int(place)].id) }
            }
        }
        return out
    }

    /// The consortia of `ids` that it holds.
    package func consortia(_ ids: Set<ConsortiumID>) -> [ResidentConsortium] {
        ids.compactMap { position[$0].map { consortia[$0] } }
    }

    /// Applies every consortium through `day`; a consortium that cannot be moved there (the
    /// wall clock went back past one of its documents) is rebuilt by `rebuild`.
    package mutating func advance(through day: CivilDate, rebuild: (ConsortiumID, CivilDate) throws -> ResidentConsortium) rethrows {
        guard day != through else { return }
        for index in consortia.indices where consortia[index].through != day {
            if !consortia[index].advance(through: day) {
                consortia[index] = try rebuild(consortia[index].id, day)
            }
        }
        through = day
    }
}
