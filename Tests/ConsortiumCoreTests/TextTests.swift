import Testing

@testable import ConsortiumCore

@Suite("Blank and trimmed text")
struct TextTests {
    @Test func blank() {
        for text in ["", " ", "\u{3000}", " \t\n\u{3000} ", " \u{301}"] { #expect(text.isBlank, "\(Array(text.unicodeScalars))") }
        for text in ["无", "a", " 无", "\u{3000}x", "批0", "\u{301}"] { #expect(!text.isBlank, "\(Array(text.unicodeScalars))") }
    }

    @Test func trimmed() {
        #expect("汽车".trimmingWhitespace == "汽车")
        #expect(" 汽车\u{3000}".trimmingWhitespace == "汽车")
        #expect("\u{3000}".trimmingWhitespace == "")
        #expect("汽 车".trimmingWhitespace == "汽 车")
    }
}
