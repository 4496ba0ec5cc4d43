/// The rejection reasons, worded once. Entry and part names from the file are shown through
/// `shown(_:)` so that a hostile name cannot inject control characters into a log line.
extension DocxError {
    static let saveAsDocx = "请在 Word 或 WPS 中打开后「另存为」Word 文档（*.docx）再放入"
    static let saveAsDocxEn = "open it in Word or WPS, save it as a Word document (*.docx) and drop it again"

    static func fileTooLarge(size: Int, limit: Int) -> DocxError {
        DocxError(
            .fileTooLarge,
            zh: "文件大小 \(size) 字节，超过 .docx 上限 \(limit) 字节（配置项 maxDocxBytes），未读取；请压缩其中的图片（如扫描的印章页）后重新保存",
            en:
                "the file has \(size) bytes, more than the .docx limit of \(limit) bytes (config maxDocxBytes); not read; compress its pictures (e.g. scanned seal pages) and save it again"
        )
    }

    static let notZip = DocxError(
        .notZip,
        zh: "不是 Word .docx 文件（.docx 是 ZIP 格式，文件开头应为 PK）；" + saveAsDocx,
        en: "not a Word .docx file (a .docx is a ZIP file starting with PK); " + saveAsDocxEn
    )

    static func corruptZip(_ zh: String, _ en: String) -> DocxError {
        DocxError(
            .corruptZip,
            zh: "ZIP 结构损坏：\(zh)；文件可能不完整或被篡改，" + saveAsDocx,
            en: "broken ZIP structure: \(en); the file may be incomplete or tampered with; " + saveAsDocxEn
        )
    }

    static let encryptedPackage = DocxError(
        .encryptedPackage,
        zh: "文件已加密（设置了打开密码），无法读取；请在 Word 中打开，去掉密码（文件→信息→保护文档→用密码进行加密，清空密码）后另存为 .docx 再放入",
        en:
            "the file is encrypted (it has a password to open) and cannot be read; open it in Word, remove the password (File → Info → Protect Document → Encrypt with Password, clear it), save it as .docx and drop it again"
    )

    static let legacyDoc = DocxError(
        .legacyDoc,
        zh: "这是旧版 Word 97-2003 .doc 文件（OLE 复合文档，WPS 的 .wps 文件也是），不予读取；" + saveAsDocx + "（若设置了打开密码，请一并去掉）",
        en: "this is an old Word 97-2003 .doc file (OLE compound file; so is a WPS .wps file), not read; " + saveAsDocxEn
            + " (remove any password to open as well)"
    )

    static let fillTemplate = "请在 Word 或 WPS 中填写 templates/ 下的模板（附件1 application-form.docx、附件2 agreement-form.docx），保存为 Word 文档（*.docx）后放入"
    static let fillTemplateEn =
        "fill in the templates in templates/ (application-form.docx, agreement-form.docx) in Word or WPS, save as a Word document (*.docx) and drop that"

    static let pdf = DocxError(
        .pdf,
        zh: "这是 PDF 文件（打印或扫描的申请表），其中的表格无法可靠读取，不予读取；" + fillTemplate + "；已盖章页的扫描件可作为图片插入该 Word 文件",
        en: "this is a PDF (a printed or scanned form) whose tables cannot be read reliably; not read; " + fillTemplateEn
            + "; a scan of the sealed page may be inserted into that Word file as a picture"
    )

    static func image(_ format: String) -> DocxError {
        DocxError(
            .image,
            zh: "这是 \(format) 图片（扫描件或照片），无法识别其中的文字，不予读取；" + fillTemplate + "；已盖章页的扫描件可作为图片插入该 Word 文件",
            en: "this is a \(format) picture (a scan or a photo): its text cannot be read; not read; " + fillTemplateEn
                + "; a scan of the sealed page may be inserted into that Word file as a picture"
        )
    }

    static let rtf = DocxError(
        .rtf,
        zh: "这是 RTF 文件（“RTF 格式”），不是 Word 文档，不予读取；" + saveAsDocx,
        en: "this is an RTF file (Rich Text Format), not a Word document; not read; " + saveAsDocxEn
    )

    static func openDocument(_ mimeType: String) -> DocxError {
        let text = mimeType.hasSuffix(".text") || mimeType.hasSuffix(".text-template")
        let what = text ? "OpenDocument 文本（.odt）" : "OpenDocument 文件（\(shown(mimeType))）"
        return DocxError(
            .openDocument,
            zh:
                "这是 \(what)，是 LibreOffice 或 WPS 的 ODF 格式，不是 Word .docx，不予读取；请在 LibreOffice 中「文件→另存为」并选择文件类型「Word 2007-365 (.docx)」（WPS：另存为「Word 文档（*.docx）」）后放入",
            en:
                "this is an \(text ? "OpenDocument text (.odt)" : "OpenDocument file (\(shown(mimeType)))"), LibreOffice's or WPS's ODF format, not a Word .docx; not read; in LibreOffice use File → Save As with the type \"Word 2007-365 (.docx)\" (WPS: save as \"Word document (*.docx)\") and drop that"
        )
    }

    static func encryptedEntry(_ name: String) -> DocxError {
        DocxError(
            .encryptedEntry,
            zh: "ZIP 条目 \(shown(name)) 已加密，无法读取；请去掉密码后另存为 .docx 再放入",
            en: "ZIP entry \(shown(name)) is encrypted and cannot be read; remove the password, save it as .docx and drop it again"
        )
    }

    static func unsafeEntryName(_ name: String, zh why: String, en whyEn: String) -> DocxError {
        DocxError(
            .unsafeEntryName,
            zh: "ZIP 条目名 \(shown(name)) 不安全（\(why)，可能是路径穿越攻击），拒绝处理；正常的 .docx 不含这样的条目，" + saveAsDocx,
            en: "ZIP entry name \(shown(name)) is unsafe (\(whyEn); possibly a path traversal attack), refused; a normal .docx has no such entry; "
                + saveAsDocxEn
        )
    }

    static func duplicateEntry(_ name: String) -> DocxError {
        DocxError(
            .duplicateEntry,
            zh: "ZIP 条目 \(shown(name)) 出现了不止一次（不区分大小写），无法确定以哪一个为准，拒绝处理；" + saveAsDocx,
            en: "ZIP entry \(shown(name)) occurs more than once (ignoring case), so which one counts is ambiguous; refused; " + saveAsDocxEn
        )
    }

    static func tooManyEntries(_ count: Int, limit: Int) -> DocxError {
        DocxError(
            .tooManyEntries,
            zh: "ZIP 条目 \(count) 个，超过上限 \(limit) 个，拒绝处理；正常的申请表不会有这么多部件，" + saveAsDocx,
            en: "the ZIP has \(count) entries, more than the limit of \(limit); refused; a normal form has far fewer parts; " + saveAsDocxEn
        )
    }

    static func macroEnabled(_ what: String) -> DocxError {
        DocxError(
            .macroEnabled,
            zh: "文件含宏（\(shown(what))），是启用宏的 .docm 文档，拒绝处理；请另存为不含宏的「Word 文档（*.docx）」再放入",
            en:
                "the file contains macros (\(shown(what))): a macro-enabled .docm document, refused; save it as a macro-free \"Word Document (*.docx)\" and drop it again"
        )
    }

    static func missingMainPart(_ name: String) -> DocxError {
        DocxError(
            .missingMainPart,
            zh: "缺少文档正文部件 \(shown(name))，不是有效的 Word 文档；" + saveAsDocx,
            en: "the main document part \(shown(name)) is missing: not a valid Word document; " + saveAsDocxEn
        )
    }

    static func unsupportedCompression(_ name: String, method: Int) -> DocxError {
        DocxError(
            .unsupportedCompression,
            zh: "ZIP 条目 \(shown(name)) 使用了不支持的压缩方式 \(method)（只支持 0 存储、8 deflate）；" + saveAsDocx,
            en: "ZIP entry \(shown(name)) uses compression method \(method), which is not supported (only 0 stored and 8 deflate); " + saveAsDocxEn
        )
    }

    static func declaredSizeTooLarge(_ total: UInt64, limit: Int) -> DocxError {
        DocxError(
            .declaredSizeTooLarge,
            zh: "解压后总大小（各条目声明之和）\(total) 字节，超过上限 \(limit) 字节，拒绝解压（可能是压缩炸弹）；请删减文档中的大文件后重新保存",
            en:
                "the uncompressed size (sum of the entries' declared sizes) is \(total) bytes, more than the limit of \(limit) bytes; not extracted (possibly a zip bomb); remove large embedded files and save it again"
        )
    }

    static func compressionRatio(_ name: String, uncompressed: UInt64, compressed: UInt64, limit: Int) -> DocxError {
        DocxError(
            .compressionRatio,
            zh: "ZIP 条目 \(shown(name)) 压缩比异常：\(compressed) 字节解压为 \(uncompressed) 字节（上限 \(limit) 倍），拒绝解压（可能是压缩炸弹）；" + saveAsDocx,
            en:
                "ZIP entry \(shown(name)) has an extreme compression ratio: \(compressed) bytes expand to \(uncompressed) bytes (limit \(limit)×); not extracted (possibly a zip bomb); "
                + saveAsDocxEn
        )
    }

    static func partTooLarge(_ name: String, size: UInt64, limit: Int) -> DocxError {
        DocxError(
            .partTooLarge,
            zh: "部件 \(shown(name)) 解压后 \(size) 字节，超过单个部件上限 \(limit) 字节，拒绝解压；请把表格内容精简后重新保存",
            en:
                "part \(shown(name)) is \(size) bytes uncompressed, more than the per-part limit of \(limit) bytes; not extracted; shorten the document and save it again"
        )
    }

    static func uncompressedTooLarge(_ name: String, limit: Int) -> DocxError {
        DocxError(
            .uncompressedTooLarge,
            zh: "解压部件 \(shown(name)) 时总量超过上限 \(limit) 字节，已停止（可能是压缩炸弹）；" + saveAsDocx,
            en: "extracting part \(shown(name)) went past the total limit of \(limit) bytes; stopped (possibly a zip bomb); " + saveAsDocxEn
        )
    }

    static func sizeMismatch(_ name: String, declared: UInt64, zh: String, en: String) -> DocxError {
        DocxError(
            .sizeMismatch,
            zh: "部件 \(shown(name)) 声明解压后 \(declared) 字节，\(zh)，拒绝处理（文件损坏或被篡改）；" + saveAsDocx,
            en: "part \(shown(name)) declares \(declared) bytes uncompressed, \(en); refused (the file is damaged or tampered with); " + saveAsDocxEn
        )
    }

    static func checksumMismatch(_ name: String, declared: UInt32, actual: UInt32) -> DocxError {
        DocxError(
            .checksumMismatch,
            zh: "部件 \(shown(name)) 的 CRC-32 校验失败（声明 \(hex(declared))，实际 \(hex(actual))），文件已损坏；请重新保存后再放入",
            en:
                "part \(shown(name)) fails its CRC-32 check (declared \(hex(declared)), actual \(hex(actual))): the file is damaged; save it again and drop it again"
        )
    }

    static func xmlEncoding(part: String, offset: Int, zh: String, en: String) -> DocxError {
        DocxError(
            .xmlEncoding,
            zh: "部件 \(shown(part)) 第 \(offset) 字节：\(zh)（只接受 UTF-8），拒绝处理；" + saveAsDocx,
            en: "part \(shown(part)) at byte \(offset): \(en) (only UTF-8 is accepted); refused; " + saveAsDocxEn
        )
    }

    static func xmlDTD(part: String, offset: Int) -> DocxError {
        DocxError(
            .xmlDTD,
            zh: "部件 \(shown(part)) 第 \(offset) 字节：包含 DTD/实体声明，拒绝处理（可能是外部实体攻击）；Word 保存的文件不含 DTD，" + saveAsDocx,
            en:
                "part \(shown(part)) at byte \(offset): contains a DTD/entity declaration; refused (possibly an external entity attack); files saved by Word have none; "
                + saveAsDocxEn
        )
    }

    static func xmlMalformed(part: String, offset: Int, zh: String, en: String) -> DocxError {
        DocxError(
            .xmlMalformed,
            zh: "部件 \(shown(part)) 第 \(offset) 字节：XML 格式错误（\(zh)），拒绝处理；" + saveAsDocx,
            en: "part \(shown(part)) at byte \(offset): malformed XML (\(en)); refused; " + saveAsDocxEn
        )
    }

    static func xmlTooDeep(part: String, offset: Int, limit: Int) -> DocxError {
        DocxError(
            .xmlTooDeep,
            zh: "部件 \(shown(part)) 第 \(offset) 字节：元素嵌套超过 \(limit) 层，拒绝处理；请减少表格嵌套后重新保存",
            en: "part \(shown(part)) at byte \(offset): elements nest deeper than \(limit) levels; refused; nest fewer tables and save it again"
        )
    }

    static func xmlTooManyElements(part: String, offset: Int, limit: Int) -> DocxError {
        DocxError(
            .xmlTooManyElements,
            zh: "部件 \(shown(part)) 第 \(offset) 字节：XML 元素超过 \(limit) 个，拒绝处理；请精简文档后重新保存",
            en: "part \(shown(part)) at byte \(offset): more than \(limit) XML elements; refused; shorten the document and save it again"
        )
    }

    static func notWordDocument(part: String) -> DocxError {
        DocxError(
            .notWordDocument,
            zh: "部件 \(shown(part)) 不是 Word 正文（没有 w:document/w:body），可能是 Excel/PowerPoint 文件；请放入 Word 申请表（*.docx）",
            en:
                "part \(shown(part)) is not a Word main document (no w:document/w:body), perhaps an Excel or PowerPoint file; drop the Word form (*.docx)"
        )
    }

    /// A name from the file, quoted, with control characters escaped and at most 120 characters.
    static func shown(_ name: String) -> String {
        var out = "`"
        for (index, scalar) in name.unicodeScalars.enumerated() {
            if index == 120 {
                out += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar == "`" {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "`"
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
