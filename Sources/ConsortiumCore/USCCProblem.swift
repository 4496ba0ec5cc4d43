/// Why a text is not a valid 统一社会信用代码 (positions are 1-based).
public enum USCCProblem: Equatable, Sendable {
    /// The text has this many characters instead of 18.
    case length(Int)
    /// The character at `position` is not allowed there (outside the character set, or not a
    /// digit in the division code, characters 3–8).
    case character(position: Int, found: Character)
    /// The 18th character is not the check character of the first 17.
    case checkCharacter(expected: Character, found: Character)

    /// The problem in Chinese and English, for a rejection reason.
    public var reason: (zh: String, en: String) {
        switch self {
        case .length(let n):
            ("应为 18 位，实际 \(n) 位", "it must have 18 characters, found \(n)")
        case .character(let position, let found):
            ("第 \(position) 位字符 `\(found)` 不允许", "character `\(found)` at position \(position) is not allowed")
        case .checkCharacter(let expected, let found):
            ("校验码应为 `\(expected)`，实际为 `\(found)`", "the check character should be `\(expected)`, found `\(found)`")
        }
    }
}
