/// Word's automatic numbering (`word/numbering.xml`) and the paragraph and character styles it is
/// reached through (`word/styles.xml`), enough to give a numbered paragraph the label Word shows
/// before it (`二、`, `（三）`, `1.`): a heading such as 二、技术创新目标 typed with automatic
/// numbering has no number in the document's own text (docs/word-forms.md, "Headings").
/// Elements are matched by local name, so any prefix bound to the WordprocessingML namespace reads.
struct Numbering {
    struct Level: Equatable {
        var format = "decimal"
        var text = ""
        var start = 1
        var suffix = "\t"
    }

    struct Instance {
        var abstract: String
        /// `w:lvlOverride/w:startOverride` by level: this instance restarts its own counters.
        var starts: [Int: Int] = [:]
        /// `w:lvlOverride/w:lvl`: a level redefined for this instance.
        var levels: [Int: Level] = [:]
    }

    /// What a style contributes: its numbering, a symbol font, hidden text, and what it is based on.
    struct Style {
        var numID: String?
        var level: Int?
        var basedOn: String?
        var font: SymbolFont?
        var hidden: Bool?
    }

    static let maxLevels = 9
    /// The longest `w:lvlText` kept (Word's own limit is of this order).
    static let maxLevelText = 64
    /// Bounds the `w:basedOn` chain followed (a cycle or a very deep chain stops there).
    static let maxStyleChain = 16

    private(set) var abstracts: [String: [Int: Level]] = [:]
    private(set) var instances: [String: Instance] = [:]
    private(set) var styles: [String: Style] = [:]
    private(set) var defaultParagraphStyle: String?
    /// Counters by list (the abstract numbering, or the instance when it restarts): one per level.
    private var counters: [String: [Int?]] = [:]

    init() {}

    // MARK: - Reading the parts

    static func read(numbering: [UInt8]?, styles: [UInt8]?, limits: DocxLimits) throws(DocxError) -> Numbering {
        var result = Numbering()
        if let numbering { try result.readNumbering(numbering, limits: limits) }
        if let styles { try result.readStyles(styles, limits: limits) }
        return result
    }

    static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    static func value(_ attributes: [XMLAttribute], _ local: String) -> String? {
        attributes.first { Self.local($0.name) == local }?.value
    }

    /// Counters start and run within this range (a hostile `w:start` cannot overflow a counter
    /// or ask for a label of millions of letters).
    static let maxCounter = 100_000

    /// A `w:val` number, clamped to 0…`maxCounter`.
    static func number(_ attributes: [XMLAttribute]) -> Int? {
        value(attributes, "val").flatMap { Int($0) }.map { min(max($0, 0), maxCounter) }
    }

    /// `w:val` of an on/off property: absent or anything but 0/false/off is on.
    static func isOn(_ attributes: [XMLAttribute]) -> Bool {
        guard let value = value(attributes, "val") else { return true }
        return !["0", "false", "off"].contains(value)
    }

    private mutating func readNumbering(_ bytes: [UInt8], limits: DocxLimits) throws(DocxError) {
        var xml = try XMLTokenizer(bytes, part: "word/numbering.xml", limits: limits)
        var path: [Substring] = []
        var abstract: String?
        var instance: String?
        var level: Int?
        var override: Int?
        var current = Level()
        while let event = try xml.next() {
            switch event {
            case .start(let name, let attributes):
                let element = Self.local(name)
                path.append(element)
                switch element {
                case "abstractNum" where path.count == 2:
                    abstract = Self.value(attributes, "abstractNumId")
                case "num" where path.count == 2:
                    instance = Self.value(attributes, "numId")
                    if let instance { instances[instance] = Instance(abstract: "") }
                case "abstractNumId" where instance != nil && path.count == 3:
                    instances[instance!]?.abstract = Self.value(attributes, "val") ?? ""
                case "lvlOverride" where instance != nil:
                    override = Self.value(attributes, "ilvl").flatMap { Int($0) }
                case "startOverride" where instance != nil:
                    if let override, let start = Self.number(attributes) { instances[instance!]?.starts[override] = start }
                case "lvl":
                    level = Self.value(attributes, "ilvl").flatMap { Int($0) }
                    current = Level()
                case "start" where level != nil:
                    current.start = Self.number(attributes) ?? 1
                case "numFmt" where level != nil:
                    current.format = Self.value(attributes, "val") ?? "decimal"
                case "lvlText" where level != nil:
                    // Word allows a short level text; a long one would be copied before every paragraph.
                    current.text = String((Self.value(attributes, "val") ?? "").prefix(Self.maxLevelText))
                case "suff" where level != nil:
                    current.suffix = ["space": " ", "nothing": ""][Self.value(attributes, "val") ?? "tab"] ?? "\t"
                default:
                    break
                }
            case .end:
                let element = path.removeLast()
                switch element {
                case "lvl":
                    if let l = level, (0..<Self.maxLevels).contains(l) {
                        if let instance, override != nil {
                            instances[instance]?.levels[l] = current
                        } else if let abstract {
                            abstracts[abstract, default: [:]][l] = current
                        }
                    }
                    level = nil
                case "abstractNum" where path.count == 1: abstract = nil
                case "num" where path.count == 1: instance = nil
                case "lvlOverride": override = nil
                default: break
                }
            case .text:
                break
            }
        }
    }

    private mutating func readStyles(_ bytes: [UInt8], limits: DocxLimits) throws(DocxError) {
        var xml = try XMLTokenizer(bytes, part: "word/styles.xml", limits: limits)
        var path: [Substring] = []
        var id: String?
        var style = Style()
        while let event = try xml.next() {
            switch event {
            case .start(let name, let attributes):
                let element = Self.local(name)
                path.append(element)
                guard id != nil || (element == "style" && path.count == 2) else { continue }
                switch element {
                case "style":
                    id = Self.value(attributes, "styleId") ?? ""
                    style = Style()
                    if Self.value(attributes, "type") == "paragraph",
                        Self.value(attributes, "default").map({ ["1", "true", "on"].contains($0) }) == true
                    {
                        defaultParagraphStyle = id
                    }
                case "basedOn": style.basedOn = Self.value(attributes, "val")
                case "numId": style.numID = Self.value(attributes, "val")
                case "ilvl": style.level = Self.value(attributes, "val").flatMap { Int($0) }
                case "rFonts": style.font = SymbolFont.of(attributes)
                case "vanish": style.hidden = Self.isOn(attributes)
                default: break
                }
            case .end:
                let element = path.removeLast()
                if element == "style", path.count == 1, let done = id {
                    styles[done] = style
                    id = nil
                }
            case .text:
                break
            }
        }
    }

    // MARK: - Styles

    /// A style's property, followed up its `w:basedOn` chain.
    func inherited<T>(_ styleID: String?, _ property: (Style) -> T?) -> T? {
        var id = styleID
        var steps = 0
        while let current = id, let style = styles[current], steps < Self.maxStyleChain {
            if let value = property(style) { return value }
            id = style.basedOn
            steps += 1
        }
        return nil
    }

    // MARK: - Labels

    /// The label of the next paragraph of list `numID` at `level` (advancing its counters): the
    /// level's `w:lvlText` with each `%n` replaced, then its suffix; "" for bullets, `none`, numId 0
    /// or an unknown list.
    mutating func label(numID: String, level: Int) -> String {
        guard numID != "0", let instance = instances[numID], (0..<Self.maxLevels).contains(level) else { return "" }
        let key = instance.starts.isEmpty ? "a" + instance.abstract : "n" + numID
        func definition(_ l: Int) -> Level? { instance.levels[l] ?? abstracts[instance.abstract]?[l] }
        func start(_ l: Int) -> Int { instance.starts[l] ?? definition(l)?.start ?? 1 }
        guard let current = definition(level) else { return "" }
        var counts = counters[key] ?? Array(repeating: nil, count: Self.maxLevels)
        counts[level] = counts[level].map { min($0 + 1, Self.maxCounter) } ?? start(level)
        for deeper in (level + 1)..<Self.maxLevels { counts[deeper] = nil }
        counters[key] = counts
        guard current.format != "bullet", current.format != "none" else { return "" }
        var out = ""
        let chars = Array(current.text)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 1 < chars.count, let n = chars[i + 1].wholeNumberValue, (1...Self.maxLevels).contains(n) {
                let l = n - 1
                let format = definition(l)?.format ?? "decimal"
                out += Self.format(counts[l] ?? start(l), format)
                i += 2
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out.isEmpty ? "" : out + current.suffix
    }

    static let chineseDigits = Array("零一二三四五六七八九")

    /// A counter in a `w:numFmt`; an unknown format is decimal.
    static func format(_ n: Int, _ format: String) -> String {
        switch format {
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital":
            return chinese(n)
        case "chineseLegalSimplified":
            return chinese(n).map { legal[$0] ?? $0 }.reduce(into: "") { $0.append($1) }
        case "ideographTraditional":
            return (1...10).contains(n) ? String(Array("甲乙丙丁戊己庚辛壬癸")[n - 1]) : String(n)
        case "ideographZodiac":
            return (1...12).contains(n) ? String(Array("子丑寅卯辰巳午未申酉戌亥")[n - 1]) : String(n)
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            return (1...20).contains(n) ? String(Unicode.Scalar(0x2460 + UInt32(n - 1))!) : String(n)
        case "decimalEnclosedParen":
            return (1...20).contains(n) ? String(Unicode.Scalar(0x2474 + UInt32(n - 1))!) : "(\(n))"
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) })
        case "decimalZero":
            return n < 10 ? "0\(n)" : String(n)
        case "upperLetter", "lowerLetter":
            guard n >= 1, n <= 26 * 20 else { return String(n) }
            let letter = Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
            let text = String(repeating: letter, count: (n - 1) / 26 + 1)
            return format == "upperLetter" ? text : text.lowercased()
        case "upperRoman", "lowerRoman":
            let text = roman(n)
            return format == "upperRoman" ? text : text.lowercased()
        default:
            return String(n)
        }
    }

    static let legal: [Character: Character] = [
        "零": "零", "一": "壹", "二": "贰", "三": "叁", "四": "肆", "五": "伍", "六": "陆",
        "七": "柒", "八": "捌", "九": "玖", "十": "拾", "百": "佰", "千": "仟",
    ]

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (below 10,000; larger as digits).
    static func chinese(_ n: Int) -> String {
        guard n > 0, n < 10_000 else { return String(n) }
        let units: [(Int, String)] = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        var out = ""
        var zero = false
        for (unit, name) in units {
            let digit = n / unit % 10
            if digit == 0 {
                if !out.isEmpty { zero = true }
                continue
            }
            if zero {
                out += "零"
                zero = false
            }
            if !(unit == 10 && digit == 1 && out.isEmpty) { out.append(chineseDigits[digit]) }
            out += name
        }
        return out
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = n
        var out = ""
        for (value, text) in table {
            while rest >= value {
                out += text
                rest -= value
            }
        }
        return out
    }
}
