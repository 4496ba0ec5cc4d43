import Foundation
import Glibc

/// Memory the process holds: glibc malloc's bytes in use (from `malloc_info`: the arenas' system
/// bytes less their free chunks, plus mmapped chunks) and VmRSS, both after `malloc_trim(0)`.
/// Swift's Glibc module has neither `mallinfo2` nor `malloc_trim`: they are looked up by name.
struct HeapUsage {
    var mallocMegabytes: Double
    var residentMegabytes: Double

    static func current() -> HeapUsage {
        let handle = dlopen(nil, RTLD_NOW)
        if let trim = dlsym(handle, "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        return HeapUsage(mallocMegabytes: Double(mallocInUse(handle)) / 1_048_576, residentMegabytes: consortium_bench.residentMegabytes("VmRSS:"))
    }

    /// The last (whole-process) `<total type="fast|rest|mmap" … size="">` and `<system type="current" size="">`.
    private static func mallocInUse(_ handle: UnsafeMutableRawPointer?) -> Int {
        guard let symbol = dlsym(handle, "malloc_info") else { return 0 }
        let info = unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32).self)
        var buffer: UnsafeMutablePointer<CChar>?
        var length = 0
        guard let stream = open_memstream(&buffer, &length) else { return 0 }
        _ = info(0, stream)
        fclose(stream)
        defer { free(buffer) }
        guard let buffer else { return 0 }
        var last: [String: Int] = [:]
        for line in String(cString: buffer).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("<total ") || text.hasPrefix("<system "), let type = attribute("type", in: text),
                let size = attribute("size", in: text).flatMap({ Int($0) })
            else { continue }
            last[(text.hasPrefix("<total ") ? "total-" : "system-") + type] = size
        }
        return (last["system-current"] ?? 0) - (last["total-fast"] ?? 0) - (last["total-rest"] ?? 0) + (last["total-mmap"] ?? 0)
    }

    private static func attribute(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: " \(name)=\"") else { return nil }
        return text[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
    }
}
