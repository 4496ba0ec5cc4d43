/// Why a text is not a valid 统一社会信用代码 (positions are 1-based).
public enum USCCProblem: Equatable, Sendable {
    /// The text has this many characters instead of 18.
    case length(Int)
    /// The character at `position` is not allowed there (outside the character set, or not a
    /// digit in the division code, characters 3–8).
    case character(position: Int, found: Character)
    /// The 18th character is not the check character of the first 17.
    case checkCharacter(expected: Character, found: Character)
}
