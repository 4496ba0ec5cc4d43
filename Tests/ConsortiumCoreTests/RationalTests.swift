import Testing

@testable import ConsortiumCore

@Test(arguments: [
    ("0.30", 3, 10), ("0.3", 3, 10), ("0.5", 1, 2), ("3", 3, 1), ("0.03", 3, 100),
    ("0", 0, 1), ("0.000", 0, 1), ("1.25", 5, 4), ("007", 7, 1),
    ("0.123456789", 123_456_789, 1_000_000_000),
])
func rationalParsesDecimal(_ text: String, _ numerator: Int, _ denominator: Int) throws {
    let value = try #require(Rational(decimal: text))
    #expect(value.numerator == numerator)
    #expect(value.denominator == denominator)
    #expect(value == Rational(numerator, denominator))
}

@Test(arguments: [
    "", ".03", "3.", "1e-2", "-0.3", "+0.3", " 0.3", "0.3 ", "0,3", "0.1234567890", "0..3",
    "1.2.3", "abc", "０.3", "99999999999999999999", "9223372036854775807.1",
])
func rationalRejectsDecimal(_ text: String) {
    #expect(Rational(decimal: text) == nil)
}

@Test func rationalReducesAndNormalisesSign() {
    let value = Rational(6, -20)
    #expect(value.numerator == -3 && value.denominator == 10)
    #expect(Rational(0, 7) == Rational(0, 1))
    #expect(Rational(10, 5) == Rational(2, 1))
}

@Test(arguments: [
    ("0.30", 3, 10, true), ("0.30", 29, 100, false), ("0.30", 30, 100, true),
    ("0.5", 1, 2, true), ("0.5", 0, 2, false), ("0.03", 3, 100, true),
    ("0.03", 299, 10000, false), ("0.03", 300, 10000, true), ("0.30", 0, 0, false),
    ("0", 0, 0, false), ("0", 0, 5, true), ("0.30", 3, -10, false),
])
func rationalIsMet(_ threshold: String, _ part: Int, _ whole: Int, _ met: Bool) throws {
    #expect(try #require(Rational(decimal: threshold)).isMet(part: part, whole: whole) == met)
}

@Test func rationalIsMetDoesNotOverflow() throws {
    let half = Int.max / 2
    let threshold = try #require(Rational(decimal: "0.30"))
    #expect(threshold.isMet(part: half, whole: half))
    #expect(threshold.isMet(part: Int.max, whole: Int.max))
    #expect(!threshold.isMet(part: half / 10 * 2, whole: half))
    #expect(threshold.isMet(part: Int.max / 10 * 3 + 3, whole: Int.max))
    #expect(!Rational(Int.max - 1, Int.max).isMet(part: Int.max - 2, whole: Int.max))
    #expect(Rational(Int.max - 1, Int.max).isMet(part: Int.max - 1, whole: Int.max))
}

@Test(arguments: [
    (Rational(3, 10), "0.3", "30%"), (Rational(3, 100), "0.03", "3%"),
    (Rational(1, 2), "0.5", "50%"), (Rational(1, 3), "1/3", "33.33%"),
    (Rational(2, 3), "2/3", "66.67%"), (Rational(3, 1), "3", "300%"),
    (Rational(0, 1), "0", "0%"), (Rational(1, 8), "0.125", "12.5%"),
    (Rational(-3, 10), "-0.3", "-30%"),
    (Rational(123_456_789, 1_000_000_000), "0.123456789", "12.3456789%"),
])
func rationalTexts(_ value: Rational, _ description: String, _ percent: String) {
    #expect(value.description == description)
    #expect(value.percentText == percent)
}
