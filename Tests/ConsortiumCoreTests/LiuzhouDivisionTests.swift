import Testing

@testable import ConsortiumCore

@Test(arguments: [
    ("城中区", "450202"), ("鱼峰区", "450203"), ("柳南区", "450204"), ("柳北区", "450205"),
    ("柳江区", "450206"), ("柳城县", "450222"), ("鹿寨县", "450223"), ("融安县", "450224"),
    ("融水苗族自治县", "450225"), ("融水县", "450225"), ("三江侗族自治县", "450226"),
    ("三江县", "450226"), ("柳江县", "450221"), ("柳州市城中区", "450202"),
    ("柳州市融水县", "450225"), ("  柳州市三江县\n", "450226"), (" 鱼峰区 ", "450203"),
    ("450202", "450202"), ("450221", "450221"), (" 450226 ", "450226"),
])
func liuzhouDistrictCodes(_ text: String, _ code: String) {
    #expect(LiuzhouDivision.code(forDistrict: text) == code)
}

@Test(arguments: [
    "柳东新区", "南宁市", "450100", "450200", "450201", "柳州市", "", "4502", "4502020",
    "城中", "柳州市450202", "柳州城中区", "城中区区",
])
func liuzhouNonDistricts(_ text: String) {
    #expect(LiuzhouDivision.code(forDistrict: text) == nil)
}

@Test func liuzhouCanonicalAndCityLevel() {
    #expect(LiuzhouDivision.cityCode == "450200")
    #expect(LiuzhouDivision.canonical("450221") == "450206")
    #expect(LiuzhouDivision.canonical("450206") == "450206")
    #expect(LiuzhouDivision.canonical("450202") == "450202")
    #expect(LiuzhouDivision.isCityLevel("450200"))
    #expect(LiuzhouDivision.isCityLevel("450201"))
    #expect(!LiuzhouDivision.isCityLevel("450202"))
    #expect(!LiuzhouDivision.isCityLevel("450100"))
}

@Test func liuzhouNames() {
    #expect(LiuzhouDivision.name(forCode: "450202") == "城中区")
    #expect(LiuzhouDivision.name(forCode: "450225") == "融水苗族自治县")
    #expect(LiuzhouDivision.name(forCode: "450221") == "柳江县")
    #expect(LiuzhouDivision.name(forCode: "450200") == "柳州市")
    #expect(LiuzhouDivision.name(forCode: "450100") == nil)
}

@Test func liuzhouEveryNamedCodeIsItsOwnDistrictOrCityLevel() {
    for code in [
        "450202", "450203", "450204", "450205", "450206", "450221", "450222",
        "450223", "450224", "450225", "450226",
    ] {
        let name = LiuzhouDivision.name(forCode: code)
        #expect(name != nil)
        #expect(LiuzhouDivision.code(forDistrict: name ?? "") == code)
        #expect(!LiuzhouDivision.isCityLevel(code))
    }
}
