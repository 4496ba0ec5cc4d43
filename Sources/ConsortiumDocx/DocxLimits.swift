/// Bounds on the work and memory one .docx may cost (documents.md, "Word forms (.docx)").
public struct DocxLimits: Sendable, Equatable {
    /// The file itself (config `maxDocxBytes`).
    public var maxDocxBytes: Int
    /// Declared uncompressed sizes of all entries together, and the bytes actually extracted.
    public var maxUncompressedBytes: Int
    /// One extracted XML part.
    public var maxPartBytes: Int
    /// Entries in the ZIP central directory.
    public var maxEntries: Int
    /// Elements in one XML part.
    public var maxXMLElements: Int
    /// Nesting depth of elements in one XML part.
    public var maxXMLDepth: Int
    /// Uncompressed / compressed size of one entry, checked for entries over `compressionRatioFloor`.
    public var maxCompressionRatio: Int
    /// Entries whose declared uncompressed size is at most this are not ratio-checked.
    public var compressionRatioFloor: Int

    public init(
        maxDocxBytes: Int = 20 << 20,
        maxUncompressedBytes: Int = 100 << 20,
        maxPartBytes: Int = 32 << 20,
        maxEntries: Int = 2_000,
        maxXMLElements: Int = 2_000_000,
        maxXMLDepth: Int = 256,
        maxCompressionRatio: Int = 500,
        compressionRatioFloor: Int = 1 << 20
    ) {
        self.maxDocxBytes = maxDocxBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxPartBytes = maxPartBytes
        self.maxEntries = maxEntries
        self.maxXMLElements = maxXMLElements
        self.maxXMLDepth = maxXMLDepth
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioFloor = compressionRatioFloor
    }

    public static let `default` = DocxLimits()
}
