/// A notice id (rules.md "Notice identity": 32 lowercase hex digits) as its 16 bytes: the key in
/// memory of the ledger and of the acknowledgements, without a heap-allocated string per notice.
public struct NoticeKey: Hashable, Sendable {
    public let high: UInt64
    public let low: UInt64

    /// Nil unless `id` is exactly 32 lowercase hex digits (so that `id` gives it back).
    public init?(_ id: String) {
        var high: UInt64 = 0, low: UInt64 = 0, count = 0
        for byte in id.utf8 {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if count < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt64(digit) }
            count += 1
            if count > 32 { return nil }
        }
        guard count == 32 else { return nil }
        self.high = high
        self.low = low
    }

    /// The id it was made from.
    public var id: String {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(high) + hex(low)
    }
}
