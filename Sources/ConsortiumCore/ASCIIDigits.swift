/// Strict parsing of fixed-shape ASCII digit text, shared by the civil date and month types.
enum ASCIIDigits {
    /// The value of `text` when it is exactly `count` ASCII digits, else nil.
    static func fixed(_ text: Substring, count: Int) -> Int? {
        guard text.utf8.count == count, let value = digits(text) else { return nil }
        return value
    }

    /// The value of `text` when it is one or more ASCII digits (no sign, no spaces) that fit
    /// an `Int`, else nil.
    static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard isDigit(byte) else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Splits `text` at `-` into exactly `parts` pieces with the given digit counts, returning
    /// their values, or nil when the shape differs in any way.
    static func dashed(_ text: String, widths: [Int]) -> [Int]? {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == widths.count else { return nil }
        var values: [Int] = []
        for (piece, width) in zip(pieces, widths) {
            guard let value = fixed(piece, count: width) else { return nil }
            values.append(value)
        }
        return values
    }

    /// `value` written with at least `width` digits, zero-padded on the left.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + padding + digits
    }
}
