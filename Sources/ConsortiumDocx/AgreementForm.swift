import ConsortiumCore

/// 附件2 柳州市创新联合体组建协议 plus its 附表 协议核查信息 → an `Agreement` with the
/// consortium key and date of the 附表 (docs/word-forms.md).
struct AgreementForm {
    static let signaturesName = "附件2 组建协议 八、所有成员单位签章"
    static let extraName = "附件2 附表 协议核查信息"

    /// The clause checklist rows: label, clause, the section of 附件2 whose text it needs.
    static let checklist: [(label: String, clause: ClauseID, section: String)] = [
        ("技术创新目标", .goals, "二、"), ("任务分工", .tasks, "三、"), ("各成员单位的责任、权利与义务", .rights, "四、"),
        ("联合体解散时各成员单位的权责分配", .dissolution, "四、"), ("科技成果及知识产权归属", .ip, "五、"),
        ("技术开发成本的承担", .costs, "四、"), ("转让、许可、咨询、服务等收益的分配", .revenue, "五、"),
        ("科研诚信追究方式", .integrity, "六、"), ("违约责任追究方式", .liability, "七、"), ("争议解决方式", .disputes, "七、"),
    ]
    static let sections = ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]

    let reader: FormReader
    let blocks: [WordDocument.Block]
    let signatures: FormTable
    let extra: FormTable

    init?(_ blocks: [WordDocument.Block], reader: FormReader) {
        let tables = blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        guard let signatures = tables.map({ FormTable(name: Self.signaturesName, $0) }).first(where: { $0.has("法定代表人签字") }),
              let extra = tables.map({ FormTable(name: Self.extraName, $0) }).first(where: { $0.has("联合体编号") }) else {
            reader.fail(table: "附件2", path: "agreement", "找不到签章表（八）或附表 协议核查信息：请使用 templates/agreement-form.docx 填写",
                        "no signature table (八) or extra table: use templates/agreement-form.docx")
            return nil
        }
        self.reader = reader; self.blocks = blocks; self.signatures = signatures; self.extra = extra
    }

    var consortium: ConsortiumID? { reader.spot(extra, "联合体编号", "consortium").flatMap(reader.consortium) }
    var date: CivilDate? { reader.spot(extra, "填报日期", "date").flatMap(reader.requiredDate) }

    /// The text written under each heading 一–八 (paragraphs outside tables).
    private func sectionTexts() -> [String: String] {
        var out: [String: String] = [:]
        var current: String?
        for block in blocks {
            guard case .paragraph(let text) = block else { continue }
            let line = FormValue.line(text)
            if let heading = Self.sections.first(where: { line.hasPrefix($0) }) {
                current = heading
                out[heading] = out[heading] ?? ""
            } else if let current, !line.isEmpty {
                out[current, default: ""] += line
            }
        }
        return out
    }

    func agreement() -> Agreement? {
        let before = reader.errors.count
        var notProvided: [String] = []
        let texts = sectionTexts()
        var clauses: [ClauseID] = []
        for item in Self.checklist {
            guard let spot = reader.spot(extra, item.label, "agreement.clauses", offset: 2) else { continue }
            let path = "agreement.clauses.\(item.clause.rawValue)"
            switch FormValue.yesNo(spot.text) {
            case .some(.some(true)):
                // A ticked clause counts only when its part of the agreement has text.
                if !(texts[item.section] ?? "").isEmpty { clauses.append(item.clause) }
            case .some(.some(false)): break
            case .some(.none): notProvided.append(path)
            case .none:
                reader.failYesNo(spot, FormValue.readYesNo(spot.text), hint: FormReader.yesNoHint)
            }
        }
        var signed: [Signature] = []
        for row in signatureRows() {
            let path = "agreement.signatures[\(signed.count)]"
            guard row.cells.count >= 5 else { continue }
            let spot = FormReader.Spot(table: signatures.name, label: "统一社会信用代码", row: row.row, path: path + ".uscc", text: row.cells[2])
            guard let id = reader.memberID(spot, row.cells[2])?.id else { continue }
            var marks: [Bool] = []
            for (column, label, field) in [(3, "法定代表人签字", "legalRep"), (4, "加盖公章", "seal")] {
                let cell = FormReader.Spot(table: signatures.name, label: label, row: row.row, path: "\(path).\(field)", text: row.cells[column])
                switch FormValue.yesNo(cell.text) {
                case .some(.some(let value)): marks.append(value)
                case .some(.none): notProvided.append(cell.path); marks.append(false)
                case .none:
                    reader.failYesNo(cell, FormValue.readYesNo(cell.text), hint: "请勾选“☑是”或填写“已签”“已盖章”“否”")
                    marks.append(false)
                }
            }
            signed.append(Signature(member: id, legalRep: marks[0], seal: marks[1]))
        }
        guard reader.errors.count == before else { return nil }
        return Agreement(clauses: clauses, signatures: signed, notProvided: notProvided)
    }

    /// The signature table's rows after its header (it has no heading row of its own).
    private func signatureRows() -> [(row: Int, cells: [String])] {
        signatures.rows.enumerated().dropFirst().map { (row: $0.offset + 1, cells: $0.element.map(\.text)) }
            .filter { row in row.cells.dropFirst().contains { !FormValue.isBlank($0) } }
    }
}
