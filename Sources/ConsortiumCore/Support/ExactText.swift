/// A String compared and hashed by its UTF-8 bytes, not by canonical equivalence as String is:
/// the key of an interning table that must hand back the very bytes it was given (two texts that
/// differ only in Unicode normalisation, e.g. a CJK compatibility ideograph, stay two).
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool {
        a.text.utf8.count == b.text.utf8.count && a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text  // shares the storage; `withUTF8` copies only a text not stored as UTF-8
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
