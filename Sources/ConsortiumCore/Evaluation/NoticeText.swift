/// The sentences operators read: who, which rule, what is due when, what to do.
public enum NoticeText {
    /// What the operator should do about a finding of `rule` at `stage`.
    public static func action(_ rule: RuleID, stage: Stage) -> (zh: String, en: String) {
        switch (rule, stage) {
        case (.annualReport, .overdue):
            return ("请督促牵头单位立即报送；逾期久未报送将进入取消资格审查。", "Ask the lead unit to submit it now; a long delay leads to a revocation review.")
        case (.annualReport, _):
            return ("请提醒牵头单位按时报送，收到后放入收件箱。", "Remind the lead unit to submit on time and drop the report into the inbox when it arrives.")
        case (.approvalExpiry, .expired):
            return ("如需继续运行，请由市科技局重新核准批复（续期）；否则按到期处理。", "If it is to continue, the bureau renews the approval; otherwise treat it as ended.")
        case (.approvalExpiry, _):
            return ("请提醒联合体及时申请续期，由市科技局决定是否重新核准。", "Remind the consortium to apply for renewal in time; the bureau decides.")
        case (.reportingRefused, _), (.revocationGround, _):
            return (
                "请市科技局依据七(三)启动取消资格审查，结果以取消资格（Revocation）或确认（Acknowledgement）文件记录。",
                "The bureau should open a revocation review under 7(3) and record its outcome as a Revocation or an Acknowledgement."
            )
        case (.majorChange, _):
            return ("请判断该变更是否影响联合体正常运行（七(三)1），处理后确认此通知。", "Judge whether the change affects normal operation (7(3)1) and acknowledge this notice.")
        case (.projectLock, _):
            return (
                "项目期间解散或变更牵头单位须经批准，请核实并要求补办报批手续，处理后确认此通知。",
                "Dissolution or a lead change during a project needs approval: verify, require the approval, then acknowledge."
            )
        case (.projectMemberChange, _):
            return ("请按柳州市科技计划项目管理规定补办报批程序，处理后确认此通知。", "Have the change approved under the city's project rules, then acknowledge.")
        case (.annualReportLate, _):
            return ("已记录逾期报送，确认此通知即可。", "The late submission is recorded; acknowledge this notice.")
        case (.annualReportIncomplete, _):
            return ("请要求联合体补充完整后重新报送该年度总结。", "Ask the consortium to complete the report and submit it again.")
        case (.dishonestMember, _):
            return ("请核实该成员单位的失信情况，并督促联合体处理。", "Verify the listing and have the consortium deal with the member.")
        case (.usccRegion, _), (.industryPriority, _), (.recommendationDistrict, _):
            return ("供参考，请核实填报信息。", "For information: check what was filed.")
        default:
            if rule.isFormation || rule.scope == .decision {
                return (
                    "请要求联合体更正或补充材料（提交更正的组建申请或变更文件），或由市科技局按一事一议（三(六)）决定豁免。",
                    "Have the consortium correct or complete its papers (a corrected Application or a Change), or the bureau may waive the rule case by case (3(6))."
                )
            }
            return ("请核实并处理。", "Verify and act.")
        }
    }

    /// The full MESSAGE of a notice.
    public static func message(_ finding: Finding, consortiumName: String) -> (zh: String, en: String) {
        (chinese(finding, consortiumName: consortiumName), english(finding, consortiumName: consortiumName))
    }

    /// The MESSAGE in Chinese alone (`consortiumctl evaluate` shows half a million of them).
    static func chinese(_ finding: Finding, consortiumName: String) -> String {
        // (The last UTF-8 byte is looked at first: "。" ends in 0x82, "." is 0x2E.)
        let detail = finding.detail.utf8.last == 0x82 && finding.detail.hasSuffix("。") ? String(finding.detail.dropLast()) : finding.detail
        return
            "创新联合体「\(consortiumName)」(\(finding.consortium))：\(detail)。依据 \(finding.rule.clause)（\(finding.rule.rawValue)）。\(action(finding.rule, stage: finding.stage).zh)"
    }

    /// The MESSAGE in English alone.
    static func english(_ finding: Finding, consortiumName: String) -> String {
        let last = finding.detailEn.utf8.last
        let detailEn =
            (last == 0x82 && finding.detailEn.hasSuffix("。")) || (last == 0x2E && finding.detailEn.hasSuffix("."))
            ? String(finding.detailEn.dropLast()) : finding.detailEn
        return
            "Consortium \(consortiumName) (\(finding.consortium)): \(detailEn). Rule \(finding.rule.rawValue), clause \(finding.rule.clause). \(action(finding.rule, stage: finding.stage).en)"
    }
}
