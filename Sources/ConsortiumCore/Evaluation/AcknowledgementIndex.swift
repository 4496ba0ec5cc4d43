/// The operators' acknowledgements by notice id, as the daemon keeps them between evaluations
/// (it does not keep the decoded documents). `latest(for:on:)` is the acknowledgement that
/// replaying every Acknowledgement dated on or before the day in replay order leaves in force.
///
/// Dense (docs/performance.md: several per consortium, 100,000 consortia): a notice id is held as its 16
/// bytes (`NoticeKey`), a notice's one acknowledgement inline (an array only when it has more),
/// each operator's name once (`by` is one of a few), the notes' UTF-8 in one shared buffer, and
/// no acknowledgement's `notice` (it is the key: `latest` gives back the id it was asked for).
public struct AcknowledgementIndex: Sendable {
    /// One acknowledgement without its notice id.
    struct Entry: Sendable {
        /// Its document's arrival number: with `date`, its place in replay order (every entry is
        /// an Acknowledgement, so the kind's order is the same for all).
        var arrival: Int
        /// Where its note is in `notes` (a LEB128 byte count, then the UTF-8); -1: no note.
        var note: Int
        var date: CivilDate
        /// Its operator, in `operators`.
        var by: UInt32
        var until: CivilDate?

        /// After `other` in replay order.
        func sorts(after other: Entry) -> Bool { (date, arrival) > (other.date, other.arrival) }
    }

    /// A notice's acknowledgements in replay order: usually one.
    typealias Slot = OneOrMany<Entry>

    /// Notice ids of 32 lowercase hex digits (every id the decoder accepts).
    private var byKey: [NoticeKey: Slot] = [:]
    /// Any other notice id (only an Acknowledgement made in code can have one).
    private var byOtherID: [String: Slot] = [:]
    /// Operators' names, each once, and where each is.
    private var operators: [String] = []
    private var operatorIndex: [ExactText: UInt32] = [:]
    /// The bytes of the operators' names last looked up by bytes, and where each is.
    private var recentOperators: [(bytes: [UInt8], index: UInt32)] = []
    /// The notes' bytes; `deadNoteBytes` of them belong to removed acknowledgements.
    private var notes: [UInt8] = []
    private var deadNoteBytes = 0

    public private(set) var count = 0

    public init(_ records: [RecordedDocument] = []) {
        for record in records { add(record) }
    }

    /// Makes room for `count` acknowledgements (start-up knows how many it reads).
    public mutating func reserveCapacity(_ count: Int) { byKey.reserveCapacity(count) }

    /// Adds `record` if it is an Acknowledgement (anything else is ignored).
    public mutating func add(_ record: RecordedDocument) {
        guard case .acknowledgement(let ack) = record.document.body else { return }
        add(ack, date: record.document.date, arrival: record.arrival)
    }

    /// Adds the Acknowledgement `ack` dated `date` that arrived as `arrival` (the daemon's start-up
    /// reads them from the database: ConsortiumStore/StoredStates.swift).
    public mutating func add(_ ack: Acknowledgement, date: CivilDate, arrival: Int) {
        let entry = Entry(arrival: arrival, note: store(note: ack.note), date: date, by: intern(ack.by), until: ack.until)
        if let key = NoticeKey(ack.notice) {
            Self.add(entry, to: &byKey[key])
        } else {
            Self.add(entry, to: &byOtherID[ack.notice])
        }
        count += 1
    }

    /// Adds an Acknowledgement read back from the database as its columns' UTF-8, without a
    /// String per column (start-up reads hundreds of thousands: ConsortiumStore/StoredStates.swift):
    /// the entry `add(_:date:arrival:)` makes of the same texts. `note`: nil for none.
    public mutating func add(
        notice: UnsafeBufferPointer<UInt8>,
        by: UnsafeBufferPointer<UInt8>,
        note: UnsafeBufferPointer<UInt8>?,
        date: CivilDate,
        until: CivilDate?,
        arrival: Int
    ) {
        // The note's bytes as they are: `note(at:)` decodes them as a String read from them would.
        let start = note.map { Self.append(utf8: $0, to: &notes) } ?? -1
        let entry = Entry(arrival: arrival, note: start, date: date, by: intern(utf8: by), until: until)
        if let key = NoticeKey(utf8: notice) {
            Self.add(entry, to: &byKey[key])
        } else {
            Self.add(entry, to: &byOtherID[String(decoding: notice, as: UTF8.self)])
        }
        count += 1
    }

    /// `entry` put in `slot` after every entry that does not sort after it.
    private static func add(_ entry: Entry, to slot: inout Slot?) {
        if slot == nil { slot = .one(entry) } else { slot!.insert(entry) { $0.sorts(after: entry) } }
    }

    /// Forgets the acknowledgements that arrived as `arrivals` (their transaction failed).
    public mutating func remove(arrivals: Set<Int>) {
        for (key, slot) in byKey where slot.all.contains(where: { arrivals.contains($0.arrival) }) {
            byKey[key] = dropping(arrivals, from: slot)
        }
        for (id, slot) in byOtherID where slot.all.contains(where: { arrivals.contains($0.arrival) }) {
            byOtherID[id] = dropping(arrivals, from: slot)
        }
        if deadNoteBytes > notes.count / 2 { compactNotes() }
    }

    /// `slot` without the entries of `arrivals` (nil: none left), counting what they leave.
    private mutating func dropping(_ arrivals: Set<Int>, from slot: Slot) -> Slot? {
        for entry in slot.all where arrivals.contains(entry.arrival) {
            count -= 1
            deadNoteBytes += noteBytes(entry.note)
        }
        return slot.filter { !arrivals.contains($0.arrival) }
    }

    /// The acknowledgement of `notice` in force on `day`.
    public func latest(for notice: String, on day: CivilDate) -> Acknowledgement? {
        let slot = NoticeKey(notice).map { byKey[$0] } ?? byOtherID[notice]
        guard let entry = Self.inForce(slot, on: day) else { return nil }
        return Acknowledgement(notice: notice, by: operators[Int(entry.by)], note: note(at: entry.note), until: entry.until)
    }

    /// The entry of `slot` in force on `day`: the last in replay order dated on or before it.
    private static func inForce(_ slot: Slot?, on day: CivilDate) -> Entry? { slot?.last { $0.date <= day } }

    /// What a notice with id `key` shows of the acknowledgement in force on `day` (the evaluation's lookup).
    func info(for key: NoticeKey, on day: CivilDate) -> Notice.AcknowledgementInfo? {
        guard !byKey.isEmpty, let entry = Self.inForce(byKey[key], on: day) else { return nil }
        return Notice.AcknowledgementInfo(by: operators[Int(entry.by)], note: note(at: entry.note), until: entry.until)
    }

    // MARK: Operators and notes

    private mutating func intern(_ name: String) -> UInt32 {
        if let index = operatorIndex[ExactText(name)] { return index }
        let index = UInt32(operators.count)
        operators.append(name)
        operatorIndex[ExactText(name)] = index
        return index
    }

    /// The operator whose name has these bytes; the last few looked up are compared as bytes
    /// (acknowledgements come from a few operators, in runs), others made a String and interned.
    private mutating func intern(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let recent = recentOperators.first(where: { $0.bytes.elementsEqual(bytes) }) { return recent.index }
        let index = intern(String(decoding: bytes, as: UTF8.self))
        if recentOperators.count == 8 { recentOperators.removeFirst() }
        recentOperators.append((Array(bytes), index))
        return index
    }

    private mutating func store(note: String?) -> Int { Self.append(note, to: &notes) }

    /// Appends `note` (its byte count, then its UTF-8) to `buffer`; where it starts, -1 for none.
    private static func append(_ note: String?, to buffer: inout [UInt8]) -> Int {
        note.map { append(utf8: $0.utf8, to: &buffer) } ?? -1
    }

    /// Appends a note's byte count, then its bytes, to `buffer`; where it starts.
    private static func append(utf8 note: some Collection<UInt8>, to buffer: inout [UInt8]) -> Int {
        let start = buffer.count
        LEB128.append(UInt(note.count), to: &buffer)
        buffer.append(contentsOf: note)
        return start
    }

    /// The note's UTF-8 (where it is and how long), from its LEB128 byte count at `start`.
    private func noteRange(_ start: Int) -> Range<Int> {
        var at = start
        let length = Int(LEB128.read(notes, at: &at))
        return at..<at + length
    }

    private func note(at start: Int) -> String? {
        start < 0 ? nil : String(decoding: notes[noteRange(start)], as: UTF8.self)
    }

    /// The bytes the note at `start` takes in `notes`, count included.
    private func noteBytes(_ start: Int) -> Int { start < 0 ? 0 : noteRange(start).upperBound - start }

    /// Copies the notes still referred to into a new buffer (after removals left more dead bytes
    /// than live ones).
    private mutating func compactNotes() {
        var buffer: [UInt8] = []
        func moved(_ slot: Slot) -> Slot {
            Slot(
                slot.all.map { entry in
                    var entry = entry
                    entry.note = Self.append(note(at: entry.note), to: &buffer)
                    return entry
                }
            )!  // as many entries as `slot`, which has at least one
        }
        byKey = byKey.mapValues(moved)
        byOtherID = byOtherID.mapValues(moved)
        notes = buffer
        deadNoteBytes = 0
    }
}
