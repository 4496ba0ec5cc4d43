/// What happens to a document that arrives, given the documents already accepted: the same
/// decision for the daemon and for `consortiumctl check` (documents.md, operations.md).
public enum Intake {
    public enum Outcome: Sendable, Equatable {
        case accepted
        /// Same SHA-256 as an accepted document.
        case duplicate
        /// Held in `pending/`: a check that depends on other documents fails for now (no
        /// Application dated on or before it, the status, membership, a Withdrawal's target not
        /// yet accepted); the reason says what it waits for (documents.md, revised 2026-12).
        case pending(DocumentError)
        case rejected([DocumentError])
    }

    /// What is known of an accepted document that a Withdrawal names.
    public struct Target: Sendable, Equatable {
        public var kind: DocumentKind
        public var consortium: ConsortiumID?
        public var date: CivilDate

        public init(kind: DocumentKind, consortium: ConsortiumID?, date: CivilDate) {
            self.kind = kind
            self.consortium = consortium
            self.date = date
        }

        public init(_ record: RecordedDocument) {
            self.init(kind: record.document.kind, consortium: record.document.consortium, date: record.document.date)
        }
    }

    /// Classifies `candidate` against `accepted`. `today` is the arrival day (a document dated
    /// more than one day after it is rejected); `nil` skips the arrival checks (`evaluate`).
    public static func classify(
        _ candidate: RecordedDocument,
        accepted: [RecordedDocument],
        today: CivilDate?,
        policies: PolicySchedule = .seed
    ) -> Outcome {
        if accepted.contains(where: { $0.sha256 == candidate.sha256 }) { return .duplicate }
        let siblings = candidate.document.consortium.map { id in accepted.filter { $0.document.consortium == id } } ?? []
        return classify(
            candidate,
            siblings: siblings,
            today: today,
            policies: policies,
            target: { sha in
                accepted.first { $0.sha256 == sha }.map(Target.init)
            }
        )
    }

    /// The same, given the accepted documents of the candidate's consortium (`siblings`) and a
    /// lookup of any accepted document by SHA-256 (a Withdrawal's target). The caller has ruled
    /// out a duplicate.
    public static func classify(
        _ candidate: RecordedDocument,
        siblings: [RecordedDocument],
        today: CivilDate?,
        policies: PolicySchedule = .seed,
        target: (String) -> Target?
    ) -> Outcome {
        check(
            candidate,
            today: today,
            target: target,
            applicationOnOrBefore: { day in
                siblings.contains { $0.document.kind == .application && $0.document.date <= day }
            },
            notApplied: { notApplied(candidate, siblings: siblings, policies: policies) }
        )
    }

    /// The same decision for the daemon, which keeps its consortia replayed (`resident`, nil
    /// when the consortium has none yet) rather than their documents: `siblings` gives the
    /// consortium's documents only when the candidate cannot simply be applied after them (an
    /// earlier date, a Withdrawal). The caller has already ruled out a duplicate (it knows every
    /// accepted SHA-256).
    public static func classify(
        _ candidate: RecordedDocument,
        resident: ResidentConsortium?,
        today: CivilDate?,
        policies: PolicySchedule = .seed,
        target: (String) -> Target? = { _ in nil },
        siblings: () -> [RecordedDocument]
    ) -> Outcome {
        check(
            candidate,
            today: today,
            target: target,
            applicationOnOrBefore: { day in resident?.firstApplication.map { $0 <= day } ?? false },
            notApplied: {
                if let resident, resident.canAppend(candidate) { return resident.notApplied(candidate) }
                return notApplied(candidate, siblings: siblings(), policies: policies)
            }
        )
    }

    /// Checks of the document alone reject; checks that depend on other documents hold it.
    private static func check(
        _ candidate: RecordedDocument,
        today: CivilDate?,
        target: (String) -> Target?,
        applicationOnOrBefore: (CivilDate) -> Bool,
        notApplied: () -> (zh: String, en: String)?
    ) -> Outcome {
        let doc = candidate.document
        if let today, doc.date > today.adding(days: 1) {
            // A Word form's date is its 附表 cell 填报日期 (docs/word-forms.md).
            let word = [".docx", ".doc"].contains { candidate.name.lowercased().hasSuffix($0) }
            return .rejected([
                DocumentError(
                    path: "date",
                    message: "日期 \(doc.date) 晚于收到日期 \(today) 一天以上（未来日期多为笔误），请核对" + (word ? "附表「填报日期」一栏（date）" : " date 字段"),
                    messageEn: "date \(doc.date) is more than one day after the arrival day \(today) (a future date is usually a typo); check "
                        + (word ? "the 附表 cell 填报日期 (date)" : "the date field")
                )
            ])
        }
        guard let consortium = doc.consortium, doc.kind != .acknowledgement else { return .accepted }
        if case .withdrawal(let w) = doc.body, let outcome = withdrawalTarget(w, of: consortium, date: doc.date, target: target(w.document)) {
            return outcome
        }
        if doc.kind != .application, !applicationOnOrBefore(doc.date) {
            return .pending(
                DocumentError(
                    path: "consortium",
                    message: "等待组建申请：联合体 \(consortium) 尚无日期不晚于 \(doc.date) 的组建申请（Application），文件暂存待处理，收到申请后自动处理",
                    messageEn: "waits for an Application: consortium \(consortium) has no Application dated on or before \(doc.date) yet"
                )
            )
        }
        if let reason = notApplied() {
            return .pending(
                DocumentError(
                    path: "kind",
                    message: "等待联合体 \(consortium) 的状态或成员与本文件相符：\(reason.zh)；文件暂存待处理，该联合体收到新文件时重新判断",
                    messageEn: "waits until consortium \(consortium) fits it: \(reason.en); judged again whenever the consortium receives a document"
                )
            )
        }
        return .accepted
    }

    /// A Withdrawal whose target can never be mended is rejected at once (a Withdrawal, another
    /// consortium's document, one dated after it); one whose target is not accepted yet is held
    /// until it is (decisions 24). nil: the target is an earlier document of the consortium.
    private static func withdrawalTarget(_ w: Withdrawal, of consortium: ConsortiumID, date: CivilDate, target: Target?) -> Outcome? {
        guard let target else {
            return .pending(
                DocumentError(
                    path: "document",
                    message: "等待被撤回的文件：document \(w.document) 尚未被接收，文件暂存待处理，该文件接收后自动处理",
                    messageEn: "waits for the document it withdraws: \(w.document) has not been accepted yet"
                )
            )
        }
        let reason: (zh: String, en: String)?
        if target.kind == .withdrawal {
            reason = ("document \(w.document) 本身是撤回文件，撤回文件不能撤回", "document \(w.document) is a Withdrawal; a Withdrawal cannot be withdrawn")
        } else if target.consortium != consortium {
            reason = (
                "document \(w.document) 是联合体 \(target.consortium ?? "-") 的文件，不是本联合体 \(consortium) 的文件",
                "document \(w.document) belongs to \(target.consortium ?? "no consortium"), not to \(consortium)"
            )
        } else if target.date > date {
            reason = (
                "document \(w.document) 的日期 \(target.date) 晚于本撤回文件的日期 \(date)，只能撤回此前的文件",
                "document \(w.document) is dated \(target.date), after this Withdrawal (\(date)); only an earlier document can be withdrawn"
            )
        } else {
            reason = nil
        }
        return reason.map { .rejected([DocumentError(path: "document", message: $0.zh, messageEn: $0.en)]) }
    }

    /// Why `candidate` is not applied when its consortium's documents are replayed with it.
    private static func notApplied(_ candidate: RecordedDocument, siblings: [RecordedDocument], policies: PolicySchedule) -> (zh: String, en: String)?
    {
        let replayer = Replayer.replay(
            candidate.document.consortium ?? "",
            documents: siblings + [candidate],
            through: candidate.document.date,
            policies: policies
        )
        let entry = (replayer.state?.documents ?? []).first { $0.sha256 == candidate.sha256 && $0.arrival == candidate.arrival }
        return entry?.notApplied
    }

    public static func findings(
        causedBy candidate: RecordedDocument,
        documents: [RecordedDocument],
        policies: PolicySchedule = .seed
    ) -> [Finding] {
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
