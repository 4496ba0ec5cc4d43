import ConsortiumCore
import ConsortiumStore
import Foundation
import Systemd

/// What an evaluation did, for the outputs the work loop hands it to (the metrics' last full
/// evaluation: MetricsWriter).
struct EvaluationOutcome {
    /// Every consortium was judged (start-up, the daily evaluation, a reload).
    let full: Bool
    /// Its notices reached the ledger.
    let succeeded: Bool
    /// How long it took, the report after it included (monotonic), and when it ended.
    let seconds: Double
    let at: Date
}

/// The evaluation driver: the model brought to today, the scope (`EvaluationScope`), the
/// evaluator's open notices reconciled with the ledger (`NoticeLedger.reconcile` returns the
/// actions; `perform` in Daemon+Effects.swift sends them), then the outputs that follow an
/// evaluation (the report: Daemon+Report.swift).
extension Daemon {
    /// Evaluates the consortia in `scope` (and those sharing a unit with them), or all, on today,
    /// and emits what the ledger says is new. `report: false` leaves the report to the caller
    /// (start-up writes it after READY=1: WorkLoop.start). Returns what it did, for the outputs
    /// the loop hands it to (the metrics).
    @discardableResult
    func evaluate(scope: Set<ConsortiumID>?, report: Bool = true) -> EvaluationOutcome {
        let started = ServiceManager.monotonicMicroseconds
        let succeeded = judge(scope: scope, report: report)
        let seconds = Double(ServiceManager.monotonicMicroseconds - started) / 1_000_000
        return EvaluationOutcome(full: scope == nil, succeeded: succeeded, seconds: seconds, at: Date())
    }

    /// The evaluation itself; true when its notices reached the ledger.
    private func judge(scope: Set<ConsortiumID>?, report: Bool) -> Bool {
        let started = Date()
        defer {
            let what = lastEvaluated.map { "\($0.count) 个联合体（批次涉及 \(scope?.count ?? 0) 个）" } ?? "全部联合体"
            log.debug(
                "评估\(what)，用时 \(String(format: "%.3f", Date().timeIntervalSince(started))) 秒 / evaluation",
                metadata: ["SCOPE": "\(scope == nil ? "full" : "batch")", "EVALUATED": "\(lastEvaluated?.count ?? model.consortia.count)"]
            )
        }
        let day = today()
        let policy = config.policy.policy(on: day)
        do {
            try model.advance(through: day) { id, day in
                ResidentConsortium(id, documents: try documents(of: id), through: day, policies: config.policy)
            }
        } catch {
            failure("无法读回存档文件以按新的日期重放（系统时间回拨）：\(error)", error: error, area: .archive)
            return false
        }
        let evaluated = evaluation.begin(scope, on: day, model: model)
        let residents = evaluated.map { model.consortia($0) } ?? model.consortia
        let context = evaluated.map { model.consortia(model.context(of: $0)) }
        do {
            // A group of consortia at a time: their notices reconciled with the ledger, their
            // journal entries sent and their notice files written, then dropped.
            try Evaluator.evaluate(
                residents,
                context: context,
                acknowledgements: model.acknowledgements,
                on: day,
                policies: config.policy
            ) { consortia, notices in
                try reconcile(notices, scope: Set(consortia), day: day, policy: policy)
            }
            // Open notices of consortia no longer held (their documents withdrawn from the store).
            let gone = scope == nil ? ledger.consortiaWithOpenNotices.subtracting(residents.map(\.id)) : []
            if !gone.isEmpty { try reconcile([Notice](), scope: gone, day: day, policy: policy) }
            evaluation.finished(full: scope == nil, on: day)
        } catch {
            evaluation.failed()
            failure("通知台账无法写入数据库：\(error)。故障排除后下次评估时补发。", error: error, area: .ledger)
            return false
        }
        recovered(.ledger)
        if report { refreshReport(scope: evaluated) }
        return true
    }

    private func reconcile(_ notices: some Collection<Notice>, scope: Set<ConsortiumID>, day: CivilDate, policy: Policy) throws {
        perform(
            try ledger.reconcile(
                open: notices,
                scope: scope,
                today: day,
                policy: policy,
                noticesFrom: config.noticesFrom,
                now: clock()
            )
        )
    }
}
