/// The decision rules (rules.md "Decision rules", 四(四), 三(六)): judged on the day of the
/// decision document, by the policy in force on that day.
public enum DecisionRules {
    /// `unmetWithoutContext`: per approval, what `FormationRules.unmetWithoutContext` gives for
    /// it under `policies`, when the caller has it (a resident consortium keeps it; it changes
    /// only with the approvals and the policies); otherwise it is computed here.
    public static func findings(
        _ state: ConsortiumState,
        policies: PolicySchedule,
        context: RuleContext,
        unmetWithoutContext: [[RuleID]]? = nil
    ) -> [Finding] {
        var out: [Finding] = []
        // The approvals are read through a pointer: subscripting or iterating the array copies
        // each record, its formation field by field, and this runs for every consortium every day.
        state.round.approvals.withUnsafeBufferPointer { approvals in
            // RECOMMENDATION_MISSING: every approval needs a positive recommendation dated on or before it.
            for index in approvals.indices {
                let date = approvals[index].date
                guard !state.round.recommendations.contains(where: { $0.recommendation.recommended && $0.date <= date }) else { continue }
                let number = approvals[index].number
                out.append(
                    Finding(
                        consortium: state.id,
                        rule: .recommendationMissing,
                        since: date,
                        detail: "市科技局于 \(date) 核准（\(number)），但此前没有县区科技主管部门同意推荐的意见",
                        detailEn: "the bureau approved on \(date) (\(number)) without a positive county recommendation dated on or before it"
                    )
                )
            }
        }
        // RECOMMENDATION_DISTRICT: judged on the latest recommendation (decisions 29).
        if let latest = state.round.recommendations.last, !latest.leadsOnDate.isEmpty {
            let district = LiuzhouDivision.canonical(latest.recommendation.districtCode)
            let codes = latest.leadsOnDate.compactMap { USCC($0).map { LiuzhouDivision.canonical($0.divisionCode) } }
            if !codes.contains(where: { $0 == district || LiuzhouDivision.isCityLevel($0) }) {
                out.append(
                    Finding(
                        consortium: state.id,
                        rule: .recommendationDistrict,
                        since: latest.date,
                        detail:
                            "推荐单位「\(latest.recommendation.district)」(\(latest.recommendation.districtCode)) 不是牵头单位注册地（牵头单位行政区划码 \(codes.isEmpty ? "—" : codes.joined(separator: "、"))）",
                        detailEn:
                            "the recommending district \(latest.recommendation.districtCode) is not where the lead unit is registered (lead division codes \(codes.joined(separator: ", ")))"
                    )
                )
            }
        }
        // APPROVED_WITH_UNMET (三(六)): open error/warning formation findings on the approval's date.
        guard !state.round.approvals.isEmpty else { return out }
        let waived = state.round.waivers
        let known = unmetWithoutContext.flatMap { $0.count == state.round.approvals.count ? $0 : nil }
        state.round.approvals.withUnsafeBufferPointer { approvals in
            for index in approvals.indices {
                let approval = approvals.baseAddress! + index
                let unmet: [RuleID]
                if let known {
                    // The rules that do not look at other consortia, as kept; those that do, now (when they may find anything).
                    unmet =
                        known[index].filter { !waived.contains($0) }
                        + (context.mayConcern(approval.pointee.formation, of: state.id, on: approval.pointee.date)
                            ? FormationRules.contextFindings(
                                FormationRules.approvalInput(state.id, approval.pointee, policies: policies, context: context),
                                waived: waived
                            ).filter { $0.level != .info }.map(\.rule)
                            : [])
                } else {
                    let input = FormationRules.approvalInput(state.id, approval.pointee, policies: policies, context: context)
                    unmet = FormationRules.findings(input, waived: waived).filter { $0.level != .info }.map(\.rule)
                }
                guard !unmet.isEmpty else { continue }
                let rules = Array(Set(unmet.map(\.rawValue))).sorted()
                let date = approval.pointee.date
                let number = approval.pointee.number
                out.append(
                    Finding(
                        consortium: state.id,
                        rule: .approvedWithUnmet,
                        since: date,
                        detail: "\(date) 核准（\(number)）时仍有未满足且未经一事一议豁免的组建条件：\(rules.joined(separator: "、"))",
                        detailEn: "approved on \(date) (\(number)) with formation conditions unmet and not waived: \(rules.joined(separator: ", "))"
                    )
                )
            }
        }
        return out
    }
}
