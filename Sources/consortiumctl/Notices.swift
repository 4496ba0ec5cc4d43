import ArgumentParser
import ConsortiumCore
import ConsortiumStore
import Foundation

/// `notices [--since DATE]`: the notices the daemon emitted, newest first (operations.md).
struct Notices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出守护进程已发出的通知（最新的在前）/ the notices the daemon emitted, newest first.",
        discussion: "Exit: 0; 2 usage or I/O error; 3 with --fail-on, an open notice of that severity or worse."
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("只列出此日及以后发出的 / only those emitted on or after DATE.", valueName: "DATE"))
    var since: CivilDate?

    @Option(name: .long, help: ArgumentHelp("有此级别或更严重的通知未关闭时退出码为 3 / exit 3 when such a notice is open.", valueName: "err|crit"))
    var failOn: FailOn?

    func run() throws {
        let config = try options.loadConfig()
        guard let store = try StateLoader.openStore(config) else {
            if options.json { Console.out("[]") } else { Console.out("守护进程尚未运行过，没有通知 / the daemon has not run yet: no notices") }
            return
        }
        let rows: [Store.NoticeRow]
        let emissions: [Store.EmissionRow]
        do {
            rows = try store.notices()
            emissions = try store.emissions(since: since?.description)
        } catch {
            Console.error("无法读取通知台账 / cannot read the notice ledger: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        let decoder = JSONDecoder()
        let listed: [EmittedNotice] = emissions.compactMap { emission in
            guard let row = byID[emission.notice],
                let notice = try? decoder.decode(Notice.self, from: Data(row.json.utf8))
            else { return nil }
            return EmittedNotice(notice: notice, emitted: emission.day, event: emission.what, sent: emission.sent, open: row.open)
        }
        if options.json {
            try Console.json(listed)
        } else if listed.isEmpty {
            Console.out("没有已发出的通知 / no notices emitted")
        } else {
            var table = Table(["发出日期", "事件", "联合体", "规则", "对象", "阶段", "级别", "状态", "通知编号"])
            for item in listed {
                let n = item.notice
                table.add([
                    item.emitted, item.event + (item.sent ? "" : " (未发送 not sent)"), n.consortium, n.rule, n.subject, n.stage,
                    n.severity.rawValue, item.open ? (n.acknowledged == nil ? "未关闭 open" : "已确认 acked") : "已关闭 closed", n.id,
                ])
            }
            Console.out(table.render())
        }
        if let failOn {
            let today = options.today(config)
            let open = rows.filter(\.open).compactMap { try? decoder.decode(Notice.self, from: Data($0.json.utf8)) }
            if open.contains(where: { failOn.trips($0, on: today) }) { throw ExitCode(ExitStatus.alarm) }
        }
    }
}

/// One emission: the notice object plus when and how it was emitted.
struct EmittedNotice: Encodable {
    var notice: Notice
    var emitted: String
    var event: String
    var sent: Bool
    var open: Bool

    enum CodingKeys: String, CodingKey { case emitted, event, sent, open }

    func encode(to encoder: any Encoder) throws {
        try notice.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(emitted, forKey: .emitted)
        try c.encode(event, forKey: .event)
        try c.encode(sent, forKey: .sent)
        try c.encode(open, forKey: .open)
    }
}
