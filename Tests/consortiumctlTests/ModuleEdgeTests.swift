import Foundation
import Testing

/// consortiumctl reads the daemon's state through ConsortiumStore and links neither the daemon
/// nor libsystemd (docs/architecture.md "Module edges").
@Suite("module edges")
struct ModuleEdgeTests {
    @Test func consortiumctlLinksNoSystemd() throws {
        let binary = try #require(CLI.binary)
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [binary.path]
        let out = Pipe()
        ldd.standardOutput = out
        try ldd.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(ldd.terminationStatus == 0)
        // The store's own library is there, so the list is the real one.
        #expect(text.contains("libsqlite3"))
        #expect(!text.contains("libsystemd"), "consortiumctl links libsystemd:\n\(text)")
    }
}
