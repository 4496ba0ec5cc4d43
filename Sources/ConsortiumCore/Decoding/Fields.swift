/// The known fields of one mapping node, read by name; missing required fields are recorded
/// as errors naming their path.
struct Fields {
    let context: DecodingContext
    let path: String
    let line: Int
    let pairs: FieldPairs

    func path(_ key: String) -> String { DecodingContext.child(path, key) }

    func has(_ key: String) -> Bool { pairs[key].map { !$0.value.isNull } ?? false }

    /// The value node of `key`, `nil` when absent or null (an error when required).
    func node(_ key: String, required: Bool) -> DocumentNode? {
        if let pair = pairs[key], !pair.value.isNull { return pair.value }
        if required {
            context.fail(path(key), pairs[key]?.keyLine ?? line, "缺少必填字段 `\(key)`", "required field `\(key)` is missing")
        }
        return nil
    }

    func read<T>(_ key: String, required: Bool, _ reader: (DocumentNode, String) -> T?) -> T? {
        guard let node = node(key, required: required) else { return nil }
        return reader(node, path(key))
    }

    func text(_ key: String, required: Bool = true) -> String? { read(key, required: required, context.text) }
    func identifier(_ key: String, required: Bool = true) -> String? { read(key, required: required, context.identifier) }
    func integer(_ key: String, required: Bool = true, minimum: Int = 0) -> Int? {
        read(key, required: required) { context.integer($0, $1, minimum: minimum) }
    }
    func boolean(_ key: String, required: Bool = true) -> Bool? { read(key, required: required, context.boolean) }
    func date(_ key: String, required: Bool = true) -> CivilDate? { read(key, required: required, context.date) }
    func word<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = true) -> E? where E.RawValue == String {
        read(key, required: required) { context.word($0, $1, type) }
    }
    func member(_ key: String, required: Bool = true) -> MemberID? { read(key, required: required, context.memberReference) }

    /// A blank reference is no reference (decisions 14).
    func reference(_ key: String) -> String? {
        guard let text = text(key, required: false), !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    func list<T>(
        _ key: String,
        required: Bool = true,
        min: Int = 0,
        max: Int? = nil,
        _ element: (DocumentNode, String) -> T?
    ) -> [T]? {
        read(key, required: required) { context.elements($0, $1, min: min, max: max, element) }
    }

    func object<T>(_ key: String, required: Bool = true, known: [String], _ build: (Fields) -> T?) -> T? {
        read(key, required: required) { node, path in context.fields(node, path, known: known).flatMap(build) }
    }
}
