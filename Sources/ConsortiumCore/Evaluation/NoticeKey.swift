/// A notice id (rules.md "Notice identity": 32 lowercase hex digits) as its 16 bytes: the key in
/// memory of the ledger and of the acknowledgements, without a heap-allocated string per notice.
public struct NoticeKey: Hashable, Sendable {
    public let high: UInt64
    public let low: UInt64

    /// Nil unless `id` is exactly 32 lowercase hex digits (so that `id` gives it back).
    public init?(_ id: String) {
        var id = id
        // Every evaluation parses hundreds of thousands of ids: read the bytes in place.
        guard let parsed = id.withUTF8({ Self.parse($0) }) else { return nil }
        (high, low) = parsed
    }

    /// Nil unless `bytes` are exactly 32 lowercase hex digits.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let parsed = Self.parse(bytes) else { return nil }
        (high, low) = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count == 32 else { return nil }
        func half(_ from: Int) -> UInt64? {
            var value: UInt64 = 0
            for byte in bytes[from..<from + 16] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
        guard let high = half(0), let low = half(16) else { return nil }
        return (high, low)
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The id it was made from: 32 lowercase hex digits.
    public var id: String {
        // Made for every notice of every evaluation: written straight into the String's storage.
        String(unsafeUninitializedCapacity: 32) { out in
            func write(_ value: UInt64, at start: Int) {
                for digit in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * digit)) & 0xF
                    out[start + digit] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                }
            }
            write(high, at: 0)
            write(low, at: 16)
            return 32
        }
    }
}
