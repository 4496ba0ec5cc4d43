import ConsortiumStore
import Testing

@testable import ConsortiumDaemon

/// `DigestPrefixes` (a sorted array and a recent set, merged now and then) answers as a Set would.
@Suite struct DigestPrefixesTests {
    @Test func membershipEqualsASetsThroughManyMerges() {
        var state: UInt64 = 20_261_126
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 33) % 200_000  // small range: repeats happen
        }
        var prefixes = DigestPrefixes()
        var reference: Set<UInt32> = []
        for round in 0..<60_000 {
            let value = next()
            prefixes.insert(value)
            reference.insert(value)
            if round % 997 == 0 {
                #expect(prefixes.count == reference.count, "round \(round)")
                for _ in 0..<200 {
                    let probe = next()
                    #expect(prefixes.contains(probe) == reference.contains(probe), "round \(round), \(probe)")
                }
            }
        }
        #expect(reference.allSatisfy(prefixes.contains))
        #expect(prefixes.contains(0) == reference.contains(0) && !prefixes.contains(UInt32.max))
    }

    @Test func aSHA256sPrefixIsItsFirstFourBytes() {
        #expect(ResidentModel.prefix("0123456789abcdef" + String(repeating: "0", count: 48)) == 0x0123_4567)
        #expect(ResidentModel.prefix("ffffffff" + String(repeating: "e", count: 56)) == 0xFFFF_FFFF)
    }
}

/// Start-up reads every document's SHA-256 prefix from the database in the order of the
/// `sha256` index (`Store.documentPrefixes`): the set made from them is the set of inserting
/// each, and a run out of order (a text that is not hex counts as 0) is sorted first.
@Suite struct PrefixesReadAtStartUpTests {
    @Test func aSetMadeFromSortedPrefixesEqualsOneMadeByInserting() {
        var state: UInt64 = 7
        var values: [UInt32] = []
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(UInt32(truncatingIfNeeded: state >> 33) % 50_000)
        }
        var inserted = DigestPrefixes()
        for value in values { inserted.insert(value) }
        for made in [DigestPrefixes(ascending: values.sorted()), DigestPrefixes(ascending: values)] {
            #expect(made.count == inserted.count)
            #expect((0..<60_000).allSatisfy { made.contains(UInt32($0)) == inserted.contains(UInt32($0)) })
        }
    }
}
