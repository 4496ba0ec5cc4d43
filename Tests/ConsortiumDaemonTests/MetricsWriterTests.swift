import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Testing

@testable import ConsortiumDaemon

/// `consortiumd.prom` (runbook.md "Monitoring"): its values against what the daemon's state and
/// an independent replay of the archive say, written only when something changed.
@Suite(.serialized) struct MetricsWriterTests {
    static let now = Date(timeIntervalSince1970: 1_798_768_800)  // 2027-01-01 12:00 in Liuzhou

    /// The samples of a text exposition: `name{labels}` (labels as written) to value.
    static func samples(_ path: String) throws -> [String: Double] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw HarnessError("not a sample line: \(line)")
            }
            out[String(line[..<space])] = value
        }
        return out
    }

    static func daemon() throws -> (Daemon, MetricsWriter, ConsortiumConfig) {
        var config = try ResidentDaemonTests.config()
        config.bureau = "liuzhou"
        let daemon = try Daemon.open(config: config, clock: { now })
        let metrics = MetricsWriter(directory: try #require(config.metricsPath), startTime: now)
        return (daemon, metrics, config)
    }

    @Test func valuesOfTheExamples() throws {
        let (daemon, metrics, config) = try Self.daemon()
        for name in Examples.names { try ResidentDaemonTests.drop(name, config) }
        ResidentDaemonTests.scan(daemon)
        daemon.evaluate(scope: nil)
        metrics.evaluated(EvaluationOutcome(full: true, succeeded: true, seconds: 0.25, at: Self.now))
        daemon.updateMetrics(metrics)
        let path = config.stateDirectory + "/metrics/" + MetricsWriter.fileName
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o644)
        let s = try Self.samples(path)

        #expect(s[#"consortiumd_documents_total{outcome="accepted"}"#] == 18)
        #expect(s[#"consortiumd_documents_total{outcome="rejected"}"#] == 0)
        #expect(s["consortiumd_archived_documents"] == 18)
        #expect(s[#"consortiumd_files{directory="inbox"}"#] == 0)
        #expect(s["consortiumd_last_full_evaluation_timestamp_seconds"] == Self.now.timeIntervalSince1970)
        #expect(s["consortiumd_last_full_evaluation_duration_seconds"] == 0.25)
        #expect(s["consortiumd_notice_repeat_interval_seconds"] == Double(7 * 86_400))
        #expect(s[#"consortiumd_faults_active{area="store"}"#] == 0)
        #expect(s[#"consortiumd_build_info{version="\#(BuildInfo.version)"}"#] == 1)

        // Consortia by status and open notices by severity and rule, against replaying the archive.
        let store = try Store(readOnlyAt: config.stateDirectory + "/" + Store.fileName)
        let evaluation = Evaluator.evaluate(try ArchiveReader.documents(store, config: config), on: CivilDate("2027-01-01")!)
        var statuses: [String: Double] = [:]
        for state in evaluation.states.values { statuses[state.status.rawValue, default: 0] += 1 }
        for status in ConsortiumStatus.allCases {
            #expect(s[#"consortiumd_consortia{status="\#(status.rawValue)"}"#] == statuses[status.rawValue] ?? 0, "\(status)")
        }
        var open: [String: Double] = [:]
        for notice in evaluation.notices {
            let acknowledged = notice.acknowledged.map { $0.until.map { CivilDate("2027-01-01")! < $0 } ?? true } ?? false
            open[
                #"consortiumd_open_notices{severity="\#(notice.severity.rawValue)",rule="\#(notice.rule)",acknowledged="\#(acknowledged)"}"#,
                default: 0
            ] += 1
        }
        #expect(!open.isEmpty)
        #expect(s.filter { $0.key.hasPrefix("consortiumd_open_notices{") } == open)
        #expect(open.keys.contains { $0.contains(#"acknowledged="true""#) })
        let midnight = CivilDate("2027-01-01")!.instant(hour: 0, minute: 0, timeZone: config.timeZone).timeIntervalSince1970
        #expect(s.filter { $0.key.hasPrefix("consortiumd_open_notices_oldest_timestamp_seconds{") }.values.allSatisfy { $0 == midnight })
    }

    @Test func rewrittenOnlyWhenSomethingChanged() throws {
        let (daemon, metrics, config) = try Self.daemon()
        for name in Examples.names.prefix(4) { try ResidentDaemonTests.drop(name, config) }
        ResidentDaemonTests.scan(daemon)
        daemon.updateMetrics(metrics)
        #expect(metrics.writes == 1)
        // Nothing happened: neither a snapshot nor a write (the idle loop calls this after each rescan).
        ResidentDaemonTests.scan(daemon)
        daemon.updateMetrics(metrics)
        daemon.updateMetrics(metrics)
        #expect(metrics.writes == 1)
        // A full evaluation that changes nothing still counts (it moves the last evaluation's time).
        let outcome = daemon.evaluate(scope: nil)
        #expect(outcome.full && outcome.succeeded)
        metrics.evaluated(outcome)
        daemon.updateMetrics(metrics)
        #expect(metrics.writes == 2)
        // The daily evaluation writes even when the values are those of the last write.
        daemon.updateMetrics(metrics, force: true)
        #expect(metrics.writes == 3)
        // A rejected file and a duplicate change their counters.
        try Data("not: [a document".utf8).write(to: URL(fileURLWithPath: config.inbox + "/broken.yaml"))
        try Data(try Examples.bytes(Examples.names[0])).write(to: URL(fileURLWithPath: config.inbox + "/copy.yaml"))
        ResidentDaemonTests.scan(daemon)
        daemon.updateMetrics(metrics)
        #expect(metrics.writes == 4)
        let s = try Self.samples(config.stateDirectory + "/metrics/" + MetricsWriter.fileName)
        #expect(s[#"consortiumd_documents_total{outcome="rejected"}"#] == 1)
        #expect(s[#"consortiumd_documents_total{outcome="duplicate"}"#] == 1)
        #expect(s[#"consortiumd_documents_total{outcome="accepted"}"#] == 4)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: config.stateDirectory + "/metrics") == [MetricsWriter.fileName])
    }

    @Test func aDirectoryThatCannotBeWrittenIsAFaultUntilItCan() throws {
        let (daemon, _, config) = try Self.daemon()
        let blocked = config.stateDirectory + "/blocked"
        try Data().write(to: URL(fileURLWithPath: blocked))  // a file where the directory's parent should be
        let metrics = MetricsWriter(directory: blocked + "/metrics", startTime: Self.now)
        daemon.updateMetrics(metrics)
        #expect(daemon.activeFaultAreas == [.metrics])
        #expect(metrics.writes == 0)
        // Reported once: the same fault again is not a second report.
        daemon.updateMetrics(metrics, force: true)
        try FileManager.default.removeItem(atPath: blocked)
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: false)
        daemon.updateMetrics(metrics, force: true)
        #expect(daemon.activeFaultAreas.isEmpty)
        let s = try Self.samples(blocked + "/metrics/" + MetricsWriter.fileName)
        #expect(s[#"consortiumd_fault_reports_total{area="metrics"}"#] == 1)
        #expect(s[#"consortiumd_faults_active{area="metrics"}"#] == 0)
    }
}
