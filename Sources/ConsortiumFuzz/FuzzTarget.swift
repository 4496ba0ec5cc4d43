import ConsortiumFuzzing
import Foundation

// libFuzzer target over the document decoder, intake and rule evaluation, and the .docx reader
// (docs/fuzzing.md).
//
// Built with `-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address` (scripts/fuzz.sh) the module
// exports `LLVMFuzzerTestOneInput` and libFuzzer supplies `main`. In the plain package build
// (no FUZZING) it is a small replay tool instead: `ConsortiumFuzz FILE…` runs every file through
// the same code, which is how a reproducer is checked without the sanitizer toolchain.

/// One input through the shared fuzzing work (ConsortiumFuzzing); how many of its parts decoded.
@discardableResult
func exercise(_ bytes: [UInt8]) -> Int { FuzzInput.exercise(bytes).count }

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
                print("cannot read \(path)")
                exit(1)
            }
            let decoded = exercise([UInt8](data))
            print("ok \(path) (\(decoded) document(s) decoded)")
        }
    }
}
#endif
