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

    func render() -> String {
        // Each cell's width once (a table of every notice at 100,000 consortia has millions of cells).
        let cellWidths = rows.map { $0.map(Self.width) }
        var widths = headers.map(Self.width)
        for row in cellWidths { for (column, width) in row.enumerated() where width > widths[column] { widths[column] = width } }
        func line(_ cells: [String], _ cellWidths: [Int]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                text += cell
                if !isLast { text += String(repeating: " ", count: widths[index] - cellWidths[index] + 2) }
            }
            return text
        }
        let rule = widths.enumerated().map { String(repeating: "-", count: $0.element) }.joined(separator: "  ")
        var lines = [line(headers, headers.map(Self.width)), rule]
        lines.reserveCapacity(rows.count + 2)
        for (row, rowWidths) in zip(rows, cellWidths) { lines.append(line(row, rowWidths)) }
        return lines.joined(separator: "\n")
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
