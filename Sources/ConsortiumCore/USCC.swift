/// A 统一社会信用代码 (unified social credit code, GB 32100-2015), validated.
public struct USCC: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters of the code.
    public let value: String

    /// The code's character set, in value order (0–30): no I, O, S, V or Z.
    static let charset: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// The weights of the first 17 characters (3^i mod 31).
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// The 1-based positions of the administrative division code.
    static let divisionPositions = 3...8

    /// A validated code, or nil when `problem(in:)` finds a problem.
    public init?(_ text: String) {
        guard USCC.problem(in: text) == nil else { return nil }
        value = text
    }

    /// The first problem found in `text` (length, then characters left to right, then the
    /// check character), or nil when it is a valid code.
    public static func problem(in text: String) -> USCCProblem? {
        if isValidASCII(text) { return nil }
        let characters = Array(text)
        guard characters.count == 18 else { return .length(characters.count) }
        var values: [Int] = []
        for (index, character) in characters.enumerated() {
            let position = index + 1
            let isDivision = divisionPositions.contains(position)
            guard let value = charset.firstIndex(of: character), !isDivision || value < 10 else {
                return .character(position: position, found: character)
            }
            values.append(value)
        }
        let expected = check(values.prefix(17))
        return expected == characters[17]
            ? nil : .checkCharacter(expected: expected, found: characters[17])
    }

    /// `charset`'s value of each ASCII byte, -1 for bytes outside it.
    private static let asciiValues: [Int8] = (0..<128).map { byte in
        charset.firstIndex(of: Character(Unicode.Scalar(UInt8(byte)))).map { Int8($0) } ?? -1
    }

    /// Whether `text` is a valid code, decided on its bytes (the start-up path decodes every
    /// archived code): true only when all 18 bytes are in the character set, so the text is the
    /// same 18 characters `problem(in:)` looks at; anything else is left to it to name the problem.
    private static func isValidASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == 18 else { return false }
        var sum = 0
        var index = 0
        for byte in utf8 {
            guard byte < 0x80 else { return false }
            let value = Int(asciiValues[Int(byte)])
            guard value >= 0, !divisionPositions.contains(index + 1) || value < 10 else { return false }
            if index == 17 { return (31 - sum % 31) % 31 == value }
            sum += value * weights[index]
            index += 1
        }
        return false
    }

    /// The check character for the first 17 characters of a code, or nil when `first17` is
    /// not 17 characters of the character set.
    public static func checkCharacter(for first17: String) -> Character? {
        let values = first17.map { charset.firstIndex(of: $0) }
        guard values.count == 17, !values.contains(nil) else { return nil }
        return check(values.compactMap { $0 })
    }

    /// The check character for the values of the first 17 characters.
    private static func check(_ values: some Sequence<Int>) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return charset[(31 - sum % 31) % 31]
    }

    /// Characters 3–8: the 6-digit administrative division code of the registering authority.
    public var divisionCode: String {
        // A valid code is 18 characters of `charset`, each one ASCII byte.
        String(decoding: value.utf8.dropFirst(2).prefix(6), as: UTF8.self)
    }

    /// Whether the division code is in Liuzhou (starts `4502`, historical codes included).
    public var isLiuzhou: Bool {
        divisionCode.hasPrefix("4502")
    }

    /// The code itself.
    public var description: String { value }
}
