import ConsortiumCore

/// 附件1 柳州市创新联合体组建申请表 plus its 附表 规则核查补充信息 → an `Application` with the
/// consortium key and date of the 附表 (docs/word-forms.md).
struct ApplicationForm {
    static let formName = "附件1 申请表"
    static let extraName = "附表 规则核查补充信息"

    let reader: FormReader
    let form: FormTable
    let extra: FormTable

    /// Finds the form's two tables among the 附件1 blocks.
    init?(_ blocks: [WordDocument.Block], reader: FormReader) {
        let tables = blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        guard let form = tables.map({ FormTable(name: Self.formName, $0) }).first(where: { $0.has("联合体名称") }) else {
            reader.fail(
                table: Self.formName,
                path: "",
                "找不到申请表（含「联合体名称」一栏的表格）：请使用 templates/application-form.docx 填写",
                "no application form table (with a cell 联合体名称): use templates/application-form.docx"
            )
            return nil
        }
        guard let extra = tables.map({ FormTable(name: Self.extraName, $0) }).first(where: { $0.has("联合体编号") }) else {
            reader.fail(
                table: Self.extraName,
                path: "consortium",
                "找不到附表（含「联合体编号」一栏）：它给出联合体编号和填报日期，不能删去",
                "no extra table (with a cell 联合体编号): it carries the consortium key and the date"
            )
            return nil
        }
        self.reader = reader
        self.form = form
        self.extra = extra
        if let split = Self.splitPart(blocks) {
            reader.fail(
                table: Self.formName,
                path: "",
                "申请表被拆成了不止一个表格：后一部分从「\(split.starts)」起\(split.between.isEmpty ? "" : "，两部分之间隔着「\(split.between)」")，无法按一张表读取；请在 Word 或 WPS 中删除两部分之间的文字和空行，使其合并为一张表格后重新放入",
                "the form table is split: a later part starts at \"\(split.starts)\"\(split.between.isEmpty ? "" : " after the text \"\(split.between)\"") and cannot be read as one table; delete what is between the parts so that they join into one table, and drop it again"
            )
            return nil
        }
    }

    /// A later table of 附件1 before its 附表 (the template has none): part of the main form, split
    /// with text between the parts (parts with only empty paragraphs between are joined before).
    static func splitPart(_ blocks: [WordDocument.Block]) -> (starts: String, between: String)? {
        var seenForm = false
        var between: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let text):
                if seenForm, !FormValue.line(text).isEmpty { between.append(FormValue.line(text)) }
            case .table(let table):
                let part = FormTable(name: formName, table)
                if part.has("联合体编号") { return nil }
                if !seenForm {
                    seenForm = part.has("联合体名称")
                } else {
                    let shown = between.suffix(2).joined(separator: " ")
                    return (part.firstText, shown.count > 60 ? String(shown.prefix(60)) + "…" : shown)
                }
            }
        }
        return nil
    }

    var consortium: ConsortiumID? { reader.spot(extra, "联合体编号", "consortium").flatMap(reader.consortium) }
    var date: CivilDate? { reader.spot(extra, "填报日期", "date").flatMap(reader.requiredDate) }

    private func text(_ label: String, _ path: String) -> String {
        reader.spot(form, label, path).map { FormValue.text($0.text) } ?? ""
    }

    func application(agreement: Agreement?) -> Application? {
        let r = reader
        let name = text("联合体名称", "name")
        let industry = text("产业领域", "industry")
        var agreementEffective: CivilDate?
        if let spot = r.spot(form, "联合体协议生效时间", "agreementEffective"), !r.rejectDateField(spot),
            case .some(let date) = r.read(spot, "日期", "a date", hint: FormReader.dateHint, { FormValue.date($0) })
        {
            agreementEffective = date
        }
        let contact = Contact(
            name: text("联系人", "contact.name"),
            phone: r.spot(form, "电话", "contact.phone").map { FormValue.compact($0.text) } ?? ""
        )
        let counts = [
            ("成员总数（个）", "members"), ("企业数量（个）", "enterprises"), ("高等学校数量（个）", "universities"),
            ("研究机构数量（个）", "institutes"), ("联合体内已建相关自治区级及以上各类创新平台数量", "regionalPlatforms"),
            ("联合体内已建相关市级各类创新平台数量", "municipalPlatforms"),
        ]
        .map { label, key in r.spot(form, label, "declared." + key).map { r.count($0) } ?? 0 }
        let declared = DeclaredCounts(
            members: counts[0],
            enterprises: counts[1],
            universities: counts[2],
            institutes: counts[3],
            regionalPlatforms: counts[4],
            municipalPlatforms: counts[5]
        )
        let goal = sectionText("一、技术创新目标", "goal")
        let basis = sectionText("五、联合体已具备的合作基础", "basis")
        let members = self.members()
        let leads = self.leads(members)
        let platforms = self.platforms(members)
        let team = self.team()
        let governance = self.governance()
        let chiefExpert = self.chiefExpert()
        let leadSeal = r.spot(extra, "申请表已加盖牵头单位法人公章", "leadSeal").flatMap(r.yesNo)
        if agreement == nil { r.missing("agreement") }
        guard r.errors.isEmpty else { return nil }
        return Application(
            name: name,
            industry: industry,
            agreementEffective: agreementEffective,
            contact: contact,
            members: members,
            declared: declared,
            leads: leads,
            platforms: platforms,
            goal: goal,
            team: team,
            chiefExpert: chiefExpert,
            governance: governance,
            agreement: agreement,
            basis: basis.isEmpty ? nil : basis,
            leadSeal: leadSeal,
            notProvided: r.notProvided + (agreement?.notProvided ?? [])
        )
    }

    /// The text of the row under a heading that spans the table (一 and 五).
    private func sectionText(_ heading: String, _ path: String) -> String {
        let wanted = FormValue.label(heading)
        guard let index = form.rows.firstIndex(where: { $0.count == 1 && FormValue.label($0[0].text).hasPrefix(wanted) }),
            index + 1 < form.rows.count, form.rows[index + 1].count == 1
        else {
            reader.fail(table: form.name, path: path, "找不到「\(heading)」及其填写栏", "no section \"\(heading)\" with its text row")
            return ""
        }
        return FormValue.text(form.rows[index + 1][0].text)
    }

    private func rows(_ table: FormTable, _ heading: String, columns: Int, path: String) -> [(row: Int, cells: [String])] {
        guard let rows = table.section(heading) else {
            reader.fail(table: table.name, path: path, "找不到「\(heading)」部分", "no section \"\(heading)\"")
            return []
        }
        return rows.filter { row in
            guard row.cells.count >= columns else {
                reader.fail(
                    table: table.name,
                    path: path,
                    "「\(heading)」第\(row.row)行只有 \(row.cells.count) 栏，应为 \(columns) 栏",
                    "section \"\(heading)\" row \(row.row) has \(row.cells.count) cells, not \(columns)"
                )
                return false
            }
            return true
        }
    }

    private func cell(_ table: FormTable, _ row: (row: Int, cells: [String]), _ column: Int, _ label: String, _ path: String) -> FormReader.Spot {
        FormReader.Spot(table: table.name, label: label, row: row.row, path: path, text: row.cells[column])
    }

    /// A text cell a list row must have.
    private func filled(_ spot: FormReader.Spot) -> String {
        if FormValue.isBlank(spot.text) { reader.fail(spot, "未填写（本行其他栏已填写）", "empty while the rest of the row is filled in") }
        return FormValue.text(spot.text)
    }

    // MARK: 四 成员单位 + 附表 二

    private func members() -> [Member] {
        var out: [Member] = []
        let section = rows(form, "四、成员单位在行业（或领域）中地位的简要说明", columns: 3, path: "members")
        let extraRows = rows(extra, "二、成员单位信息", columns: 6, path: "members")
        var details: [MemberID: (row: Int, cells: [String])] = [:]
        for row in extraRows {
            let spot = cell(extra, row, 2, "统一社会信用代码", "members")
            if let id = reader.memberID(spot, spot.text)?.id { details[id] = row }
        }
        for (index, row) in section.enumerated() {
            let path = "members[\(index)]"
            let spot = cell(form, row, 1, "成员单位名称及统一社会信用代码", path + ".uscc")
            let lines = FormValue.text(row.cells[1]).split(separator: "\n").map(String.init)
            guard lines.count >= 2, let (id, country) = reader.memberID(spot, lines.last!) else {
                if lines.count < 2 {
                    reader.fail(
                        spot,
                        "应填写成员单位名称，换行后填写其统一社会信用代码（境外单位填「国别代码:登记号」）",
                        "give the member's name, then its USCC on the next line (a foreign unit: `CC:number`)"
                    )
                }
                continue
            }
            let name = lines.dropLast().joined()
            let role = FormValue.text(row.cells[2])
            var type = MemberType.other
            var layer = Layer.general
            var liuzhou = false
            if let detail = details.removeValue(forKey: id) {
                type = reader.word(
                    cell(extra, detail, 3, "单位类型", path + ".type"),
                    "单位类型",
                    allowed: "企业、高等学校、科研院所、服务机构、其他",
                    placeholder: .other,
                    FormValue.memberType
                )
                layer = reader.word(
                    cell(extra, detail, 4, "层级", path + ".layer"),
                    "层级",
                    allowed: "牵头单位、核心层、紧密合作层、一般协作层",
                    placeholder: .general,
                    FormValue.layer
                )
                liuzhou = reader.yesNo(cell(extra, detail, 5, "在柳州市内注册", path + ".liuzhou")) ?? false
            } else {
                for field in ["type", "layer", "liuzhou"] { reader.missing("\(path).\(field)") }
            }
            out.append(Member(name: name, id: id, country: country, type: type, layer: layer, liuzhou: liuzhou, role: role))
        }
        for (id, row) in details.sorted(by: { $0.value.row < $1.value.row }) {
            reader.fail(
                cell(extra, row, 2, "统一社会信用代码", "members"),
                "`\(id)` 不在申请表第四部分的成员单位名单中",
                "`\(id)` is not among the members listed in part 四 of the form"
            )
        }
        if section.isEmpty && reader.errors.isEmpty {
            reader.fail(table: form.name, path: "members", "第四部分未填写任何成员单位", "part 四 lists no member unit")
        }
        return out
    }

    // MARK: 附表 三、四 牵头单位条件

    private func leads(_ members: [Member]) -> [LeadQualification] {
        var years: [MemberID: [(row: Int, year: FiscalYear)]] = [:]
        for row in rows(extra, "四、牵头单位近三个会计年度研究开发费用和销售收入", columns: 4, path: "leads") {
            let spot = cell(extra, row, 0, "牵头单位统一社会信用代码", "leads")
            guard let id = reader.memberID(spot, spot.text)?.id else { continue }
            let yearSpot = cell(extra, row, 1, "会计年度", "leads")
            let year = reader.read(yearSpot, "年度", "a year", hint: "如 2023、2023年", { FormValue.year($0) })
            let rd = reader.read(cell(extra, row, 2, "研究开发费用（元）", "leads"), "金额", "money", hint: FormReader.moneyHint, { FormValue.money($0) })
            let sales = reader.read(cell(extra, row, 3, "销售收入（元）", "leads"), "金额", "money", hint: FormReader.moneyHint, { FormValue.money($0) })
            guard case .some(.some(let y)) = year, case .some(.some(let e)) = rd, case .some(.some(let s)) = sales else {
                if case .some(.none) = year {
                    _ = filled(yearSpot)
                } else if case .some(.none) = rd {
                    _ = filled(cell(extra, row, 2, "研究开发费用（元）", "leads"))
                } else if case .some(.none) = sales {
                    _ = filled(cell(extra, row, 3, "销售收入（元）", "leads"))
                }
                continue
            }
            years[id, default: []].append((row.row, FiscalYear(year: y, rdExpense: e, sales: s)))
        }
        var out: [LeadQualification] = []
        var seen: Set<MemberID> = []
        for row in rows(extra, "三、牵头单位条件", columns: 5, path: "leads") {
            let path = "leads[\(out.count)]"
            let spot = cell(extra, row, 0, "牵头单位统一社会信用代码", path + ".uscc")
            guard let id = reader.memberID(spot, spot.text)?.id else { continue }
            guard seen.insert(id).inserted else {
                reader.fail(spot, "单位 `\(id)` 已填写过一行牵头单位条件：每个单位只能一行", "unit `\(id)` already has a row")
                continue
            }
            let sector = reader.word(
                cell(extra, row, 1, "所属行业", path + ".sector"),
                "所属行业",
                allowed: "制造业、科技与信息服务业",
                placeholder: .manufacturing,
                FormValue.sector
            )
            let deduction = reader.yesNo(cell(extra, row, 2, "享受柳州市研发费用加计扣除", path + ".rdDeduction")) ?? false
            let revenue = reader.money(cell(extra, row, 3, "年主营业务收入（元）", path + ".revenue"))
            let staff = reader.count(cell(extra, row, 4, "专职研发人员（人）", path + ".rdStaff"))
            out.append(
                LeadQualification(
                    member: id,
                    sector: sector,
                    rdDeduction: deduction,
                    revenue: revenue,
                    rdStaff: staff,
                    fiscalYears: fiscalYears(id, years.removeValue(forKey: id) ?? [], path)
                )
            )
        }
        // A lead unit without its row: every value it needs is not provided.
        for lead in members where lead.layer == .lead && !seen.contains(lead.id) {
            let path = "leads[\(out.count)]"
            for field in ["sector", "rdDeduction", "revenue", "rdStaff", "fiscalYears"] { reader.missing("\(path).\(field)") }
            out.append(
                LeadQualification(
                    member: lead.id,
                    sector: .manufacturing,
                    rdDeduction: false,
                    revenue: 0,
                    rdStaff: 0,
                    fiscalYears: fiscalYears(lead.id, years.removeValue(forKey: lead.id) ?? [], nil)
                )
            )
        }
        for (id, rows) in years {
            reader.fail(
                table: extra.name,
                path: "leads",
                "第四部分第\(rows[0].row)行的 `\(id)` 没有对应的牵头单位（第三部分）",
                "row \(rows[0].row) of part 四 names `\(id)`, which has no row in part 三"
            )
        }
        return out
    }

    private func fiscalYears(_ id: MemberID, _ rows: [(row: Int, year: FiscalYear)], _ path: String?) -> [FiscalYear] {
        if rows.count > 3 {
            reader.fail(
                table: extra.name,
                path: (path ?? "leads") + ".fiscalYears",
                "`\(id)` 填了 \(rows.count) 个会计年度（第\(rows[3].row)行起多出），最多填最近 3 个",
                "`\(id)` has \(rows.count) fiscal years; at most the 3 most recent"
            )
        }
        if rows.isEmpty, let path { reader.missing(path + ".fiscalYears") }
        return rows.map(\.year)
    }

    // MARK: 三 创新平台

    private func platforms(_ members: [Member]) -> [Platform] {
        rows(form, "三、联合体已建市级及以上创新平台数量", columns: 5, path: "platforms").enumerated().compactMap { index, row in
            let path = "platforms[\(index)]"
            let name = filled(cell(form, row, 0, "平台名称", path + ".name"))
            let field = filled(cell(form, row, 1, "学科/产业领域", path + ".field"))
            let levelSpot = cell(form, row, 2, "市级及以上", path + ".level")
            let level = reader.read(levelSpot, "平台级别", "a platform level", hint: "可填：国家级、自治区级、市级", FormValue.platformLevel)
            let builtSpot = cell(form, row, 3, "建设时间", path + ".built")
            let built = reader.read(builtSpot, "建设时间", "a date or month", hint: "如 2019年6月、2021.11.18", FormValue.dayOrMonth)
            let hostSpot = cell(form, row, 4, "依托单位", path + ".host")
            let host = self.host(hostSpot, members)
            guard case .some(.some(let l)) = level, case .some(.some(let b)) = built, let host else {
                if case .some(.none) = level { _ = filled(levelSpot) }
                if case .some(.none) = built { _ = filled(builtSpot) }
                return nil
            }
            return Platform(name: name, type: FormValue.platformType(name: name), field: field, level: l, built: b, host: host)
        }
    }

    /// 依托单位: a member's name as listed in 四, or its USCC.
    private func host(_ spot: FormReader.Spot, _ members: [Member]) -> MemberID? {
        let name = FormValue.text(spot.text)
        if let member = members.first(where: { FormValue.label($0.name) == FormValue.label(name) }) { return member.id }
        let code = FormValue.compact(name).uppercased()
        if let member = members.first(where: { $0.id == code }) { return member.id }
        if name.isEmpty {
            _ = filled(spot)
            return nil
        }
        reader.fail(
            spot,
            "依托单位「\(name)」不是第四部分所列的成员单位：请填写成员单位名称（与第四部分一致）或其统一社会信用代码",
            "host `\(name)` is not a member listed in part 四: give a member's name as listed or its USCC"
        )
        return nil
    }

    // MARK: 二 科研团队

    private func team() -> [TeamMember] {
        rows(form, "二、科研团队情况", columns: 5, path: "team").enumerated().compactMap { index, row in
            let path = "team[\(index)]"
            let name = filled(cell(form, row, 0, "姓名", path + ".name"))
            let ageSpot = cell(form, row, 1, "年龄", path + ".age")
            let age = reader.read(ageSpot, "年龄", "an age", hint: "如 45、45岁", { FormValue.count($0) })
            let title = filled(cell(form, row, 2, "职务/职称", path + ".title"))
            let specialty = filled(cell(form, row, 3, "从事专业", path + ".specialty"))
            let employer = filled(cell(form, row, 4, "工作单位", path + ".employer"))
            guard case .some(.some(let a)) = age else {
                if case .some(.none) = age { _ = filled(ageSpot) }
                return nil
            }
            return TeamMember(name: name, age: a, title: title, specialty: specialty, employer: employer)
        }
    }

    // MARK: 附表 五、六

    private func governance() -> Governance? {
        let r = reader
        let spots = [
            r.spot(extra, "决策机构", "governance.decision"), r.spot(extra, "咨询机构", "governance.advisory"),
            r.spot(extra, "常设执行机构", "governance.executive"),
            r.spot(extra, "常设执行机构工作人员（人）", "governance.executiveStaff"),
            r.spot(extra, "建立经费管理制度", "governance.fundRules"),
        ]
        let found = spots.compactMap { $0 }
        guard found.count == spots.count else { return nil }
        if found.allSatisfy({ FormValue.isBlank($0.text) }) {
            r.missing("governance")
            return nil
        }
        let texts = found.prefix(3).map { spot -> String in
            if FormValue.isBlank(spot.text) { r.missing(spot.path) }
            return FormValue.text(spot.text)
        }
        let staff = r.count(found[3])
        let fundRules = r.yesNo(found[4]) ?? false
        return Governance(decision: texts[0], advisory: texts[1], executive: texts[2], executiveStaff: staff, fundRules: fundRules)
    }

    private func chiefExpert() -> ChiefExpert? {
        let spots = [
            reader.spot(extra, "首席专家姓名", "chiefExpert.name"), reader.spot(extra, "首席专家工作单位", "chiefExpert.employer"),
            reader.spot(extra, "职务/职称", "chiefExpert.title"),
        ].compactMap { $0 }
        guard spots.count == 3 else { return nil }
        if spots.allSatisfy({ FormValue.isBlank($0.text) }) {
            reader.missing("chiefExpert")
            return nil
        }
        return ChiefExpert(name: FormValue.text(spots[0].text), employer: FormValue.text(spots[1].text), title: FormValue.text(spots[2].text))
    }
}
