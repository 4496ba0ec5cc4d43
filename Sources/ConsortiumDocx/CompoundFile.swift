/// OLE compound files (CFB): an old binary .doc, or an OOXML package encrypted with a password
/// (Word stores those as a compound file with `EncryptionInfo` and `EncryptedPackage` streams).
enum CompoundFile {
    static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func isCompound(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// Whether the directory names the encryption streams. Directory entry names are UTF-16LE; a
    /// linear search for both names is cheap and enough to tell the two cases apart.
    static func isEncryptedPackage(_ bytes: [UInt8]) -> Bool {
        contains(bytes, utf16: "EncryptionInfo") && contains(bytes, utf16: "EncryptedPackage")
    }

    static func contains(_ bytes: [UInt8], utf16 text: String) -> Bool {
        let needle = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        guard bytes.count >= needle.count else { return false }
        var i = 0
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
