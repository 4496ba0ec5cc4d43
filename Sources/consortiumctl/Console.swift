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

    /// The same text as `Table(headers)` with `rows` added and rendered, followed by a line
    /// feed, written a line at a time: `rows` is read twice (the widths, then the lines) and
    /// never held, so it can make each row on demand (`consortiumctl evaluate` of every notice).
    static func write(_ headers: [String], rows: some Sequence<[String]>) {
        var out = Console.Buffered()
        lay(headers, rows) { out.write($0 + "\n") }
        out.flush()
    }

    /// The same text as `write(_:rows:)` for `count` rows made by `row(index)` (called twice for
    /// each index, from any thread), laid out on every core: the column widths measured a part of
    /// the rows per thread, then the lines made as bytes a window of parts at a time and written
    /// in order (`consortiumctl evaluate` of half a million notices: docs/performance.md).
    static func write(_ headers: [String], count: Int, row: (Int) -> [String]) {
        let part = 4096
        let headerWidths = headers.map(Self.width)
        let measured = ParallelFor.map(Array(stride(from: 0, to: count, by: part)), grain: 1) { start in
            var widths = Array(repeating: 0, count: headers.count)
            for index in start..<min(start + part, count) {
                for (column, cell) in row(index).enumerated() { widths[column] = max(widths[column], Self.width(cell)) }
            }
            return widths
        }
        var widths = headerWidths
        for part in measured { widths = zip(widths, part).map { max($0, $1) } }
        var out = Console.Buffered()
        out.write(line(headers, headerWidths, widths) + "\n")
        out.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        let window = part * 2 * ParallelFor.processorCount
        for first in stride(from: 0, to: count, by: window) {
            let starts = Array(stride(from: first, to: min(first + window, count), by: part))
            let chunks = ParallelFor.map(starts, grain: 1) { start in
                var bytes: [UInt8] = []
                for index in start..<min(start + part, count) {
                    let cells = row(index)
                    for (column, cell) in cells.enumerated() {
                        bytes.append(contentsOf: cell.utf8)
                        if column < cells.count - 1 {
                            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] - Self.width(cell) + 2))
                        }
                    }
                    bytes.append(UInt8(ascii: "\n"))
                }
                return bytes
            }
            for chunk in chunks { out.write(bytes: chunk) }
        }
        out.flush()
    }

    func render() -> String {
        var lines: [String] = []
        lines.reserveCapacity(rows.count + 2)
        Self.lay(headers, rows) { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// The table's lines in order, each handed to `emit`: the header, the rule, a line per row.
    /// Each cell's width is computed once (a table of every notice at 100,000 consortia has
    /// millions of cells); `rows` is read twice.
    private static func lay(_ headers: [String], _ rows: some Sequence<[String]>, _ emit: (String) -> Void) {
        var widths = headers.map(Self.width)
        var cellWidths: [Int32] = []
        for row in rows {
            for (column, cell) in row.enumerated() {
                let width = Self.width(cell)
                cellWidths.append(Int32(width))
                widths[column] = max(widths[column], width)
            }
        }
        emit(line(headers, headers.map(Self.width), widths))
        emit(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        var at = 0
        for row in rows {
            emit(line(row, cellWidths[at..<at + row.count].map(Int.init), widths))
            at += row.count
        }
    }

    /// One line: each cell but the last padded to its column's width and two spaces.
    private static func line(_ cells: [String], _ cellWidths: [Int], _ widths: [Int]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            text += cell
            if index < cells.count - 1 { text += String(repeating: " ", count: widths[index] - cellWidths[index] + 2) }
        }
        return text
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
