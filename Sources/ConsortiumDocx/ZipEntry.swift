/// One entry of the central directory, after its local header was checked against it.
struct ZipEntry: Sendable {
    var name: String
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// Where the entry's (compressed) data starts in the file; set once the local header is read.
    var dataOffset: Int = 0

    var isDirectory: Bool { name.hasSuffix("/") }
    /// General purpose bit 0 (traditional encryption) or bit 6 (strong encryption), or method 99 (AES).
    var isEncrypted: Bool { flags & 0x0001 != 0 || flags & 0x0040 != 0 || method == 99 }
    var dataRange: Range<Int> { dataOffset..<(dataOffset + Int(compressedSize)) }
}
