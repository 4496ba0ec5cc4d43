import ConsortiumCore
import ConsortiumDaemon
import ConsortiumReport
import ConsortiumStore
import Foundation

/// `consortium-bench report --state DIR --out DIR [--at DATE] [--changes N] [--once]`: the report of a daemon
/// state (docs/performance.md "The report"). The full report as the daemon writes it after a full
/// evaluation (every page, the overview, by year, the spreadsheets), written into an empty directory
/// and then again over itself (nothing changed: rendered and compared, not written); then the
/// daemon's refresh after one document (`DaemonReport.refresh` with the scope an evaluation after
/// a batch of one consortium's document gives), N times on N consortia: the work added after each
/// evaluation (its page and its part of the overview), and the write of the overview files that
/// follows it (at most once a second in the daemon). Peak memory is the process's VmHWM (the model loaded, then the report).
enum ReportBench {
    static func run(_ arguments: [String]) -> Int32 {
        var state: String?
        var out: String?
        var at: CivilDate?
        var changes = 20
        // --once: skip the second full report (nothing changed), which doubles the time at 100,000.
        let once = arguments.contains("--once")
        var rest = arguments.filter { $0 != "--once" }
        while rest.count >= 2 {
            switch rest[0] {
            case "--state": state = rest[1]
            case "--out": out = rest[1]
            case "--at": at = CivilDate(rest[1])
            case "--changes": changes = Int(rest[1]) ?? 20
            default: rest = ["?"]
            }
            rest.removeFirst(min(2, rest.count))
        }
        guard rest.isEmpty, let state, let out else {
            print("usage: consortium-bench report --state DIR --out DIR [--at YYYY-MM-DD] [--changes N] [--once]")
            return 2
        }
        do {
            var config = ConsortiumConfig()
            config.stateDirectory = state
            let day = at ?? CivilDate(Date(), timeZone: config.timeZone)
            let store = try Store(readOnlyAt: state + "/" + Store.fileName)
            defer { store.close() }
            var clock = Date()
            var cpu = processCPUSeconds()
            let model = try ResidentModel.load(store, config: config, through: day)
            let loadSeconds = Date().timeIntervalSince(clock)
            let loadCPU = processCPUSeconds() - cpu
            let afterLoad = residentMegabytes("VmHWM:")
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let report = DaemonReport(directory: out)
            clock = Date()
            cpu = processCPUSeconds()
            try report.refresh(scope: nil, model: model, store: store, config: config, day: day)
            let fullSeconds = Date().timeIntervalSince(clock)
            let fullCPU = processCPUSeconds() - cpu
            let fullCounts = report.lastCounts
            let peak = residentMegabytes("VmHWM:")
            let again = DaemonReport(directory: out)
            cpu = processCPUSeconds()
            if !once { try again.refresh(scope: nil, model: model, store: store, config: config, day: day) }
            let againCPU = processCPUSeconds() - cpu
            let index = (try FileManager.default.attributesOfItem(atPath: out + "/index.html")[.size] as? Int) ?? 0
            let total = try FileManager.default.subpathsOfDirectory(atPath: out).reduce(0) {
                $0 + ((try? FileManager.default.attributesOfItem(atPath: out + "/" + $1)[.size] as? Int) ?? 0)
            }
            print("consortia \(model.consortia.count)  documents \(model.documentCount)  day \(day)")
            print(String(format: "state loaded (resident model)  %.2f s  CPU %.2f s  peak RSS %.0f MB", loadSeconds, loadCPU, afterLoad))
            print(
                String(
                    format:
                        "full report                    %.2f s  CPU %.2f s  peak RSS %.0f MB  files written %ld  bytes %ld  index.html %.1f MB  all files %.1f MB",
                    fullSeconds,
                    fullCPU,
                    peak,
                    fullCounts.written,
                    fullCounts.bytes,
                    Double(index) / 1_048_576,
                    Double(total) / 1_048_576
                )
            )
            if !once {
                print(
                    String(
                        format: "full report, nothing changed   %.2f s  CPU %.2f s  written %d  unchanged %d",
                        again.lastSeconds,
                        againCPU,
                        again.lastCounts.written,
                        again.lastCounts.unchanged
                    )
                )
            }
            // The daemon's refresh after a document of one consortium (the report already written):
            // its page and its part of the overview at once; the overview files, written at most
            // once a second by the daemon, timed on their own.
            var seconds: [Double] = []
            var overviewSeconds: [Double] = []
            var refreshCPU: [Double] = []
            var overviewCPU: [Double] = []
            var written: [Int] = []
            let ids = model.consortia.map(\.id).sorted()
            report.overviewInterval = .infinity
            for n in 0..<max(1, changes) {
                let id = ids[(n * 7919) % ids.count]
                // As a new consortium: its page written, the overview's order made again.
                try report.forget([id])
                var cpu = processCPUSeconds()
                try report.refresh(scope: [id], model: model, store: store, config: config, day: day)
                refreshCPU.append(processCPUSeconds() - cpu)
                seconds.append(report.lastSeconds)
                written.append(report.lastCounts.written)
                cpu = processCPUSeconds()
                try report.writeOverviewIfDue(force: true)
                overviewCPU.append(processCPUSeconds() - cpu)
                overviewSeconds.append(report.lastOverviewSeconds)
            }
            func line(_ what: String, _ values: [Double]) -> String {
                let v = values.sorted()
                return String(
                    format: "%@median %.1f ms  p90 %.1f ms  max %.1f ms",
                    what,
                    v[v.count / 2] * 1000,
                    v[min(v.count - 1, v.count * 9 / 10)] * 1000,
                    v.last! * 1000
                )
            }
            print(
                line("refresh after one document     ", seconds) + line("  CPU ", refreshCPU)
                    + "  (\(seconds.count) refreshes; files written each: \(written.max() ?? 0))"
            )
            print(
                line("overview files (≤ once a second) ", overviewSeconds) + line("  CPU ", overviewCPU)
                    + String(
                        format: "  (after the same refreshes; index.html %.1f MB)",
                        Double((try FileManager.default.attributesOfItem(atPath: out + "/index.html")[.size] as? Int) ?? 0) / 1_048_576
                    )
            )
            print(String(format: "peak RSS of the process        %.0f MB", residentMegabytes("VmHWM:")))
            return 0
        } catch {
            FileHandle.standardError.write(Data("consortium-bench report: \(error)\n".utf8))
            return 1
        }
    }
}
