import ConsortiumCore

extension Daemon {
    /// Rewrites what changed in the report after an evaluation of `scope` (nil: every
    /// consortium). A failure is reported once (FAULT_AREA=report) and the next refresh makes
    /// every page again; the documents and notices are not held up by it.
    func refreshReport(scope: Set<ConsortiumID>?) {
        guard let report else { return }
        do {
            try report.refresh(scope: scope, model: model, store: store, config: config, day: model.through)
        } catch {
            failure("报表无法写入 \(report.directory)：\(error)。文件和通知照常处理，故障排除后下次评估时重写全部页面。", error: error, area: .report)
            return
        }
        recovered(.report)
    }
}
