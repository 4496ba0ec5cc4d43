/// What one document other than an Application does to a consortium's state (rules.md
/// "Lifecycle"), applied to the state in place. Used by `Replayer`.
struct DocumentTransition {
    let id: ConsortiumID
    let policies: PolicySchedule

    /// The reason when `doc` does not fit the state (then only what it changed before the
    /// misfit stays, as in a Change whose later item fails).
    func apply(_ doc: Document, sha: String, to s: inout ConsortiumState) -> (zh: String, en: String)? {
        let day = doc.date
        switch doc.body {
        case .application, .acknowledgement:
            return nil
        case .agreement(let a):
            guard s.status.isAwaitingDecision else { return statusError(doc.kind, s.status) }
            // A filed 附件2 replaces the agreement in force (a later 附件2 corrects an earlier one).
            s.round.filedAgreement = a
            s.round.formation.application.agreement = nil
            s.round.formation = Replayer.completed(s.round.formation, with: a)
        case .withdrawal:
            return nil
        case .recommendation(let r):
            guard s.status.isAwaitingDecision else { return statusError(doc.kind, s.status) }
            s.round.recommendations.append(RecommendationRecord(date: day, recommendation: r, leadsOnDate: s.round.formation.leadIDs))
            s.status = r.recommended ? .recommended : .notRecommended
        case .approval(let a):
            switch a.decision {
            case .rejected:
                guard s.status.isAwaitingDecision else { return statusError(doc.kind, s.status) }
                s.status = .rejected
            case .approved:
                guard s.status.canBeApproved else {
                    return statusError(doc.kind, s.status)
                }
                let years = a.validYears ?? policies.policy(on: day).validYears
                let lastDay = day.lastDayOfPeriod(years: years)
                if s.status == .approved { s.round.inForce = Replayer.truncate(s.round.inForce, before: day) }
                s.round.approvals.append(ApprovalRecord(date: day, approval: a, lastDay: lastDay, formation: s.round.formation))
                s.round.inForce.append(day...lastDay)
                s.status = .approved
            }
        case .project(let p):
            // decisions 35; decisions 14: a blank approval reference is no reference.
            let previous = s.round.project(p.project)
            s.round.record(ProjectVersion(date: day, project: p, sha256: sha, leadsOnDate: s.round.formation.leadIDs))
            if let previous, previous.project.underConsortium, previous.project.isActive(on: day), !p.approval.isApprovalReference {
                // Distinct units (decisions 41): a unit listed twice is dropped once.
                var seen: Set<MemberID> = []
                let missing = previous.project.members.filter { !p.members.contains($0) && seen.insert($0).inserted }
                if !missing.isEmpty {
                    s.events.append(
                        Finding(
                            consortium: id,
                            rule: .projectMemberChange,
                            subject: day.description,
                            source: sha,
                            since: day,
                            text: .projectMembersDropped(day: day, project: p.project, title: p.title, missing: missing)
                        )
                    )
                }
            }
        case .change(let c):
            guard s.status == .approved else { return statusError(doc.kind, s.status) }
            return applyChange(c, day: day, sha: sha, state: &s)
        case .annualReport(let r):
            guard s.approvedInRound else {
                return (
                    zh: "联合体 \(id) 在本轮尚未获市科技局核准，不需报送年度总结（状态「\(s.status.chineseName)」）",
                    en: "consortium \(id) has not been approved in its current round; an AnnualReport does not fit (status \(s.status.rawValue))"
                )
            }
            let isFirst = s.round.report(for: r.year) == nil
            s.round.record(Dated(date: day, value: r, sha256: sha))
            let due = CivilDate.endOfYear(r.year)
            if isFirst, day > due, s.round.isInForce(on: due) {
                s.events.append(
                    Finding(
                        consortium: id,
                        rule: .annualReportLate,
                        subject: String(r.year),
                        due: due,
                        source: sha,
                        since: day,
                        text: .annualReportLate(year: r.year, day: day, due: due)
                    )
                )
            }
        case .incident(let i):
            if i.ground == .violation, let member = i.member {
                s.listings.append(DishonestyListing(member: member, from: day, until: i.until))
            }
            if s.status == .approved {
                s.events.append(
                    Finding(
                        consortium: id,
                        rule: .revocationGround,
                        subject: "\(day) \(i.ground.rawValue)",
                        stage: .revocationReview,
                        source: sha,
                        since: day,
                        text: .revocationGround(day: day, ground: i.ground, member: i.member, description: i.description)
                    )
                )
            }
        case .dissolution(let d):
            guard s.status != .revoked, s.status != .dissolved else { return statusError(doc.kind, s.status) }
            // decisions 14: a blank approval reference is no reference.
            if !d.approval.isApprovalReference, let project = s.round.activeConsortiumProjects(on: day).first {
                s.events.append(
                    Finding(
                        consortium: id,
                        rule: .projectLock,
                        subject: day.description,
                        source: sha,
                        since: day,
                        text: .dissolvedDuringProject(day: day, project: project.project.project, title: project.project.title)
                    )
                )
            }
            s.round.inForce = Replayer.truncate(s.round.inForce, before: day)
            s.status = .dissolved
        case .revocation:
            guard s.status == .approved else { return statusError(doc.kind, s.status) }
            s.round.inForce = Replayer.truncate(s.round.inForce, before: day)
            s.status = .revoked
            // The Revocation is the outcome of the revocation review (rules.md, "After the end"):
            // its grounds are closed from its date (the daemon reports them resolved once).
            // A Withdrawal of the Revocation replays without it, which reopens them.
            s.events.removeAll { $0.stage == .revocationReview }
        }
        return nil
    }

    private func applyChange(_ change: Change, day: CivilDate, sha: String, state s: inout ConsortiumState) -> (zh: String, en: String)? {
        // Items that can fail work on a copy of the formation, so that a failing Change leaves
        // the membership as it was; a Change without them edits the formation in place.
        let changesMembers = change.changes.contains { item in
            switch item {
            case .join, .leave, .lead: true
            case .executive, .principal, .chiefExpert: false
            }
        }
        var formation: FormationSnapshot? = changesMembers ? s.round.formation : nil
        var leadChanged: [String] = []
        var majors: [Finding.Text.MajorItem] = []
        var leavers: [MemberID] = []
        for (index, item) in change.changes.enumerated() {
            switch item {
            case .join(let member, _):
                if formation!.isMember(member.id) {
                    return (zh: "changes[\(index)].join: \(member.id) 已是成员单位", en: "changes[\(index)].join: \(member.id) is already a member")
                }
                formation!.members.append(member)
            case .leave(let member):
                guard let existing = formation!.member(member) else {
                    return (zh: "changes[\(index)].leave: \(member) 不是成员单位", en: "changes[\(index)].leave: \(member) is not a member")
                }
                if existing.layer == .lead { leadChanged.append(member) }
                leavers.append(member)
                formation!.members.removeAll { $0.id == member }
            case .lead(let lead):
                guard let from = formation!.members.firstIndex(where: { $0.id == lead.from }), formation!.members[from].layer == .lead else {
                    return (
                        zh: "changes[\(index)].lead.from: \(lead.from) 不是牵头单位", en: "changes[\(index)].lead.from: \(lead.from) is not a lead unit"
                    )
                }
                formation!.members[from].layer = .core
                formation!.leadQualifications[lead.to] = lead.qualification
                formation!.extraPlatforms.append(contentsOf: lead.platforms)
                leadChanged.append(lead.from)
            case .executive(let text):
                s.round.executive = text
                majors.append(.executive(text))
            case .principal(let text):
                s.round.principal = text
                majors.append(.principal(text))
            case .chiefExpert(let expert):
                if formation != nil { formation!.chiefExpert = expert } else { s.round.formation.chiefExpert = expert }
            }
        }
        // The new lead must be a member after the whole change.
        for (index, item) in change.changes.enumerated() {
            guard case .lead(let lead) = item else { continue }
            guard let to = formation!.members.firstIndex(where: { $0.id == lead.to }) else {
                return (
                    zh: "changes[\(index)].lead.to: \(lead.to) 在本次变更后不是成员单位",
                    en: "changes[\(index)].lead.to: \(lead.to) is not a member after this change"
                )
            }
            formation!.members[to].layer = .lead
        }
        if var changed = formation.take() {
            // A join grew the members' array (it doubles its capacity); the consortium keeps it
            // for years, so at its size.
            if changed.members.capacity > changed.members.count { changed.members = changed.members.map { $0 } }
            s.round.formation = changed
        }
        if !leadChanged.isEmpty || !majors.isEmpty {
            s.events.append(
                Finding(
                    consortium: id,
                    rule: .majorChange,
                    subject: day.description,
                    source: sha,
                    since: day,
                    text: leadChanged.isEmpty && majors.count == 1
                        ? .majorItem(day: day, majors[0])
                        : .majorChange(day: day, formerLeads: leadChanged, items: majors)
                )
            )
        }
        // Projects active on the day matter only for a lead change or leavers without approval.
        let approved = change.approval.isApprovalReference
        let needsProjects = !approved && (!leadChanged.isEmpty || !leavers.isEmpty)
        let active = needsProjects ? s.round.activeConsortiumProjects(on: day) : []
        if !approved, !leadChanged.isEmpty, let project = active.first {
            s.events.append(
                Finding(
                    consortium: id,
                    rule: .projectLock,
                    subject: day.description,
                    source: sha,
                    since: day,
                    text: .leadChangedDuringProject(day: day, project: project.project.project, title: project.project.title)
                )
            )
        }
        // decisions 14: a blank approval reference is no reference.
        if !approved {
            let dropped = active.flatMap { version in leavers.filter { version.project.members.contains($0) }.map { (version.project.project, $0) } }
            if !dropped.isEmpty {
                s.events.append(
                    Finding(
                        consortium: id,
                        rule: .projectMemberChange,
                        subject: day.description,
                        source: sha,
                        since: day,
                        text: .projectMembersLeft(day: day, dropped: dropped.map { (project: $0.0, member: $0.1) })
                    )
                )
            }
        }
        return nil
    }

    func statusError(_ doc: DocumentKind, _ status: ConsortiumStatus) -> (zh: String, en: String) {
        (
            zh: "联合体 \(id) 当前状态为「\(status.chineseName)」(\(status.rawValue))，不接受\(doc.chineseName)（\(doc.rawValue)）",
            en: "consortium \(id) is \(status.rawValue); a \(doc.rawValue) does not fit that status"
        )
    }
}
