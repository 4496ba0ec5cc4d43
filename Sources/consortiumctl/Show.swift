import ArgumentParser
import ConsortiumCore
import Foundation

/// `show ID`: one consortium, evaluated today: status, members, documents by date, findings,
/// open notices.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "显示一个联合体：状态、成员、文件、发现和未关闭的通知 / one consortium: status, members, documents, findings, open notices.",
        discussion: "Exit: 0; 1 unknown id; 2 usage or I/O error."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("联合体编号 / consortium id (LZ-2026-003).", valueName: "ID"))
    var id: String

    func run() throws {
        let config = try options.loadConfig()
        let today = options.today(config)
        let documents = try options.loadState(config, showing: id, on: today)
        let evaluation = Evaluator.evaluate(documents, on: today, policies: config.policy)
        guard let state = evaluation.states[id] else {
            Console.error("未知的联合体编号 \(id) / unknown consortium id \(id)")
            throw ExitCode(ExitStatus.failed)
        }
        let output = ShowJSON(
            consortium: id,
            name: state.name,
            status: state.status,
            members: state.round.formation.members,
            documents: state.documents,
            findings: evaluation.findings(of: id).map { FindingJSON(finding: $0, consortiumName: state.name) },
            notices: evaluation.notices(of: id).filter { $0.stage != "resolved" }
        )
        if options.json {
            try Console.json(output)
        } else {
            printHuman(output, state: state, today: today)
        }
    }

    private func printHuman(_ o: ShowJSON, state: ConsortiumState, today: CivilDate) {
        Console.out("联合体 \(o.consortium)  \(o.name)")
        Console.out(
            "状态 \(o.status.chineseName) (\(o.status.rawValue))"
                + (state.round.currentApproval.map { "  批复文号 \($0.number)  有效期至 \($0.lastDay)" } ?? "")
        )
        Console.out("")
        var members = Table(["成员单位", "统一社会信用代码", "类型", "层级", "柳州注册", "分工"])
        for m in o.members {
            let id = m.country.map { "\($0) \(m.id)" } ?? m.id
            members.add([m.name, id, m.type.rawValue, m.layer.rawValue, m.liuzhou ? "是 yes" : "否 no", m.role])
        }
        Console.out(members.render())
        Console.out("")
        var documents = Table(["日期", "类型", "文件名", "SHA-256", "说明"])
        for d in o.documents {
            documents.add([
                d.date.description, d.kind.rawValue, d.name, String(d.sha256.prefix(16)) + "…",
                d.notApplied.map { "未生效：\($0.zh)" } ?? "",
            ])
        }
        Console.out(documents.render())
        Console.out("")
        if o.findings.isEmpty {
            Console.out("没有发现 / no findings")
        } else {
            var findings = Table(["规则", "条款", "对象", "级别", "说明"])
            for f in o.findings {
                findings.add([
                    f.finding.rule.rawValue, f.finding.rule.clause, f.finding.subject.isEmpty ? "-" : f.finding.subject,
                    "\(f.finding.level.rawValue) \(f.finding.level.chineseName)", f.text.zh,
                ])
            }
            Console.out(findings.render())
        }
        Console.out("")
        Evaluate.printNotices(o.notices, at: today)
    }
}
