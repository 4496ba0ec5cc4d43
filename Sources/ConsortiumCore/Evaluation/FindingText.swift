extension Finding {
    /// A finding's Chinese and English texts, kept as what they are made of and rendered when
    /// read (`Finding.detail`, `detailEn`). The deadline findings every evaluation makes for most
    /// consortia (ANNUAL_REPORT, APPROVAL_EXPIRY) are kept so too: their texts are rendered only
    /// for the few notices written out, not for the hundreds of thousands an evaluation makes.
    /// An event finding (DocumentTransition) stays in its consortium's state for as long as the daemon runs (docs/performance.md): its parameters are mostly
    /// Strings the state holds anyway (a principal's name, a project's title) or short enough to
    /// be held inline, where its two texts were two heap Strings of their own (the English one
    /// repeating the change). A rule's finding, made at each evaluation, is `plain`.
    /// The rarer events' cases are `indirect`, so that the enum (and `Finding`) stays small.
    enum Text: Sendable {
        case plain(zh: String, en: String)
        /// MAJOR_CHANGE: former lead units (a lead change), then the executive/principal items.
        case majorChange(day: CivilDate, formerLeads: [MemberID], items: [MajorItem])
        /// MAJOR_CHANGE of one executive/principal item without a lead change (the usual one).
        case majorItem(day: CivilDate, MajorItem)
        /// ANNUAL_REPORT_LATE.
        case annualReportLate(year: Int, day: CivilDate, due: CivilDate)
        /// ANNUAL_REPORT, upcoming (`late` negative: days left) or overdue.
        case annualReportDue(year: Int, due: CivilDate, late: Int, overdue: Bool)
        /// APPROVAL_EXPIRY on `day`, upcoming or expired.
        case approvalExpiry(number: String, approved: CivilDate, due: CivilDate, day: CivilDate, expired: Bool)
        /// REVOCATION_GROUND.
        indirect case revocationGround(day: CivilDate, ground: IncidentGround, member: MemberID?, description: String)
        /// PROJECT_MEMBER_CHANGE: a new version of an active project drops main member units.
        indirect case projectMembersDropped(day: CivilDate, project: String, title: String, missing: [MemberID])
        /// PROJECT_MEMBER_CHANGE: members of active projects leave the consortium.
        indirect case projectMembersLeft(day: CivilDate, dropped: [(project: String, member: MemberID)])
        /// PROJECT_LOCK: a lead change while a project runs in the consortium's name.
        indirect case leadChangedDuringProject(day: CivilDate, project: String, title: String)
        /// PROJECT_LOCK: a dissolution while a project runs in the consortium's name.
        indirect case dissolvedDuringProject(day: CivilDate, project: String, title: String)

        var zh: String { rendered(english: false) }
        var en: String { rendered(english: true) }

        /// Each case's texts side by side, as DocumentTransition wrote them.
        private func rendered(english: Bool) -> String {
            switch self {
            case .plain(let zh, let en):
                return english ? en : zh
            case .majorChange(let day, let formerLeads, let items):
                return Self.majorChange(day, formerLeads, items, english: english)
            case .majorItem(let day, let item):
                return Self.majorChange(day, [], [item], english: english)
            case .annualReportLate(let year, let day, let due):
                return english
                    ? "the \(year) annual report was submitted on \(day), after the deadline \(due)"
                    : "\(year)年度总结和工作计划于 \(day) 报送，晚于规定的 \(due)"
            case .annualReportDue(let year, let due, let late, let overdue):
                if overdue {
                    return english
                        ? "the \(year) annual report and \(year + 1) plan were due on \(due) and are \(late) days overdue"
                        : "\(year)年度总结和下一年度工作计划应于 \(due) 前报送推荐单位和市科技局，已逾期 \(late) 天"
                }
                return english
                    ? "the \(year) annual report and \(year + 1) plan are due on \(due), in \(-late) days"
                    : "\(year)年度总结和下一年度工作计划应于 \(due) 前报送推荐单位和市科技局，还剩 \(-late) 天"
            case .approvalExpiry(let number, let approved, let due, let day, let expired):
                let left = day.days(until: due)
                if expired {
                    return english
                        ? "the approval \(number) of \(approved) ended on \(due); the consortium has been expired since \(due.adding(days: 1))"
                        : "批复（\(number)，\(approved) 核准）有效期已于 \(due) 届满，联合体自 \(due.adding(days: 1)) 起已过期"
                }
                return english
                    ? "the approval \(number) of \(approved) is in force through \(due), \(left) days left"
                    : "批复（\(number)，\(approved) 核准）有效期至 \(due)，还剩 \(left) 天"
            case .revocationGround(let day, let ground, let member, let description):
                return english
                    ? "an incident of ground \(ground.rawValue) (7(3) item \(ground.item)\(member.map { ", member \($0)" } ?? "")) was recorded on \(day): \(description)"
                    : "\(day) 记录了违规情形「\(ground.chineseName)」（七(三)第\(ground.item)项\(member.map { "，涉及成员单位 \($0)" } ?? "")）：\(description)"
            case .projectMembersDropped(let day, let project, let title, let missing):
                return english
                    ? "project \(project) changed its main member units on \(day) (dropped \(missing.joined(separator: ", "))) while active, without an approval reference"
                    : "项目 \(project)（\(title)）在实施期间于 \(day) 变更主要成员单位（去掉 \(missing.joined(separator: "、"))），未附报批文号（approval）"
            case .projectMembersLeft(let day, let dropped):
                return english
                    ? "members of active projects left the consortium on \(day) without an approval reference: \(dropped.map { "\($0.member) (project \($0.project))" }.joined(separator: ", "))"
                    : "\(day) 退出联合体的 \(dropped.map { "\($0.member)（项目 \($0.project)）" }.joined(separator: "、")) 是在研项目的成员单位，未附报批文号"
            case .leadChangedDuringProject(let day, let project, let title):
                return english
                    ? "the lead unit changed on \(day) while project \(project) runs in the consortium's name, without an approval reference"
                    : "\(day) 变更牵头单位时联合体正以其名义承担项目 \(project)（\(title)），且未附批准文号：项目期间不得自行变更牵头单位"
            case .dissolvedDuringProject(let day, let project, let title):
                return english
                    ? "dissolved on \(day) while project \(project) runs in the consortium's name, without the bureau's approval: no dissolution during a project"
                    : "\(day) 解散时联合体正以其名义承担项目 \(project)（\(title)），且未附市科技局同意文号：项目期间不得自行解散"
            }
        }

        private static func majorChange(_ day: CivilDate, _ formerLeads: [MemberID], _ items: [MajorItem], english: Bool) -> String {
            if english {
                let lead = formerLeads.isEmpty ? [] : ["lead unit changed (former lead \(formerLeads.joined(separator: ", ")))"]
                return "major change on \(day): \((lead + items.map(\.en)).joined(separator: "; "))"
            }
            let lead = formerLeads.isEmpty ? [] : ["牵头单位变更（原牵头单位 \(formerLeads.joined(separator: "、"))）"]
            return "\(day) 发生重大事项变更：\((lead + items.map(\.zh)).joined(separator: "；"))"
        }

        /// A MAJOR_CHANGE item other than a lead change.
        enum MajorItem: Sendable {
            case executive(String)
            case principal(String)

            var zh: String {
                switch self {
                case .executive(let text): "常设执行机构变更为「\(text)」"
                case .principal(let text): "主要负责人变更为「\(text)」"
                }
            }

            var en: String {
                switch self {
                case .executive(let text): "standing executive body now \(text)"
                case .principal(let text): "principal now \(text)"
                }
            }
        }
    }
}
