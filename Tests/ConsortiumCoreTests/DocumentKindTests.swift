import Testing

@testable import ConsortiumCore

@Suite("Document kinds")
struct DocumentKindTests {
    @Test func orderIsThePositionInAllCases() {
        #expect(DocumentKind.allCases.map(\.order) == Array(0..<DocumentKind.allCases.count))
        #expect(DocumentKind.allCases == DocumentKind.allCases.sorted())
        #expect(DocumentKind.application < .recommendation && DocumentKind.withdrawal < .acknowledgement)
    }
}
