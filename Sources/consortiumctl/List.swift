import ArgumentParser
import ConsortiumCore
import ConsortiumReport
import Foundation

/// `list`: the consortia with status, lead, approval number and next deadline, evaluated today.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出联合体及其状态、牵头单位、批复文号和下一期限 / consortia with status, lead, approval number, next deadline."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let config = try options.loadConfig()
        let today = options.today(config)
        // A row depends on its consortium alone: each is read back from its stored state (the
        // daemon's database, docs/performance.md "Stored states"; replayed from the archive when
        // it has none that holds) and dropped once its row is made.
        var entries: [ListEntry] = []
        try options.forEachConsortium(config, on: today) { consortium in
            guard let state = consortium.state(on: today) else { return }
            entries.append(
                ListEntry(
                    consortium: consortium.id,
                    name: state.name,
                    status: state.status,
                    leads: state.round.formation.leadIDs,
                    approvalNumber: state.round.currentApproval?.number,
                    nextDeadline: Deadline.next(state, today: today)
                )
            )
        }
        entries.sort { $0.consortium < $1.consortium }
        if options.json {
            try Console.json(entries)
            return
        }
        if entries.isEmpty {
            Console.out("没有联合体 / no consortia")
            return
        }
        var table = Table(["联合体", "名称", "状态", "牵头单位", "批复文号", "下一期限"])
        for e in entries {
            let deadline = e.nextDeadline.map { "\($0.due) \($0.rule.rawValue) \($0.subject)" } ?? "-"
            table.add([
                e.consortium, e.name, "\(e.status.chineseName) \(e.status.rawValue)",
                e.leads.isEmpty ? "-" : e.leads.joined(separator: ", "), e.approvalNumber ?? "-", deadline,
            ])
        }
        Console.out(table.render())
    }
}
