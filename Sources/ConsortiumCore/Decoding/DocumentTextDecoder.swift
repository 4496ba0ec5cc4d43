import Foundation

/// Turns the file's bytes into text (documents.md, "Encoding and size"; decisions 6).
enum DocumentTextDecoder {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    private static let resave = (
        zh: "请用文本编辑器将文件另存为 UTF-8 编码（记事本：另存为 → 编码选择“UTF-8”）",
        en: "re-save the file as UTF-8 (Notepad: Save As → Encoding \"UTF-8\")"
    )

    static func decode(_ data: Data, limits: DecodingLimits) -> Result<(String, DocumentEncoding), DocumentRejection> {
        func reject(_ zh: String, _ en: String, _ encoding: DocumentEncoding? = nil) -> Result<(String, DocumentEncoding), DocumentRejection> {
            .failure(DocumentRejection(errors: [DocumentError(path: "", message: zh, messageEn: en)], encoding: encoding))
        }
        if data.count > limits.maxDocumentBytes {
            return reject(
                "文件过大：\(data.count) 字节，上限为 \(limits.maxDocumentBytes) 字节（maxDocumentBytes）",
                "file too large: \(data.count) bytes, the limit is \(limits.maxDocumentBytes) bytes (maxDocumentBytes)"
            )
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return reject(
                "文件为 UTF-16 编码（带 \(bytes[0] == 0xFF ? "FF FE" : "FE FF") 字节顺序标记），不受支持；\(resave.zh)",
                "the file is UTF-16 (\(bytes[0] == 0xFF ? "FF FE" : "FE FF") byte order mark), which is not accepted; \(resave.en)"
            )
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes.dropFirst(3)
            if body.contains(0) { return nulRejection(encoding: .utf8BOM) }
            guard let text = String(validating: body, as: UTF8.self) else {
                return reject(
                    "文件以 UTF-8 字节顺序标记开头，但其后的内容不是有效的 UTF-8；\(resave.zh)",
                    "the file starts with a UTF-8 byte order mark but the rest is not valid UTF-8; \(resave.en)",
                    .utf8BOM
                )
            }
            return .success((text, .utf8BOM))
        }
        if bytes.contains(0) { return nulRejection(encoding: nil) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success((text, .utf8)) }
        if let text = String(data: data, encoding: gb18030) { return .success((text, .gb18030)) }
        return reject(
            "文件内容既不是有效的 UTF-8，也不是有效的 GB18030（GBK）；\(resave.zh)",
            "the bytes are neither valid UTF-8 nor valid GB18030 (GBK); \(resave.en)"
        )
    }

    private static func nulRejection(encoding: DocumentEncoding?) -> Result<(String, DocumentEncoding), DocumentRejection> {
        .failure(
            DocumentRejection(
                errors: [
                    DocumentError(
                        path: "",
                        message: "文件含有 NUL（0x00）字节，不是文本文件；请提交 UTF-8 编码的 YAML 或 JSON 文本",
                        messageEn: "the file contains NUL (0x00) bytes and is not a text file; submit YAML or JSON text encoded as UTF-8"
                    )
                ],
                encoding: encoding
            )
        )
    }
}
