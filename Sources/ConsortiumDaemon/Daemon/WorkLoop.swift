import CLinux
import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Systemd

/// The loop that does the work, on the main thread: it sleeps in `poll` until inotify reports
/// a file, the daily evaluation falls due (a CLOCK_REALTIME timerfd that is cancelled when the
/// wall clock is set, so it re-arms), the safety rescan is due, or a signal arrives (SIGTERM/
/// SIGINT: stop after the document in hand; SIGHUP: reload). It feeds the watchdog itself, so a
/// stuck loop gets the service restarted. Nothing else wakes the process: idle, it sleeps.
public final class WorkLoop {
    let daemon: Daemon
    let loadConfig: () throws -> ConsortiumConfig
    private var inotifyFD: Int32 = -1
    private var watchDescriptor: Int32 = -1
    private let timerFD: Int32
    private let signals: SignalChannel
    private var stopRequested = false
    private var reloadRequested = false
    private let watchdogInterval: TimeInterval?
    private var lastWatchdog = Date.distantPast
    private var nextRescan = Date()
    /// `consortiumd.prom` for node_exporter (nil: `metricsDirectory: ""`).
    public let metrics: MetricsWriter?

    public init(daemon: Daemon, signals: SignalChannel, loadConfig: @escaping () throws -> ConsortiumConfig) {
        self.daemon = daemon
        self.signals = signals
        self.loadConfig = loadConfig
        metrics = daemon.config.metricsPath.map { MetricsWriter(directory: $0) }
        timerFD = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC | TFD_NONBLOCK))
        watchdogInterval = ServiceManager.watchdogMicroseconds.map { Double($0) / 2_000_000 }
        // A full report of many consortia outlasts the watchdog interval: fed between pages;
        // and a SIGTERM meanwhile stops it between groups of pages instead of waiting for it.
        daemon.report?.progress = { [weak self] in self?.feedWatchdog() }
        daemon.report?.shouldStop = { [weak self] in self?.stopPending() ?? false }
    }

    /// Reads the signals that arrived (never blocks); true when a stop was asked for.
    private func stopPending() -> Bool {
        for event in signals.drain() {
            if event == .stop { stopRequested = true } else { reloadRequested = true }
        }
        return stopRequested
    }

    /// Start-up: watch, scan, evaluate everything (catching up on what fell due while stopped),
    /// then READY=1, then the unit indexes and the report.
    public func start() throws {
        try watch()
        ServiceManager.notify("STATUS=扫描收件箱 / scanning the inbox")
        // pending/ and the notice files after a crash; entries a crash kept from being sent.
        daemon.recover()
        // A SIGTERM during a long start-up scan stops it after the document in hand.
        daemon.scanInbox(between: { !stopPending() })
        daemon.processPending()
        // The full evaluation before READY=1: once systemd says the daemon is ready, every notice
        // that fell due while it was stopped has been sent (2.5 s at 100,000 consortia:
        // docs/performance.md "Stored states").
        ServiceManager.notify("STATUS=评估全部联合体 / evaluating every consortium")
        evaluateAll(report: false)
        armDailyTimer()
        nextRescan = Date().addingTimeInterval(Double(daemon.config.rescanSeconds))
        // READY=1 first; the ready entry records when it was sent (CLOCK_MONOTONIC, µs).
        let sent = ServiceManager.monotonicMicroseconds
        ServiceManager.notify("READY=1", watchingStatus)
        daemon.announceReady(sentMonotonic: sent)
        updateMetrics(force: true)
        // What start-up left for after READY=1: the model's unit indexes (a second at 100,000;
        // built before a document is applied if one comes first) and its duplicate filter (until
        // then each file's SHA-256 is looked up in the database).
        daemon.indexUnits()
        daemon.buildDuplicateFilter()
        // The full report after READY=1, not before: at 100,000 consortia it takes minutes
        // (docs/performance.md "The report") and would hold READY=1 back. The watchdog is fed
        // between pages; files dropped meanwhile wait in the inbox, as before READY=1. A SIGTERM
        // stops it between pages (`shouldStop`); `run` then stops at once.
        if daemon.report != nil, !stopPending() {
            daemon.refreshReport(scope: nil)
            ServiceManager.notify(watchingStatus)
        }
    }

    /// The status line while the loop waits for work.
    private var watchingStatus: String { "STATUS=监视收件箱，\(daemon.consortiumCount) 个联合体 / watching the inbox" }

    /// A full evaluation; what it did goes to the metrics.
    private func evaluateAll(report: Bool = true) {
        let outcome = daemon.evaluate(scope: nil, report: report)
        metrics?.evaluated(outcome)
    }

    /// The metrics file, from what the daemon hands over, when something changed (`force`: anyway).
    private func updateMetrics(force: Bool = false) {
        if let metrics { daemon.updateMetrics(metrics, force: force) }
    }

    private func watch() throws {
        if inotifyFD < 0 {
            inotifyFD = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard inotifyFD >= 0 else { throw DaemonError.startup("inotify_init1 失败：\(String(cString: strerror(errno)))") }
        }
        let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)
        watchDescriptor = inotify_add_watch(inotifyFD, daemon.config.inbox, mask)
        guard watchDescriptor >= 0 else {
            throw DaemonError.startup("无法监视收件箱 \(daemon.config.inbox)：\(String(cString: strerror(errno)))")
        }
    }

    /// Arms the timerfd for the next `evaluationTime` in `timezone`, as an absolute wall-clock time.
    private func armDailyTimer() {
        let next = Self.nextEvaluation(after: Date(), at: daemon.config.evaluationTime, timeZone: daemon.config.timeZone)
        var spec = itimerspec()
        spec.it_value.tv_sec = Int(next.timeIntervalSince1970.rounded(.up))
        let cancelOnSet: Int32 = 2  // TFD_TIMER_CANCEL_ON_SET (not in Glibc's headers)
        timerfd_settime(timerFD, Int32(TFD_TIMER_ABSTIME) | cancelOnSet, &spec, nil)
    }

    static func nextEvaluation(after now: Date, at time: TimeOfDay, timeZone: TimeZone) -> Date {
        let today = CivilDate(now, timeZone: timeZone)
        let candidate = today.instant(hour: time.hour, minute: time.minute, timeZone: timeZone)
        return candidate > now ? candidate : today.adding(days: 1).instant(hour: time.hour, minute: time.minute, timeZone: timeZone)
    }

    /// Runs until asked to stop. Returns after STOPPING=1.
    public func run() {
        while true {
            let now = Date()
            var timeout = max(0, nextRescan.timeIntervalSince(now))
            if let settle = daemon.inbox.nextSettleCheck(now: now) { timeout = min(timeout, settle + 0.05) }
            if let watchdogInterval { timeout = min(timeout, max(0, watchdogInterval - now.timeIntervalSince(lastWatchdog))) }
            if let due = daemon.report?.overviewDue() { timeout = min(timeout, due) }
            if stopPending() { break }
            if reloadRequested {
                reloadRequested = false
                reload()
            }
            // Written only when something changed since (idle: nothing has, and nothing is done).
            updateMetrics()
            var fds = [
                pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: timerFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(timeout * 1000, 86_400_000).rounded(.up)))
            feedWatchdog()
            if ready < 0 && errno != EINTR { daemon.failure("poll 失败：\(String(cString: strerror(errno)))", error: DaemonError.startup("poll")) }
            if fds[2].revents != 0 { continue }  // signals: handled at the top of the loop
            var inboxChanged = false
            if fds[0].revents != 0 {
                inboxChanged = readInotify()
                metrics?.inboxActivity()
            }
            if fds[1].revents != 0 { daily() }
            if Date() >= nextRescan {
                nextRescan = Date().addingTimeInterval(Double(daemon.config.rescanSeconds))
                inboxChanged = true
                if !FileSystem.exists(daemon.config.inbox) || watchDescriptor < 0 { rewatch() }
            }
            if inboxChanged || daemon.inbox.nextSettleCheck(now: Date()) == 0 {
                let touched = daemon.scanInbox(between: {
                    feedWatchdog()
                    return !stopPending()
                })
                if !touched.isEmpty { daemon.evaluate(scope: touched) }
                if stopPending() { break }
            }
            // The report's overview, at most once a second after documents (DaemonReport).
            daemon.writeReportOverview()
        }
        daemon.writeReportOverview(force: true)
        ServiceManager.notify("STOPPING=1", "STATUS=停止中 / stopping")
        daemon.stop()
    }

    private func feedWatchdog() {
        guard let watchdogInterval, Date().timeIntervalSince(lastWatchdog) >= watchdogInterval * 0.9 else { return }
        ServiceManager.notify("WATCHDOG=1")
        lastWatchdog = Date()
    }

    /// Drains inotify; true when the inbox may have new files. IN_Q_OVERFLOW: a full scan follows anyway.
    private func readInotify() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var changed = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            var offset = 0
            while offset < n {
                let (mask, length, name) = buffer.withUnsafeBytes { raw -> (UInt32, Int, String) in
                    let event = raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: inotify_event.self).pointee
                    let nameStart = raw.baseAddress!.advanced(by: offset + MemoryLayout<inotify_event>.size)
                    let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                    return (event.mask, Int(event.len), name)
                }
                offset += MemoryLayout<inotify_event>.size + length
                // In the order they happened: a file closed, then another created under its name.
                if mask & UInt32(IN_CREATE | IN_MODIFY) != 0 { daemon.inbox.markChanging(name) }
                if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 { daemon.inbox.markComplete(name) }
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                    watchDescriptor = -1
                    daemon.failure(
                        "收件箱 \(daemon.config.inbox) 被删除或移走；重新创建后自动恢复监视（每 \(daemon.config.rescanSeconds) 秒检查一次）。",
                        error: DaemonError.startup("inbox gone"),
                        area: .watch
                    )
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    daemon.failure("inotify 事件队列溢出（一次放入的文件过多），改为全量扫描收件箱，不会漏掉文件。", error: DaemonError.startup("IN_Q_OVERFLOW"))
                }
                changed = true
            }
        }
        return changed
    }

    private func rewatch() {
        if watchDescriptor >= 0 { inotify_rm_watch(inotifyFD, watchDescriptor) }
        watchDescriptor = -1
        guard FileSystem.exists(daemon.config.inbox) else { return }
        if (try? watch()) != nil { daemon.recovered(.watch) }
    }

    private func daily() {
        var expirations: UInt64 = 0
        let n = read(timerFD, &expirations, 8)
        // ECANCELED: the wall clock was set; re-arm for the new time (and evaluate: a jump
        // forward may have passed the evaluation time).
        _ = n
        ServiceManager.notify("STATUS=每日评估 / daily evaluation")
        daemon.processPending()
        evaluateAll()
        armDailyTimer()
        updateMetrics(force: true)
        ServiceManager.notify(watchingStatus)
    }

    private func reload() {
        ServiceManager.notifyReloading()
        do {
            daemon.reload(try loadConfig())
            armDailyTimer()
            evaluateAll()
            daemon.announceReloaded()
        } catch {
            daemon.failure("重新读取配置失败，继续使用原配置：\(error)", error: error)
        }
        ServiceManager.notify("READY=1", "STATUS=监视收件箱 / watching the inbox")
    }
}
