import Testing
@testable import ConsortiumCore

@Test func documentVersionIsOne() { #expect(ConsortiumCore.documentVersion == 1) }
