import ConsortiumCore
import ConsortiumReport
import Foundation

/// The report's facts of the daemon's state: each consortium as the daemon holds it (its
/// resident state on the day), its document rows (with when they were accepted), today's open
/// notices (evaluated as the daemon evaluates them) and the ledger's resolved notices. The
/// daemon's report (`DaemonReport`) and `consortiumctl report` without files both read it here.
public enum ReportFacts {
    /// `body` with the facts of `residents` on `day`, a group of consortia at a time (the
    /// evaluation's groups). `context`: as `Evaluator.evaluate` (nil: `residents` are all).
    public static func forEach(
        _ residents: [ResidentConsortium],
        context: [ResidentConsortium]? = nil,
        acknowledgements: AcknowledgementIndex,
        store: Store,
        config: ConsortiumConfig,
        on day: CivilDate,
        _ body: (ConsortiumFacts) throws -> Void
    ) throws {
        var position: [ConsortiumID: Int] = [:]
        for (index, resident) in residents.enumerated() { position[resident.id] = index }
        let timeZone = config.timeZone
        // Groups of 256: a group's pages are written while the next is judged, and the daemon's
        // watchdog is fed between pages (DaemonReport.progress).
        try Evaluator.evaluate(
            residents,
            context: context,
            acknowledgements: acknowledgements,
            on: day,
            policies: config.policy,
            groupSize: 256
        ) { ids, notices in
            var open: [ConsortiumID: [Notice]] = [:]
            for notice in notices where notice.stage != "resolved" { open[notice.consortium, default: []].append(notice) }
            let rows = try store.reportRows(of: ids)
            let resolved = try store.resolvedNoticeJSON(of: ids)
            let decoder = JSONDecoder()
            for id in ids {
                guard let index = position[id], let state = residents[index].state(on: day) else { continue }
                let documents = (rows[id] ?? []).compactMap { row -> ReportDocument? in
                    guard let kind = DocumentKind(rawValue: row.kind), let date = CivilDate(row.date) else { return nil }
                    return ReportDocument(
                        kind: kind,
                        date: date,
                        name: row.name,
                        sha256: row.sha256,
                        accepted: Store.instant(row.received).map { localTime($0, timeZone) }
                    )
                }.filter { $0.date <= day }
                let closed = (resolved[id] ?? []).compactMap { try? decoder.decode(Notice.self, from: Data($0.utf8)) }
                try body(ConsortiumFacts(state: state, documents: Self.applicationOrder(documents), open: open[id] ?? [], resolved: closed))
            }
        }
    }

    /// Documents in the order they apply: date, kind, then arrival (their order here).
    package static func applicationOrder(_ documents: [ReportDocument]) -> [ReportDocument] {
        documents.enumerated().sorted { ($0.element.date, $0.element.kind.order, $0.offset) < ($1.element.date, $1.element.kind.order, $1.offset) }
            .map(\.element)
    }

    /// `YYYY-MM-DD HH:MM:SS` in `timeZone` (without Calendar: the daemon avoids loading ICU).
    package static func localTime(_ instant: Date, _ timeZone: TimeZone) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let day = CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let rest = seconds - day.dayNumber * 86_400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day) \(pad(rest / 3600)):\(pad(rest % 3600 / 60)):\(pad(rest % 60))"
    }
}
