import CZlibSystem

/// A small hand-written ZIP writer for test and benchmark inputs: local headers, data, central
/// directory and end record, with every field open to tampering (names that no ZIP library would
/// write, flags, declared sizes, CRCs). Not used to read anything.
public struct ZipWriter {
    public struct Entry {
        public var name: [UInt8]
        /// The bytes stored in the file (already deflated when `method` is 8).
        public var data: [UInt8]
        public var method: UInt16
        public var crc32: UInt32
        /// The declared uncompressed size (may lie).
        public var uncompressedSize: UInt32
        public var flags: UInt16 = 0x0800
        /// A different name in the local header (nil: the same as the central directory's).
        public var localName: [UInt8]?
        /// A different local header offset in the central directory (nil: the real one).
        public var localHeaderOffset: UInt32?
        /// Listed in the central directory only (no local header or data of its own): with
        /// `localHeaderOffset`, it points into another entry.
        public var centralOnly = false
    }

    public var entries: [Entry] = []
    public init() {}

    /// Adds `content`, deflated (or stored), with its true size and CRC.
    public mutating func add(_ name: String, _ content: [UInt8], deflate: Bool = true) {
        add(name: Array(name.utf8), content, deflate: deflate)
    }

    public mutating func add(name: [UInt8], _ content: [UInt8], deflate: Bool = true) {
        entries.append(
            Entry(
                name: name,
                data: deflate ? Self.deflate(content) : content,
                method: deflate ? 8 : 0,
                crc32: Self.crc32(content),
                uncompressedSize: UInt32(content.count)
            )
        )
    }

    /// The file; with `zip64End` the end record's fields are all ones and a ZIP64 end record and
    /// locator carry the real values (as writers do for large archives).
    public func bytes(comment: [UInt8] = [], zip64End: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        var offsets: [UInt32] = []
        for entry in entries {
            offsets.append(UInt32(out.count))
            if entry.centralOnly { continue }
            let name = entry.localName ?? entry.name
            // With general purpose bit 3 (a streaming writer) the sizes and CRC follow the data in a descriptor.
            let descriptor = entry.flags & 0x0008 != 0
            out.le32(0x0403_4B50)
            out.le16(20)
            out.le16(entry.flags)
            out.le16(entry.method)
            out.le16(0)
            out.le16(0x21)  // time, date (1980-01-01)
            out.le32(descriptor ? 0 : entry.crc32)
            out.le32(descriptor ? 0 : UInt32(entry.data.count))
            out.le32(descriptor ? 0 : entry.uncompressedSize)
            out.le16(UInt16(name.count))
            out.le16(0)
            out += name
            out += entry.data
            if descriptor {
                out.le32(0x0807_4B50)
                out.le32(entry.crc32)
                out.le32(UInt32(entry.data.count))
                out.le32(entry.uncompressedSize)
            }
        }
        let directoryOffset = out.count
        for (entry, offset) in zip(entries, offsets) {
            out.le32(0x0201_4B50)
            out.le16(0x031E)
            out.le16(20)
            out.le16(entry.flags)
            out.le16(entry.method)
            out.le16(0)
            out.le16(0x21)
            out.le32(entry.crc32)
            out.le32(UInt32(entry.data.count))
            out.le32(entry.uncompressedSize)
            out.le16(UInt16(entry.name.count))
            out.le16(0)
            out.le16(0)
            out.le16(0)
            out.le16(0)
            out.le32(0o100644 << 16)
            out.le32(entry.localHeaderOffset ?? offset)
            out += entry.name
        }
        let directorySize = out.count - directoryOffset
        if zip64End {
            let record = out.count
            out.le32(0x0606_4B50)
            out.le64(44)
            out.le16(45)
            out.le16(45)
            out.le32(0)
            out.le32(0)
            out.le64(UInt64(entries.count))
            out.le64(UInt64(entries.count))
            out.le64(UInt64(directorySize))
            out.le64(UInt64(directoryOffset))
            out.le32(0x0706_4B50)
            out.le32(0)
            out.le64(UInt64(record))
            out.le32(1)
        }
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(zip64End ? 0xFFFF : UInt16(entries.count))
        out.le16(zip64End ? 0xFFFF : UInt16(entries.count))
        out.le32(zip64End ? 0xFFFF_FFFF : UInt32(directorySize))
        out.le32(zip64End ? 0xFFFF_FFFF : UInt32(directoryOffset))
        out.le16(UInt16(comment.count))
        out += comment
        return out
    }

    // MARK: - zlib

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CZlibSystem.crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    /// Raw deflate of `bytes`.
    public static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        deflateStream(chunks: 1) { _ in
            bytes
        } output: {
            output += $0
        }
        return output
    }

    /// Raw deflate of `count` zero bytes, streamed in 1 MiB chunks so that the zeros are never all
    /// in memory; returns the compressed bytes and the CRC-32 of the zeros.
    public static func deflateZeros(count: Int) -> (data: [UInt8], crc32: UInt32) {
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        var output: [UInt8] = []
        var crc: UInt = 0
        var remaining = count
        let chunks = (count + chunk.count - 1) / chunk.count
        deflateStream(chunks: chunks) { _ in
            let part = Array(chunk.prefix(min(remaining, chunk.count)))
            remaining -= part.count
            crc = part.withUnsafeBufferPointer { CZlibSystem.crc32(crc, $0.baseAddress, UInt32($0.count)) }
            return part
        } output: {
            output += $0
        }
        return (output, UInt32(crc))
    }

    /// Deflates the chunks `input(0..<chunks)` into one raw stream that ends after the last chunk.
    static func deflateStream(chunks: Int, input: (Int) -> [UInt8], output: ([UInt8]) -> Void) {
        var stream = z_stream()
        _ = deflateInit2_(
            &stream,
            Z_BEST_COMPRESSION,
            Z_DEFLATED,
            -MAX_WBITS,
            9,
            Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        defer { deflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for index in 0..<max(chunks, 1) {
            var data = index < chunks ? input(index) : []
            let flush = index >= chunks - 1 ? Z_FINISH : Z_NO_FLUSH
            data.withUnsafeMutableBufferPointer { inBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                repeat {
                    let written = buffer.withUnsafeMutableBufferPointer { outBuffer -> Int in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = UInt32(outBuffer.count)
                        _ = CZlibSystem.deflate(&stream, flush)
                        return outBuffer.count - Int(stream.avail_out)
                    }
                    output(Array(buffer.prefix(written)))
                } while stream.avail_out == 0
            }
        }
    }
}

extension [UInt8] {
    mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }
    mutating func le32(_ value: UInt32) {
        le16(UInt16(value & 0xFFFF))
        le16(UInt16(value >> 16))
    }
    mutating func le64(_ value: UInt64) {
        le32(UInt32(value & 0xFFFF_FFFF))
        le32(UInt32(value >> 32))
    }
}
