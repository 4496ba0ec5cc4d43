import Testing

@testable import ConsortiumCore

/// Every code in shared/data/uscc-published.txt (published online, collected as valid test
/// vectors by python-stdnum, plus a Liuzhou enterprise), embedded so tests read no files.
let publishedUSCCs = [
    "121200004013590816",
    "91110000600037341L",
    "91110000710926094P",
    "91120224064012553U",
    "911522010783710635",
    "91152201078371135X",
    "911522010783762860",
    "91152201078376307G",
    "91152201078377449P",
    "9115220107837757XE",
    "9115220107837941X1",
    "91152201078382010M",
    "911522010783887624",
    "911522010783897302",
    "911522010783898533",
    "91152201078389925U",
    "9115220107839138X8",
    "911522010783917502",
    "91152201078391769Y",
    "91152201078394644D",
    "91152201078395081D",
    "91152201078395188Q",
    "91152201078397730B",
    "91152201082151522J",
    "91310000631696382C",
    "91310000797046224D",
    "91310112087994932F",
    "913101127033980359",
    "913101145852519045",
    "913101153325803473",
    "91310115MA1K3BTP2B",
    "91310116052958608G",
    "91310116076409427L",
    "913101203509708598",
    "9131012056010553X5",
    "91320214745555318W",
    "913205056082348768",
    "913304007429141869",
    "91340600MA2PBM9HXD",
    "91340600MA2PBMA74B",
    "91340600MA2PBMBL5H",
    "91340600MA2PBMDH5R",
    "91340600MA2PBMQB9E",
    "91340600MA2PBN188W",
    "91340600MA2PBN831R",
    "91340600MA2PBNE723",
    "91340600MA2PBNR24J",
    "91340600MA2PBP2120",
    "91340600MA2PBP6A1W",
    "91340600MA2PBP6D6F",
    "91340600MA2PBPAG69",
    "91340600MA2PENCC7K",
    "91340600MA2PENWF9P",
    "91340600MA2PEP3Y54",
    "91340600MA2PEP518T",
    "91340600MA2PEP7F5B",
    "91340600MA2PEPM918",
    "91340600MA2PERLJ2D",
    "91340600MA2UJY987H",
    "91340600MA2UJYG49B",
    "913505007821784439",
    "91371082775260043P",
    "914112810713741814",
    "91420684MA4927PJ7B",
    "91440300568520498A",
    "9144030071526726XG",
    "9144060573144633XL",
    "91442000696462712R",
    "91620100719023721L",
    "91620105224521729E",
    "91620105325333735M",
    "91620105551270533Y",
    "91620105556273987U",
    "9162010555628132X1",
    "91620105556284969Y",
    "91620105L015101280",
    "91620105MA71T4YW8Q",
    "91620105MA73NBBLXE",
    "92340602MA2PBMEM24",
    "92340602MA2PBMG99Q",
    "92340603MA2UK3DT5H",
    "92340621MA2UK3PJXE",
    "91450200198229141F",
]

@Test(arguments: publishedUSCCs)
func usccPublishedCodesAreValid(_ text: String) throws {
    #expect(USCC.problem(in: text) == nil)
    let code = try #require(USCC(text))
    #expect(code.value == text)
    #expect(code.description == text)
    #expect(USCC.checkCharacter(for: String(text.prefix(17))) == text.last)
}

@Test func usccCheckCharacterFailure() {
    #expect(USCC.problem(in: "91110000600037341N") == .checkCharacter(expected: "L", found: "N"))
    #expect(USCC("91110000600037341N") == nil)
}

@Test func usccCharacterFailure() {
    #expect(USCC.problem(in: "9111000060003IOZSV") == .character(position: 14, found: "I"))
    #expect(USCC("9111000060003IOZSV") == nil)
}

@Test(arguments: [
    ("", USCCProblem.length(0)),
    ("91110000600037341", .length(17)),
    ("91110000600037341LL", .length(19)),
    ("91110000600037341l", .character(position: 18, found: "l")),
    ("9111000060003734IL", .character(position: 17, found: "I")),
    ("91A10000600037341L", .character(position: 3, found: "A")),
    ("911100006000373４1L", .character(position: 16, found: "４")),
    ("91110000600037341 ", .character(position: 18, found: " ")),
    ("Z1110000600037341L", .character(position: 1, found: "Z")),
])
func usccProblems(_ text: String, _ problem: USCCProblem) {
    #expect(USCC.problem(in: text) == problem)
    #expect(USCC(text) == nil)
}

@Test func usccLengthCountsCharactersNotBytes() {
    #expect(USCC.problem(in: "统一社会信用代码") == .length(8))
}

@Test func usccDivisionCodeAndLiuzhou() throws {
    let liuzhou = try #require(USCC("91450200198229141F"))
    #expect(liuzhou.divisionCode == "450200")
    #expect(liuzhou.isLiuzhou)
    let beijing = try #require(USCC("91110000600037341L"))
    #expect(beijing.divisionCode == "110000")
    #expect(!beijing.isLiuzhou)
}

@Test(arguments: ["450202", "450206", "450221", "450226", "450200"])
func usccGeneratedLiuzhouCodes(_ division: String) throws {
    let first17 = "91" + division + "MA5KXXXX1"
    let check = try #require(USCC.checkCharacter(for: first17))
    let code = try #require(USCC(first17 + String(check)))
    #expect(code.divisionCode == division)
    #expect(code.isLiuzhou)
}

@Test(arguments: ["9111000060003734", "911100006000373411", "9111000060003734I", ""])
func usccCheckCharacterNeedsSeventeenCharsetCharacters(_ text: String) {
    #expect(USCC.checkCharacter(for: text) == nil)
}

@Test func usccCheckCharacterCanBeZeroValue() throws {
    // Some prefix whose weighted sum is ≡ 0 (mod 31) must get "0", not charset[31].
    let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    let found = charset.lazy.map { "9145020000000000" + String($0) }
        .first { USCC.checkCharacter(for: $0) == "0" }
    #expect(found != nil)
}
