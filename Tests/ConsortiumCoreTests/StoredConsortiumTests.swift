import Testing

@testable import ConsortiumCore

/// The daemon's database keeps each consortium's state (`StoredConsortium`) and start-up reads it
/// back instead of replaying the archive: what it reads back must be the state replaying the
/// consortium's documents gives, and evaluate to the same notices on every later day.
@Suite("Stored states read back as the states replayed from the archive")
struct StoredConsortiumTests {
    static func d(_ text: String) -> CivilDate { CivilDate(text)! }

    /// The worlds: the examples and generated consortia (each in arrival order, some shuffled).
    static func worlds() throws -> [(String, [RecordedDocument])] {
        var shuffled = EvaluatorEquivalenceTests.shuffled(GeneratedWorld.scenario(consortia: 160).records, seed: 1)
        shuffled.sort { $0.arrival < $1.arrival }
        return [
            ("examples", try EvaluatorEquivalenceTests.exampleRecords()),
            ("generated", GeneratedWorld.scenario(consortia: 160).records.sorted { $0.arrival < $1.arrival }),
            ("generated, shuffled", shuffled),
        ]
    }

    /// Documents arrive one by one (appended in place or the consortium rebuilt, as the daemon
    /// does); along the way every consortium's stored bytes read back to the same bytes, and equal
    /// the bytes of replaying its documents through the same day. At the end, consortia read back
    /// from their stored bytes (the others replayed, as start-up does) evaluate to the notices of
    /// evaluating every document, on days after the last arrival and, the clock set back, before.
    @Test func storedStatesReadBackAsReplayed() throws {
        for (world, records) in try Self.worlds() {
            var daemon = ResidentConsortiumTests.Daemon()
            var today = Self.d("2021-01-01")
            var compared = 0
            var waiting = 0
            for (index, record) in records.enumerated() {
                today = max(today, record.arrival % 5 == 0 ? record.document.date.adding(days: -1) : record.document.date)
                daemon.arrive(record, today: today)
                guard index % 40 == 39 || index == records.count - 1 else { continue }
                for (id, resident) in daemon.residents {
                    guard let stored = resident.stored else {
                        waiting += 1
                        continue
                    }
                    let back = ResidentConsortium(restoring: stored, policies: .seed)
                    let readBack = back.stored == stored
                    #expect(readBack, "\(world) \(id): read back and stored again, other bytes \(Self.difference(back.stored, stored))")
                    let replayed = ResidentConsortium(id, documents: daemon.documents[id]!, through: resident.through, policies: .seed)
                    let same = replayed.stored == stored
                    #expect(
                        same,
                        "\(world) \(id) after \(record.name): the stored state is not the replayed one \(Self.difference(replayed.stored, stored))"
                    )
                    compared += 1
                }
            }
            #expect(compared > (world == "examples" ? 2 : 500), "\(world): \(compared) states compared")
            // Start-up: every stored state read back; a consortium whose documents wait is replayed.
            var started = ResidentConsortiumTests.Daemon()
            started.acknowledgements = daemon.acknowledgements
            started.documents = daemon.documents
            for (id, resident) in daemon.residents {
                started.residents[id] =
                    resident.stored.map { ResidentConsortium(restoring: $0, policies: .seed) }
                    ?? ResidentConsortium(id, documents: daemon.documents[id]!, through: resident.through, policies: .seed)
            }
            for day in ["2026-01-01", "2027-01-01", "2028-03-01", "2025-06-30"].map(Self.d) {
                ResidentConsortiumTests.expectSameNotices(records, &started, on: day, "\(world), started from stored states, \(day)")
            }
            if world != "examples" { #expect(waiting > 0 || compared > 0) }
        }
    }

    /// Where two stored states first differ (not their bytes: a failure would print thousands).
    static func difference(_ a: StoredConsortium?, _ b: StoredConsortium?) -> String {
        guard let a, let b else { return "one is nil" }
        func first(_ x: [UInt8], _ y: [UInt8]) -> String {
            let at = Array(zip(x, y)).firstIndex { $0.0 != $0.1 } ?? min(x.count, y.count)
            return "at \(at) of \(x.count)/\(y.count)"
        }
        return a.state == b.state ? "parts differ " + first(a.parts, b.parts) : "state differs " + first(a.state, b.state)
    }

    /// Equal policies give equal digests; other policies another.
    @Test func thePolicyDigestFollowsThePolicies() {
        var other = Policy.seed
        other.validYears = 3
        #expect(StoredConsortium.policyDigest(.seed) == StoredConsortium.policyDigest(PolicySchedule([.init(effectiveFrom: nil, policy: .seed)])))
        #expect(StoredConsortium.policyDigest(.seed) != StoredConsortium.policyDigest(PolicySchedule([.init(effectiveFrom: nil, policy: other)])))
    }

    /// The documents digest: the SHA-256 of the lines of SHA-256 (a fixed value, so that a change
    /// of how it is computed is seen: every stored state would be replayed once).
    @Test func theDocumentsDigestIsTheSHA256OfTheList() {
        let list = ["aa", "bb"]
        #expect(StoredConsortium.DocumentsDigest.of(list) == SHA256.hex(Array("aa\nbb\n".utf8)))
        #expect(StoredConsortium.DocumentsDigest.of([]) == SHA256.hex([UInt8]()))
    }

    /// The bytes of a known state are pinned: a change to `StatePacking` or `StoredConsortium`
    /// that changes them must raise `StoredConsortium.formatVersion` (and this digest with it).
    @Test func theFormatIsPinned() throws {
        let records = try EvaluatorEquivalenceTests.exampleRecords()
        var digest = SHA256()
        for id in Set(records.compactMap(\.document.consortium)).sorted() {
            let resident = ResidentConsortium(
                id,
                documents: records.filter { $0.document.consortium == id },
                through: Self.d("2026-07-01"),
                policies: .seed
            )
            let stored = try #require(resident.stored)
            digest.update(stored.state)
            digest.update(stored.parts)
        }
        let pinned: [Int: String] = [1: "24636b7f2cf33a9d8e07a2b415293bbee99865a720842a65289f1dbed8cc4228"]
        #expect(
            pinned[StoredConsortium.formatVersion] == SHA256.hexString(digest.finalize()),
            "the stored bytes changed: raise StoredConsortium.formatVersion and pin the new digest"
        )
    }
}
