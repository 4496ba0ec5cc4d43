import Foundation

/// Decodes one inbox file (YAML or JSON) into a typed `Document` (documents.md, decisions 1–14).
/// Pure: bytes in, a document or every error found out.
public enum DocumentDecoder {
    static let envelopeKeys = ["version", "kind", "consortium", "date"]

    public static func decode(_ data: Data, limits: DecodingLimits = .default) -> Result<DecodedDocument, DocumentRejection> {
        let text: String
        let encoding: DocumentEncoding
        switch DocumentTextDecoder.decode(data, limits: limits) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let decoded): (text, encoding) = decoded
        }
        let root: DocumentNode
        switch NodeComposer.compose(text, maxNodes: limits.maxDocumentNodes) {
        case .failure(var rejection):
            rejection.encoding = encoding
            return .failure(rejection)
        case .success(let node): root = node
        }
        let context = DecodingContext()
        let document = decode(root, context)
        if let document, context.errors.isEmpty {
            return .success(DecodedDocument(document: document, encoding: encoding))
        }
        let errors =
            context.errors.isEmpty
            ? [DocumentError(path: "", line: root.line, message: "文档无法解码", messageEn: "the document cannot be decoded")]
            : context.errors
        return .failure(DocumentRejection(errors: errors, encoding: encoding))
    }

    static func decode(_ root: DocumentNode, _ context: DecodingContext) -> Document? {
        // The kind decides which fields are known; read it first.
        var kind: DocumentKind?
        if case .mapping(let pairs) = root.content, let pair = pairs.first(where: { $0.key == "kind" }), !pair.value.isNull {
            kind = context.word(pair.value, "kind", DocumentKind.self)
        }
        let bodyKeys = kind.map(bodyKeys(for:)) ?? []
        // With an unknown kind, only the envelope can be checked.
        guard let f = context.fields(kind == nil ? envelopeOnly(root) : root, "", known: envelopeKeys + bodyKeys) else {
            return nil
        }
        if f.pairs["kind"] == nil || f.pairs["kind"]!.value.isNull {
            _ = f.node("kind", required: true)
        }
        if let version = f.integer("version"), version != 1 {
            context.fail(
                "version",
                f.pairs["version"]?.value.line,
                "不支持的版本 \(version)：应为 1",
                "unsupported version \(version): expected 1"
            )
        }
        let consortium = f.read("consortium", required: kind != .acknowledgement) { node, path -> String? in
            guard let text = context.text(node, path) else { return nil }
            if isConsortiumKey(text) { return text }
            context.fail(
                path,
                node.line,
                "`\(text)` 不是有效的联合体编号：应以字母或数字开头，只含字母、数字、`.`、`_`、`-`，最长 64 个字符（如 LZ-2026-003）",
                "`\(text)` is not a valid consortium key: it starts with a letter or digit, has only letters, digits, `.`, `_`, `-`, at most 64 characters (e.g. LZ-2026-003)"
            )
            return nil
        }
        let date = f.date("date")
        guard let kind else { return nil }
        let body: DocumentBody?
        switch kind {
        case .application: body = context.application(f).map { .application($0) }
        case .agreement: body = context.agreement(f).map { .agreement($0) }
        case .recommendation: body = context.recommendation(f).map { .recommendation($0) }
        case .approval: body = context.approval(f).map { .approval($0) }
        case .project: body = context.project(f).map { .project($0) }
        case .change: body = context.change(f).map { .change($0) }
        case .annualReport: body = context.annualReport(f).map { .annualReport($0) }
        case .incident: body = context.incident(f, date: date).map { .incident($0) }
        case .dissolution: body = context.dissolution(f).map { .dissolution($0) }
        case .revocation: body = context.revocation(f).map { .revocation($0) }
        case .withdrawal: body = context.withdrawal(f).map { .withdrawal($0) }
        case .acknowledgement: body = context.acknowledgement(f).map { .acknowledgement($0) }
        }
        guard let body, let date, consortium != nil || kind == .acknowledgement else { return nil }
        return Document(consortium: consortium, date: date, body: body)
    }

    static func bodyKeys(for kind: DocumentKind) -> [String] {
        switch kind {
        case .application: DecodingContext.applicationKeys
        case .agreement: ["clauses", "signatures"]
        case .recommendation: ["district", "recommended", "opinion"]
        case .approval: ["decision", "number", "validYears", "waivers"]
        case .project: ["project", "title", "level", "underConsortium", "lead", "members", "start", "end", "closed", "approval"]
        case .change: ["changes", "approval"]
        case .annualReport: ["year", "sentTo", "summary", "plan", "problems", "coordination"]
        case .incident: ["ground", "member", "description", "until"]
        case .dissolution: ["reason", "approval"]
        case .revocation: ["number", "grounds", "reason"]
        case .withdrawal: ["document", "reason"]
        case .acknowledgement: ["notice", "by", "note", "until"]
        }
    }

    private static func envelopeOnly(_ root: DocumentNode) -> DocumentNode {
        guard case .mapping(let pairs) = root.content else { return root }
        return DocumentNode(content: .mapping(pairs.filter { envelopeKeys.contains($0.key) }), line: root.line)
    }

    /// `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`.
    public static func isConsortiumKey(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        guard let first = bytes.first, alnum(first), bytes.count <= 64 else { return false }
        return bytes.dropFirst().allSatisfy { alnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }
}
