import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Prometheus

/// The daemon's metrics for node_exporter's textfile collector: `consortiumd.prom` in
/// `metricsDirectory`, rewritten atomically (a temporary file renamed into place) after an
/// evaluation or a batch changed something, and at each full evaluation (daily, start-up,
/// reload). Idle, nothing changes and nothing is written (runbook.md "Monitoring" lists the
/// series and the alert rules in deploy/prometheus/).
///
/// The registry and the exposition format are swift-prometheus's; a fresh registry is filled
/// from a snapshot at each write, so a label set that is gone (a rule with no open notice left)
/// leaves the file too.
public final class MetricsWriter {
    public static let fileName = "consortiumd.prom"

    public let directory: String
    let startTime: Date
    /// Documents by outcome since start, counted from the events the daemon sends.
    private var documents: [String: Int] = Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, 0) })
    /// Faults reported since start, by FAULT_AREA (every report, also those of `other`).
    private var faultReports: [String: Int] = [:]
    private var lastFull: (at: Date, seconds: Double)?
    /// Something may have changed since the last write.
    private var dirty = true
    /// The ledger's generation at the last snapshot (a changed one: notices changed).
    private var ledgerGeneration = -1
    private var written: Snapshot?
    /// Writes done (tests and `consortiumd` itself count them).
    public private(set) var writes = 0

    enum Outcome: String, CaseIterable {
        case accepted, rejected, pending, duplicate
    }

    public init(directory: String, startTime: Date = Date()) {
        self.directory = directory
        self.startTime = startTime
    }

    /// Attaches to `daemon`: counts the events it sends. Call once.
    public func attach(to daemon: Daemon) {
        let previous = daemon.emitter.onEvent
        daemon.emitter.onEvent = { [weak self] event, fields in
            previous?(event, fields)
            self?.observe(event, fields: fields)
        }
    }

    func observe(_ event: JournalEvent.Kind, fields: [(String, String)]) {
        switch event {
        case .accepted: documents[Outcome.accepted.rawValue, default: 0] += 1
        case .rejected: documents[Outcome.rejected.rawValue, default: 0] += 1
        case .pending: documents[Outcome.pending.rawValue, default: 0] += 1
        case .duplicate: documents[Outcome.duplicate.rawValue, default: 0] += 1
        case .failure:
            let area = fields.first { $0.0 == "FAULT_AREA" }?.1 ?? FaultArea.other.rawValue
            faultReports[area, default: 0] += 1
        case .recovered: break
        case .started, .ready, .reloaded, .stopping, .statesRebuilt: return
        }
        dirty = true
    }

    /// A full evaluation ended at `at` after `seconds` (monotonic); `succeeded`: its notices reached the ledger.
    public func fullEvaluation(at: Date, seconds: Double, succeeded: Bool) {
        if succeeded { lastFull = (at, seconds) }
        dirty = true
    }

    /// Something may have happened in the inbox (inotify) without an event (a file still being written).
    public func inboxActivity() { dirty = true }

    /// Writes the file when something changed since the last write; `force`: write it anyway
    /// (the daily evaluation, so its mtime says the daemon is alive).
    public func update(_ daemon: Daemon, force: Bool = false) {
        guard dirty || force || daemon.ledger.generation != ledgerGeneration else { return }
        dirty = false
        ledgerGeneration = daemon.ledger.generation
        let snapshot = snapshot(of: daemon)
        if !force, snapshot == written { return }
        do {
            try write(Self.exposition(snapshot))
            written = snapshot
            writes += 1
            daemon.recovered(.metrics)
        } catch {
            written = nil
            daemon.failure(
                "监控指标文件 \(directory)/\(Self.fileName) 无法写入：\(error)。node_exporter 将报告它过期（ConsortiumdMetricsStale）；请检查目录和权限（runbook.md 第 15 节），恢复后自动重写。",
                error: error,
                area: .metrics
            )
        }
    }

    // MARK: - Snapshot

    struct NoticeGroup: Hashable {
        var severity: String, rule: String, acknowledged: Bool
    }

    /// Everything the file says, compared with the last one written.
    struct Snapshot: Equatable {
        var consortia: [String: Int]
        var openNotices: [NoticeGroup: Int]
        var oldestOpened: [NoticeGroup: Double]
        var repeatSeconds: Double
        var documents: [String: Int]
        var archivedDocuments: Int
        var files: [String: Int]
        var lastFullAt: Double?
        var lastFullSeconds: Double?
        var faults: [String: Int]
        var faultReports: [String: Int]
        var startTime: Double
    }

    func snapshot(of daemon: Daemon) -> Snapshot {
        let config = daemon.config
        let day = daemon.model.through
        var consortia = Dictionary(uniqueKeysWithValues: ConsortiumStatus.allCases.map { ($0.rawValue, 0) })
        for consortium in daemon.model.consortia {
            if let status = consortium.status(on: day) { consortia[status.rawValue, default: 0] += 1 }
        }
        var open: [NoticeGroup: Int] = [:]
        var oldest: [NoticeGroup: Double] = [:]
        for (group, value) in daemon.ledger.openGroups(on: day) {
            let key = NoticeGroup(severity: group.severity.rawValue, rule: group.rule, acknowledged: group.acknowledged)
            open[key] = value.count
            if let opened = value.oldest {
                oldest[key] = opened.instant(hour: 0, minute: 0, timeZone: config.timeZone).timeIntervalSince1970
            }
        }
        let active = Set(daemon.activeFaultAreas)
        var faults: [String: Int] = [:]
        // A file that is written says that writing it works: its own fault is recovered by then.
        for area in FaultArea.allCases where area != .other { faults[area.rawValue] = active.contains(area) && area != .metrics ? 1 : 0 }
        return Snapshot(
            consortia: consortia,
            openNotices: open,
            oldestOpened: oldest,
            repeatSeconds: Double(config.policy.policy(on: day).repeatDays * 86_400),
            documents: documents,
            archivedDocuments: daemon.documentCount,
            files: ["inbox": Self.fileCount(config.inbox), "pending": Self.fileCount(config.pending)],
            lastFullAt: lastFull?.at.timeIntervalSince1970,
            lastFullSeconds: lastFull?.seconds,
            faults: faults,
            faultReports: faultReports,
            startTime: startTime.timeIntervalSince1970
        )
    }

    /// Files waiting in a directory (the names the daemon would take; its temporary files aside).
    static func fileCount(_ directory: String) -> Int {
        ((try? FileSystem.names(in: directory)) ?? []).count { !InboxName.isIgnored($0) }
    }

    // MARK: - Exposition

    /// The text exposition format of `snapshot`, through swift-prometheus's registry.
    static func exposition(_ s: Snapshot) -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        /// `consortiumd_NAME_UNIT` (Prometheus naming: the unit last, `total` for counters).
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "consortiumd", metricName: metric, unitName: unit, helpText: help)
        }
        func gauge(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)] = [], _ value: Double) {
            registry.makeGauge(descriptor: descriptor, labels: labels).set(to: value)
        }
        func counter(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)], _ value: Int) {
            registry.makeCounter(descriptor: descriptor, labels: labels).increment(by: Int64(value))
        }
        let consortia = name("consortia", "", "联合体数，按状态 / consortia by status")
        for (status, count) in s.consortia { gauge(consortia, [("status", status)], Double(count)) }
        let open = name("open_notices", "", "未解除的通知数，按严重程度、规则和是否已确认 / open notices by severity, rule and acknowledgement")
        let oldest = name(
            "open_notices_oldest",
            "timestamp_seconds",
            "该组中最早一条未解除通知的发出日（零点，Unix 秒）/ the day the oldest open notice of the group opened (midnight, Unix seconds)"
        )
        for (group, count) in s.openNotices {
            let labels = [("severity", group.severity), ("rule", group.rule), ("acknowledged", String(group.acknowledged))]
            gauge(open, labels, Double(count))
            if let at = s.oldestOpened[group] { gauge(oldest, labels, at) }
        }
        gauge(
            name("notice_repeat_interval", "seconds", "repeatDays：逾期通知的重复间隔（秒）/ repeatDays of the policy in force, in seconds"),
            [],
            s.repeatSeconds
        )
        let documents = name("documents", "total", "本次启动以来处理的文件数，按结果 / documents taken from the inbox since start, by outcome")
        for (outcome, count) in s.documents { counter(documents, [("outcome", outcome)], count) }
        gauge(name("archived_documents", "", "已接收并存档的文件总数 / accepted documents held"), [], Double(s.archivedDocuments))
        let files = name("files", "", "等待中的文件数（inbox：未处理；pending：待组建申请）/ files waiting in the inbox and in pending/")
        for (directory, count) in s.files { gauge(files, [("directory", directory)], Double(count)) }
        if let at = s.lastFullAt, let seconds = s.lastFullSeconds {
            gauge(name("last_full_evaluation", "timestamp_seconds", "上次完成全量评估的时间（Unix 秒）/ end of the last full evaluation"), [], at)
            gauge(name("last_full_evaluation_duration", "seconds", "上次全量评估耗时（秒）/ duration of the last full evaluation"), [], seconds)
        }
        let faults = name("faults_active", "", "尚未恢复的故障（1），按区域 FAULT_AREA / faults reported and not yet recovered, by area")
        for (area, active) in s.faults { gauge(faults, [("area", area)], Double(active)) }
        let reports = name("fault_reports", "total", "本次启动以来报告的故障次数，按区域 / faults reported since start, by area")
        for (area, count) in s.faultReports { counter(reports, [("area", area)], count) }
        gauge(name("start_time", "seconds", "consortiumd 启动时间（Unix 秒）/ start time of the process"), [], s.startTime)
        gauge(name("build", "info", "consortiumd 版本 / version of consortiumd"), [("version", BuildInfo.version)], 1)
        return registry.emitToBuffer()
    }

    // MARK: - File

    /// Writes `.consortiumd.prom.tmp` (node_exporter reads only `*.prom`), mode 0644 whatever
    /// the umask (node_exporter runs as another user), then renames it over `consortiumd.prom`.
    /// No fsync: after a crash the next write replaces whatever is left.
    func write(_ bytes: [UInt8]) throws(FileSystem.Failure) {
        if mkdir(directory, 0o755) == 0 {
            chmod(directory, 0o755)
        } else if errno != EEXIST {
            throw FileSystem.Failure(operation: "mkdir", path: directory, code: errno)
        }
        let temporary = directory + "/." + Self.fileName + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystem.Failure(operation: "open", path: temporary, code: errno) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw FileSystem.Failure(operation: "write", path: temporary, code: code)
            }
            offset += n
        }
        fchmod(fd, 0o644)
        close(fd)
        do { try FileSystem.rename(temporary, directory + "/" + Self.fileName) } catch {
            unlink(temporary)
            throw error
        }
    }
}

/// What `consortiumd_build_info` says.
public enum BuildInfo {
    public static let version = "1.0.0"
}
