/// Recommendation, Approval, Dissolution, Revocation, Withdrawal, Acknowledgement.
extension DecodingContext {
    static let districtNames = "城中区、鱼峰区、柳南区、柳北区、柳江区、柳城县、鹿寨县、融安县、融水苗族自治县（融水县）、三江侗族自治县（三江县），可加前缀“柳州市”，或其 6 位区划代码（如 450202）"
    static let districtNamesEn =
        "a Liuzhou county or district (城中区, 鱼峰区, 柳南区, 柳北区, 柳江区, 柳城县, 鹿寨县, 融安县, 融水苗族自治县/融水县, 三江侗族自治县/三江县, optionally prefixed 柳州市) or its 6-digit code (e.g. 450202)"

    func recommendation(_ f: Fields) -> Recommendation? {
        let district = f.read("district", required: true) { node, path -> (String, String)? in
            guard let text = text(node, path) else { return nil }
            if let code = LiuzhouDivision.code(forDistrict: text) { return (text, code) }
            fail(
                path,
                node.line,
                "`\(text)` 不是柳州市的县区：应为\(Self.districtNames)",
                "`\(text)` is not a Liuzhou county or district: expected \(Self.districtNamesEn)"
            )
            return nil
        }
        let recommended = f.boolean("recommended")
        let opinion = f.text("opinion")
        guard let district, let recommended, let opinion else { return nil }
        return Recommendation(district: district.0, districtCode: district.1, recommended: recommended, opinion: opinion)
    }

    func approval(_ f: Fields) -> Approval? {
        let decision = f.word("decision", ApprovalDecision.self)
        var number: String?
        if decision == .approved {
            number = f.identifier("number")
        } else {
            number = f.reference("number")
        }
        let validYears = f.integer("validYears", required: false, minimum: 1)
        let waivers = f.list("waivers", required: false) { node, path in
            fields(node, path, known: ["rule", "reason"]).flatMap { w -> Waiver? in
                let rule = w.read("rule", required: true) { node, path -> RuleID? in
                    guard let text = text(node, path) else { return nil }
                    if let rule = RuleID(rawValue: text), rule.isFormation { return rule }
                    let allowed = RuleID.allCases.filter(\.isFormation).map(\.rawValue).joined(separator: ", ")
                    if RuleID(rawValue: text) != nil {
                        fail(
                            path,
                            node.line,
                            "规则 `\(text)` 不是组建规则，不能一事一议豁免：只能豁免 \(allowed)",
                            "rule `\(text)` is not a formation rule and cannot be waived: only \(allowed)"
                        )
                    } else {
                        fail(
                            path,
                            node.line,
                            "未知规则 `\(text)`：可豁免的组建规则为 \(allowed)",
                            "unknown rule `\(text)`: the formation rules that may be waived are \(allowed)"
                        )
                    }
                    return nil
                }
                let reason = w.text("reason")
                guard let rule, let reason else { return nil }
                return Waiver(rule: rule, reason: reason)
            }
        }
        guard let decision else { return nil }
        if decision == .approved, number == nil { return nil }
        return Approval(decision: decision, number: number, validYears: validYears, waivers: waivers ?? [])
    }

    func dissolution(_ f: Fields) -> Dissolution? {
        let reason = f.text("reason")
        let approval = f.reference("approval")
        guard let reason else { return nil }
        return Dissolution(reason: reason, approval: approval)
    }

    func revocation(_ f: Fields) -> Revocation? {
        let number = f.identifier("number")
        let grounds = f.list("grounds", min: 1) { node, path in word(node, path, IncidentGround.self) }
        let reason = f.text("reason")
        guard let number, let grounds, let reason else { return nil }
        return Revocation(number: number, grounds: grounds, reason: reason)
    }

    func withdrawal(_ f: Fields) -> Withdrawal? {
        let document = f.read("document", required: true) { hex($0, $1, count: 64, what: ("文档 SHA-256 值", "document SHA-256")) }
        let reason = f.text("reason")
        guard let document, let reason else { return nil }
        return Withdrawal(document: document, reason: reason)
    }

    func acknowledgement(_ f: Fields) -> Acknowledgement? {
        let notice = f.read("notice", required: true) { hex($0, $1, count: 32, what: ("通知编号", "notice id")) }
        let by = f.identifier("by")
        let note = f.text("note", required: false)
        let until = f.date("until", required: false)
        guard let notice, let by else { return nil }
        return Acknowledgement(notice: notice, by: by, note: note, until: until)
    }
}
