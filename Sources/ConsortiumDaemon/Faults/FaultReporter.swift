import Foundation

/// Which faults are reported and not yet recovered from, so that a fault that lasts (disk full,
/// inbox gone) is reported once, not at every rescan, and its recovery once. It decides whether
/// an entry is due; the daemon sends it (`Daemon.failure`, `Daemon.recovered`).
struct FaultReporter {
    /// The message each area's fault was reported with.
    private var active: [FaultArea: String] = [:]

    /// Whether a fault in `area` should be sent (an `.other` fault always is; an area's only
    /// until it recovers), remembering it.
    mutating func report(_ message: String, area: FaultArea) -> Bool {
        if area != .other, active[area] != nil { return false }
        if area != .other { active[area] = message }
        return true
    }

    /// The fault in `area` is gone: its message, if one was reported (the recovery is to be sent).
    mutating func recover(_ area: FaultArea) -> String? { active.removeValue(forKey: area) }

    /// The areas with a fault reported and not yet recovered from.
    var areas: [FaultArea] { Array(active.keys) }
}

/// Where a fault is (FAULT_AREA in the journal).
public enum FaultArea: String, Sendable, CaseIterable {
    case inbox, store, archive, rejected, ledger
    case noticeFiles = "notice-files"
    case report, watch, metrics, other

    var chineseName: String {
        switch self {
        case .inbox: "收件箱"
        case .store: "数据库"
        case .archive: "存档目录"
        case .rejected: "rejected 目录"
        case .ledger: "通知台账"
        case .noticeFiles: "通知文件目录"
        case .report: "报表目录"
        case .watch: "收件箱监视"
        case .metrics: "监控指标文件"
        case .other: "其他"
        }
    }
}
