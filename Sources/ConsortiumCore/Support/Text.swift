extension String {
    /// Empty or only white space (full-width spaces included).
    var isBlank: Bool {
        // A Character is white space when its first scalar is: a first scalar that is not decides
        // at once (most texts), without walking the grapheme clusters.
        if let first = unicodeScalars.first, !first.properties.isWhitespace { return false }
        return allSatisfy(\.isWhitespace)
    }
    var trimmingWhitespace: String {
        if let first, let last, !first.isWhitespace, !last.isWhitespace { return self }
        return String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// Money as operators read it: yuan with 亿/万 units.
enum Money {
    static func text(_ yuan: Int) -> String {
        if yuan >= 100_000_000, yuan % 1_000_000 == 0 { return Rational(yuan, 100_000_000).description + "亿元" }
        if yuan >= 10_000, yuan % 100 == 0 { return Rational(yuan, 10_000).description + "万元" }
        return "\(yuan)元"
    }
}

extension Optional where Wrapped == String {
    /// An approval reference that counts: present and not blank (decisions 14: a blank
    /// `approval: ""` is no reference).
    var isApprovalReference: Bool { map { !$0.isBlank } ?? false }
}
