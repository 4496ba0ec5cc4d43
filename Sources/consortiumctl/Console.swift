import ArgumentParser
import ConsortiumCore
import Foundation

/// Standard output and standard error.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Standard output in chunks of about a megabyte (`Console.out` writes once per call).
    struct Buffered {
        private var pending = ""

        mutating func write(_ text: String) {
            pending += text
            if pending.utf8.count >= 1 << 20 { flush() }
        }

        mutating func flush() {
            guard !pending.isEmpty else { return }
            FileHandle.standardOutput.write(Data(pending.utf8))
            pending = ""
        }

        /// Bytes made elsewhere, after what is pending.
        mutating func write(bytes: [UInt8]) {
            flush()
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    /// `--json` output of an object whose last member is a long array: the same bytes as
    /// `json(_:)` of the whole object, written an element at a time (`evaluate --json` of every
    /// notice at 100,000 consortia is 580 MB of JSON, never held whole).
    static func json<Element: Encodable>(
        _ members: [(key: String, value: any Encodable)],
        array key: String,
        _ elements: some Collection<Element>
    ) throws {
        do {
            var out = Buffered()
            out.write("{\n")
            for member in members {
                var quoted = ""
                OrderedJSON.quote(member.key, into: &quoted)
                out.write("  " + quoted + ": " + (try OrderedJSON.encode(member.value, indent: 1)) + ",\n")
            }
            var quoted = ""
            OrderedJSON.quote(key, into: &quoted)
            out.write("  " + quoted + ": ")
            if elements.isEmpty {
                out.write("[]")
            } else {
                out.write("[\n")
                // Encoded on every core, a few thousand elements at a time, written in order.
                let all = Array(elements)
                for start in stride(from: 0, to: all.count, by: 4096) {
                    let part = Array(all[start..<min(start + 4096, all.count)])
                    let encoded = ParallelFor.map(part, grain: 256) { element in Result { try OrderedJSON.encode(element, indent: 2) } }
                    for (offset, text) in encoded.enumerated() {
                        out.write("    " + (try text.get()) + (start + offset == all.count - 1 ? "\n" : ",\n"))
                    }
                }
                out.write("  ]")
            }
            out.write("\n}\n")
            out.flush()
        } catch {
            Self.error("无法输出 JSON / cannot encode JSON: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// `--json` output: valid JSON, keys in the documented order, slashes unescaped.
    static func json<T: Encodable>(_ value: T) throws {
        do {
            out(try OrderedJSON.encode(value))
        } catch {
            Self.error("无法输出 JSON / cannot encode JSON: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// A plain-text table; East Asian wide characters count two columns.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The text `render()` gives for `count` rows made by `row(index)`, followed by a line feed,
    /// written as it is made (`consortiumctl evaluate` of half a million notices:
    /// docs/performance.md). `row` is called twice for each index, from any thread.
    static func write(_ headers: [String], count: Int, row: (Int) -> [String]) {
        var out = Console.Buffered()
        lay(headers, count: count, row: row) { out.write(bytes: $0) }
    }

    func render() -> String {
        var bytes: [UInt8] = []
        Self.lay(headers, count: rows.count, row: { rows[$0] }) { bytes += $0 }
        bytes.removeLast()  // the last line's feed
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The table's lines in order as UTF-8, a chunk at a time to `emit`: the header and the rule,
    /// then the rows, laid out on every core: the column widths measured a part of the rows per
    /// thread, then the lines of a window of parts made, one part per thread, and emitted in order.
    private static func lay(_ headers: [String], count: Int, row: (Int) -> [String], _ emit: ([UInt8]) -> Void) {
        let part = 4096
        let measured = ParallelFor.map(Array(stride(from: 0, to: count, by: part)), grain: 1) { start in
            var widths = Array(repeating: 0, count: headers.count)
            for index in start..<min(start + part, count) {
                for (column, cell) in row(index).enumerated() { widths[column] = max(widths[column], Self.width(cell)) }
            }
            return widths
        }
        var widths = headers.map(Self.width)
        for part in measured { widths = zip(widths, part).map { max($0, $1) } }
        var top: [UInt8] = []
        line(headers, widths, to: &top)
        line(widths.map { String(repeating: "-", count: $0) }, widths, to: &top)
        emit(top)
        let window = part * 2 * ParallelFor.processorCount
        for first in stride(from: 0, to: count, by: window) {
            let starts = Array(stride(from: first, to: min(first + window, count), by: part))
            let chunks = ParallelFor.map(starts, grain: 1) { start in
                var bytes: [UInt8] = []
                for index in start..<min(start + part, count) { line(row(index), widths, to: &bytes) }
                return bytes
            }
            for chunk in chunks { emit(chunk) }
        }
    }

    /// One line and its feed: each cell but the last padded to its column's width and two spaces.
    private static func line(_ cells: [String], _ widths: [Int], to bytes: inout [UInt8]) {
        for (column, cell) in cells.enumerated() {
            bytes.append(contentsOf: cell.utf8)
            if column < cells.count - 1 {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] - Self.width(cell) + 2))
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Display width in terminal columns.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            // Below U+0300 nothing is a combining mark: one column, without asking for the category.
            if v < 0x300 { return sum + 1 }
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            // The wide ranges hold combining marks only in U+302A…U+309A (the category decides there).
            let mark = (wide ? (0x302A...0x309A).contains(v) : true) && (v == 0x200B || scalar.properties.generalCategory == .nonspacingMark)
            return sum + (mark ? 0 : wide ? 2 : 1)
        }
    }
}

extension Severity {
    var chineseName: String {
        switch self {
        case .crit: "严重"
        case .err: "错误"
        case .warning: "警告"
        case .notice: "提示"
        case .info: "信息"
        }
    }
}

extension RuleLevel {
    var chineseName: String {
        switch self {
        case .error: "错误"
        case .warning: "警告"
        case .info: "信息"
        }
    }
}
