import ConsortiumCore
import Foundation

/// `consortium-bench hash [--mib N] [--repeat N]`: SHA-256 (ConsortiumCore's `SHA256`, as the
/// daemon hashes every document) of N MiB of fixed bytes, R times; prints the digest (the same
/// before and after a change of implementation), the median and the fastest time of one hash.
/// The notice ids' many small hashes are timed by the evaluation benchmark (docs/performance.md "SHA-256").
enum HashBench {
    static func run(_ arguments: [String]) -> Int32 {
        var mebibytes = 4
        var repeats = 20
        var rest = arguments
        while rest.count >= 2 {
            switch rest[0] {
            case "--mib": mebibytes = Int(rest[1]) ?? mebibytes
            case "--repeat": repeats = Int(rest[1]) ?? repeats
            default:
                print("usage: consortium-bench hash [--mib N] [--repeat N]")
                return 2
            }
            rest.removeFirst(2)
        }
        var generator = UInt32(2_463_534_242)
        let bytes = (0..<(mebibytes << 20)).map { _ -> UInt8 in
            generator ^= generator << 13
            generator ^= generator >> 17
            generator ^= generator << 5
            return UInt8(truncatingIfNeeded: generator)
        }
        var times: [Double] = []
        var hex = ""
        let clock = ContinuousClock()
        for _ in 0..<repeats {
            var digest: [UInt8] = []
            let elapsed = clock.measure { digest = SHA256.hash(bytes) }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            hex = SHA256.hexString(digest)
        }
        times.sort()
        print("sha256 \(mebibytes) MiB: \(hex)")
        print(String(format: "  one hash: median %.2f ms, fastest %.2f ms (%d runs)", times[times.count / 2] * 1000, times[0] * 1000, repeats))
        return 0
    }
}
