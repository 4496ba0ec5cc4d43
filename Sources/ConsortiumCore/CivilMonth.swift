/// A calendar month, written `YYYY-MM`.
public struct CivilMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The month packed like `CivilDate.packed` without the day: bits 0–3 the month, bits 4–31
    /// the year plus `CivilDate.yearBias`, so that integer order is month order. `==`,
    /// `hash(into:)` and `<` work on this value alone.
    let packed: UInt32

    /// The year, 1...9999.
    public var year: Int { Int(packed >> 4) - CivilDate.yearBias }
    /// The month, 1...12.
    public var month: Int { Int(packed & 0xF) }

    /// Parses strict `YYYY-MM` (ASCII digits, year 1...9999, month 1...12), else nil.
    public init?(_ text: String) {
        guard let parts = ASCIIDigits.dashed(text, widths: [4, 2]),
            (1...9999).contains(parts[0]), (1...12).contains(parts[1])
        else { return nil }
        packed = UInt32(parts[0] + CivilDate.yearBias) << 4 | UInt32(parts[1])
    }

    /// The month that `date` falls in.
    /// The month of a `packed` value read back (`StateReader`).
    init(packedValue: UInt32) { packed = packedValue }

    public init(_ date: CivilDate) {
        packed = date.packed >> 5
    }

    /// `YYYY-MM`.
    public var description: String {
        "\(ASCIIDigits.padded(year, width: 4))-\(ASCIIDigits.padded(month, width: 2))"
    }

    /// Chronological order.
    public static func < (lhs: CivilMonth, rhs: CivilMonth) -> Bool {
        lhs.packed < rhs.packed
    }
}
