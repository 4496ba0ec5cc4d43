/// Why a file was rejected: every field error found (at least one), and the encoding the file
/// was read in when it got that far.
public struct DocumentRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [DocumentError]
    public var encoding: DocumentEncoding?

    public init(errors: [DocumentError], encoding: DocumentEncoding? = nil) {
        precondition(!errors.isEmpty, "a rejection carries at least one error")
        self.errors = errors
        self.encoding = encoding
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
