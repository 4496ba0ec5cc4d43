import ConsortiumCore
import ConsortiumStore

/// What the metrics file (MetricsWriter) shows of the daemon, handed to it by the work loop: the
/// way the report gets what it shows (Daemon+Report.swift), so the writer reads nothing of the
/// daemon itself.
extension Daemon {
    /// Changes whenever something the metrics show may have: an entry sent (`Activity`), the
    /// ledger's open notices. Cheap: compared at every turn of the loop.
    var metricsMark: MetricsWriter.Mark { .init(activity: activity.generation, ledger: ledger.generation) }

    /// The metrics' view of the daemon now: consortia by status on the model's day, the ledger's
    /// open notices by group, documents and faults since start, the files waiting.
    func metricsFacts() -> MetricsWriter.Facts {
        let day = model.through
        var consortia = Dictionary(uniqueKeysWithValues: ConsortiumStatus.allCases.map { ($0.rawValue, 0) })
        for consortium in model.consortia {
            if let status = consortium.status(on: day) { consortia[status.rawValue, default: 0] += 1 }
        }
        var open: [MetricsWriter.NoticeGroup: Int] = [:]
        var oldest: [MetricsWriter.NoticeGroup: Double] = [:]
        for (group, value) in ledger.openGroups(on: day) {
            let key = MetricsWriter.NoticeGroup(severity: group.severity.rawValue, rule: group.rule, acknowledged: group.acknowledged)
            open[key] = value.count
            if let opened = value.oldest {
                oldest[key] = opened.instant(hour: 0, minute: 0, timeZone: config.timeZone).timeIntervalSince1970
            }
        }
        let active = Set(activeFaultAreas)
        var faults: [String: Int] = [:]
        // A file that is written says that writing it works: its own fault is recovered by then.
        for area in FaultArea.allCases where area != .other { faults[area.rawValue] = active.contains(area) && area != .metrics ? 1 : 0 }
        return MetricsWriter.Facts(
            consortia: consortia,
            openNotices: open,
            oldestOpened: oldest,
            repeatSeconds: Double(config.policy.policy(on: day).repeatDays * 86_400),
            documents: Dictionary(uniqueKeysWithValues: Activity.Outcome.allCases.map { ($0.rawValue, activity.documents[$0] ?? 0) }),
            archivedDocuments: documentCount,
            files: ["inbox": Self.fileCount(config.inbox), "pending": Self.fileCount(config.pending)],
            faults: faults,
            faultReports: activity.faultReports
        )
    }

    /// Hands `metrics` the daemon's facts when something changed since its last write (`force`:
    /// write anyway — the daily evaluation, so the file's mtime says the daemon is alive). A
    /// write that fails is a fault of its own (FAULT_AREA=metrics) until one succeeds.
    func updateMetrics(_ metrics: MetricsWriter, force: Bool = false) {
        let mark = metricsMark
        guard metrics.isStale(mark, force: force) else { return }
        do {
            if try metrics.update(metricsFacts(), mark: mark, force: force) { recovered(.metrics) }
        } catch {
            failure(
                "监控指标文件 \(metrics.directory)/\(MetricsWriter.fileName) 无法写入：\(error)。node_exporter 将报告它过期（ConsortiumdMetricsStale）；请检查目录和权限（runbook.md 第 15 节），恢复后自动重写。",
                error: error,
                area: .metrics
            )
        }
    }

    /// Files waiting in a directory (the names the daemon would take; its temporary files aside).
    static func fileCount(_ directory: String) -> Int {
        ((try? FileSystem.names(in: directory)) ?? []).count { !InboxName.isIgnored($0) }
    }
}
