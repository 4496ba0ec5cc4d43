import Testing

@testable import ConsortiumCore

@Test func countryCodeHasAll249() {
    #expect(CountryCode.alpha2.count == 249)
    #expect(CountryCode.alpha2.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isUppercase) })
    #expect(CountryCode.alpha2.contains("CN"))
}

@Test(arguments: ["DE", "US", "JP", "HK", "TW", "MO", "AX", "BQ", "SS"])
func countryCodeForeign(_ code: String) {
    #expect(CountryCode.isForeign(code))
}

@Test(arguments: ["CN", "de", "", "DEU", "UK", "EU", "ZZ", "XK"])
func countryCodeNotForeign(_ code: String) {
    #expect(!CountryCode.isForeign(code))
}
