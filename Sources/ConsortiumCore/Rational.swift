/// An exact fraction for the policy thresholds (e.g. 0.30), compared without floating point.
public struct Rational: Hashable, Sendable, CustomStringConvertible {
    /// The numerator, in lowest terms with `denominator`.
    public let numerator: Int
    /// The denominator, always > 0.
    public let denominator: Int

    /// The most fraction digits `init?(decimal:)` accepts.
    static let maxFractionDigits = 9

    /// `numerator/denominator` reduced to lowest terms with a positive denominator.
    /// - Precondition: `denominator != 0`.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational with denominator 0")
        let divisor = Swift.max(Rational.gcd(numerator.magnitude, denominator.magnitude), 1)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = numerator / Int(divisor) * sign
        self.denominator = denominator / Int(divisor) * sign
    }

    /// Parses a plain non-negative decimal exactly: ASCII digits, optionally a `.` followed by
    /// 1...9 digits (`"3"`, `"0.5"`, `"0.30"` = 3/10). Rejects empty text, signs, `".03"`,
    /// `"3."`, exponents and values that do not fit an `Int`.
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = ASCIIDigits.digits(parts[0]) else { return nil }
        var numerator = whole
        var denominator = 1
        if parts.count == 2 {
            let fraction = parts[1]
            guard fraction.utf8.count <= Rational.maxFractionDigits,
                let digits = ASCIIDigits.digits(fraction)
            else { return nil }
            for _ in 0..<fraction.utf8.count { denominator *= 10 }
            let (scaled, o1) = whole.multipliedReportingOverflow(by: denominator)
            let (sum, o2) = scaled.addingReportingOverflow(digits)
            guard !o1, !o2 else { return nil }
            numerator = sum
        }
        self.init(numerator, denominator)
    }

    /// Whether `part / whole >= self`, exactly (`part × denominator >= numerator × whole` in
    /// 128-bit arithmetic). An empty or negative `whole` never meets the rule.
    public func isMet(part: Int, whole: Int) -> Bool {
        guard whole > 0 else { return false }
        return Int128(part) * Int128(denominator) >= Int128(numerator) * Int128(whole)
    }

    /// The value as a decimal when it terminates (3/10 → `0.3`, 3 → `3`), else `n/d`.
    public var description: String {
        Rational.exactDecimal(Int128(numerator), Int128(denominator))
            ?? "\(numerator)/\(denominator)"
    }

    /// The value as a percentage: exact when it terminates (3/10 → `30%`, 3/100 → `3%`),
    /// else rounded half up to two decimals (1/3 → `33.33%`).
    public var percentText: String {
        let hundredfold = Int128(numerator) * 100
        let denominator = Int128(denominator)
        if let exact = Rational.exactDecimal(hundredfold, denominator) { return exact + "%" }
        let magnitude = hundredfold.magnitude * 100
        let rounded = (magnitude + denominator.magnitude / 2) / denominator.magnitude
        let text = Rational.exactDecimal(Int128(rounded), 100) ?? ""
        return (hundredfold < 0 ? "-" : "") + text + "%"
    }

    /// The terminating decimal expansion of `n/d` (d > 0) without trailing zeros, or nil when
    /// it does not terminate.
    static func exactDecimal(_ n: Int128, _ d: Int128) -> String? {
        var rest = d
        for prime in [2, 5] as [Int128] { while rest % prime == 0 { rest /= prime } }
        guard rest == 1 else { return nil }
        let magnitude = n.magnitude
        let divisor = d.magnitude
        var text = (n < 0 ? "-" : "") + String(magnitude / divisor)
        var remainder = magnitude % divisor
        if remainder != 0 { text += "." }
        while remainder != 0 {
            remainder *= 10
            text += String(remainder / divisor)
            remainder %= divisor
        }
        return text
    }

    /// The greatest common divisor (0 when both are 0).
    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        b == 0 ? a : gcd(b, a % b)
    }
}
