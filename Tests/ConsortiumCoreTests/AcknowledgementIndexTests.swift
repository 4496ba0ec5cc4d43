import Testing

@testable import ConsortiumCore

/// `AcknowledgementIndex` (dense: 16-byte keys, one entry inline, interned operators, notes in one
/// buffer) against a straightforward reference: the acknowledgements of the notice dated on or
/// before the day, the last in replay order (date, arrival).
@Suite struct AcknowledgementIndexTests {
    /// SplitMix64: the same sequence on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let first = d("2026-03-01")

    /// Ids of 32 lowercase hex digits, and ids the 16-byte key cannot hold (upper case, short,
    /// not hex at all, 33 digits).
    static func noticeIDs(_ rng: inout SeededGenerator) -> [String] {
        let hex = (0..<40).map { _ in
            String(rng.next(), radix: 16).leftPadded(16) + String(rng.next(), radix: 16).leftPadded(16)
        }
        return hex + ["0123456789ABCDEF0123456789ABCDEF", "1f2c13e9", "通知-1", String(repeating: "a", count: 33), ""]
    }

    /// Two operators differ only by a CJK compatibility ideograph (equal as Strings, not as bytes).
    static let operators = ["市科技局产学研合作科 梁晓燕", "王五", "\u{F900}科长", "\u{8C48}科长", ""]
    static let notes: [String?] = [nil, "", "已核实", String(repeating: "联合体运行正常。", count: 20), String(repeating: "长", count: 7000)]

    func reference(_ records: [RecordedDocument], _ notice: String, _ day: CivilDate) -> Acknowledgement? {
        records.compactMap { record -> (CivilDate, Int, Acknowledgement)? in
            guard case .acknowledgement(let ack) = record.document.body, ack.notice.utf8.elementsEqual(notice.utf8),
                record.document.date <= day
            else { return nil }
            return (record.document.date, record.arrival, ack)
        }.max { ($0.0, $0.1) < ($1.0, $1.1) }?.2
    }

    func expectSame(_ index: AcknowledgementIndex, _ records: [RecordedDocument], ids: [String], round: Int) {
        #expect(index.count == records.filter { $0.document.kind == .acknowledgement }.count, "round \(round)")
        var keyed = 0
        defer { #expect(keyed > 0, "round \(round): no id of 32 hex digits to look up by key") }
        for id in ids + ["ffffffffffffffffffffffffffffffff"] {
            for offset in stride(from: -1, through: 31, by: 2) {
                let day = Self.first.adding(days: offset)
                let got = index.latest(for: id, on: day)
                let want = reference(records, id, day)
                #expect(got == want, "round \(round), notice \(id), day \(day)")
                #expect(got?.by.utf8.elementsEqual(want?.by.utf8 ?? "".utf8) ?? (want == nil), "round \(round): by \(id) \(day)")
                // The evaluation's lookup, by the id's 16 bytes (every notice's id is one), gives
                // what a notice shows of the same.
                if let key = NoticeKey(id) {
                    #expect(
                        index.info(for: key, on: day) == want.map { Notice.AcknowledgementInfo(by: $0.by, note: $0.note, until: $0.until) },
                        "round \(round): info \(id) \(day)"
                    )
                    keyed += 1
                }
            }
        }
    }

    /// 1,500 documents, one in fifty not an Acknowledgement, over the ids, operators and notes above.
    static func randomRecords(_ rng: inout SeededGenerator, ids: [String]) -> [RecordedDocument] {
        var records: [RecordedDocument] = []
        for arrival in (1...1500).shuffled(using: &rng) {
            let date = Self.first.adding(days: Int.random(in: 0..<30, using: &rng))
            let body: DocumentBody
            if arrival % 50 == 0 {
                body = .withdrawal(Withdrawal(document: String(repeating: "0", count: 64), reason: "不是确认"))
            } else {
                // Skewed: a few notices get many acknowledgements, most get one or two.
                let which = Int.random(in: 0..<ids.count, using: &rng) % (arrival % 3 == 0 ? 6 : ids.count)
                body = .acknowledgement(
                    Acknowledgement(
                        notice: ids[which],
                        by: Self.operators.randomElement(using: &rng)!,
                        note: Self.notes.randomElement(using: &rng)!,
                        until: Bool.random(using: &rng) ? date.adding(days: Int.random(in: 0..<90, using: &rng)) : nil
                    )
                )
            }
            records.append(RecordedDocument(document: Document(consortium: nil, date: date, body: body), sha256: "", arrival: arrival, name: ""))
        }
        return records
    }

    @Test func latestEqualsTheReferenceOverRandomAcknowledgements() {
        var rng = SeededGenerator(state: 20_261_126)
        let ids = Self.noticeIDs(&rng)
        var records = Self.randomRecords(&rng, ids: ids)
        var index = AcknowledgementIndex(records)
        expectSame(index, records, ids: ids, round: 0)
        // Failed transactions, each taking back a random tenth of what is left, until nothing is.
        for round in 1...12 {
            let gone = Set(records.map(\.arrival).filter { _ in Int.random(in: 0..<10, using: &rng) == 0 || round == 12 })
            index.remove(arrivals: gone)
            records.removeAll { gone.contains($0.arrival) }
            expectSame(index, records, ids: ids, round: round)
        }
        #expect(index.count == 0)
    }

    /// The same Acknowledgements added from their texts' bytes, as start-up reads them from the
    /// database (`Store.addStoredAcknowledgements`), give the same answers, removals included.
    @Test func addedFromBytesEqualsTheReference() {
        var rng = SeededGenerator(state: 20_261_207)
        let ids = Self.noticeIDs(&rng)
        var records = Self.randomRecords(&rng, ids: ids)
        var index = AcknowledgementIndex()
        for record in records {
            guard case .acknowledgement(let ack) = record.document.body else { continue }
            let bytes = (Array(ack.notice.utf8), Array(ack.by.utf8), ack.note.map { Array($0.utf8) })
            bytes.0.withUnsafeBufferPointer { notice in
                bytes.1.withUnsafeBufferPointer { by in
                    let add = { (note: UnsafeBufferPointer<UInt8>?) in
                        index.add(notice: notice, by: by, note: note, date: record.document.date, until: ack.until, arrival: record.arrival)
                    }
                    if let note = bytes.2 { note.withUnsafeBufferPointer { add($0) } } else { add(nil) }
                }
            }
        }
        expectSame(index, records, ids: ids, round: 0)
        for round in 1...4 {
            let gone = Set(records.map(\.arrival).filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })
            index.remove(arrivals: gone)
            records.removeAll { gone.contains($0.arrival) }
            expectSame(index, records, ids: ids, round: round)
        }
    }

    @Test func aSingleAcknowledgementAndItsDay() {
        let id = "1f2c13e99cfbf7a591d9bb5bf1d10fbd"
        let ack = Acknowledgement(notice: id, by: "王五", note: "已核实", until: d("2026-06-01"))
        let record = RecordedDocument(
            document: Document(consortium: nil, date: d("2026-03-05"), body: .acknowledgement(ack)),
            sha256: "",
            arrival: 7,
            name: ""
        )
        let index = AcknowledgementIndex([record])
        #expect(index.latest(for: id, on: d("2026-03-04")) == nil)
        #expect(index.latest(for: id, on: d("2026-03-05")) == ack)
        #expect(index.latest(for: id.uppercased(), on: d("2026-03-05")) == nil)
        #expect(index.count == 1)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
