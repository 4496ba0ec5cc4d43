/// Derives one consortium's state by applying its documents in application order
/// (documents.md "Envelope"; rules.md "Lifecycle"). A document that does not fit the status it
/// meets is recorded as not applied, with the reason.
struct Replayer {
    let id: ConsortiumID
    let policies: PolicySchedule
    private(set) var state: ConsortiumState?
    /// Documents seen before any Application (they wait for it: `pending`).
    private(set) var early: [AppliedDocument] = []
    private var openSegments: [LeadSegment] = []
    /// What the open segments were made from: (live, leads, application date).
    private var segmentKey: (Bool, [MemberID], CivilDate?) = (false, [], nil)

    init(id: ConsortiumID, policies: PolicySchedule) {
        self.id = id
        self.policies = policies
    }

    /// Replays `documents` (all of this consortium, any order) dated on or before `day`.
    static func replay(_ id: ConsortiumID, documents: [RecordedDocument], through day: CivilDate,
                       policies: PolicySchedule) -> Replayer {
        var replayer = Replayer(id: id, policies: policies)
        let inScope = documents.filter { $0.document.date <= day }.sorted(by: RecordedDocument.applicationOrder)
        let withdrawn = Self.withdrawnDocuments(inScope)
        for record in inScope where !withdrawn.contains(record.sha256) || record.document.kind == .withdrawal {
            replayer.apply(record, withdrawn: withdrawn)
        }
        replayer.advance(to: day)
        replayer.finish()
        return replayer
    }

    /// Withdrawals that name an earlier document of the consortium that is not itself a
    /// Withdrawal (decisions 24).
    static func withdrawnDocuments(_ ordered: [RecordedDocument]) -> Set<String> {
        var seen: [String: DocumentKind] = [:]
        var withdrawn: Set<String> = []
        for record in ordered {
            if case .withdrawal(let w) = record.document.body, let kind = seen[w.document], kind != .withdrawal {
                withdrawn.insert(w.document)
            }
            seen[record.sha256] = record.document.kind
        }
        return withdrawn
    }

    // MARK: - Time

    /// Moves the clock to `day`: an approval past its last day expires (rules.md).
    mutating func advance(to day: CivilDate) {
        guard var s = state, s.status == .approved, let approval = s.round.currentApproval, day > approval.lastDay else { return }
        s.status = .expired
        state = s
        closeSegments(through: approval.lastDay)
        segmentKey = (false, [], s.round.formation.applicationDate)
    }

    private mutating func finish() {
        guard state != nil else { return }
        state!.leadSegments.append(contentsOf: openSegments)
        openSegments = []
    }

    // MARK: - Lead segments (LEAD_UNIQUE)

    private mutating func closeSegments(through last: CivilDate) {
        for var segment in openSegments where segment.from <= last {
            segment.through = last
            state?.leadSegments.append(segment)
        }
        openSegments = []
    }

    /// Re-opens segments after anything that may change who leads a live consortium.
    private mutating func refreshSegments(on day: CivilDate) {
        guard let s = state else { return }
        let live = s.status.isLive
        let leads = live ? s.round.formation.leadIDs : []
        let appDate = s.round.formation.applicationDate
        if segmentKey.0 == live && segmentKey.1 == leads && segmentKey.2 == appDate { return }
        segmentKey = (live, leads, appDate)
        closeSegments(through: day.adding(days: -1))
        openSegments = Set(leads).sorted().map {
            LeadSegment(consortium: id, lead: $0, from: day, through: nil, applicationDate: appDate)
        }
    }

    // MARK: - Applying documents

    private mutating func apply(_ record: RecordedDocument, withdrawn: Set<String>) {
        let doc = record.document
        advance(to: doc.date)
        var entry = AppliedDocument(kind: doc.kind, date: doc.date, sha256: record.sha256, name: record.name,
                                    arrival: record.arrival, notApplied: nil)
        if case .application(let application) = doc.body {
            entry.notApplied = applyApplication(application, date: doc.date)
        } else if state == nil {
            entry.notApplied = (zh: "联合体 \(id) 在 \(doc.date) 之前没有组建申请（Application）",
                                en: "consortium \(id) has no Application dated on or before \(doc.date)")
            early.append(entry)
            return
        } else if case .withdrawal(let w) = doc.body, !withdrawn.contains(w.document) {
            entry.notApplied = (zh: "撤回的文件 \(w.document) 不是本联合体在此之前已接收的文件（撤回文件本身不能撤回）",
                                en: "document \(w.document) is not an earlier accepted document of this consortium (a Withdrawal cannot be withdrawn)")
        } else {
            entry.notApplied = applyOther(doc, sha: record.sha256)
        }
        state?.documents.append(entry)
        refreshSegments(on: doc.date)
    }

    private func statusError(_ doc: DocumentKind, _ status: ConsortiumStatus) -> (zh: String, en: String) {
        (zh: "联合体 \(id) 当前状态为「\(status.chineseName)」(\(status.rawValue))，不接受\(doc.chineseName)（\(doc.rawValue)）",
         en: "consortium \(id) is \(status.rawValue); a \(doc.rawValue) does not fit that status")
    }

    private mutating func applyApplication(_ application: Application, date: CivilDate) -> (zh: String, en: String)? {
        let formation = FormationSnapshot(application: application, date: date)
        guard var s = state else {
            state = ConsortiumState(id: id, status: .applied, round: ConsortiumRound(formation: formation))
            return nil
        }
        switch s.status {
        case .applied, .recommended:
            // A corrected Application replaces the earlier one; recommendations still count (decisions 16).
            s.round.formation = Self.completed(formation, with: s.round.filedAgreement)
            s.status = .applied
        case .notRecommended, .rejected, .dissolved:
            s.round = ConsortiumRound(formation: formation)
            s.status = .applied
        case .approved, .expired, .revoked:
            return statusError(.application, s.status)
        }
        state = s
        return nil
    }

    private mutating func applyOther(_ doc: Document, sha: String) -> (zh: String, en: String)? {
        guard var s = state else { return nil }
        defer { state = s }
        let day = doc.date
        switch doc.body {
        case .application, .acknowledgement:
            return nil
        case .agreement(let a):
            guard [.applied, .recommended, .notRecommended].contains(s.status) else { return statusError(doc.kind, s.status) }
            // A filed 附件2 replaces the agreement in force (a later 附件2 corrects an earlier one).
            s.round.filedAgreement = a
            s.round.formation.application.agreement = nil
            s.round.formation = Self.completed(s.round.formation, with: a)
        case .withdrawal:
            return nil
        case .recommendation(let r):
            guard [.applied, .recommended, .notRecommended].contains(s.status) else { return statusError(doc.kind, s.status) }
            s.round.recommendations.append(RecommendationRecord(date: day, recommendation: r, leadsOnDate: s.round.formation.leadIDs))
            s.status = r.recommended ? .recommended : .notRecommended
        case .approval(let a):
            switch a.decision {
            case .rejected:
                guard [.applied, .recommended, .notRecommended].contains(s.status) else { return statusError(doc.kind, s.status) }
                s.status = .rejected
            case .approved:
                guard [.applied, .recommended, .notRecommended, .approved, .expired].contains(s.status) else {
                    return statusError(doc.kind, s.status)
                }
                let years = a.validYears ?? policies.policy(on: day).validYears
                let lastDay = day.lastDayOfPeriod(years: years)
                if s.status == .approved { s.round.inForce = Self.truncate(s.round.inForce, before: day) }
                s.round.approvals.append(ApprovalRecord(date: day, approval: a, lastDay: lastDay, formation: s.round.formation))
                s.round.inForce.append(day...lastDay)
                s.status = .approved
            }
        case .project(let p):
            // decisions 35; decisions 14: a blank approval reference is no reference.
            let previous = s.round.projects[p.project]?.last
            s.round.projects[p.project, default: []].append(
                ProjectVersion(date: day, project: p, sha256: sha, leadsOnDate: s.round.formation.leadIDs))
            if let previous, previous.project.underConsortium, previous.project.isActive(on: day), !p.approval.isApprovalReference {
                let missing = previous.project.members.filter { !p.members.contains($0) }
                if !missing.isEmpty {
                    s.events.append(Finding(
                        consortium: id, rule: .projectMemberChange, subject: day.description,
                        detail: "项目 \(p.project)（\(p.title)）在实施期间于 \(day) 变更主要成员单位（去掉 \(missing.joined(separator: "、"))），未附报批文号（approval）",
                        detailEn: "project \(p.project) changed its main member units on \(day) (dropped \(missing.joined(separator: ", "))) while active, without an approval reference",
                        source: sha, since: day))
                }
            }
        case .change(let c):
            guard s.status == .approved else { return statusError(doc.kind, s.status) }
            return applyChange(c, day: day, sha: sha, state: &s)
        case .annualReport(let r):
            guard s.approvedInRound else {
                return (zh: "联合体 \(id) 在本轮尚未获市科技局核准，不需报送年度总结（状态「\(s.status.chineseName)」）",
                        en: "consortium \(id) has not been approved in its current round; an AnnualReport does not fit (status \(s.status.rawValue))")
            }
            let isFirst = s.round.reports[r.year]?.isEmpty ?? true
            s.round.reports[r.year, default: []].append(Dated(date: day, value: r, sha256: sha))
            let due = CivilDate.endOfYear(r.year)
            if isFirst, day > due, s.round.isInForce(on: due) {
                s.events.append(Finding(
                    consortium: id, rule: .annualReportLate, subject: String(r.year), due: due,
                    detail: "\(r.year)年度总结和工作计划于 \(day) 报送，晚于规定的 \(due)",
                    detailEn: "the \(r.year) annual report was submitted on \(day), after the deadline \(due)",
                    source: sha, since: day))
            }
        case .incident(let i):
            if i.ground == .violation, let member = i.member {
                s.listings.append(DishonestyListing(member: member, from: day, until: i.until))
            }
            if s.status == .approved {
                s.events.append(Finding(
                    consortium: id, rule: .revocationGround, subject: "\(day) \(i.ground.rawValue)", stage: .revocationReview,
                    detail: "\(day) 记录了违规情形「\(i.ground.chineseName)」（七(三)第\(i.ground.item)项\(i.member.map { "，涉及成员单位 \($0)" } ?? "")）：\(i.description)",
                    detailEn: "an incident of ground \(i.ground.rawValue) (7(3) item \(i.ground.item)\(i.member.map { ", member \($0)" } ?? "")) was recorded on \(day): \(i.description)",
                    source: sha, since: day))
            }
        case .dissolution(let d):
            guard s.status != .revoked, s.status != .dissolved else { return statusError(doc.kind, s.status) }
            // decisions 14: a blank approval reference is no reference.
            if !d.approval.isApprovalReference, let project = s.round.activeConsortiumProjects(on: day).first {
                s.events.append(Finding(
                    consortium: id, rule: .projectLock, subject: day.description,
                    detail: "\(day) 解散时联合体正以其名义承担项目 \(project.project.project)（\(project.project.title)），且未附市科技局同意文号：项目期间不得自行解散",
                    detailEn: "dissolved on \(day) while project \(project.project.project) runs in the consortium's name, without the bureau's approval: no dissolution during a project",
                    source: sha, since: day))
            }
            s.round.inForce = Self.truncate(s.round.inForce, before: day)
            s.status = .dissolved
        case .revocation:
            guard s.status == .approved else { return statusError(doc.kind, s.status) }
            s.round.inForce = Self.truncate(s.round.inForce, before: day)
            s.status = .revoked
        }
        return nil
    }

    private func applyChange(_ change: Change, day: CivilDate, sha: String, state s: inout ConsortiumState) -> (zh: String, en: String)? {
        var formation = s.round.formation
        var leadChanged: [String] = []
        var majors: [String] = []
        var majorsEn: [String] = []
        var leavers: [MemberID] = []
        for (index, item) in change.changes.enumerated() {
            switch item {
            case .join(let member, _):
                if formation.isMember(member.id) {
                    return (zh: "changes[\(index)].join: \(member.id) 已是成员单位", en: "changes[\(index)].join: \(member.id) is already a member")
                }
                formation.members.append(member)
            case .leave(let member):
                guard let existing = formation.member(member) else {
                    return (zh: "changes[\(index)].leave: \(member) 不是成员单位", en: "changes[\(index)].leave: \(member) is not a member")
                }
                if existing.layer == .lead { leadChanged.append(member) }
                leavers.append(member)
                formation.members.removeAll { $0.id == member }
            case .lead(let lead):
                guard let from = formation.members.firstIndex(where: { $0.id == lead.from }), formation.members[from].layer == .lead else {
                    return (zh: "changes[\(index)].lead.from: \(lead.from) 不是牵头单位", en: "changes[\(index)].lead.from: \(lead.from) is not a lead unit")
                }
                formation.members[from].layer = .core
                formation.leadQualifications[lead.to] = lead.qualification
                formation.extraPlatforms.append(contentsOf: lead.platforms)
                leadChanged.append(lead.from)
            case .executive(let text):
                s.round.executive = text
                majors.append("常设执行机构变更为「\(text)」"); majorsEn.append("standing executive body now \(text)")
            case .principal(let text):
                s.round.principal = text
                majors.append("主要负责人变更为「\(text)」"); majorsEn.append("principal now \(text)")
            case .chiefExpert(let expert):
                formation.chiefExpert = expert
            }
        }
        // The new lead must be a member after the whole change.
        for (index, item) in change.changes.enumerated() {
            guard case .lead(let lead) = item else { continue }
            guard let to = formation.members.firstIndex(where: { $0.id == lead.to }) else {
                return (zh: "changes[\(index)].lead.to: \(lead.to) 在本次变更后不是成员单位", en: "changes[\(index)].lead.to: \(lead.to) is not a member after this change")
            }
            formation.members[to].layer = .lead
        }
        s.round.formation = formation
        if !leadChanged.isEmpty {
            majors.insert("牵头单位变更（原牵头单位 \(leadChanged.joined(separator: "、"))）", at: 0)
            majorsEn.insert("lead unit changed (former lead \(leadChanged.joined(separator: ", ")))", at: 0)
        }
        if !majors.isEmpty {
            s.events.append(Finding(
                consortium: id, rule: .majorChange, subject: day.description,
                detail: "\(day) 发生重大事项变更：\(majors.joined(separator: "；"))",
                detailEn: "major change on \(day): \(majorsEn.joined(separator: "; "))", source: sha, since: day))
        }
        let active = s.round.activeConsortiumProjects(on: day)
        if !change.approval.isApprovalReference, !leadChanged.isEmpty, let project = active.first {
            s.events.append(Finding(
                consortium: id, rule: .projectLock, subject: day.description,
                detail: "\(day) 变更牵头单位时联合体正以其名义承担项目 \(project.project.project)（\(project.project.title)），且未附批准文号：项目期间不得自行变更牵头单位",
                detailEn: "the lead unit changed on \(day) while project \(project.project.project) runs in the consortium's name, without an approval reference",
                source: sha, since: day))
        }
        // decisions 14: a blank approval reference is no reference.
        if !change.approval.isApprovalReference {
            let dropped = active.flatMap { version in leavers.filter { version.project.members.contains($0) }.map { (version.project.project, $0) } }
            if !dropped.isEmpty {
                let list = dropped.map { "\($0.1)（项目 \($0.0)）" }.joined(separator: "、")
                s.events.append(Finding(
                    consortium: id, rule: .projectMemberChange, subject: day.description,
                    detail: "\(day) 退出联合体的 \(list) 是在研项目的成员单位，未附报批文号",
                    detailEn: "members of active projects left the consortium on \(day) without an approval reference: \(dropped.map { "\($0.1) (project \($0.0))" }.joined(separator: ", "))",
                    source: sha, since: day))
            }
        }
        return nil
    }

    /// The formation with a separately filed 附件2 in place of the agreement its Application did
    /// not provide (docs/word-forms.md); an Application that carries its own agreement keeps it.
    static func completed(_ formation: FormationSnapshot, with agreement: Agreement?) -> FormationSnapshot {
        guard let agreement, formation.application.agreement == nil else { return formation }
        var out = formation
        out.application.agreement = agreement
        out.application.notProvided.removeAll { NotProvided.field($0).hasPrefix("agreement") }
        out.application.notProvided += agreement.notProvided
        return out
    }

    /// Ends every in-force period the day before `day`.
    static func truncate(_ periods: [ClosedRange<CivilDate>], before day: CivilDate) -> [ClosedRange<CivilDate>] {
        let last = day.adding(days: -1)
        return periods.compactMap { period in
            if period.upperBound <= last { return period }
            return period.lowerBound <= last ? period.lowerBound...last : nil
        }
    }
}
