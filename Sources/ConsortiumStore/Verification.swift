import ConsortiumCore
import ConsortiumDocx
import Foundation

/// `consortiumctl verify`: the database must agree with the archive of original files.
public enum Verification {
    public struct Report: Sendable {
        public var documents = 0
        /// Disagreements between the database and the archive (exit 1).
        public var differences: [String] = []
        /// Things worth knowing that are not errors (the ledger may lag until the next evaluation).
        public var notes: [String] = []
    }

    public static func run(store: Store, config: ConsortiumConfig, today: CivilDate) throws -> Report {
        var report = Report()
        let rows = try store.documents()
        report.documents = rows.count
        var recorded: Set<String> = []
        var records: [RecordedDocument] = []
        var unmoved: [String: (path: String, bytes: [UInt8])]?
        for row in rows {
            recorded.insert(row.archive)
            let path = config.stateDirectory + "/" + row.archive
            var bytes: [UInt8]
            if let archived = try? FileSystem.readRegularFile(path, limit: Int.max - 1) {
                bytes = archived
            } else {
                // Recorded, and still where it was dropped (the move into the archive has not
                // happened yet: a crash, or a directory it cannot be moved out of). Nothing is
                // missing; the daemon finishes the move (ArchiveReader reads it there meanwhile).
                if unmoved == nil { unmoved = unmovedFiles(config) }
                guard let found = unmoved?[row.sha256] else {
                    report.differences.append("\(row.name): 存档文件 \(row.archive) 不存在 / archived original missing")
                    continue
                }
                bytes = found.bytes
                report.notes.append(
                    "\(row.name): 已记录，原件仍在 \(found.path)，尚未移入存档 \(row.archive)（守护进程会在下次扫描时移入；一直不动时看 journalctl -u consortiumd -p err 给出的原因，如目录只读）；不需要改动数据库 / recorded, its original still at \(found.path), not yet moved into the archive; the daemon finishes the move, nothing to change in the database"
                )
            }
            let sha = SHA256.hex(bytes)
            if sha != row.sha256 {
                report.differences.append("\(row.name): 存档文件的 SHA-256 为 \(sha)，数据库记录为 \(row.sha256) / archive content changed")
                continue
            }
            switch InboxDecoder.decode(bytes, name: row.name, limits: config.limits) {
            case .failure(let rejection):
                report.differences.append("\(row.name): 存档文件无法解码 / does not decode: \(rejection.errors.first?.description ?? "")")
            case .success(let decoded):
                let d = decoded.document
                if d.kind.rawValue != row.kind || d.consortium != row.consortium || d.date.description != row.date {
                    report.differences.append(
                        "\(row.name): 数据库记录 \(row.kind) \(row.consortium ?? "-") \(row.date)，存档为 \(d.kind.rawValue) \(d.consortium ?? "-") \(d.date) / record differs from the archive"
                    )
                }
                records.append(RecordedDocument(document: d, sha256: row.sha256, arrival: row.arrival, name: row.name))
            }
        }
        let archive = config.stateDirectory + "/archive"
        for name in (try? FileSystem.names(in: archive)) ?? [] where name != "duplicates" && !name.hasPrefix(".") {
            if !recorded.contains("archive/" + name) {
                report.differences.append("archive/\(name): 存档中有数据库未记录的文件 / unrecorded file in the archive")
            }
        }
        // The relation tables `consortiumctl show` and `check` read the related consortia through.
        if try store.relationsComplete() {
            let held = try store.relationRows()
            let expected = Store.relationRows(of: records)
            let missing =
                expected.units.subtracting(held.units).count
                + expected.notices.filter { held.notices[$0.key] != $0.value }.count
            let extra = held.units.subtracting(expected.units).count + held.notices.keys.filter { expected.notices[$0] == nil }.count
            if missing > 0 || extra > 0 {
                report.differences.append(
                    "关系表（unit 表、document.notice 列）与存档不符：缺 \(missing) 行、多 \(extra) 行；show/check 可能漏读相关联合体。修复：sqlite3 \(config.stateDirectory)/\(Store.fileName) \"DELETE FROM meta WHERE key = 'relations'\" 后重启守护进程（启动时重建）/ the relation tables differ from the archive: \(missing) rows missing, \(extra) extra; delete the meta row and restart the daemon, which fills them in again"
                )
            }
        } else {
            report.notes.append(
                "关系表尚未建立（守护进程升级后还未重新启动）：show 和 check 读取全部存档 / the relation tables are not filled in yet (the daemon has not started since its upgrade): show and check read the whole archive"
            )
        }
        // The stored states (StoredStates.swift) against the archive.
        let stored = try storedStateFindings(store, records: records, config: config)
        report.differences += stored.differences
        report.notes += stored.notes
        // The ledger against a fresh evaluation of today.
        let derived = Set(Evaluator.evaluate(records, on: today, policies: config.policy, keeping: .noticesAndPending).notices.map(\.id))
        let ledgerOpen = Set(try store.notices().filter(\.open).map(\.id))
        let missing = derived.subtracting(ledgerOpen)
        let extra = ledgerOpen.subtracting(derived)
        if !missing.isEmpty || !extra.isEmpty {
            report.notes.append(
                "通知台账与今日重新评估相差：新开 \(missing.count) 条、待关闭 \(extra.count) 条（守护进程下次评估时处理）/ the ledger differs from today's evaluation by \(missing.count) to open and \(extra.count) to close (the daemon settles this at its next evaluation)"
            )
        }
        return report
    }

    /// Regular files in the inbox and `pending/` by SHA-256, with their paths.
    package static func unmovedFiles(_ config: ConsortiumConfig) -> [String: (path: String, bytes: [UInt8])] {
        var found: [String: (path: String, bytes: [UInt8])] = [:]
        for directory in [config.inbox, config.pending] {
            for name in (try? FileSystem.names(in: directory)) ?? [] {
                let path = directory + "/" + name
                if let bytes = try? FileSystem.readRegularFile(path, limit: config.sizeLimit(forName: name).bytes) {
                    found[SHA256.hex(bytes)] = (path, bytes)
                }
            }
        }
        return found
    }
}
