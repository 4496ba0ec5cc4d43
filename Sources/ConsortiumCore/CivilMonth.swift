/// A calendar month, written `YYYY-MM`.
public struct CivilMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int

    /// Parses strict `YYYY-MM` (ASCII digits, year 1...9999, month 1...12), else nil.
    public init?(_ text: String) {
        guard let parts = ASCIIDigits.dashed(text, widths: [4, 2]),
              (1...9999).contains(parts[0]), (1...12).contains(parts[1])
        else { return nil }
        year = parts[0]
        month = parts[1]
    }

    /// The month that `date` falls in.
    public init(_ date: CivilDate) {
        year = date.year
        month = date.month
    }

    /// `YYYY-MM`.
    public var description: String {
        "\(ASCIIDigits.padded(year, width: 4))-\(ASCIIDigits.padded(month, width: 2))"
    }

    /// Chronological order.
    public static func < (lhs: CivilMonth, rhs: CivilMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
