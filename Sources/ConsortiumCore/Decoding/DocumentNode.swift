/// One node of a composed YAML/JSON document: what the decoder reads its typed values from.
/// Aliases share the anchored node (arrays are copy-on-write), never a deep copy.
struct DocumentNode: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        /// Scalar text and whether it was written plain (unquoted, not a block scalar).
        case scalar(String, plain: Bool)
        case sequence([DocumentNode])
        /// Ordered key/value pairs; keys are scalars (text and line).
        case mapping([DocumentNodePair])
    }

    var content: Content
    /// 1-based line where the node starts.
    var line: Int

    /// A plain empty, `~` or `null` scalar means "absent" (decisions 1).
    var isNull: Bool {
        if case .scalar(let text, plain: true) = content { return text.isEmpty || text == "~" || text == "null" }
        return false
    }

    var kindName: (zh: String, en: String) {
        switch content {
        case .scalar: ("标量", "a scalar")
        case .sequence: ("列表", "a list")
        case .mapping: ("映射", "a mapping")
        }
    }
}

/// A key/value pair of a mapping node.
struct DocumentNodePair: Sendable, Equatable {
    var key: String
    var keyLine: Int
    var value: DocumentNode
}
