import ConsortiumCore

/// One example document cut into literal parts and slots: the consortium key, the USCCs of the
/// example consortium's units and an acknowledged notice id, filled in per generated consortium.
struct DocumentTemplate: Sendable {
    enum Part: Sendable {
        case literal(String)
        case key
        case notice
        case uscc(Int)
    }

    /// The file name's suffix (`application`, `project-2`, …) and extension.
    let role: String
    let fileExtension: String
    let parts: [Part]

    /// `text` with every `exampleKey`, `notice` and code of `usccs` (by its index) made a slot.
    init(role: String, fileExtension: String, text: String, exampleKey: String, notice: String, usccs: [String]) {
        self.role = role
        self.fileExtension = fileExtension
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        let needles = [(exampleKey, Part.key), (notice, Part.notice)] + usccs.enumerated().map { ($0.element, Part.uscc($0.offset)) }
        while !rest.isEmpty {
            if let (needle, part) = needles.first(where: { rest.hasPrefix($0.0) }) {
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                parts.append(part)
                rest = rest.dropFirst(needle.count)
            } else {
                literal.append(rest.removeFirst())
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The document's bytes for one consortium (the notice id: 32 hex digits of the key and role).
    func render(key: String, usccs: [String]) -> [UInt8] {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let text): out += text
            case .key: out += key
            case .notice: out += SHA256.hex(Array("\(key)/\(role)".utf8)).prefix(32)
            case .uscc(let index): out += usccs[index]
            }
        }
        return Array(out.utf8)
    }

    /// The 18-character codes in `text` that are valid USCCs, in order of first appearance.
    static func usccs(in text: String) -> [String] {
        var found: [String] = []
        let characters = Array(text)
        var run = 0
        for (index, character) in characters.enumerated() {
            let isCode = character.isASCII && (character.isNumber || character.isUppercase)
            run = isCode ? run + 1 : 0
            let atEnd =
                index + 1 == characters.count
                || !(characters[index + 1].isASCII
                    && (characters[index + 1].isNumber || characters[index + 1].isUppercase))
            if run == 18, atEnd {
                let code = String(characters[(index - 17)...index])
                if USCC.problem(in: code) == nil, !found.contains(code) { found.append(code) }
            }
        }
        return found
    }
}
