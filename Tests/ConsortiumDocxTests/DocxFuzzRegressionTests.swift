import ConsortiumDocx
import ConsortiumDocxSamples
import Foundation
import Testing

/// The .docx inputs of the fuzzing corpus (`fuzz/corpus/docx-*`) and any reproducer the fuzzer found
/// (`fuzz/regressions/docx-*`), replayed through the fuzz target's own work (`DocxFuzzing.exercise`).
@Suite struct DocxFuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    static func files(_ subdirectory: String) -> [String] {
        let directory = fuzzDirectory.appendingPathComponent(subdirectory).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("docx-") }.sorted().map { subdirectory + "/" + $0 }
    }

    static let inputs = files("corpus") + files("regressions")

    @Test func theCorpusHasTheDocxSeeds() {
        #expect(Self.inputs.count >= DocxFuzzing.seeds().count)
    }

    @Test(arguments: inputs)
    func replays(_ path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fuzzDirectory.appendingPathComponent(path)))
        let read = DocxFuzzing.exercise(bytes)
        // The sample form reads (with the default limits: it nests deeper than the small ones allow);
        // its XML reads once wrapped into a .docx.
        if path.hasSuffix("docx-form.docx") { #expect(read == 1) }
        if path.hasSuffix("docx-form.xml") { #expect(read == 1) }
    }
}
