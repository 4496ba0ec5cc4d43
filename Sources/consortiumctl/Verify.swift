import ArgumentParser
import ConsortiumCore
import ConsortiumStore
import Foundation

/// `verify`: re-derives the state from the archive and compares it with the database.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "由存档重新推导状态并与数据库比较 / re-derive the state from the archive and compare it with the database.",
        discussion: """
            Checks that every recorded document's archived original exists, has the recorded SHA-256 and decodes \
            to the recorded kind, consortium and date; that the archive holds nothing unrecorded; and that the \
            open notices derived today agree with the notice ledger. Exit: 0 same; 1 differs; 2 usage or I/O error.
            """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let config = try options.loadConfig()
        guard let store = try StateLoader.openStore(config) else {
            Console.out("没有数据库，无需核对 / no database: nothing to verify")
            return
        }
        let report: Verification.Report
        do { report = try Verification.run(store: store, config: config, today: options.today(config)) } catch {
            Console.error("无法核对 / cannot verify: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        if options.json {
            Console.out(
                "{\"documents\": \(report.documents), \"differences\": ["
                    + report.differences.map { "\"\(Self.escape($0))\"" }.joined(separator: ", ") + "], \"notes\": ["
                    + report.notes.map { "\"\(Self.escape($0))\"" }.joined(separator: ", ") + "]}"
            )
        } else {
            Console.out("已核对 \(report.documents) 份文件 / \(report.documents) documents checked")
            for note in report.notes { Console.out("说明 / note: \(note)") }
            for difference in report.differences { Console.out("不一致 / differs: \(difference)") }
            if report.differences.isEmpty { Console.out("一致 / the database agrees with the archive") }
        }
        if !report.differences.isEmpty { throw ExitCode(ExitStatus.failed) }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
