import CZlibSystem

/// Extracts the few parts the reader needs, never trusting declared sizes: output is bounded by the
/// declared size (a part inflating to more is a lying size and is refused at once), by
/// `maxPartBytes` and by what is left of `maxUncompressedBytes`; the input is exactly the entry's
/// compressed bytes; the CRC-32 is always verified.
struct PartExtractor {
    let bytes: [UInt8]
    let limits: DocxLimits
    /// Bytes extracted so far, over all parts.
    private(set) var extracted = 0

    init(bytes: [UInt8], limits: DocxLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Checks that hold before anything is inflated: encryption, the sum of declared sizes and the
    /// declared compression ratio of every entry.
    static func checkDeclared(_ entries: [ZipEntry], limits: DocxLimits) throws(DocxError) {
        var total: UInt64 = 0
        for entry in entries {
            if entry.isEncrypted { throw .encryptedEntry(entry.name) }
            total = total.addingReportingOverflow(entry.uncompressedSize).partialValue
            if total < entry.uncompressedSize || total > UInt64(limits.maxUncompressedBytes) {
                throw .declaredSizeTooLarge(max(total, entry.uncompressedSize), limit: limits.maxUncompressedBytes)
            }
        }
        for entry in entries where entry.uncompressedSize > UInt64(limits.compressionRatioFloor) {
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            if ratio > UInt64(limits.maxCompressionRatio) {
                throw .compressionRatio(
                    entry.name,
                    uncompressed: entry.uncompressedSize,
                    compressed: entry.compressedSize,
                    limit: limits.maxCompressionRatio
                )
            }
        }
    }

    mutating func extract(_ entry: ZipEntry) throws(DocxError) -> [UInt8] {
        guard entry.uncompressedSize <= UInt64(limits.maxPartBytes) else {
            throw .partTooLarge(entry.name, size: entry.uncompressedSize, limit: limits.maxPartBytes)
        }
        let declared = Int(entry.uncompressedSize)
        guard declared <= limits.maxUncompressedBytes - extracted else {
            throw .uncompressedTooLarge(entry.name, limit: limits.maxUncompressedBytes)
        }
        // zlib counts in 32 bits: a larger entry is refused (maxDocxBytes/maxPartBytes are far below).
        guard entry.compressedSize < UInt64(UInt32.max), declared < Int(UInt32.max) else {
            throw .partTooLarge(entry.name, size: max(entry.compressedSize, entry.uncompressedSize), limit: Int(UInt32.max) - 1)
        }
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .sizeMismatch(
                    entry.name,
                    declared: entry.uncompressedSize,
                    zh: "但未压缩存储的数据有 \(entry.compressedSize) 字节",
                    en: "but its stored data has \(entry.compressedSize) bytes"
                )
            }
            output = Array(bytes[entry.dataRange])
        case 8:
            output = try inflate(entry, declared: declared)
        default:
            throw .unsupportedCompression(entry.name, method: Int(entry.method))
        }
        extracted += output.count
        let actual = output.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard actual == entry.crc32 else { throw .checksumMismatch(entry.name, declared: entry.crc32, actual: actual) }
        return output
    }

    /// Raw deflate of exactly the entry's compressed bytes into a buffer one byte larger than the
    /// declared size, in one `inflate` call with Z_FINISH: linear in the input, bounded in output.
    private func inflate(_ entry: ZipEntry, declared: Int) throws(DocxError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptZip("无法初始化解压", "inflate could not be initialised")
        }
        defer { inflateEnd(&stream) }
        let capacity = declared + 1
        var status: Int32 = Z_OK
        var produced = 0
        var consumed = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + entry.dataOffset)
                stream.avail_in = UInt32(entry.compressedSize)
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(capacity)
                status = finishInflate(&stream)
                produced = capacity - Int(stream.avail_out)
                consumed = Int(entry.compressedSize) - Int(stream.avail_in)
            }
            count = produced
        }
        switch status {
        case Z_STREAM_END where produced == declared && consumed == Int(entry.compressedSize):
            return output
        case Z_STREAM_END where produced != declared:
            throw .sizeMismatch(entry.name, declared: entry.uncompressedSize, zh: "实际解压得 \(produced) 字节", en: "but it inflates to \(produced) bytes")
        case Z_STREAM_END:
            throw .corruptZip(
                "条目 \(DocxError.shown(entry.name)) 的压缩数据后有多余字节",
                "entry \(DocxError.shown(entry.name)) has bytes after its compressed data"
            )
        case Z_BUF_ERROR, Z_OK:
            if produced == capacity {
                throw .sizeMismatch(entry.name, declared: entry.uncompressedSize, zh: "实际解压超过该大小（已停止）", en: "but it inflates to more (stopped)")
            }
            throw .sizeMismatch(
                entry.name,
                declared: entry.uncompressedSize,
                zh: "压缩数据在 \(produced) 字节处中断（文件被截断？）",
                en: "but its compressed data ends after \(produced) bytes (truncated?)"
            )
        default:
            throw .corruptZip(
                "条目 \(DocxError.shown(entry.name)) 的压缩数据损坏（zlib \(status)）",
                "the compressed data of entry \(DocxError.shown(entry.name)) is corrupt (zlib \(status))"
            )
        }
    }
}

/// zlib's `inflate(_, Z_FINISH)`, named apart from the method above.
private func finishInflate(_ stream: inout z_stream) -> Int32 { inflate(&stream, Z_FINISH) }
