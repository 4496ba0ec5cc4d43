import ConsortiumCore
import ConsortiumReport
import ConsortiumStore
import Foundation

/// The daemon's HTML report (runbook.md "The report"): after each evaluation, the pages of the
/// consortia it judged, then the overview, the by-year page and the spreadsheets; after a full
/// evaluation (start-up, the daily one, a reload) or on a new day, every page. `ReportWriter`
/// writes only files whose content changed, each atomically, and keeps each consortium's part of
/// the overview files, so a refresh after one document renders that consortium's page alone.
/// The overview files are written at most once per `overviewInterval` (the work loop writes
/// what waits when `overviewDue` says so): a burst of documents costs one overview, and a
/// dropped document still shows on it within that interval (docs/performance.md "The report").
public final class DaemonReport {
    public let directory: String
    private var writer: ReportWriter?
    /// A refresh failed part way: the next one makes every page again.
    private var incomplete = false
    /// Called after each consortium's page during a refresh (the work loop feeds systemd's
    /// watchdog with it: a full report of 100,000 consortia takes longer than WatchdogSec).
    public var progress: (() -> Void)?
    /// Asked between groups of pages during a full refresh: true stops it there (a SIGTERM
    /// during a long report: the work loop reads its signals without waiting). The pages
    /// written so far are whole files; the overview files are not written after a refresh that
    /// stopped (they would list only the consortia put so far), and the next refresh (the next
    /// start) makes every page again.
    public var shouldStop: (() -> Bool)?
    /// A full refresh that `shouldStop` stopped (not a fault).
    public struct Stopped: Error {}
    /// The last refresh stopped: nothing of the overview is written until a refresh completes.
    private var stopped = false
    /// Seconds between two writes of the overview files after documents.
    public var overviewInterval: TimeInterval = 1
    /// When the overview files were last written (monotonic seconds).
    private var lastOverview = -Double.infinity
    /// How long the last refresh took, in seconds, and what it wrote (consortium-bench report reads them).
    public private(set) var lastSeconds = 0.0
    public private(set) var lastCounts = ReportWriter.Counts()
    /// How long the last write of the overview files took, in seconds.
    public private(set) var lastOverviewSeconds = 0.0

    public init(directory: String) { self.directory = directory }

    /// Forgets `ids` and removes their pages: the next refresh of them makes them as new
    /// (consortium-bench report times a refresh that changes the overview this way).
    public func forget(_ ids: some Sequence<ConsortiumID>) throws { try writer?.remove(ids) }

    static var now: TimeInterval { ProcessInfo.processInfo.systemUptime }

    /// Brings the report in step with `model` on `day` after an evaluation of `scope` (nil: all).
    /// The pages now; the overview files now after a full evaluation, else when `overviewDue`.
    public func refresh(scope: Set<ConsortiumID>?, model: ResidentModel, store: Store, config: ConsortiumConfig, day: CivilDate) throws {
        let started = Date()
        let settings = ReportSettings(day: day, goodStandingMonths: config.goodStandingMonths)
        var full = scope == nil || incomplete
        if let writer {
            if writer.settings != settings {
                writer.change(settings: settings)
                full = true
            }
        } else {
            writer = try ReportWriter(directory: directory, settings: settings, hasLedger: true)
            full = true
        }
        let writer = writer!
        writer.resetCounts()
        writer.progress = progress
        incomplete = true
        stopped = false
        if full {
            // Groups of pages rendered on every processor (ReportWriter.put), small enough that
            // `progress` (the watchdog) is called every few milliseconds.
            var group: [ConsortiumFacts] = []
            try ReportFacts.forEach(model.consortia, acknowledgements: model.acknowledgements, store: store, config: config, on: day) {
                group.append($0)
                if group.count >= 16 {
                    try writer.put(group)
                    group.removeAll(keepingCapacity: true)
                    if shouldStop?() == true {
                        stopped = true
                        throw Stopped()
                    }
                }
            }
            try writer.put(group)
            let held = Set(model.consortia.map(\.id))
            try writeOverview { try writer.finish(pruning: true, keeping: held) }
        } else if let scope {
            let residents = model.consortia(scope)
            try ReportFacts.forEach(
                residents,
                context: model.consortia(model.context(of: scope)),
                acknowledgements: model.acknowledgements,
                store: store,
                config: config,
                on: day
            ) { try writer.put($0) }
            try writer.remove(scope.subtracting(residents.map(\.id)))
            incomplete = false
            try writeOverviewIfDue()
        }
        incomplete = false
        lastCounts = writer.counts
        lastSeconds = Date().timeIntervalSince(started)
    }

    /// Seconds until the overview files must be written, nil when nothing waits.
    public func overviewDue() -> TimeInterval? {
        guard let writer, writer.overviewChanged, !stopped else { return nil }
        return max(0, lastOverview + overviewInterval - Self.now)
    }

    /// Writes the overview files when they changed and the last write was `overviewInterval` ago
    /// (`force`: now, whenever the last was).
    public func writeOverviewIfDue(force: Bool = false) throws {
        guard let writer, writer.overviewChanged, !stopped, force || Self.now - lastOverview >= overviewInterval else { return }
        try writeOverview { try writer.finish() }
    }

    private func writeOverview(_ finish: () throws -> Void) throws {
        let started = Self.now
        // A failed write is tried again an interval later, not at once.
        defer {
            lastOverview = Self.now
            lastOverviewSeconds = lastOverview - started
        }
        try finish()
    }
}
