/// 组建申请表 + 组建协议 (documents.md, Application).
extension DecodingContext {
    static let applicationKeys = [
        "name", "industry", "agreementEffective", "contact", "members", "declared", "leads",
        "platforms", "goal", "team", "chiefExpert", "governance", "agreement", "basis", "leadSeal",
    ]

    func application(_ f: Fields) -> Application? {
        let name = f.text("name")
        let industry = f.text("industry")
        let agreementEffective = f.date("agreementEffective", required: false)
        let contact = f.object("contact", known: ["name", "phone"]) { c -> Contact? in
            let name = c.text("name")
            let phone = c.text("phone")
            guard let name, let phone else { return nil }
            return Contact(name: name, phone: phone)
        }
        let members = f.list("members", min: 1) { node, path in
            fields(node, path, known: Self.memberKeys).flatMap(member)
        }
        let declared = f.object(
            "declared",
            known: [
                "members", "enterprises", "universities", "institutes",
                "regionalPlatforms", "municipalPlatforms",
            ]
        ) { d -> DeclaredCounts? in
            let m = d.integer("members")
            let e = d.integer("enterprises")
            let u = d.integer("universities")
            let i = d.integer("institutes")
            let r = d.integer("regionalPlatforms")
            let p = d.integer("municipalPlatforms")
            guard let m, let e, let u, let i, let r, let p else { return nil }
            return DeclaredCounts(
                members: m,
                enterprises: e,
                universities: u,
                institutes: i,
                regionalPlatforms: r,
                municipalPlatforms: p
            )
        }
        let leads = f.list("leads") { node, path in
            fields(node, path, known: Self.qualificationKeys).flatMap(leadQualification)
        }
        if let leads, let node = f.node("leads", required: false), case .sequence(let items) = node.content {
            var first: [MemberID: Int] = [:]
            for (i, lead) in leads.enumerated() {
                if let j = first[lead.member] {
                    fail(
                        DecodingContext.index(f.path("leads"), i) + ".uscc",
                        items[i].line,
                        "单位 `\(lead.member)` 已在 leads[\(j)] 中填写过牵头资格数据：每个单位只能有一条",
                        "unit `\(lead.member)` already has a qualification entry in leads[\(j)]: one entry per unit"
                    )
                } else {
                    first[lead.member] = i
                }
            }
        }
        let platforms = platforms(f, "platforms")
        let goal = f.text("goal")
        let team = f.list("team", required: false) { node, path in
            fields(node, path, known: ["name", "age", "title", "specialty", "employer"]).flatMap { t -> TeamMember? in
                let name = t.text("name")
                let age = t.integer("age")
                let title = t.text("title")
                let specialty = t.text("specialty")
                let employer = t.text("employer")
                guard let name, let age, let title, let specialty, let employer else { return nil }
                return TeamMember(name: name, age: age, title: title, specialty: specialty, employer: employer)
            }
        }
        let chiefExpert = f.object("chiefExpert", required: false, known: Self.chiefExpertKeys, chiefExpert)
        let governance = f.object(
            "governance",
            required: false,
            known: ["decision", "advisory", "executive", "executiveStaff", "fundRules"]
        ) { g -> Governance? in
            let decision = g.text("decision")
            let advisory = g.text("advisory")
            let executive = g.text("executive")
            let staff = g.integer("executiveStaff")
            let fundRules = g.boolean("fundRules")
            guard let decision, let advisory, let executive, let staff, let fundRules else { return nil }
            return Governance(
                decision: decision,
                advisory: advisory,
                executive: executive,
                executiveStaff: staff,
                fundRules: fundRules
            )
        }
        let agreement = f.object("agreement", required: false, known: ["clauses", "signatures"], self.agreement)
        let basis = f.text("basis", required: false)
        let leadSeal = f.boolean("leadSeal", required: false)
        guard let name, let industry, let contact, let members, let declared, let leads, let goal else { return nil }
        return Application(
            name: name,
            industry: industry,
            agreementEffective: agreementEffective,
            contact: contact,
            members: members,
            declared: declared,
            leads: leads,
            platforms: platforms ?? [],
            goal: goal,
            team: team ?? [],
            chiefExpert: chiefExpert,
            governance: governance,
            agreement: agreement,
            basis: basis,
            leadSeal: leadSeal
        )
    }

    /// `clauses` and `signatures`: an Application's `agreement`, or the body of an `Agreement` document.
    func agreement(_ a: Fields) -> Agreement? {
        let clauses = a.list("clauses") { node, path in word(node, path, ClauseID.self) }
        let signatures = a.list("signatures") { node, path in
            fields(node, path, known: ["uscc", "foreignId", "legalRep", "seal"]).flatMap(signature)
        }
        guard let clauses, let signatures else { return nil }
        return Agreement(clauses: clauses, signatures: signatures)
    }

    /// A signature names its unit with `uscc` or `foreignId` (decisions 8).
    func signature(_ f: Fields) -> Signature? {
        var member: MemberID?
        switch (f.has("uscc"), f.has("foreignId")) {
        case (true, true):
            fail(
                f.path("foreignId"),
                f.pairs["foreignId"]?.keyLine,
                "签署单位只能用 `uscc` 或 `foreignId` 之一标明",
                "a signature names its unit by `uscc` or `foreignId`, not both"
            )
        case (false, true):
            member = f.member("foreignId")
        default:
            member = f.member("uscc")
        }
        let legalRep = f.boolean("legalRep")
        let seal = f.boolean("seal")
        guard let member, let legalRep, let seal else { return nil }
        return Signature(member: member, legalRep: legalRep, seal: seal)
    }
}
