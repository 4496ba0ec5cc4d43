import ArgumentParser
import ConsortiumCore
import ConsortiumReport
import ConsortiumStore
import Foundation

/// `report --out DIR [--at DATE] [FILE or DIR…]`: the bureau's overview as static pages and
/// spreadsheets (runbook.md "The report"): the same as the daemon keeps under
/// `<stateDirectory>/report`, for any day, from the daemon's state or from files.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成静态 HTML 报表和电子表格 / write the HTML report and spreadsheets.",
        discussion: """
            在 DIR 中写入 index.html（概览）、years.html（按年度）、c/编号.html（每个联合体）、consortia.csv 和 notices.csv\
            （UTF-8 带 BOM）。不给文件时用守护进程的状态（含通知台账中已解除的通知），给出文件时只用这些文件（同 evaluate）。\
            Writes index.html, years.html, c/KEY.html, consortia.csv and notices.csv into DIR (only files whose content \
            changed, each atomically). Without files: the daemon's state, with the ledger's resolved notices; with files: \
            exactly those documents, as `evaluate`. Exit: 0; 1 a given file is rejected or would stay pending; 2 usage or I/O error.
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("输出目录 / the directory written.", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("评估日期，默认今天 / the day evaluated (YYYY-MM-DD), default today.", valueName: "DATE"))
    var at: CivilDate?

    @Argument(help: ArgumentHelp("文件或目录 / files or directories.", valueName: "FILE or DIR"))
    var paths: [String] = []

    func run() throws {
        let config = try options.loadConfig()
        let day = at ?? options.today(config)
        let settings = ReportSettings(day: day, goodStandingMonths: config.goodStandingMonths)
        let writer: ReportWriter
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            writer = try ReportWriter(directory: out, settings: settings, hasLedger: paths.isEmpty)
        } catch {
            Console.error("无法创建输出目录 \(out)：\(error) / cannot create the output directory")
            throw ExitCode(ExitStatus.usage)
        }
        var failed = false
        do {
            if paths.isEmpty {
                if let model = try options.residentModel(config, on: day), let store = try StateLoader.openStore(config) {
                    defer { store.close() }
                    try ReportFacts.forEach(model.consortia, acknowledgements: model.acknowledgements, store: store, config: config, on: day) {
                        try writer.put($0)
                    }
                }
            } else {
                let documents: [RecordedDocument]
                (documents, failed) = try Evaluate.whatIf(paths, config)
                let evaluation = Evaluator.evaluate(documents, on: day, policies: config.policy)
                var open: [ConsortiumID: [Notice]] = [:]
                for notice in evaluation.notices where notice.stage != "resolved" { open[notice.consortium, default: []].append(notice) }
                for id in evaluation.states.keys.sorted() {
                    let state = evaluation.states[id]!
                    try writer.put(ConsortiumFacts(state: state, documents: state.documents.map { ReportDocument($0) }, open: open[id] ?? []))
                }
            }
            let finished = try writer.finish(pruning: true)
            if !options.json {
                Console.out(
                    "\(out)：\(finished.consortia) 个联合体，运行良好 \(finished.goodStanding.count) 个；写入 \(writer.counts.written) 个文件，"
                        + "未变 \(writer.counts.unchanged) 个，删除 \(writer.counts.removed) 个 / \(finished.consortia) consortia, "
                        + "\(finished.goodStanding.count) in good standing; \(writer.counts.written) files written, \(writer.counts.unchanged) unchanged, "
                        + "\(writer.counts.removed) removed"
                )
            } else {
                try Console.json(
                    ReportJSON(
                        out: out,
                        at: day,
                        consortia: finished.consortia,
                        goodStanding: finished.goodStanding,
                        written: writer.counts.written,
                        unchanged: writer.counts.unchanged,
                        removed: writer.counts.removed
                    )
                )
            }
        } catch let error as ReportError {
            Console.error("报表无法写入：\(error) / the report cannot be written")
            throw ExitCode(ExitStatus.usage)
        }
        if failed { throw ExitCode(ExitStatus.failed) }
    }
}

/// `report --json`.
struct ReportJSON: Encodable {
    var out: String
    var at: CivilDate
    var consortia: Int
    var goodStanding: [ConsortiumID]
    var written: Int
    var unchanged: Int
    var removed: Int
}
