/// Deadlines and supervision (rules.md), for an approved consortium on the day evaluated.
public enum SupervisionRules {
    /// The stage of a deadline `due` on `day` with reminders N days before (rules.md "Stages"):
    /// the last reminder passed, `nil` before the first one, or `overdue`/`expired` after `due`.
    public static func stage(due: CivilDate, on day: CivilDate, reminders: [Int], after: Stage) -> Stage? {
        let left = day.days(until: due)
        if left < 0 { return after }
        return reminders.filter { $0 >= left }.min().map(Stage.upcoming)
    }

    public static func findings(_ state: ConsortiumState, on day: CivilDate, policy: Policy) -> [Finding] {
        switch state.status {
        case .approved: return reports(state, day, policy) + expiry(state, day, policy) + projects(state, day, policy)
        case .expired: return expiry(state, day, policy)
        default: return []
        }
    }

    /// Years whose 31 December falls in an approval period, up to `day`'s year.
    static func reportYears(_ round: ConsortiumRound, through day: CivilDate) -> [Int] {
        guard let first = round.inForce.first?.lowerBound.year else { return [] }
        guard first <= day.year else { return [] }
        return (first...day.year).filter { round.isInForce(on: CivilDate.endOfYear($0)) }
    }

    static func reports(_ s: ConsortiumState, _ day: CivilDate, _ policy: Policy) -> [Finding] {
        let round = s.round
        var out: [Finding] = []
        for year in reportYears(round, through: day) where round.report(for: year) == nil {
            let due = CivilDate.endOfYear(year)
            if let stage = stage(due: due, on: day, reminders: policy.reportReminderDays, after: .overdue) {
                let late = due.days(until: day)
                out.append(
                    Finding(
                        consortium: s.id,
                        rule: .annualReport,
                        subject: String(year),
                        stage: stage,
                        due: due,
                        since: nil,
                        text: .annualReportDue(year: year, due: due, late: late, overdue: stage == .overdue)
                    )
                )
            }
            let refusal = due.adding(days: policy.refusalDays)
            if day >= refusal {
                out.append(
                    Finding(
                        consortium: s.id,
                        rule: .reportingRefused,
                        subject: String(year),
                        stage: .revocationReview,
                        due: due,
                        detail: "\(year)年度总结和工作计划逾期 \(policy.refusalDays) 天以上仍未报送（自 \(refusal) 起），可能构成“拒绝报送相关信息”，应启动取消资格审查",
                        detailEn:
                            "no \(year) annual report \(policy.refusalDays) days after its deadline (since \(refusal)): this may be a refusal to report and calls for a revocation review"
                    )
                )
            }
        }
        for latest in round.reports {
            let r = latest.value
            let year = r.year
            var missing: [String] = []
            if r.summary.isBlank { missing.append("summary") }
            if r.plan.isBlank { missing.append("plan") }
            if r.problems?.isBlank ?? true { missing.append("problems") }
            if r.coordination?.isBlank ?? true { missing.append("coordination") }
            let recipients = r.sentTo
            if !recipients.contains(.recommender) { missing.append("sentTo: recommender") }
            if !recipients.contains(.bureau) { missing.append("sentTo: bureau") }
            guard !missing.isEmpty else { continue }
            out.append(
                Finding(
                    consortium: s.id,
                    rule: .annualReportIncomplete,
                    subject: String(year),
                    path: missing[0].hasPrefix("sentTo") ? "sentTo" : missing[0],
                    detail: "\(year)年度总结（\(latest.date) 报送）内容不全：缺少 \(missing.joined(separator: "、"))（问题和协调事项可答“无”，须同时报送推荐单位和市科技局）",
                    detailEn:
                        "the \(year) annual report (\(latest.date)) is incomplete: missing \(missing.joined(separator: ", ")) (\"无\" is a valid answer; it must go to both the recommender and the bureau)",
                    source: latest.sha256,
                    since: latest.date
                )
            )
        }
        return out
    }

    static func expiry(_ s: ConsortiumState, _ day: CivilDate, _ policy: Policy) -> [Finding] {
        guard let approval = s.round.currentApproval else { return [] }
        let due = approval.lastDay
        guard let stage = stage(due: due, on: day, reminders: policy.expiryReminderDays, after: .expired) else { return [] }
        return [
            Finding(
                consortium: s.id,
                rule: .approvalExpiry,
                subject: approval.number,
                stage: stage,
                due: due,
                since: nil,
                text: .approvalExpiry(number: approval.number, approved: approval.date, due: due, day: day, expired: stage == .expired)
            )
        ]
    }

    static func projects(_ s: ConsortiumState, _ day: CivilDate, _ policy: Policy) -> [Finding] {
        var members: MemberIDs?  // made once, when a project is judged
        var out: [Finding] = []
        // The version in force of each project, read through a pointer: subscripting an array
        // copies the whole element, field by field.
        s.round.projectsInForce.withUnsafeBufferPointer { versions in
            guard let first = versions.baseAddress else { return }
            for index in versions.indices {
                let version = first + index
                guard version.pointee.project.underConsortium, version.pointee.date <= day,
                    day <= version.pointee.project.lastActiveDay
                else { continue }
                if members == nil {
                    members = MemberIDs(s.round.formation.members.withUnsafeBufferPointer { members in members.indices.map { members[$0].id } })
                }
                project(version.pointee, of: s.id, members: members!, policy, &out)
            }
        }
        return out
    }

    /// PROJECT_LEAD and PROJECT_MEMBER_SHARE of one project version in force (read in place).
    private static func project(
        _ version: borrowing ProjectVersion,
        of consortium: ConsortiumID,
        members: MemberIDs,
        _ policy: Policy,
        _ out: inout [Finding]
    ) {
        if !version.leadsOnDate.contains(version.project.lead) {
            let p = version.project
            out.append(
                Finding(
                    consortium: consortium,
                    rule: .projectLead,
                    subject: p.project,
                    path: "lead",
                    source: version.sha256,
                    since: version.date,
                    detail: "以联合体名义承担的项目 \(p.project)（\(p.title)）牵头单位 \(p.lead) 不是联合体牵头单位（\(version.leadsOnDate.joined(separator: "、"))）",
                    detailEn:
                        "project \(p.project) undertaken in the consortium's name is led by \(p.lead), not by a lead unit of the consortium (\(version.leadsOnDate.joined(separator: ", ")))"
                )
            )
        }
        // Distinct units (decisions 41): a unit listed twice in `members` is one unit. A project
        // names a handful: each compared with those before it rather than hashed.
        let units = version.project.members
        var whole = 0
        var inside = 0
        for index in units.indices where !units[..<index].contains(units[index]) {
            whole += 1
            if members.contains(units[index]) { inside += 1 }
        }
        if !policy.projectMemberShare.isMet(part: inside, whole: whole) {
            let p = version.project
            out.append(
                Finding(
                    consortium: consortium,
                    rule: .projectMemberShare,
                    subject: p.project,
                    path: "members",
                    source: version.sha256,
                    since: version.date,
                    detail: "项目 \(p.project)（\(p.title)）成员单位中联合体成员 \(inside)/\(whole) 个，未达 \(policy.projectMemberShare.percentText)以上",
                    detailEn:
                        "project \(p.project): \(inside) of \(whole) project members belong to the consortium, below \(policy.projectMemberShare.percentText)"
                )
            )
        }
    }
}

/// A consortium's member ids, for the project rules' lookups: compared one by one while they are
/// few (tens, as most consortia have), hashed when many.
struct MemberIDs {
    private let ids: [MemberID]
    private let hashed: Set<MemberID>?

    init(_ ids: [MemberID]) {
        self.ids = ids
        hashed = ids.count > 64 ? Set(ids) : nil
    }

    func contains(_ id: MemberID) -> Bool { hashed?.contains(id) ?? ids.contains(id) }
}
