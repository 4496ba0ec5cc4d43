/// AnnualReport, Change, Project, Incident.
extension DecodingContext {
    func annualReport(_ f: Fields) -> AnnualReport? {
        let year = f.integer("year")
        let sentTo = f.list("sentTo") { node, path in word(node, path, ReportRecipient.self) }
        let summary = f.text("summary")
        let plan = f.text("plan")
        let problems = f.text("problems", required: false)
        let coordination = f.text("coordination", required: false)
        guard let year, let sentTo, let summary, let plan else { return nil }
        return AnnualReport(
            year: year,
            sentTo: sentTo,
            summary: summary,
            plan: plan,
            problems: problems,
            coordination: coordination
        )
    }

    static let changeKeys = ["join", "leave", "lead", "executive", "principal", "chiefExpert"]

    func change(_ f: Fields) -> Change? {
        let items = f.list("changes", min: 1, changeItem)
        let approval = f.reference("approval")
        guard let items else { return nil }
        return Change(changes: items, approval: approval)
    }

    /// One one-key item of `changes`.
    func changeItem(_ node: DocumentNode, _ path: String) -> ChangeItem? {
        guard let f = fields(node, path, known: Self.changeKeys) else { return nil }
        let keys = Self.changeKeys.filter { f.pairs[$0] != nil }
        guard keys.count == 1, let key = keys.first else {
            var written = 0
            if case .mapping(let pairs) = node.content { written = pairs.count }
            if keys.count > 1 || written == 0 {
                fail(
                    path,
                    node.line,
                    "每个变更项只能有一个键（\(Self.changeKeys.joined(separator: "、"))之一），实际有 \(keys.count) 个",
                    "each change item has exactly one key (one of \(Self.changeKeys.joined(separator: ", "))), found \(keys.count)"
                )
            }
            return nil
        }
        switch key {
        case "join":
            return f.object("join", known: Self.memberKeys + ["signature"]) { j -> ChangeItem? in
                let signature = j.object("signature", required: false, known: ["legalRep", "seal"]) { s -> SignatureMarks? in
                    let legalRep = s.boolean("legalRep")
                    let seal = s.boolean("seal")
                    guard let legalRep, let seal else { return nil }
                    return SignatureMarks(legalRep: legalRep, seal: seal)
                }
                if j.has("signature"), signature == nil {
                    _ = member(j)
                    return nil
                }
                return member(j).map { .join($0, signature: signature) }
            }
        case "leave":
            return f.member("leave").map { .leave($0) }
        case "lead":
            return f.object("lead", known: ["from", "to", "qualification", "platforms"]) { l -> ChangeItem? in
                let from = l.member("from")
                let to = l.member("to")
                let qualification = l.object("qualification", known: Self.qualificationKeys, leadQualification)
                let platforms = platforms(l, "platforms", required: true)
                if let to, let qualification, qualification.member != to {
                    fail(
                        DecodingContext.child(l.path("qualification"), "uscc"),
                        l.pairs["qualification"]?.value.line,
                        "`qualification.uscc`（\(qualification.member)）应与新牵头单位 `to`（\(to)）相同",
                        "`qualification.uscc` (\(qualification.member)) must be the new lead unit `to` (\(to))"
                    )
                    return nil
                }
                guard let from, let to, let qualification, let platforms else { return nil }
                return .lead(LeadChange(from: from, to: to, qualification: qualification, platforms: platforms))
            }
        case "executive":
            return f.text("executive").map { .executive($0) }
        case "principal":
            return f.text("principal").map { .principal($0) }
        default:
            return f.object("chiefExpert", known: Self.chiefExpertKeys, chiefExpert).map { .chiefExpert($0) }
        }
    }

    func project(_ f: Fields) -> Project? {
        let id = f.identifier("project")
        let title = f.text("title")
        let level = f.word("level", PlatformLevel.self)
        let underConsortium = f.boolean("underConsortium")
        let lead = f.member("lead")
        let members = f.list("members", memberReference)
        let start = f.date("start")
        let end = f.date("end")
        let closed = f.date("closed", required: false)
        let approval = f.reference("approval")
        if let start, let end, start > end {
            fail(
                f.path("end"),
                f.pairs["end"]?.value.line,
                "结束日期 \(end) 早于开始日期 \(start)",
                "end \(end) is before start \(start)"
            )
            return nil
        }
        if let start, let closed, closed < start {
            fail(
                f.path("closed"),
                f.pairs["closed"]?.value.line,
                "结题日期 \(closed) 早于开始日期 \(start)",
                "closed \(closed) is before start \(start)"
            )
            return nil
        }
        guard let id, let title, let level, let underConsortium, let lead, let members, let start, let end else { return nil }
        return Project(
            project: id,
            title: title,
            level: level,
            underConsortium: underConsortium,
            lead: lead,
            members: members,
            start: start,
            end: end,
            closed: closed,
            approval: approval
        )
    }

    func incident(_ f: Fields, date: CivilDate?) -> Incident? {
        let ground = f.word("ground", IncidentGround.self)
        let member = f.member("member", required: false)
        let description = f.text("description")
        let until = f.date("until", required: false)
        if let until, let date, until < date {
            fail(
                f.path("until"),
                f.pairs["until"]?.value.line,
                "`until`（\(until)）早于文档日期 `date`（\(date)）",
                "`until` (\(until)) is before the document's `date` (\(date))"
            )
            return nil
        }
        guard let ground, let description else { return nil }
        return Incident(ground: ground, member: member, description: description, until: until)
    }
}
