/// A JSON encoder that keeps keys in the order `encode(to:)` writes them: Foundation's
/// JSONEncoder on Linux does not (it hashes keys), and operations.md documents an order.
/// Output: pretty-printed with two spaces, `/` not escaped, non-ASCII written as UTF-8.
public enum OrderedJSON {
    indirect enum Value: Equatable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([Value])
        case object([(String, Value)])

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): true
            case (.bool(let x), .bool(let y)): x == y
            case (.number(let x), .number(let y)): x == y
            case (.string(let x), .string(let y)): x == y
            case (.array(let x), .array(let y)): x == y
            case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: false
            }
        }
    }

    public static func encode<T: Encodable>(_ value: T) throws -> String {
        try encode(value, indent: 0)
    }

    /// `value` as it is written `indent` levels deep inside a larger document (its first line
    /// not padded): a long array can be written an element at a time.
    public static func encode<T: Encodable>(_ value: T, indent: Int) throws -> String {
        let root = Slot()
        try value.encode(to: SlotEncoder(slot: root, codingPath: []))
        var out = ""
        write(root.value, indent: indent, into: &out)
        return out
    }

    // MARK: - Serialising

    static func write(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let end = String(repeating: "  ", count: indent)
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += end + "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                out += pad
                quote(pair.0, into: &out)
                out += ": "
                write(pair.1, indent: indent + 1, into: &out)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += end + "}"
        }
    }

    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    // MARK: - Encoder

    final class Slot {
        enum Content { case unset, value(Value), object([(String, Slot)]), array([Slot]) }
        var content = Content.unset

        var value: Value {
            switch content {
            case .unset: .null
            case .value(let v): v
            case .object(let pairs): .object(pairs.map { ($0.0, $0.1.value) })
            case .array(let items): .array(items.map(\.value))
            }
        }

        // Each takes its array out of `content` before appending (`content = .unset`), so the
        // array is the only reference to its storage and grows in place: appended to while
        // `content` still held it, it was copied at every element (an array of 400,000 notices
        // took minutes).
        func child(forKey key: String) -> Slot {
            var pairs: [(String, Slot)] = []
            if case .object(let existing) = content { pairs = existing }
            if let found = pairs.first(where: { $0.0 == key }) { return found.1 }
            content = .unset
            let slot = Slot()
            pairs.append((key, slot))
            content = .object(pairs)
            return slot
        }

        func appendChild() -> Slot {
            var items: [Slot] = []
            if case .array(let existing) = content { items = existing }
            content = .unset
            let slot = Slot()
            items.append(slot)
            content = .array(items)
            return slot
        }

        var count: Int { if case .array(let items) = content { items.count } else { 0 } }
    }

    struct SlotEncoder: Encoder {
        let slot: Slot
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = slot.content {} else { slot.content = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .array = slot.content {} else { slot.content = .array([]) }
            return Unkeyed(slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { slot.child(forKey: key.stringValue).content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key]))
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: String, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(Wrap(value), forKey: key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.child(forKey: "super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey]
        var count: Int { slot.count }

        mutating func encodeNil() throws { slot.appendChild().content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try value.encode(to: SlotEncoder(slot: slot.appendChild(), codingPath: codingPath))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            SlotEncoder(slot: slot.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            SlotEncoder(slot: slot.appendChild(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.appendChild(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { slot.content = .value(.null) }
        mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
        mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
        mutating func encode(_ value: Double) throws { try number(value.isFinite, "\(value)") }
        mutating func encode(_ value: Float) throws { try number(value.isFinite, "\(value)") }
        mutating func encode(_ value: Int) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { slot.content = .value(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { slot.content = .value(.number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
        }

        private mutating func number(_ finite: Bool, _ text: String) throws {
            guard finite else {
                throw EncodingError.invalidValue(text, EncodingError.Context(codingPath: codingPath, debugDescription: "not a finite number"))
            }
            slot.content = .value(.number(text))
        }
    }

    /// Routes a primitive through its single-value encoding.
    private struct Wrap<V: Encodable>: Encodable {
        var value: V
        init(_ value: V) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(value)
        }
    }
}
