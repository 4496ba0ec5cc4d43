import ConsortiumDocx
import ConsortiumDocxSamples
import Foundation

/// `consortium-bench docx-hostile`: builds each hostile .docx of `HostileDocx.cases` in memory, runs
/// `DocxReader.read` on it and prints what it cost: the input's size, the result (the DocxError
/// code, or "accepted"), the time of the read and the peak resident memory (VmHWM) of the process
/// during the read — the peak is reset (`/proc/self/clear_refs` 5) after the input is built.
enum DocxHostileBench {
    struct Row {
        var name: String
        var bytes: Int
        var result: String
        var milliseconds: Double
        var peakMegabytes: Double
    }

    static func run() {
        let resets = resetPeak()
        var rows = [measure("valid-form (baseline)", expected: "accepted") { (try? SampleDocx.docx(body: SampleDocx.formBody)) ?? [] }]
        // The most elements a part may have (w:document, w:body, w:sectPr, w:pgSz and these): accepted.
        rows.append(measure("elements-1999996 (accepted)", expected: "accepted") { HostileDocx.elements(DocxLimits.default.maxXMLElements - 4) })
        // A main part just under maxPartBytes, all text: the most memory an accepted file may take.
        rows.append(
            measure("text-31MiB (accepted)", expected: "accepted") { HostileDocx.largeText(bytes: DocxLimits.default.maxPartBytes - (1 << 20)) }
        )
        for hostile in HostileDocx.cases {
            rows.append(measure(hostile.name, expected: hostile.expected.rawValue, hostile.build))
        }
        print("case                             bytes  result                      ms  peak RSS (MB)")
        for row in rows {
            print(
                row.name.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + String(format: " %10d  ", row.bytes) + row.result.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + String(format: " %7.1f  %13.1f", row.milliseconds, row.peakMegabytes)
            )
        }
        print(
            resets
                ? "(peak RSS: VmHWM after each read, reset after building its input)"
                : "(peak RSS: VmHWM after each read, cumulative: /proc/self/clear_refs could not be written)"
        )
        let wrong = rows.filter { $0.result.contains("expected") }.count
        if wrong > 0 {
            print("\(wrong) case(s) without the expected result")
            exit(1)
        }
    }

    static func measure(_ name: String, expected: String, _ build: () -> [UInt8]) -> Row {
        let input = build()
        _ = resetPeak()
        var result = "accepted"
        let elapsed = ContinuousClock().measure {
            do throws(DocxError) { _ = try DocxReader.read(input) } catch { result = error.code.rawValue }
        }
        if result != expected { result += " (expected \(expected))" }
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return Row(name: name, bytes: input.count, result: result, milliseconds: milliseconds, peakMegabytes: residentMegabytes())
    }

    /// `consortium-bench docx-read FILE…`: what the reader makes of each file (its blocks, or why it
    /// is rejected), for checking real files by hand.
    static func read(_ paths: [String]) -> Int32 {
        var status: Int32 = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                status = 2
                continue
            }
            do throws(DocxError) {
                let document = try DocxReader.read([UInt8](data))
                print("\(path): \(document.blocks.count) blocks (\(document.paragraphs.count) paragraphs, \(document.tables.count) tables)")
                for block in document.blocks {
                    switch block {
                    case .paragraph(let text): print("  ¶ \(text.debugDescription)")
                    case .table(let table):
                        print("  table \(table.rows.count) rows")
                        for row in table.rows {
                            print(
                                "    | "
                                    + row.map { ($0.continuesMerge ? "^" : "") + ($0.span > 1 ? "[\($0.span)]" : "") + $0.text.debugDescription }
                                    .joined(separator: " | ")
                            )
                        }
                    }
                }
            } catch {
                print("\(path): rejected \(error.code.rawValue): \(error)")
                status = 1
            }
        }
        return status
    }

    static func writeSeeds(to directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in DocxFuzzing.seeds() {
            FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes))
        }
    }

    /// Resets VmHWM to the current RSS (Linux: writing 5 to /proc/self/clear_refs).
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }
}
