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
/// An output plugged in after the daemon's steps, like the report (docs/architecture.md "Where
/// a new output plugs in"): it knows nothing of the daemon. The work loop hands it what it shows
/// — `Daemon.updateMetrics` (Daemon+Metrics.swift) makes the `Facts` when the daemon's `Mark`
/// moved, `evaluated(_:)` takes the outcome a full evaluation returned — and it writes the file.
///
/// The registry and the exposition format are swift-prometheus's; a fresh registry is filled
/// from a snapshot at each write, so a label set that is gone (a rule with no open notice left)
/// leaves the file too.
public final class MetricsWriter {
    public static let fileName = "consortiumd.prom"

    public let directory: String
    let startTime: Date
    private var lastFull: (at: Date, seconds: Double)?
    /// Something may have changed that the daemon's `Mark` does not show (a full evaluation, a
    /// file still being written into the inbox).
    private var dirty = true
    /// The daemon's mark at the last snapshot.
    private var seen: Mark?
    private var written: Snapshot?
    /// Writes done (tests and `consortiumd` itself count them).
    public private(set) var writes = 0

    public init(directory: String, startTime: Date = Date()) {
        self.directory = directory
        self.startTime = startTime
    }

    /// Changes whenever something the file says of the daemon may have changed (an entry sent,
    /// the ledger's open notices): compared at every turn of the loop, so it must be cheap.
    struct Mark: Equatable {
        var activity: Int
        var ledger: Int
    }

    /// What the file says of the daemon (`Daemon.metricsFacts`).
    struct Facts: Equatable {
        var consortia: [String: Int]
        var openNotices: [NoticeGroup: Int]
        var oldestOpened: [NoticeGroup: Double]
        var repeatSeconds: Double
        /// Documents taken from the inbox since start, by outcome (accepted, rejected, pending, duplicate).
        var documents: [String: Int]
        var archivedDocuments: Int
        var files: [String: Int]
        /// 1 for an area with a fault not yet recovered from.
        var faults: [String: Int]
        /// Faults reported since start, by FAULT_AREA (every report, also those of `other`).
        var faultReports: [String: Int]
    }

    /// What an evaluation returned (`Daemon.evaluate`): a full one moves the last full
    /// evaluation's time and duration when its notices reached the ledger.
    func evaluated(_ outcome: EvaluationOutcome) {
        guard outcome.full else { return }
        if outcome.succeeded { lastFull = (outcome.at, outcome.seconds) }
        dirty = true
    }

    /// Something may have happened in the inbox (inotify) without an event (a file still being written).
    public func inboxActivity() { dirty = true }

    /// Whether anything may have changed since the last write (`force`: look anyway).
    func isStale(_ mark: Mark, force: Bool) -> Bool { dirty || force || mark != seen }

    /// Writes the file from `facts` when it differs from the last one written; `force`: write it
    /// anyway (the daily evaluation, so its mtime says the daemon is alive). True when written.
    func update(_ facts: Facts, mark: Mark, force: Bool = false) throws(FileSystem.Failure) -> Bool {
        dirty = false
        seen = mark
        let snapshot = Snapshot(
            facts: facts,
            lastFullAt: lastFull?.at.timeIntervalSince1970,
            lastFullSeconds: lastFull?.seconds,
            startTime: startTime.timeIntervalSince1970
        )
        if !force, snapshot == written { return false }
        do {
            try write(Self.exposition(snapshot))
        } catch {
            written = nil
            throw error
        }
        written = snapshot
        writes += 1
        return true
    }

    // MARK: - Snapshot

    struct NoticeGroup: Hashable {
        var severity: String, rule: String, acknowledged: Bool
    }

    /// Everything the file says, compared with the last one written.
    struct Snapshot: Equatable {
        var facts: Facts
        var lastFullAt: Double?
        var lastFullSeconds: Double?
        var startTime: Double
    }

    // MARK: - Exposition

    /// The text exposition format of `snapshot`, through swift-prometheus's registry.
    static func exposition(_ snapshot: Snapshot) -> [UInt8] {
        let s = snapshot.facts
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
        if let at = snapshot.lastFullAt, let seconds = snapshot.lastFullSeconds {
            gauge(name("last_full_evaluation", "timestamp_seconds", "上次完成全量评估的时间（Unix 秒）/ end of the last full evaluation"), [], at)
            gauge(name("last_full_evaluation_duration", "seconds", "上次全量评估耗时（秒）/ duration of the last full evaluation"), [], seconds)
        }
        let faults = name("faults_active", "", "尚未恢复的故障（1），按区域 FAULT_AREA / faults reported and not yet recovered, by area")
        for (area, active) in s.faults { gauge(faults, [("area", area)], Double(active)) }
        let reports = name("fault_reports", "total", "本次启动以来报告的故障次数，按区域 / faults reported since start, by area")
        for (area, count) in s.faultReports { counter(reports, [("area", area)], count) }
        gauge(name("start_time", "seconds", "consortiumd 启动时间（Unix 秒）/ start time of the process"), [], snapshot.startTime)
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
