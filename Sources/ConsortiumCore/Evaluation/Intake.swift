/// What happens to a document that arrives, given the documents already accepted: the same
/// decision for the daemon and for `consortiumctl check` (documents.md, operations.md).
public enum Intake {
    public enum Outcome: Sendable, Equatable {
        case accepted
        /// Same SHA-256 as an accepted document.
        case duplicate
        /// Its consortium has no Application dated on or before it yet (held in `pending/`).
        case pending(DocumentError)
        case rejected([DocumentError])
    }

    /// Classifies `candidate` against `accepted`. `today` is the arrival day (a document dated
    /// more than one day after it is rejected); `nil` skips the arrival checks (`evaluate`).
    public static func classify(_ candidate: RecordedDocument, accepted: [RecordedDocument], today: CivilDate?,
                                policies: PolicySchedule = .seed) -> Outcome {
        if accepted.contains(where: { $0.sha256 == candidate.sha256 }) { return .duplicate }
        let siblings = candidate.document.consortium.map { id in accepted.filter { $0.document.consortium == id } } ?? []
        return check(candidate, today: today, applicationOnOrBefore: { day in
            siblings.contains { $0.document.kind == .application && $0.document.date <= day }
        }, notApplied: { notApplied(candidate, siblings: siblings, policies: policies) })
    }

    /// The same decision for the daemon, which keeps its consortia replayed (`resident`, nil
    /// when the consortium has none yet) rather than their documents: `siblings` gives the
    /// consortium's documents only when the candidate cannot simply be applied after them (an
    /// earlier date, a Withdrawal). The caller has already ruled out a duplicate (it knows every
    /// accepted SHA-256).
    public static func classify(_ candidate: RecordedDocument, resident: ResidentConsortium?, today: CivilDate?,
                                policies: PolicySchedule = .seed, siblings: () -> [RecordedDocument]) -> Outcome {
        check(candidate, today: today, applicationOnOrBefore: { day in resident?.firstApplication.map { $0 <= day } ?? false },
              notApplied: {
                  if let resident, resident.canAppend(candidate) { return resident.notApplied(candidate) }
                  return notApplied(candidate, siblings: siblings(), policies: policies)
              })
    }

    private static func check(_ candidate: RecordedDocument, today: CivilDate?, applicationOnOrBefore: (CivilDate) -> Bool,
                              notApplied: () -> (zh: String, en: String)?) -> Outcome {
        let doc = candidate.document
        if let today, doc.date > today.adding(days: 1) {
            return .rejected([DocumentError(path: "date",
                message: "日期 \(doc.date) 晚于收到日期 \(today) 一天以上（未来日期多为笔误），请核对 date 字段",
                messageEn: "date \(doc.date) is more than one day after the arrival day \(today) (a future date is usually a typo); check the date field")])
        }
        guard let consortium = doc.consortium, doc.kind != .acknowledgement else { return .accepted }
        if doc.kind != .application, !applicationOnOrBefore(doc.date) {
            return .pending(DocumentError(path: "consortium",
                message: "联合体 \(consortium) 尚无日期不晚于 \(doc.date) 的组建申请（Application），文件暂存待处理，收到申请后自动处理",
                messageEn: "consortium \(consortium) has no Application dated on or before \(doc.date) yet; the document waits for it"))
        }
        if let reason = notApplied() {
            return .rejected([DocumentError(path: "kind", message: reason.zh, messageEn: reason.en)])
        }
        return .accepted
    }

    /// Why `candidate` is not applied when its consortium's documents are replayed with it.
    private static func notApplied(_ candidate: RecordedDocument, siblings: [RecordedDocument], policies: PolicySchedule) -> (zh: String, en: String)? {
        let replayer = Replayer.replay(candidate.document.consortium ?? "", documents: siblings + [candidate],
                                       through: candidate.document.date, policies: policies)
        let entry = (replayer.state?.documents ?? []).first { $0.sha256 == candidate.sha256 && $0.arrival == candidate.arrival }
        return entry?.notApplied
    }

    public static func findings(causedBy candidate: RecordedDocument, documents: [RecordedDocument],
                                policies: PolicySchedule = .seed) -> [Finding] {
        let doc = candidate.document
        guard let consortium = doc.consortium else { return [] }
        // Only the consortia that can affect this one's findings (not the whole state per file).
        let related = RelatedConsortia.context(of: [consortium], in: documents)
        let evaluation = Evaluator.evaluate(RelatedConsortia.documents(documents, of: related), on: doc.date, policies: policies)
        return evaluation.findings(of: consortium).filter { finding in
            if finding.source == candidate.sha256 && finding.rule.isEvent { return true }
            switch doc.body {
            case .application, .agreement, .change: return finding.rule.isFormation
            case .approval: return finding.rule.scope == .decision
            case .annualReport(let r): return finding.rule == .annualReportIncomplete && finding.subject == String(r.year)
            case .project(let p): return (finding.rule == .projectLead || finding.rule == .projectMemberShare) && finding.subject == p.project
            default: return false
            }
        }
    }
}
