import ConsortiumCore

/// 附件2 柳州市创新联合体组建协议 plus its 附表 协议核查信息 → an `Agreement` with the
/// consortium key and date of the 附表 (docs/word-forms.md).
struct AgreementForm {
    static let signaturesName = "附件2 组建协议 八、所有成员单位签章"
    static let extraName = "附件2 附表 协议核查信息"

    /// The clause checklist rows: label, clause, the section (一 = 1 … 八 = 8) of 附件2 the
    /// template names in its column 协议中所在部分.
    static let checklist: [(label: String, clause: ClauseID, section: Int)] = [
        ("技术创新目标", .goals, 2), ("任务分工", .tasks, 3), ("各成员单位的责任、权利与义务", .rights, 4),
        ("联合体解散时各成员单位的权责分配", .dissolution, 4), ("科技成果及知识产权归属", .ip, 5),
        ("技术开发成本的承担", .costs, 4), ("转让、许可、咨询、服务等收益的分配", .revenue, 5),
        ("科研诚信追究方式", .integrity, 6), ("违约责任追究方式", .liability, 7), ("争议解决方式", .disputes, 7),
    ]

    let reader: FormReader
    let blocks: [WordDocument.Block]
    let signatures: FormTable
    let extra: FormTable

    init?(_ blocks: [WordDocument.Block], reader: FormReader) {
        let tables = blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        guard let signatures = tables.map({ FormTable(name: Self.signaturesName, $0) }).first(where: { $0.has("法定代表人签字") }),
            let extra = tables.map({ FormTable(name: Self.extraName, $0) }).first(where: { $0.has("联合体编号") })
        else {
            reader.fail(
                table: "附件2",
                path: "agreement",
                "找不到签章表（八）或附表 协议核查信息：请使用 templates/agreement-form.docx 填写",
                "no signature table (八) or extra table: use templates/agreement-form.docx"
            )
            return nil
        }
        self.reader = reader
        self.blocks = blocks
        self.signatures = signatures
        self.extra = extra
        // The template has no table between the signature table and the 附表: one there is the rest
        // of the signature table, split with text between the parts.
        var seen = false
        var between: [String] = []
        for block in blocks {
            if case .paragraph(let text) = block, seen, !FormValue.line(text).isEmpty { between.append(FormValue.line(text)) }
            guard case .table(let table) = block else { continue }
            let part = FormTable(name: "", table)
            if part.has("联合体编号") { break }
            if seen {
                let shown = between.suffix(2).joined(separator: " ")
                reader.fail(
                    table: Self.signaturesName,
                    path: "agreement.signatures",
                    "签章表被拆成了不止一个表格\(shown.isEmpty ? "" : "（两部分之间隔着「\(shown.prefix(60))」）")，无法按一张表读取；请在 Word 或 WPS 中删除两部分之间的文字和空行，使其合并为一张表格后重新放入",
                    "the signature table is split into more than one table; delete what is between the parts so that they join, and drop it again"
                )
                return nil
            }
            seen = part.has("法定代表人签字")
        }
    }

    var consortium: ConsortiumID? { reader.spot(extra, "联合体编号", "consortium").flatMap(reader.consortium) }
    var date: CivilDate? { reader.spot(extra, "填报日期", "date").flatMap(reader.requiredDate) }

    /// The text of each section 一–八 (by number): its paragraphs and tables (other than the
    /// signature table and the 附表) up to the next heading, with the text a heading carries
    /// after a colon (`二、技术创新目标：围绕…`). Headings are found by `AgreementHeadings`.
    func sectionTexts() -> [Int: String] {
        var out: [Int: String] = [:]
        var current = 0
        for block in blocks {
            switch block {
            case .paragraph(let text):
                let line = FormValue.line(text)
                if FormValue.label(line).hasPrefix("附表") {
                    current = 0
                    continue
                }
                if let heading = AgreementHeadings.heading(line, after: current) {
                    current = heading.section
                    out[current, default: ""] += heading.content
                } else if current > 0 {
                    out[current, default: ""] += line
                }
            case .table(let table):
                guard current > 0 else { continue }
                let form = FormTable(name: "", table)
                if form.has("法定代表人签字") || form.has("联合体编号") { continue }
                out[current, default: ""] += FormValue.line(table.rows.map { $0.map(\.text).joined(separator: " ") }.joined(separator: " "))
            }
        }
        return out.mapValues { AgreementHeadings.isEmptyText($0) ? "" : $0 }
    }

    func agreement() -> Agreement? {
        let before = reader.errors.count
        var notProvided: [String] = []
        let texts = sectionTexts()
        var clauses: [ClauseID] = []
        for item in Self.checklist {
            guard let spot = reader.spot(extra, item.label, "agreement.clauses", offset: 2),
                let part = reader.spot(extra, item.label, "agreement.clauses", offset: 1)
            else { continue }
            let path = "agreement.clauses.\(item.clause.rawValue)"
            switch FormValue.yesNo(spot.text) {
            case .some(.some(true)):
                // A ticked clause counts only when its 协议中所在部分 names a part of the agreement
                // that has text (an empty part, or one that says 无, does not count).
                let named = AgreementHeadings.sections(named: part.text, default: item.section)
                if named.contains(where: { !(texts[$0] ?? "").isEmpty }) { clauses.append(item.clause) }
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
                case .some(.none):
                    notProvided.append(cell.path)
                    marks.append(false)
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
