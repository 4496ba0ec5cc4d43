import ConsortiumCore
import Systemd

extension Daemon {
    /// Rewrites what changed in the report after an evaluation of `scope` (nil: every
    /// consortium). A failure is reported once (FAULT_AREA=report) and the next refresh makes
    /// every page again; the documents and notices are not held up by it. A full refresh that a
    /// stop interrupted (`DaemonReport.shouldStop`) is no fault: the next start rewrites it.
    func refreshReport(scope: Set<ConsortiumID>?) {
        guard let report else { return }
        if scope == nil { ServiceManager.notify("STATUS=写报表 / writing the report") }
        do {
            try report.refresh(scope: scope, model: model, store: store, config: config, day: model.through)
        } catch is DaemonReport.Stopped {
            return
        } catch {
            reportFailed(report, error)
            return
        }
        recovered(.report)
    }

    /// Writes the overview files that wait (DaemonReport: at most once a second after documents;
    /// `force`: now, before stopping).
    func writeReportOverview(force: Bool = false) {
        guard let report, report.overviewDue() != nil else { return }
        do {
            try report.writeOverviewIfDue(force: force)
        } catch {
            reportFailed(report, error)
            return
        }
        recovered(.report)
    }

    private func reportFailed(_ report: DaemonReport, _ error: any Error) {
        failure("报表无法写入 \(report.directory)：\(error)。文件和通知照常处理，故障排除后下次评估时重写全部页面。", error: error, area: .report)
    }
}
