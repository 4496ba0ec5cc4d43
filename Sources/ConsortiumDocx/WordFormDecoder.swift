import ConsortiumCore

/// A filled Word form (附件1, 附件2, or both in one file) → one document (docs/word-forms.md):
/// 附件1 is an `Application` (with its 附件2 when the file carries both), an 附件2 alone is an
/// `Agreement` that completes its consortium's Application.
public enum WordFormDecoder {
    public static func decode(_ word: WordDocument) -> Result<Document, DocumentRejection> {
        let (formBlocks, agreementBlocks) = split(word.blocks)
        let reader = FormReader()
        var document: Document?
        if let formBlocks, let form = ApplicationForm(formBlocks, reader: reader) {
            var agreement: Agreement?
            var agreementKey: (ConsortiumID?, CivilDate?)
            if let agreementBlocks, let part = AgreementForm(agreementBlocks, reader: reader) {
                agreement = part.agreement()
                agreementKey = (part.consortium, part.date)
            }
            let consortium = form.consortium, date = form.date
            if agreementBlocks != nil, let consortium, let date, let key = agreementKey.0, let day = agreementKey.1,
               key != consortium || day != date {
                reader.fail(table: AgreementForm.extraName, path: "consortium",
                            "联合体编号和填报日期（\(key)，\(day)）与附件1 附表的（\(consortium)，\(date)）不一致",
                            "consortium and date (\(key), \(day)) differ from 附件1's (\(consortium), \(date))")
            }
            if let application = form.application(agreement: agreement), let consortium, let date, reader.errors.isEmpty {
                document = Document(consortium: consortium, date: date, body: .application(application))
            }
        } else if formBlocks == nil, let agreementBlocks, let part = AgreementForm(agreementBlocks, reader: reader) {
            let agreement = part.agreement(), consortium = part.consortium, date = part.date
            if let agreement, let consortium, let date, reader.errors.isEmpty {
                document = Document(consortium: consortium, date: date, body: .agreement(agreement))
            }
        } else if formBlocks == nil {
            reader.fail(table: "文件", path: "", "不是柳州市创新联合体组建申请表（附件1）或组建协议（附件2）：找不到“附件1”或“附件2”标题，请使用 templates/ 下的模板",
                        "neither 附件1 nor 附件2: no heading 附件1/附件2; use the templates in templates/")
        }
        if let document { return .success(document) }
        return .failure(DocumentRejection(errors: reader.errors.isEmpty
            ? [DocumentError(path: "", message: "表格无法读取", messageEn: "the form cannot be read")] : reader.errors, encoding: nil))
    }

    /// The blocks of 附件1 and of 附件2: each starts at its paragraph `附件1` / `附件2` (the cover).
    static func split(_ blocks: [WordDocument.Block]) -> (form: [WordDocument.Block]?, agreement: [WordDocument.Block]?) {
        func start(_ mark: String) -> Int? {
            blocks.firstIndex { if case .paragraph(let text) = $0 { FormValue.label(text) == mark } else { false } }
        }
        let form = start("附件1"), agreement = start("附件2")
        switch (form, agreement) {
        case let (f?, a?) where f < a: return (Array(blocks[f..<a]), Array(blocks[a...]))
        case let (f?, a?): return (Array(blocks[f...]), Array(blocks[a..<f]))
        case let (f?, nil): return (Array(blocks[f...]), nil)
        case let (nil, a?): return (nil, Array(blocks[a...]))
        case (nil, nil): return (nil, nil)
        }
    }
}
