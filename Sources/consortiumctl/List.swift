import ArgumentParser
import ConsortiumCore
import Foundation

/// `list`: the consortia with status, lead, approval number and next deadline, evaluated today.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出联合体及其状态、牵头单位、批复文号和下一期限 / consortia with status, lead, approval number, next deadline.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let config = try options.loadConfig()
        let today = options.today(config)
        // A row depends on its consortium's documents alone: they are read and replayed a group
        // of consortia at a time (as the daemon's start-up reads them), each group's states
        // dropped once its rows are made, so the archive is never held decoded at once.
        var entries: [ListEntry] = []
        try options.forEachGroup(config) { documents in
            let evaluation = Evaluator.evaluate(documents, on: today, policies: config.policy)
            for (id, state) in evaluation.states {
                entries.append(ListEntry(consortium: id, name: state.name, status: state.status, leads: state.round.formation.leadIDs,
                                         approvalNumber: state.round.currentApproval?.number,
                                         nextDeadline: Self.nextDeadline(state, today: today)))
            }
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
            table.add([e.consortium, e.name, "\(e.status.chineseName) \(e.status.rawValue)",
                       e.leads.isEmpty ? "-" : e.leads.joined(separator: ", "), e.approvalNumber ?? "-", deadline])
        }
        Console.out(table.render())
    }

    /// The earliest due date on or after `today` among: this year's annual report when it is due
    /// (the approval is in force on 31 December) and not yet received, and the approval's last
    /// day. Only approved consortia have one.
    static func nextDeadline(_ state: ConsortiumState, today: CivilDate) -> Deadline? {
        guard state.status == .approved, let approval = state.round.currentApproval else { return nil }
        var candidates: [Deadline] = []
        let yearEnd = CivilDate.endOfYear(today.year)
        if state.round.isInForce(on: yearEnd), state.round.report(for: today.year) == nil {
            candidates.append(Deadline(rule: .annualReport, subject: String(today.year), due: yearEnd))
        }
        if approval.lastDay >= today {
            candidates.append(Deadline(rule: .approvalExpiry, subject: approval.number, due: approval.lastDay))
        }
        return candidates.filter { $0.due >= today }.min { ($0.due, $0.rule.rawValue) < ($1.due, $1.rule.rawValue) }
    }
}
