/// What the daemon did since it started, as its outputs show it (the metrics: documents taken
/// from the inbox by outcome, faults reported by area). Kept by the one place that performs
/// effects (`Daemon.send` and `Daemon.failure`, Daemon+Effects.swift); `generation` changes
/// with every entry sent, so an output can tell at a glance whether anything happened.
struct Activity {
    enum Outcome: String, CaseIterable {
        case accepted, rejected, pending, duplicate
    }

    /// Documents taken from the inbox, by outcome (a held document judged again and still held
    /// counts again: one per "document held" entry).
    private(set) var documents: [Outcome: Int] = [:]
    /// Faults reported, by FAULT_AREA (every report, also those of `other`).
    private(set) var faultReports: [String: Int] = [:]
    /// Entries sent.
    private(set) var generation = 0

    /// An entry of `kind` was sent.
    mutating func sent(_ kind: JournalEvent.Kind) {
        generation &+= 1
        switch kind {
        case .accepted: documents[.accepted, default: 0] += 1
        case .rejected: documents[.rejected, default: 0] += 1
        case .pending: documents[.pending, default: 0] += 1
        case .duplicate: documents[.duplicate, default: 0] += 1
        case .failure, .recovered, .started, .ready, .reloaded, .stopping, .statesRebuilt: break
        }
    }

    /// A fault in `area` was reported (its entry is sent next).
    mutating func faultReported(_ area: FaultArea) { faultReports[area.rawValue, default: 0] += 1 }
}
