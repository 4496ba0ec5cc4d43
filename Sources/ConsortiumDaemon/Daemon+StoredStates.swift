import ConsortiumCore
import ConsortiumStore
import Systemd

/// The stored states (Store/StoredStates.swift): what the batch commit writes with its documents,
/// and the journal entry of a start-up or reload that had to replay consortia from the archive.
extension Daemon {
    /// The stored states of `ids` as the model holds them now, and those of `ids` that cannot be
    /// stored (documents wait: their rows are deleted, the next start replays them).
    func storedStates(of ids: some Sequence<ConsortiumID>) -> (states: [StoredConsortium], removing: [ConsortiumID]) {
        var states: [StoredConsortium] = []
        var removing: [ConsortiumID] = []
        for id in ids {
            if let stored = model[id]?.stored { states.append(stored) } else { removing.append(id) }
        }
        return (states, removing)
    }

    /// Builds the model's unit indexes if start-up left them (ResidentModel.indexUnits).
    func indexUnits() {
        guard !model.unitsIndexed else { return }
        let started = ServiceManager.monotonicMicroseconds
        model.indexUnits()
        let seconds = Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000
        log.debug("联合体单位索引已建立，用时 \(String(format: "%.3f", seconds)) 秒 / unit indexes built", metadata: ["CONSORTIA": "\(model.consortia.count)"])
    }

    /// Builds the model's duplicate filter if start-up or a reload left it
    /// (ResidentModel.buildDuplicateFilter). If the database cannot be read now it stays unbuilt:
    /// every file's SHA-256 is then looked up in the database, which is slower, not wrong.
    func buildDuplicateFilter() {
        guard !model.duplicateFilterBuilt else { return }
        let started = ServiceManager.monotonicMicroseconds
        do { try model.buildDuplicateFilter(store) } catch {
            log.debug("SHA-256 过滤器未能建立：\(error) / duplicate filter not built")
            return
        }
        let seconds = Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000
        log.debug(
            "SHA-256 过滤器已建立，用时 \(String(format: "%.3f", seconds)) 秒 / duplicate filter built",
            metadata: ["DOCUMENTS": "\(model.documentCount)"]
        )
    }

    /// The policy digest the stored states of this configuration carry.
    var storedPolicy: String { StoredConsortium.policyDigest(config.policy) }

    /// One journal entry when consortia were replayed from the archive instead of read back
    /// (runbook.md, "Stored states"): how many, why, and how long the load took.
    func reportStoredStates(_ outcome: ResidentModel.StoredStatesOutcome, seconds: Double) {
        guard outcome.rebuiltCount > 0 else { return }
        emitter.emit(.statesRebuilt(outcome, seconds: seconds))
    }
}

extension JournalEvent {
    /// Consortia replayed from the archive at a start-up or reload (`Daemon.reportStoredStates`).
    static func statesRebuilt(_ outcome: ResidentModel.StoredStatesOutcome, seconds: Double) -> JournalEvent {
        let hundredths = Int((seconds * 100).rounded())
        let took = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        let reasons = ResidentModel.RebuildReason.allCases.compactMap { reason in
            outcome.rebuilt[reason].map { "\(reason.chineseName) \($0) 个" }
        }
        let first = outcome.read == 0 && outcome.rebuilt.keys.allSatisfy { $0 == .missing }
        let count: (ResidentModel.RebuildReason) -> String = { String(outcome.rebuilt[$0] ?? 0) }
        return JournalEvent(
            .statesRebuilt,
            message: "已从存档重放 \(outcome.rebuiltCount) 个创新联合体的状态（\(reasons.joined(separator: "，"))），"
                + "读取保存的状态 \(outcome.read) 个，用时 \(took) 秒；重放的状态已重新保存。"
                + (first ? "首次启动（升级后或数据库没有保存的状态）会重放全部存档，以后的启动直接读取保存的状态。" : ""),
            [
                .statesRebuilt: String(outcome.rebuiltCount), .statesRead: String(outcome.read), .loadSeconds: took,
                .statesRebuiltMissing: count(.missing), .statesRebuiltFormat: count(.format), .statesRebuiltPolicy: count(.policy),
                .statesRebuiltDocuments: count(.documents), .statesRebuiltDay: count(.day), .statesRebuiltDamaged: count(.damaged),
            ]
        )
    }
}
