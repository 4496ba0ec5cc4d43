import ConsortiumCore

/// A filled Word form (附件1, 附件2, or both in one file) → one document (docs/word-forms.md):
/// 附件1 is an `Application` (with its 附件2 when the file carries both), an 附件2 alone is an
/// `Agreement` that completes its consortium's Application.
public enum WordFormDecoder {
    public static func decode(_ word: WordDocument) -> Result<Document, DocumentRejection> {
        let (formBlocks, agreementBlocks) = split(joiningSplitTables(word.blocks))
        let reader = FormReader()
        var document: Document?
        if let formBlocks, let form = ApplicationForm(formBlocks, reader: reader) {
            var agreement: Agreement?
            var agreementKey: (ConsortiumID?, CivilDate?)
            if let agreementBlocks, let part = AgreementForm(agreementBlocks, reader: reader) {
                agreement = part.agreement()
                agreementKey = (part.consortium, part.date)
            }
            let consortium = form.consortium
            let date = form.date
            if agreementBlocks != nil, let consortium, let date, let key = agreementKey.0, let day = agreementKey.1,
                key != consortium || day != date
            {
                reader.fail(
                    table: AgreementForm.extraName,
                    path: "consortium",
                    "联合体编号和填报日期（\(key)，\(day)）与附件1 附表的（\(consortium)，\(date)）不一致",
                    "consortium and date (\(key), \(day)) differ from 附件1's (\(consortium), \(date))"
                )
            }
            if let application = form.application(agreement: agreement), let consortium, let date, reader.errors.isEmpty {
                document = Document(consortium: consortium, date: date, body: .application(application))
            }
        } else if formBlocks == nil, let agreementBlocks, let part = AgreementForm(agreementBlocks, reader: reader) {
            let agreement = part.agreement()
            let consortium = part.consortium
            let date = part.date
            if let agreement, let consortium, let date, reader.errors.isEmpty {
                document = Document(consortium: consortium, date: date, body: .agreement(agreement))
            }
        } else if formBlocks == nil {
            reader.fail(
                table: "文件",
                path: "",
                "不是柳州市创新联合体组建申请表（附件1）或组建协议（附件2）：找不到“附件1”“附件2”标题、表名“柳州市创新联合体组建申请表”或“组建协议”，也找不到申请表（含「联合体名称」）或签章表；请使用 templates/ 下的模板",
                "neither 附件1 nor 附件2: no heading 附件1/附件2, no title, no form table or signature table; use the templates in templates/"
            )
        }
        if let document { return .success(document) }
        return .failure(
            DocumentRejection(
                errors: reader.errors.isEmpty
                    ? [DocumentError(path: "", message: "表格无法读取", messageEn: "the form cannot be read")] : reader.errors,
                encoding: nil
            )
        )
    }

    /// The blocks of 附件1 and of 附件2. Each starts at its cover line `附件1` / `附件2` (also
    /// `附件一`, `附件1：`); without it, at its title (`柳州市创新联合体组建申请表`, the cover's
    /// `组建申请表`; `柳州市创新联合体组建协议`), else at its first table (the one with 联合体名称;
    /// for 附件2 its heading 一、参与单位 or the signature table).
    static func split(_ blocks: [WordDocument.Block]) -> (form: [WordDocument.Block]?, agreement: [WordDocument.Block]?) {
        func first(_ matches: (WordDocument.Block) -> Bool) -> Int? { blocks.firstIndex(where: matches) }
        func paragraph(_ test: @escaping (String) -> Bool) -> (WordDocument.Block) -> Bool {
            { if case .paragraph(let text) = $0 { test(FormValue.label(text)) } else { false } }
        }
        func table(_ label: String) -> (WordDocument.Block) -> Bool {
            { if case .table(let t) = $0 { FormTable(name: "", t).has(label) } else { false } }
        }
        func cover(_ n: String, _ chinese: String) -> (String) -> Bool {
            { ["附件" + n, "附件" + n + ":", "附件" + chinese, "附件" + chinese + ":"].contains($0) }
        }
        func title(_ words: String) -> (String) -> Bool {
            { $0.hasPrefix(words) && $0.count <= words.count + 6 && !$0.contains("《") }
        }
        let form =
            first(paragraph(cover("1", "一"))) ?? first(paragraph(title("柳州市创新联合体组建申请表")))
            ?? first(paragraph(title("组建申请表"))) ?? first(table("联合体名称"))
        let agreement =
            first(paragraph(cover("2", "二"))) ?? first(paragraph(title("柳州市创新联合体组建协议")))
            ?? first(paragraph({ FormValue.label(AgreementHeadings.numberPrefix($0).rest) == "参与单位" })) ?? first(table("法定代表人签字"))
        switch (form, agreement) {
        case let (f?, a?) where f < a: return (Array(blocks[f..<a]), Array(blocks[a...]))
        case let (f?, a?): return (Array(blocks[f...]), Array(blocks[a..<f]))
        case let (f?, nil): return (Array(blocks[f...]), nil)
        case let (nil, a?): return (nil, Array(blocks[a...]))
        case (nil, nil): return (nil, nil)
        }
    }

    /// A table split in two (Word's 拆分表格, or a page break typed between its rows) with only
    /// empty paragraphs between the parts is one table again: its rows are joined.
    static func joiningSplitTables(_ blocks: [WordDocument.Block]) -> [WordDocument.Block] {
        var out: [WordDocument.Block] = []
        // The table being joined (its rows grow in place: linear however many parts) and the empty
        // paragraphs read after it, kept if no part follows.
        var table: WordDocument.Table?
        var blanks: [WordDocument.Block] = []
        func flush() {
            if let done = table {
                out.append(.table(done))
                table = nil
            }
            out += blanks
            blanks = []
        }
        for block in blocks {
            switch block {
            case .paragraph(let text) where table != nil && FormValue.line(text).isEmpty:
                blanks.append(block)
            case .table(let part):
                if table == nil {
                    table = part
                } else {
                    table!.rows += part.rows
                    blanks = []
                }
            default:
                flush()
                out.append(block)
            }
        }
        flush()
        return out
    }
}
