import ConsortiumCore
import ConsortiumDocxSamples
import Foundation

// libFuzzer target over the document decoder, intake and rule evaluation, and the .docx reader
// (docs/fuzzing.md).
//
// Built with `-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address` (scripts/fuzz.sh) the module
// exports `LLVMFuzzerTestOneInput` and libFuzzer supplies `main`. In the plain package build
// (no FUZZING) it is a small replay tool instead: `ConsortiumFuzz FILE…` runs every file through
// the same code, which is how a reproducer is checked without the sanitizer toolchain.

/// One input is a short sequence of documents separated by this line.
let separator = Array("\n---8<---\n".utf8)

/// Splits `bytes` on `separator` (at most `limit` parts; the rest stays in the last part).
func split(_ bytes: [UInt8], limit: Int = 8) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var start = 0, i = 0
    while i + separator.count <= bytes.count, parts.count < limit - 1 {
        if bytes[i] == separator[0], bytes[i..<(i + separator.count)].elementsEqual(separator) {
            parts.append(Array(bytes[start..<i]))
            i += separator.count
            start = i
        } else {
            i += 1
        }
    }
    parts.append(Array(bytes[start...]))
    return parts
}

/// Runs one input through everything that reads untrusted bytes. Must never trap or hang.
/// Returns how many of its parts decoded.
@discardableResult
func exercise(_ bytes: [UInt8]) -> Int {
    DocxFuzzing.exercise(bytes)

    // The whole input as one document (small limits as well, to reach the limit paths).
    _ = DocumentDecoder.decode(Data(bytes))
    _ = DocumentDecoder.decode(Data(bytes), limits: DecodingLimits(maxDocumentBytes: 4096, maxDocumentNodes: 64))

    // The config parser on the same text.
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = try? ConsortiumConfig.parse(text)
    }

    // The input as a sequence of documents: decode each, classify each against the earlier
    // ones, then evaluate them together on a few days.
    var records: [RecordedDocument] = []
    // A first part that is a valid config supplies the policies the rest are evaluated under.
    let parts = split(bytes)
    var policies = PolicySchedule.seed
    if let text = String(validating: parts[0], as: UTF8.self), let config = try? ConsortiumConfig.parse(text) {
        policies = config.policy
    }
    for (index, part) in parts.enumerated() {
        guard case .success(let decoded) = DocumentDecoder.decode(Data(part)) else { continue }
        let record = RecordedDocument(document: decoded.document, sha256: SHA256.hex(part),
                                      arrival: index, name: "doc-\(index).yaml")
        _ = Intake.classify(record, accepted: records, today: decoded.document.date, policies: policies)
        _ = Intake.classify(record, accepted: records, today: nil, policies: policies)
        _ = Intake.findings(causedBy: record, documents: records + [record], policies: policies)
        records.append(record)
    }
    guard !records.isEmpty else { return 0 }
    var days: Set<CivilDate> = []
    for record in records {
        let date = record.document.date
        days.insert(date)
        days.insert(CivilDate.endOfYear(date.year))
        days.insert(date.addingYears(1))
    }
    for day in days.sorted().prefix(12) {
        let evaluation = Evaluator.evaluate(records, on: day, policies: policies)
        for notice in evaluation.notices { _ = notice.message.utf8.count }
    }
    return records.count
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    exercise(Array(UnsafeRawBufferPointer(start: start, count: count)))
    return 0
}

// SwiftPM links an executable on Linux with `--defsym main=ConsortiumFuzz_main` (its entry
// point is renamed so tests can link the module), so libFuzzer's own `main` is never used:
// provide that symbol and hand over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("ConsortiumFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in
        guard let data else { return 0 }
        exercise(Array(UnsafeBufferPointer(start: data, count: count)))
        return 0
    }
}
#else
@main
struct ConsortiumFuzzReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: ConsortiumFuzz FILE…  (replays inputs; build with scripts/fuzz.sh to fuzz)")
            return
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)"); exit(1)
            }
            let decoded = exercise([UInt8](data))
            print("ok \(path) (\(decoded) document(s) decoded)")
        }
    }
}
#endif
