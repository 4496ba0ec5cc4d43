/// A `ResidentConsortium` as the daemon's database keeps it (docs/performance.md, "Stored
/// states"): its packed replayer (`StatePacking`) and, in a second buffer, what the daemon keeps
/// beside it (the summary each evaluation reads, the units, the judged approvals and formation),
/// so that start-up, `consortiumctl list` and `evaluate` read each consortium back instead of
/// reading and replaying its archived documents.
///
/// The bytes are written by `StateWriter`: any change to what it or this file writes must raise
/// `formatVersion` (a state of another version is not read: the daemon replays that consortium
/// from the archive and stores it again). `StoredConsortiumTests` pins the bytes of a known state.
public struct StoredConsortium: Sendable, Equatable {
    /// The version of the bytes' layout (`StatePacking` and `parts`).
    public static let formatVersion = 1

    public var id: ConsortiumID
    /// The packed replayer.
    public var state: [UInt8]
    /// Everything else (`ResidentConsortium.Parts`), packed.
    public var parts: [UInt8]

    public init(id: ConsortiumID, state: [UInt8], parts: [UInt8]) {
        self.id = id
        self.state = state
        self.parts = parts
    }

    /// The SHA-256 of the stored bytes (`state`, then `parts`), lowercase hex: stored beside them
    /// and checked before they are read back, so bytes damaged on disk are replayed from the
    /// archive instead of read (the reader trusts the bytes it is given).
    public var checksum: String {
        var hasher = SHA256()
        hasher.update(state)
        hasher.update(parts)
        return SHA256.hexString(hasher.finalize())
    }

    /// What identifies the policies a state was replayed under: the SHA-256 of their full
    /// description. Another binary may describe equal policies otherwise: its states are then
    /// replayed once, which is only slower.
    public static func policyDigest(_ policies: PolicySchedule) -> String {
        SHA256.hex(Array(String(reflecting: policies).utf8))
    }

    /// What identifies the documents a state was built from: the SHA-256 of their SHA-256s (lowercase
    /// hex) in arrival order, each followed by a line feed (`DocumentsDigest`).
    public struct DocumentsDigest: Sendable {
        private var hasher = SHA256()
        private var count = 0
        public init() {}
        public mutating func add(_ sha256: String) {
            var sha256 = sha256
            sha256.withUTF8 { hasher.update($0) }
            hasher.update(CollectionOfOne(UInt8(ascii: "\n")))
            count += 1
        }
        public mutating func add<C: Collection>(utf8 sha256: C) where C.Element == UInt8 {
            hasher.update(sha256)
            hasher.update(CollectionOfOne(UInt8(ascii: "\n")))
            count += 1
        }
        public var documents: Int { count }
        public func finish() -> String {
            var hasher = hasher
            return SHA256.hexString(hasher.finalize())
        }
        public static func of(_ sha256s: [String]) -> String {
            var digest = DocumentsDigest()
            for sha in sha256s { digest.add(sha) }
            return digest.finish()
        }
    }
}

extension ResidentConsortium {
    /// The consortium as the database keeps it; nil while documents dated after `through` wait
    /// (they are not in the packed state: such a consortium is replayed from the archive at the
    /// next start, and stored once none waits).
    public var stored: StoredConsortium? {
        guard let parts = storedParts else { return nil }
        var w = StateWriter()
        w.date(parts.through)
        w.bool(parts.summary.hasState)
        w.bool(parts.summary.isLive)
        w.date(parts.summary.approvedThrough)
        w.array(parts.summary.closedSegments) { $0.segment($1) }
        w.array(parts.summary.openSegments) { $0.segment($1) }
        w.array(parts.summary.listings) {
            $0.text($1.member)
            $0.date($1.from)
            $0.date($1.until)
        }
        w.optional(parts.summary.status) { $0.tag($1) }
        w.optional(parts.lastKey) {
            $0.date($1.0)
            $0.int($1.1)
            $0.int($1.2)
        }
        w.date(parts.lastApplied)
        w.date(parts.firstApplication)
        w.ids(parts.units)
        w.ids(parts.leadUnits)
        w.ids(parts.listedUnits)
        w.int(parts.documentCount)
        w.array(parts.approvalsUnmet) { $0.array($1) { $0.tag($1) } }
        // A finding's `since` is written as `through`: `formationOwn(_:on:)` gives every finding
        // the day asked for, so the day it was judged on is not part of the state.
        w.optional(parts.formationOwn) { w, own in
            w.int(own.version)
            w.array(own.findings) { w, finding in
                var finding = finding
                finding.since = parts.through
                w.finding(finding)
            }
        }
        return StoredConsortium(id: id, state: parts.packed, parts: w.finished())
    }

    /// The consortium `stored` gave, replayed under `policies` (those it was stored under: the
    /// caller compares `StoredConsortium.policyDigest`). `unit` gives the String to hold for each
    /// unit (the model shares one String per unit among its consortia).
    public init(restoring stored: StoredConsortium, policies: PolicySchedule, unit: (MemberID) -> MemberID = { $0 }) {
        var parts = Parts(packed: stored.state)
        stored.parts.withUnsafeBufferPointer { buffer in
            var r = StateReader(buffer)
            parts.through = r.date()
            parts.summary.hasState = r.bool()
            parts.summary.isLive = r.bool()
            parts.summary.approvedThrough = r.optionalDate()
            parts.summary.closedSegments = r.array { $0.segment() }
            parts.summary.openSegments = r.array { $0.segment() }
            parts.summary.listings = r.array { DishonestyListing(member: $0.text(), from: $0.date(), until: $0.optionalDate()) }
            parts.summary.status = r.optional { $0.tag() }
            parts.lastKey = r.optional { ($0.date(), $0.int(), $0.int()) }
            parts.lastApplied = r.optionalDate()
            parts.firstApplication = r.optionalDate()
            parts.units = r.ids().map(unit)
            parts.leadUnits = r.ids().map(unit)
            parts.listedUnits = r.ids().map(unit)
            parts.documentCount = r.int()
            parts.approvalsUnmet = r.array { $0.array { $0.tag() } }
            parts.formationOwn = r.optional { r in (r.int(), r.array { $0.finding() }) }
            precondition(r.atEnd, "stored parts of \(stored.id) not read to their end")
        }
        self.init(stored.id, parts: parts, policies: policies)
    }

    /// Whether two consortia hold the same state and parts (`consortiumctl verify`, the
    /// equivalence tests): their stored bytes are equal. Consortia with waiting documents compare
    /// by their documents' count and waiting documents' SHA-256.
    public func sameAs(_ other: ResidentConsortium) -> Bool {
        if let a = stored, let b = other.stored { return a == b }
        return stored == nil && other.stored == nil && documentCount == other.documentCount
            && waiting.map(\.sha256) == other.waiting.map(\.sha256)
    }
}
