import Foundation
import Testing

@testable import ConsortiumCore

/// The schema version the decoder accepts is the one `documentVersion` says, and no other: a
/// document of another version is rejected naming the `version` field.
@Test(arguments: [0, 2, 10])
func onlyTheDocumentVersionIsAccepted(version: Int) {
    let text = DecoderFixtures.recommendation
    #expect(text.contains("version: \(ConsortiumCore.documentVersion)\n"))
    if case .failure(let rejection) = DocumentDecoder.decode(Data(text.utf8)) { Issue.record("the fixture must decode: \(rejection.errors)") }
    let other = text.replacingOccurrences(of: "version: \(ConsortiumCore.documentVersion)\n", with: "version: \(version)\n")
    guard case .failure(let rejection) = DocumentDecoder.decode(Data(other.utf8)) else {
        Issue.record("version \(version) was accepted")
        return
    }
    #expect(rejection.errors.contains { $0.path == "version" }, "\(rejection.errors)")
}
