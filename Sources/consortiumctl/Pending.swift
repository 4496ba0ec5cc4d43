import ArgumentParser
import ConsortiumCore
import ConsortiumStore
import Foundation

/// `pending`: the documents the daemon holds in `pending/` and what each waits for
/// (documents.md, revised 2026-12: its Application, a status it fits, a member, a
/// Withdrawal's target).
struct Pending: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出暂存待处理的文件及其等待原因 / the documents held in pending/ and what each waits for.",
        discussion: """
            守护进程在所在联合体每收到一份文件时重新判断待处理文件，满足即接收；超过 pendingDays 天仍不满足则拒收。\
            The daemon judges a held document again whenever its consortium receives a document and applies it once \
            it fits; after pendingDays it is rejected. Exit: 0; 2 usage or I/O error.
            """
    )

    @OptionGroup var options: CommonOptions

    struct Entry: Encodable {
        var file: String
        var name: String
        var consortium: String?
        var date: String
        var received: String
        var sha256: String
        var waitsFor: String
        var rejectedAfter: String?
    }

    func run() throws {
        let config = try options.loadConfig()
        guard let store = try StateLoader.openStore(config) else {
            if options.json { Console.out("[]") } else { Console.out("没有待处理的文件 / nothing is pending") }
            return
        }
        let rows: [Store.PendingRow]
        do {
            rows = try store.pendingRows()
        } catch {
            Console.error("无法读取待处理记录 / cannot read the pending rows: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let entries = rows.map { row in
            Entry(
                file: config.pending + "/" + row.path,
                name: row.name,
                consortium: row.consortium,
                date: row.date,
                received: row.received,
                sha256: row.sha256,
                waitsFor: row.reason,
                rejectedAfter: Store.instant(row.received).map {
                    CivilDate($0, timeZone: config.timeZone).adding(days: config.pendingDays).description
                }
            )
        }
        if options.json {
            try Console.json(entries)
        } else if entries.isEmpty {
            Console.out("没有待处理的文件 / nothing is pending")
        } else {
            var table = Table(["文件", "联合体", "日期", "收到时间", "此日后拒收", "等待"])
            for entry in entries {
                table.add([
                    entry.file, entry.consortium ?? "-", entry.date, entry.received, entry.rejectedAfter ?? "-",
                    entry.waitsFor.isEmpty ? "（下次判断时填写）" : entry.waitsFor,
                ])
            }
            Console.out(table.render())
        }
    }
}
