import Testing

@testable import ConsortiumCore

/// OneOrMany holds the acknowledgements of a notice (in replay order) and the consortia naming a
/// unit (in the order they were added); `insert` looks for its place from the end.
@Suite struct OneOrManyTests {
    @Test func insertKeepsOrderLikeASortedInsert() {
        var state: UInt64 = 20_261_126
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 59)  // 0...31: many ties
        }
        for _ in 0..<200 {
            var held: OneOrMany<(key: Int, order: Int)>?
            var reference: [(key: Int, order: Int)] = []
            for order in 0...next() {
                let element = (key: next(), order: order)
                // After every element with a key not above it: equal keys keep their arrival order.
                if held == nil { held = .one(element) } else { held!.insert(element) { $0.key > element.key } }
                reference.insert(element, at: reference.firstIndex { $0.key > element.key } ?? reference.count)
            }
            #expect(held!.all.map(\.key) == reference.map(\.key))
            #expect(held!.all.map(\.order) == reference.map(\.order))
        }
    }

    @Test func insertWithoutAPlaceAppends() {
        var held = OneOrMany<Int>.one(7)
        for value in 0..<1000 { held.insert(value) }
        #expect(held.all == [7] + Array(0..<1000))
        #expect(held.filter { $0 >= 999 }?.all == [999])
        #expect(held.filter { $0 < 0 } == nil)
    }
}
