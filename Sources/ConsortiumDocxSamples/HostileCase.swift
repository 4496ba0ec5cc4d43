import ConsortiumDocx

/// One hostile input and the rejection it must get.
public struct HostileCase: Sendable {
    public var name: String
    public var expected: DocxError.Code
    /// Builds the input (some are large: built on demand, one at a time).
    public var build: @Sendable () -> [UInt8]

    public init(_ name: String, _ expected: DocxError.Code, _ build: @escaping @Sendable () -> [UInt8]) {
        self.name = name
        self.expected = expected
        self.build = build
    }
}
