import ConsortiumCore
import ConsortiumReport
import ConsortiumStore
import Foundation

/// The daemon's HTML report (runbook.md "The report"): after each evaluation, the pages of the
/// consortia it judged, then the overview, the by-year page and the spreadsheets; after a full
/// evaluation (start-up, the daily one, a reload) or on a new day, every page. `ReportWriter`
/// writes only files whose content changed, each atomically.
public final class DaemonReport {
    public let directory: String
    private var writer: ReportWriter?
    /// A refresh failed part way: the next one makes every page again.
    private var incomplete = false
    /// How long the last refresh took, in seconds, and what it wrote (consortium-bench report reads them).
    public private(set) var lastSeconds = 0.0
    public private(set) var lastCounts = ReportWriter.Counts()

    public init(directory: String) { self.directory = directory }

    /// Brings the report in step with `model` on `day` after an evaluation of `scope` (nil: all).
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
        incomplete = true
        if full {
            try ReportFacts.forEach(model.consortia, acknowledgements: model.acknowledgements, store: store, config: config, on: day) {
                try writer.put($0)
            }
            let held = Set(model.consortia.map(\.id))
            try writer.finish(pruning: true, keeping: held)
        } else if let scope {
            let residents = model.consortia(scope)
            try ReportFacts.forEach(residents, context: model.consortia(model.context(of: scope)), acknowledgements: model.acknowledgements,
                                    store: store, config: config, on: day) { try writer.put($0) }
            try writer.remove(scope.subtracting(residents.map(\.id)))
            try writer.finish()
        }
        incomplete = false
        lastCounts = writer.counts
        lastSeconds = Date().timeIntervalSince(started)
    }
}
