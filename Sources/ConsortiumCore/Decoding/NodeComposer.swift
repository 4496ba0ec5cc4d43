import CYaml

/// Composes the node tree of one YAML/JSON document from libyaml's events, counting nodes as
/// it goes (an alias counts as the full size of the node it refers to, which it shares) and
/// bounding the nesting depth: a "billion laughs" file is rejected, never expanded.
final class NodeComposer {
    static let maxDepth = 64
    /// From this many keys on, a mapping's keys are looked up in a dictionary, not by a scan.
    static let indexedKeys = 16

    private struct Stop: Error { var error: DocumentError }

    private struct Event {
        var type: yaml_event_type_t
        var line: Int
        var anchor: String?
        var tag: String?
        var value: String = ""
        var plain = false
    }

    private var parser = yaml_parser_t()
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let maxNodes: Int
    private var count = 0
    private var anchors: [String: (node: DocumentNode, size: Int)] = [:]
    /// Errors that do not stop composing (duplicate or non-scalar keys, tags).
    private var errors: [DocumentError] = []

    private init(text: String, maxNodes: Int) {
        let count = text.utf8.count
        input = .allocate(capacity: max(count, 1))
        _ = input.initialize(from: text.utf8)
        self.maxNodes = maxNodes
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, input.baseAddress, count)
    }

    deinit {
        yaml_parser_delete(&parser)
        input.deallocate()
    }

    /// The root mapping of the single document in `text`, or the errors that reject it.
    static func compose(_ text: String, maxNodes: Int) -> Result<DocumentNode, DocumentRejection> {
        let composer = NodeComposer(text: text, maxNodes: maxNodes)
        do {
            let root = try composer.document()
            if !composer.errors.isEmpty { return .failure(DocumentRejection(errors: composer.errors)) }
            return .success(root)
        } catch let stop as Stop {
            return .failure(DocumentRejection(errors: composer.errors + [stop.error]))
        } catch {
            return .failure(DocumentRejection(errors: [DocumentError(path: "", message: "无法解析文件", messageEn: "cannot parse the file")]))
        }
    }

    private func document() throws -> DocumentNode {
        var event = try next()
        if event.type == YAML_STREAM_START_EVENT { event = try next() }
        guard event.type == YAML_DOCUMENT_START_EVENT else {
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: event.line,
                    message: "文件为空：应为一个包含 version、kind 等字段的 YAML 或 JSON 对象",
                    messageEn: "the file is empty: expected one YAML or JSON object with version, kind and the other fields"
                )
            )
        }
        let root = try node(from: next(), depth: 1)
        _ = try next()  // document end
        let after = try next()
        if after.type != YAML_STREAM_END_EVENT {
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: after.line,
                    message: "文件含有多个 YAML 文档（`---`）：每个文件只能是一个文档",
                    messageEn: "the file holds more than one YAML document (`---`): one document per file"
                )
            )
        }
        guard case .mapping = root.content else {
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: root.line,
                    message: "文档的顶层应为映射（键: 值），实际是\(root.kindName.zh)",
                    messageEn: "the document's top level must be a mapping (key: value), found \(root.kindName.en)"
                )
            )
        }
        return root
    }

    private func add(_ n: Int, line: Int) throws {
        count += n
        if count > maxNodes {
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: line,
                    message: "文件节点过多：超过上限 \(maxNodes) 个（maxDocumentNodes，别名按展开后的大小计算）",
                    messageEn:
                        "too many nodes: more than the limit of \(maxNodes) (maxDocumentNodes; aliases count as the size of what they refer to)"
                )
            )
        }
    }

    private func checkTag(_ event: Event) {
        guard let tag = event.tag else { return }
        errors.append(
            DocumentError(
                path: "",
                line: event.line,
                message: "不支持 YAML 标签 `\(tag)`：请删除标签，直接写值",
                messageEn: "YAML tag `\(tag)` is not accepted: remove the tag and write the plain value"
            )
        )
    }

    private func register(_ anchor: String?, _ node: DocumentNode, size: Int) {
        if let anchor { anchors[anchor] = (node, size) }
    }

    private func node(from event: Event, depth: Int) throws -> DocumentNode {
        if depth > Self.maxDepth {
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: event.line,
                    message: "嵌套层数超过上限 \(Self.maxDepth)",
                    messageEn: "nesting deeper than the limit of \(Self.maxDepth) levels"
                )
            )
        }
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let name = event.anchor, let anchored = anchors[name] else {
                throw Stop(
                    error: DocumentError(
                        path: "",
                        line: event.line,
                        message: "别名 `*\(event.anchor ?? "")` 没有对应的锚点",
                        messageEn: "alias `*\(event.anchor ?? "")` refers to no anchor defined before it"
                    )
                )
            }
            try add(anchored.size, line: event.line)
            return anchored.node
        case YAML_SCALAR_EVENT:
            checkTag(event)
            try add(1, line: event.line)
            let node = DocumentNode(content: .scalar(event.value, plain: event.plain), line: event.line)
            register(event.anchor, node, size: 1)
            return node
        case YAML_SEQUENCE_START_EVENT:
            checkTag(event)
            let start = count
            try add(1, line: event.line)
            var items: [DocumentNode] = []
            var child = try next()
            while child.type != YAML_SEQUENCE_END_EVENT {
                items.append(try node(from: child, depth: depth + 1))
                child = try next()
            }
            let node = DocumentNode(content: .sequence(items), line: event.line)
            register(event.anchor, node, size: count - start)
            return node
        case YAML_MAPPING_START_EVENT:
            checkTag(event)
            let start = count
            try add(1, line: event.line)
            var pairs: [DocumentNodePair] = []
            // Keys seen so far and their lines: found in `pairs` while the mapping is small (most
            // are), by a dictionary from `Self.indexedKeys` keys on.
            var seen: [String: Int]?
            var keyEvent = try next()
            while keyEvent.type != YAML_MAPPING_END_EVENT {
                let key = try node(from: keyEvent, depth: depth + 1)
                let value = try node(from: next(), depth: depth + 1)
                if case .scalar(let text, _) = key.content {
                    if let first = seen.map({ $0[text] }) ?? pairs.first(where: { $0.key == text })?.keyLine {
                        errors.append(
                            DocumentError(
                                path: text,
                                line: key.line,
                                message: "重复的键 `\(text)`（第\(first)行已出现）：每个键只能出现一次",
                                messageEn: "duplicate key `\(text)` (already on line \(first)): each key may appear only once"
                            )
                        )
                    } else {
                        pairs.append(DocumentNodePair(key: text, keyLine: key.line, value: value))
                        if seen != nil {
                            seen![text] = key.line
                        } else if pairs.count == Self.indexedKeys {
                            seen = Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.keyLine) })
                        }
                    }
                } else {
                    errors.append(
                        DocumentError(
                            path: "",
                            line: key.line,
                            message: "映射的键必须是简单的文字，实际是\(key.kindName.zh)",
                            messageEn: "mapping keys must be plain text, found \(key.kindName.en)"
                        )
                    )
                }
                keyEvent = try next()
            }
            let node = DocumentNode(content: .mapping(pairs), line: event.line)
            register(event.anchor, node, size: count - start)
            return node
        default:
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: event.line,
                    message: "YAML 结构异常",
                    messageEn: "unexpected YAML structure"
                )
            )
        }
    }

    private func next() throws -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(&parser, &raw) == 1 else {
            let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
            let context = parser.context.map { String(cString: $0) + " " } ?? ""
            let line = Int(parser.problem_mark.line) + 1
            throw Stop(
                error: DocumentError(
                    path: "",
                    line: line,
                    message: "YAML/JSON 语法错误：\(context)\(problem)",
                    messageEn: "YAML/JSON syntax error: \(context)\(problem)"
                )
            )
        }
        defer { yaml_event_delete(&raw) }
        var event = Event(type: raw.type, line: Int(raw.start_mark.line) + 1)
        func text(_ p: UnsafePointer<UInt8>?) -> String? { p.map { String(cString: $0) } }
        switch raw.type {
        case YAML_ALIAS_EVENT:
            event.anchor = text(raw.data.alias.anchor)
        case YAML_SCALAR_EVENT:
            event.anchor = text(raw.data.scalar.anchor)
            event.tag = text(raw.data.scalar.tag)
            event.value = String(decoding: UnsafeBufferPointer(start: raw.data.scalar.value, count: raw.data.scalar.length), as: UTF8.self)
            event.plain = raw.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
        case YAML_SEQUENCE_START_EVENT:
            event.anchor = text(raw.data.sequence_start.anchor)
            event.tag = text(raw.data.sequence_start.tag)
        case YAML_MAPPING_START_EVENT:
            event.anchor = text(raw.data.mapping_start.anchor)
            event.tag = text(raw.data.mapping_start.tag)
        default:
            break
        }
        return event
    }
}
