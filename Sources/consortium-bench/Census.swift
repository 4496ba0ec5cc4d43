import Foundation
import Glibc

/// Where a value's heap memory is, by field path: every distinct heap object reachable from the
/// value through its stored properties (Strings' storage, arrays' buffers, dictionaries' and sets'
/// storage, class instances), counted once, with the size malloc gave it (`malloc_usable_size`).
/// A diagnostic for the resident model (`consortium-bench resident --state DIR --census`): it
/// says which fields of a consortium hold its bytes, which heaptrack (allocation sites) cannot.
/// Indirect enum payloads and closures are not followed; storage outside the heap (literals in the
/// binary, empty singletons) is not counted.
struct Census {
    struct Row {
        var objects = 0
        var bytes = 0
    }
    private(set) var rows: [String: Row] = [:]
    private var seen: Set<UInt> = []
    private let heap: [ClosedRange<UInt>]

    init() {
        // Anonymous writable mappings and [heap]: where malloc's chunks are.
        var ranges: [ClosedRange<UInt>] = []
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[1].hasPrefix("rw") else { continue }
            let named = fields.count >= 6 ? String(fields[5]) : ""
            guard named.isEmpty || named == "[heap]" else { continue }
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            if bounds.count == 2, bounds[0] < bounds[1] { ranges.append(bounds[0]...(bounds[1] - 1)) }
        }
        heap = ranges
    }

    /// Counts the heap object at `pointer` under `path` once; false when seen before or not on the heap.
    private mutating func count(_ pointer: UnsafeRawPointer, _ path: String) -> Bool {
        let address = UInt(bitPattern: pointer)
        guard heap.contains(where: { $0.contains(address) }), seen.insert(address).inserted else { return false }
        rows[path, default: Row()].objects += 1
        rows[path, default: Row()].bytes += Self.usableSize(UnsafeMutableRawPointer(mutating: pointer)) + 8
        return true
    }

    /// glibc's `malloc_usable_size` (not in Swift's Glibc module: looked up by name).
    private static let usableSize: @convention(c) (UnsafeMutableRawPointer?) -> Int = {
        unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "malloc_usable_size"), to: (@convention(c) (UnsafeMutableRawPointer?) -> Int).self)
    }()

    mutating func walk(_ value: Any, _ path: String) {
        if let text = value as? String {
            var copy = text
            guard copy.utf8.count > 15 else { return }
            copy.makeContiguousUTF8()
            if let base = copy.utf8.withContiguousStorageIfAvailable({ $0.baseAddress }), let base {
                _ = count(UnsafeRawPointer(base) - 32, path + ":String")
            }
            return
        }
        if let text = value as? Substring {
            walk(text.base, path)
            return
        }
        if let array = value as? any CensusArray {
            guard let buffer = array.censusBuffer else { return }
            guard count(buffer, path + "[]") else { return }
            for element in array.censusElements { walk(element, path + "[]") }
            return
        }
        if let table = value as? any CensusTable {
            guard let storage = table.censusStorage else { return }
            guard count(storage, path + "{}") else { return }
            for element in table.censusElements { walk(element, path + "{}") }
            return
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .class {
            let object = value as AnyObject
            guard count(UnsafeRawPointer(Unmanaged.passUnretained(object).toOpaque()), path + ":" + String(describing: type(of: value))) else {
                return
            }
        }
        var mirrorNow: Mirror? = mirror
        while let current = mirrorNow {
            for child in current.children {
                let label = child.label ?? "_"
                let step = mirror.displayStyle == .optional ? "?" : (mirror.displayStyle == .enum ? ".\(label)" : ".\(label)")
                walk(child.value, path + step)
            }
            mirrorNow = current.superclassMirror
        }
    }

    func report(per consortia: Int, top: Int = 60) {
        let total = rows.values.reduce(0) { $0 + $1.bytes }
        let objects = rows.values.reduce(0) { $0 + $1.objects }
        print(
            String(
                format: "heap objects reachable: %d (%.1f per consortium), %.1f MB (%.2f KB per consortium)",
                objects,
                Double(objects) / Double(consortia),
                Double(total) / 1_048_576,
                Double(total) / 1024 / Double(consortia)
            )
        )
        print("bytes per consortium  objects per consortium  path")
        for (path, row) in rows.sorted(by: { $0.value.bytes > $1.value.bytes }).prefix(top) {
            print(String(format: "%20.0f  %22.2f  %@", Double(row.bytes) / Double(consortia), Double(row.objects) / Double(consortia), path))
        }
    }
}

protocol CensusArray {
    var censusBuffer: UnsafeRawPointer? { get }
    var censusElements: [Any] { get }
}

extension Array: CensusArray {
    var censusBuffer: UnsafeRawPointer? {
        capacity == 0 ? nil : unsafeBitCast(self, to: UnsafeRawPointer.self)
    }
    var censusElements: [Any] { map { $0 } }
}

protocol CensusTable {
    var censusStorage: UnsafeRawPointer? { get }
    var censusElements: [Any] { get }
}

extension Dictionary: CensusTable {
    var censusStorage: UnsafeRawPointer? { capacity == 0 ? nil : unsafeBitCast(self, to: UnsafeRawPointer.self) }
    var censusElements: [Any] { map { $0 } }
}

extension Set: CensusTable {
    var censusStorage: UnsafeRawPointer? { capacity == 0 ? nil : unsafeBitCast(self, to: UnsafeRawPointer.self) }
    var censusElements: [Any] { map { $0 } }
}
