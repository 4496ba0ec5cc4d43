/// A set of 32-bit values (the first 4 bytes of accepted documents' SHA-256) held as one sorted
/// array, 4 bytes each (docs/performance.md: 20 documents per consortium, 100,000 consortia), with the latest
/// ones in a small set until they are merged in. A hash set of them would take 2–4 times as much.
package struct DigestPrefixes {
    private var sorted: [UInt32] = []
    private var recent: Set<UInt32> = []

    package init() {}

    /// The set of `values`, usually ascending already (repeats allowed).
    package init(ascending values: [UInt32]) {
        let values = zip(values, values.dropFirst()).allSatisfy { $0 <= $1 } ? values : values.sorted()
        sorted.reserveCapacity(values.count)
        for value in values where sorted.last != value { sorted.append(value) }
    }

    package var count: Int { sorted.count + recent.count }

    package mutating func insert(_ value: UInt32) {
        guard !contains(value) else { return }
        recent.insert(value)
        // Merging costs the whole array: it waits until the recent ones are an eighth of it.
        if recent.count >= max(1024, sorted.count / 8) { merge() }
    }

    package func contains(_ value: UInt32) -> Bool {
        if recent.contains(value) { return true }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }

    private mutating func merge() {
        let adding = recent.sorted()
        var merged: [UInt32] = []
        merged.reserveCapacity(sorted.count + adding.count)
        var i = 0
        var j = 0
        while i < sorted.count || j < adding.count {
            if j == adding.count || (i < sorted.count && sorted[i] < adding[j]) {
                merged.append(sorted[i])
                i += 1
            } else {
                merged.append(adding[j])
                j += 1
            }
        }
        sorted = merged
        recent = []
    }
}
