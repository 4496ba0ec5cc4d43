/// A small, strict, non-validating XML pull tokenizer for the parts of a .docx (no FoundationXML,
/// no libxml2). UTF-8 only; the five predefined entities and numeric character references only;
/// any `<!DOCTYPE`/`<!ENTITY`/other declaration is refused; processing instructions other than
/// the XML declaration are skipped; CDATA is text. Depth and element count are capped. Every
/// byte is looked at a bounded number of times: linear in the size of the part.
struct XMLTokenizer {
    let bytes: [UInt8]
    let part: String
    let limits: DocxLimits
    private var position = 0
    private var open: [String] = []
    private var elements = 0
    private var pendingEnd: String?
    private var sawRoot = false

    init(_ bytes: [UInt8], part: String, limits: DocxLimits) throws(DocxError) {
        self.bytes = bytes
        self.part = part
        self.limits = limits
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw .xmlEncoding(part: part, offset: 0, zh: "是 UTF-16 编码", en: "it is UTF-16")
        }
        if let bad = XMLTokenizer.firstInvalidUTF8(bytes) {
            throw .xmlEncoding(part: part, offset: bad, zh: "不是有效的 UTF-8", en: "not valid UTF-8")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        try readDeclaration()
    }

    /// The depth of the element whose content is being read (0 outside the root).
    var depth: Int { open.count }

    mutating func next() throws(DocxError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            open.removeLast()
            return .end(name: name)
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                if open.isEmpty {
                    guard bytes[start..<position].allSatisfy(XMLTokenizer.isSpace) else {
                        throw malformed(at: start, "根元素之外有文本", "text outside the root element")
                    }
                    continue
                }
                return .text(try decodeText(start..<position))
            }
            if matches("<?") {
                try skipProcessingInstruction()
            } else if matches("<!--") {
                try skip(past: "-->", from: position + 4, "注释没有结束", "unterminated comment")
            } else if matches("<![CDATA[") {
                guard !open.isEmpty else { throw malformed(at: position, "根元素之外有 CDATA", "CDATA outside the root element") }
                let start = position + 9
                try skip(past: "]]>", from: start, "CDATA 没有结束", "unterminated CDATA section")
                return .text(String(decoding: bytes[start..<(position - 3)], as: UTF8.self))
            } else if matches("<!") {
                throw DocxError.xmlDTD(part: part, offset: position)
            } else if matches("</") {
                return try readEndTag()
            } else {
                return try readStartTag()
            }
        }
        if let name = open.last { throw malformed(at: bytes.count, "元素 <\(name)> 没有结束（文件被截断？）", "element <\(name)> is not closed (truncated?)") }
        if !sawRoot { throw malformed(at: bytes.count, "没有根元素", "no root element") }
        return nil
    }

    // MARK: - Markup

    private mutating func readStartTag() throws(DocxError) -> XMLEvent {
        let tagStart = position
        position += 1
        if open.isEmpty && sawRoot { throw malformed(at: tagStart, "根元素之后还有元素", "a second root element") }
        let name = try readName()
        var attributes: [XMLAttribute] = []
        // Duplicate attribute names: a linear scan for the few attributes Word writes, a set past 8.
        var names: Set<String>?
        while true {
            let hadSpace = skipSpaces()
            guard position < bytes.count else { throw malformed(at: tagStart, "标签 <\(name)> 没有结束", "tag <\(name)> is not closed") }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                break
            }
            if matches("/>") {
                position += 2
                pendingEnd = name
                break
            }
            guard hadSpace else { throw malformed(at: position, "标签 <\(name)> 中应为空白、> 或 />", "expected space, > or /> in tag <\(name)>") }
            let (attributeName, value) = try readPair()
            if attributes.count == 8 { names = Set(attributes.map(\.name)) }
            let duplicate = names != nil ? !names!.insert(attributeName).inserted : attributes.contains { $0.name == attributeName }
            guard !duplicate else {
                throw malformed(at: position, "属性 \(attributeName) 重复", "attribute \(attributeName) occurs twice")
            }
            attributes.append(XMLAttribute(name: attributeName, value: value))
        }
        elements += 1
        if elements > limits.maxXMLElements { throw DocxError.xmlTooManyElements(part: part, offset: tagStart, limit: limits.maxXMLElements) }
        if open.count >= limits.maxXMLDepth { throw DocxError.xmlTooDeep(part: part, offset: tagStart, limit: limits.maxXMLDepth) }
        open.append(name)
        sawRoot = true
        return .start(name: name, attributes: attributes)
    }

    private mutating func readEndTag() throws(DocxError) -> XMLEvent {
        let tagStart = position
        position += 2
        let name = try readName()
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw malformed(at: position, "结束标签 </\(name)> 没有 >", "end tag </\(name)> has no >")
        }
        position += 1
        guard let expected = open.last else { throw malformed(at: tagStart, "多余的结束标签 </\(name)>", "unexpected end tag </\(name)>") }
        guard expected == name else {
            throw malformed(at: tagStart, "结束标签 </\(name)> 与开始标签 <\(expected)> 不匹配", "end tag </\(name)> does not match <\(expected)>")
        }
        open.removeLast()
        return .end(name: name)
    }

    private mutating func readName() throws(DocxError) -> String {
        let start = position
        while position < bytes.count, XMLTokenizer.isNameByte(bytes[position], first: position == start) { position += 1 }
        guard position > start else { throw malformed(at: start, "应为名称", "expected a name") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `name = "value"`: an attribute, or a pseudo-attribute of the XML declaration.
    private mutating func readPair() throws(DocxError) -> (name: String, value: String) {
        let name = try readName()
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw malformed(at: position, "属性 \(name) 缺少 =", "attribute \(name) has no =")
        }
        position += 1
        skipSpaces()
        return (name, try readAttributeValue(name))
    }

    private mutating func readAttributeValue(_ name: String) throws(DocxError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw malformed(at: position, "属性 \(name) 的值没有引号", "the value of attribute \(name) is not quoted")
        }
        let quote = bytes[position]
        position += 1
        let start = position
        while position < bytes.count, bytes[position] != quote {
            if bytes[position] == UInt8(ascii: "<") { throw malformed(at: position, "属性值中有 <", "< in an attribute value") }
            position += 1
        }
        guard position < bytes.count else { throw malformed(at: start, "属性 \(name) 的值没有结束", "the value of attribute \(name) is not closed") }
        let value = try decodeText(start..<position, attribute: true)
        position += 1
        return value
    }

    /// The XML declaration, only at the very start: its pseudo-attributes are read like attributes,
    /// and the encoding must be UTF-8 when given.
    private mutating func readDeclaration() throws(DocxError) {
        guard matches("<?xml"), position + 5 < bytes.count, XMLTokenizer.isSpace(bytes[position + 5]) else { return }
        let start = position
        position += 5
        while true {
            skipSpaces()
            if matches("?>") {
                position += 2
                return
            }
            guard position < bytes.count else { throw malformed(at: start, "XML 声明没有结束", "unterminated XML declaration") }
            let (name, value) = try readPair()
            if name == "encoding", !["utf-8", "utf8"].contains(ZipDirectory.asciiLowercased(value)) {
                throw .xmlEncoding(
                    part: part,
                    offset: start,
                    zh: "声明的编码是 \(DocxError.shown(value))",
                    en: "it declares the encoding \(DocxError.shown(value))"
                )
            }
        }
    }

    private mutating func skipProcessingInstruction() throws(DocxError) {
        let start = position
        position += 2
        let target = try readName()
        if target.lowercased() == "xml" { throw malformed(at: start, "XML 声明只能在文件开头", "an XML declaration is only allowed at the start") }
        try skip(past: "?>", from: position, "处理指令没有结束", "unterminated processing instruction")
    }

    // MARK: - Text

    /// Character data or an attribute value with the predefined entities and character references
    /// resolved; any other `&name;` is refused (there is no DTD to define it).
    private func decodeText(_ range: Range<Int>, attribute: Bool = false) throws(DocxError) -> String {
        let slice = bytes[range]
        if !slice.contains(UInt8(ascii: "&")) && !(attribute && slice.contains(where: XMLTokenizer.isSpaceNotBlank)) {
            return String(decoding: slice, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            if byte != UInt8(ascii: "&") {
                out.append(attribute && XMLTokenizer.isSpaceNotBlank(byte) ? UInt8(ascii: " ") : byte)
                i += 1
                continue
            }
            guard let semicolon = bytes[i..<min(range.upperBound, i + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                throw malformed(at: i, "& 后没有以 ; 结束的实体引用", "& not followed by an entity reference ending in ;")
            }
            let reference = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
            guard let scalar = XMLTokenizer.resolve(reference) else {
                throw malformed(at: i, "未定义或无效的实体引用 &\(reference);", "undefined or invalid entity reference &\(reference);")
            }
            out.append(contentsOf: Array(String(scalar).utf8))
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func resolve(_ reference: String) -> Unicode.Scalar? {
        switch reference {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default: break
        }
        guard reference.hasPrefix("#") else { return nil }
        let digits = reference.dropFirst()
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, !digits.hasPrefix("x+"), !digits.hasPrefix("+"), let scalar = Unicode.Scalar(value), isXMLChar(value) else { return nil }
        return scalar
    }

    static func isXMLChar(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    // MARK: - Bytes

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[position..<(position + count)].elementsEqual($0) }
    }

    /// Moves past the next `terminator` at or after `from`.
    private mutating func skip(past terminator: StaticString, from: Int, _ zh: String, _ en: String) throws(DocxError) {
        let start = position
        position = from
        while position < bytes.count {
            if matches(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw malformed(at: start, zh, en)
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, XMLTokenizer.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    static func isSpaceNotBlank(_ byte: UInt8) -> Bool { byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    private func malformed(at offset: Int, _ zh: String, _ en: String) -> DocxError {
        .xmlMalformed(part: part, offset: offset, zh: zh, en: en)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no
    /// surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            guard bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            for k in 2..<max(2, length) where bytes[i + k] < 0x80 || bytes[i + k] > 0xBF { return i }
            i += length
        }
        return nil
    }
}
