import ConsortiumCore
import ConsortiumDocx
import Foundation
import Testing

/// Every accepted Word fixture (Tests/Fixtures/docx and its clerk/ folder), saved again by real
/// LibreOffice (`soffice --headless --convert-to docx`, installed by scripts/setup.sh), decodes to
/// the same document: what the reader accepts does not depend on which office suite saved it last.
struct LibreOfficeRoundTripTests {
    static func soffice() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func accepted() throws -> [URL] {
        let manager = FileManager.default
        var urls: [URL] = []
        for directory in [FixtureTests.directory, ClerkFixtureTests.directory] {
            for name in try manager.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".docx") {
                let url = directory.appendingPathComponent(name)
                if case .success = try ClerkFixtureTests.decode(url) { urls.append(url) }
            }
        }
        return urls
    }

    @Test(.timeLimit(.minutes(10)))
    func acceptedFixturesResavedByLibreOfficeDecodeTheSame() throws {
        guard let soffice = Self.soffice() else {
            Issue.record("soffice is not installed: bash scripts/setup.sh installs libreoffice-writer-nogui")
            return
        }
        let fixtures = try Self.accepted()
        #expect(fixtures.count >= 19)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lo-roundtrip-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let input = work.appendingPathComponent("in")
        let output = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        for url in fixtures {
            try FileManager.default.copyItem(at: url, to: input.appendingPathComponent(url.lastPathComponent))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments =
            [
                "-env:UserInstallation=file://" + work.appendingPathComponent("profile").path, "--headless",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", output.path,
            ]
            + fixtures.map { input.appendingPathComponent($0.lastPathComponent).path }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for url in fixtures {
            let original = try ClerkFixtureTests.decode(url).get().document
            let resaved = output.appendingPathComponent(url.lastPathComponent)
            guard FileManager.default.fileExists(atPath: resaved.path) else {
                Issue.record("LibreOffice did not save \(url.lastPathComponent)")
                continue
            }
            switch try ClerkFixtureTests.decode(resaved) {
            case .success(let decoded): #expect(decoded.document == original, "\(url.lastPathComponent)")
            case .failure(let rejection): Issue.record("\(url.lastPathComponent) re-saved is rejected: \(rejection.errors.map(\.message))")
            }
        }
    }
}
