/// The symbol fonts whose characters stand for check boxes in forms. Word saves a symbol inserted
/// from Wingdings as `w:sym` (`w:char="F0FE"`); LibreOffice and WPS save the same as text, the
/// character in the private-use area (U+F0FE) in a run whose font is Wingdings; and clerks often
/// type a plain `R` or `£` and set the font to Wingdings 2 (☑ and ☐). Each is read as the Unicode
/// character the font draws (docs/word-forms.md, "Ticks").
enum SymbolFont: Equatable {
    case wingdings, wingdings2, symbol

    /// The symbol font a `w:rFonts` names (`w:ascii`, else `w:hAnsi`, `w:eastAsia`, `w:cs`), if any.
    static func of(_ attributes: [XMLAttribute]) -> SymbolFont? {
        for key in ["ascii", "hAnsi", "eastAsia", "cs"] {
            if let name = Numbering.value(attributes, key) { return named(name) }
        }
        return nil
    }

    static func named(_ name: String) -> SymbolFont? {
        switch String(name.lowercased().filter { !$0.isWhitespace }) {
        case "wingdings": .wingdings
        case "wingdings2": .wingdings2
        case "symbol": .symbol
        default: nil
        }
    }

    /// What the font draws for one code (0x00–0xFF, or 0xF000–0xF0FF as `w:sym` and private-use
    /// text give it); nil for a code that is not a box or a tick (the caller keeps a private-use
    /// character, which no value reads as a letter).
    func glyph(_ code: UInt32) -> Character? {
        let byte = code >= 0xF000 && code <= 0xF0FF ? code - 0xF000 : code
        guard byte <= 0xFF else { return nil }
        switch (self, byte) {
        case (.wingdings, 0xFE): return "☑"
        case (.wingdings, 0xFD), (.wingdings, 0x78): return "☒"
        case (.wingdings, 0xA8), (.wingdings, 0x6F), (.wingdings, 0x71), (.wingdings, 0x72): return "☐"
        case (.wingdings, 0x6E): return "■"
        case (.wingdings, 0xFC): return "✓"
        case (.wingdings, 0xFB): return "✗"
        case (.wingdings2, 0x52): return "☑"
        case (.wingdings2, 0x53), (.wingdings2, 0x54): return "☒"
        case (.wingdings2, 0xA3): return "☐"
        case (.wingdings2, 0x50): return "✓"
        case (.wingdings2, 0x4F): return "✗"
        case (.symbol, 0xD6): return "√"
        default: return nil
        }
    }

    /// A private-use character (U+F0xx) in a run whose font is not known (or not a symbol font):
    /// the check-box codes that mean the same in Wingdings and Wingdings 2, and the two the
    /// templates' users insert most (Wingdings F0FE/F0A8, Wingdings 2 F052/F0A3).
    static func unknownFontGlyph(_ code: UInt32) -> Character? {
        switch code {
        case 0xF0FE, 0xF052: "☑"
        case 0xF0FD, 0xF054, 0xF053: "☒"
        case 0xF0A8, 0xF0A3, 0xF06F: "☐"
        default: nil
        }
    }

    /// The text of a run drawn in `font` (nil: not a symbol font): each character the font draws
    /// as a box or tick becomes that character; private-use characters outside a symbol font are
    /// read by `unknownFontGlyph`. Other Latin-1 characters in Wingdings fonts are kept as
    /// private-use characters (U+F0xx) so that no value reads a letter the clerk saw as a picture
    /// (in Symbol, only √ is translated: its digits and punctuation draw as themselves).
    static func translate(_ text: String, font: SymbolFont?) -> String {
        guard font != nil || text.unicodeScalars.contains(where: { (0xF000...0xF0FF).contains($0.value) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let font {
                if let glyph = font.glyph(value) {
                    out.append(glyph)
                } else if font != .symbol, value <= 0xFF, !scalar.properties.isWhitespace {
                    out.unicodeScalars.append(Unicode.Scalar(0xF000 + value)!)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            } else if (0xF000...0xF0FF).contains(value), let glyph = unknownFontGlyph(value) {
                out.append(glyph)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension SymbolFont {
    /// A `w:sym`: the character its font draws when it is a box or a tick; any other symbol stays
    /// a private-use character (so a cell with a box the reader does not know is unreadable and
    /// rejected, never read as if the box were not there); a symbol-font space is nothing.
    static func symbol(font: String?, char: String?) -> String {
        guard let char, let code = UInt32(char, radix: 16) else { return "" }
        // A code outside the symbol range in an ordinary font is the Unicode character itself (☑ U+2611).
        if code > 0xFF, !(0xF000...0xF0FF).contains(code), font.flatMap(named) == nil {
            return Unicode.Scalar(code).map { String(Character($0)) } ?? ""
        }
        let full = code <= 0xFF ? 0xF000 + code : code
        let glyph = font.flatMap(named).map { $0.glyph(full) } ?? unknownFontGlyph(full)
        if let glyph { return String(glyph) }
        guard (0xF000...0xF0FF).contains(full), full != 0xF020, full != 0xF0A0, let scalar = Unicode.Scalar(full) else { return "" }
        return String(Character(scalar))
    }
}
