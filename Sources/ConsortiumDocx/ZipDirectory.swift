/// A strict reader of a ZIP file's structure held in memory: the end-of-central-directory record
/// (ZIP64 too), every central directory entry and its local header. Every offset and length is
/// checked against the file before it is used; names are validated, never "sanitized".
///
/// ZIPFoundation's `Archive(data:accessMode:)` is not used for reading untrusted bytes: on Linux
/// (0.9.20) its in-memory file traps on a header offset past the end of the data, and its inflate
/// loop reads past an entry's compressed size and spins forever on a stream that does not end
/// (docs/reliability.md, "Word files").
struct ZipDirectory {
    var entries: [ZipEntry]

    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50

    static func read(_ bytes: [UInt8], limits: DocxLimits) throws(DocxError) -> ZipDirectory {
        let file = LittleEndianBytes(bytes: bytes)
        let end = try endRecord(file)
        guard end.count <= UInt64(limits.maxEntries) else { throw .tooManyEntries(Int(clamping: end.count), limit: limits.maxEntries) }
        // Each central directory record has at least 46 bytes.
        guard end.directoryOffset <= UInt64(end.directoryLimit), end.directorySize <= UInt64(end.directoryLimit) - end.directoryOffset,
            end.count * 46 <= end.directorySize
        else {
            throw .corruptZip("中央目录超出文件范围", "the central directory lies outside the file")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(end.count))
        var position = Int(end.directoryOffset)
        let directoryEnd = position + Int(end.directorySize)
        for index in 0..<Int(end.count) {
            let (entry, next) = try centralEntry(file, at: position, limit: directoryEnd, index: index)
            entries.append(entry)
            position = next
        }
        guard position == directoryEnd else {
            throw .corruptZip("中央目录长度与条目不符", "the central directory's size does not match its entries")
        }
        try checkNames(entries)
        try locateData(&entries, file: file, directoryOffset: Int(end.directoryOffset))
        return ZipDirectory(entries: entries)
    }

    func entry(named name: String) -> ZipEntry? { entries.first { $0.name == name } }

    // MARK: - End of central directory

    private struct EndRecord {
        var count: UInt64
        var directorySize: UInt64
        var directoryOffset: UInt64
        /// The central directory must end before this offset (the ZIP64 record or the end record).
        var directoryLimit: Int
    }

    private static func endRecord(_ file: LittleEndianBytes) throws(DocxError) -> EndRecord {
        let count = file.bytes.count
        guard count >= 22 else { throw .corruptZip("文件过短，缺少目录结束记录（文件被截断？）", "too short for an end of central directory record (truncated?)") }
        // The record is the last 22 bytes plus its comment (at most 65,535 bytes); it must end the file exactly.
        var offset = count - 22
        var found: Int?
        while offset >= max(0, count - 22 - 0xFFFF) {
            if file.u32(offset) == endSignature, let commentLength = file.u16(offset + 20), offset + 22 + Int(commentLength) == count {
                found = offset
                break
            }
            offset -= 1
        }
        guard let eocd = found else {
            throw .corruptZip("找不到目录结束记录（文件被截断？）", "no end of central directory record (truncated?)")
        }
        guard file.u16(eocd + 4) == 0, file.u16(eocd + 6) == 0, file.u16(eocd + 8) == file.u16(eocd + 10) else {
            throw .corruptZip("分卷 ZIP 不受支持", "multi-disk ZIP files are not supported")
        }
        var record = EndRecord(
            count: UInt64(file.u16(eocd + 10)!),
            directorySize: UInt64(file.u32(eocd + 12)!),
            directoryOffset: UInt64(file.u32(eocd + 16)!),
            directoryLimit: eocd
        )
        if record.count == 0xFFFF || record.directorySize == 0xFFFF_FFFF || record.directoryOffset == 0xFFFF_FFFF {
            try readZip64(file, eocd: eocd, into: &record)
        }
        return record
    }

    private static func readZip64(_ file: LittleEndianBytes, eocd: Int, into record: inout EndRecord) throws(DocxError) {
        let locator = eocd - 20
        guard locator >= 0, file.u32(locator) == zip64LocatorSignature, file.u32(locator + 4) == 0,
            let recordOffset = file.u64(locator + 8), file.u32(locator + 16) == 1,
            recordOffset <= UInt64(locator), file.u32(Int(recordOffset)) == zip64EndSignature
        else {
            throw .corruptZip("ZIP64 目录结束记录缺失或无效", "the ZIP64 end of central directory record is missing or invalid")
        }
        let at = Int(recordOffset)
        guard file.u32(at + 16) == 0, file.u32(at + 20) == 0, let onDisk = file.u64(at + 24), let total = file.u64(at + 32),
            onDisk == total, let size = file.u64(at + 40), let offset = file.u64(at + 48)
        else {
            throw .corruptZip("ZIP64 目录结束记录无效", "the ZIP64 end of central directory record is invalid")
        }
        record = EndRecord(count: total, directorySize: size, directoryOffset: offset, directoryLimit: at)
    }

    // MARK: - Central directory entries

    private static func centralEntry(_ file: LittleEndianBytes, at position: Int, limit: Int, index: Int) throws(DocxError) -> (ZipEntry, Int) {
        guard position + 46 <= limit, file.u32(position) == centralHeaderSignature,
            let flags = file.u16(position + 8), let method = file.u16(position + 10),
            let crc = file.u32(position + 16), let compressed = file.u32(position + 20),
            let uncompressed = file.u32(position + 24), let nameLength = file.u16(position + 28),
            let extraLength = file.u16(position + 30), let commentLength = file.u16(position + 32),
            let disk = file.u16(position + 34), let localOffset = file.u32(position + 42)
        else {
            throw .corruptZip("第 \(index + 1) 个中央目录条目无效", "central directory entry \(index + 1) is invalid")
        }
        let next = position + 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        guard next <= limit, let nameBytes = file.slice(position + 46, Int(nameLength)),
            let extra = file.slice(position + 46 + Int(nameLength), Int(extraLength))
        else {
            throw .corruptZip("第 \(index + 1) 个中央目录条目超出目录范围", "central directory entry \(index + 1) runs past the directory")
        }
        let name = try entryName(nameBytes)
        var entry = ZipEntry(
            name: name,
            flags: flags,
            method: method,
            crc32: crc,
            compressedSize: UInt64(compressed),
            uncompressedSize: UInt64(uncompressed),
            localHeaderOffset: UInt64(localOffset)
        )
        var diskNumber = UInt32(disk)
        if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF || disk == 0xFFFF {
            guard applyZip64(extra, to: &entry, disk: &diskNumber) else {
                throw .corruptZip("条目 \(DocxError.shown(name)) 的 ZIP64 扩展字段无效", "the ZIP64 extra field of entry \(DocxError.shown(name)) is invalid")
            }
        }
        guard diskNumber == 0 else { throw .corruptZip("分卷 ZIP 不受支持", "multi-disk ZIP files are not supported") }
        return (entry, next)
    }

    /// ZIP64 extended information (header 0x0001): the 64-bit values, in order, for the fields that are all ones.
    private static func applyZip64(_ extra: ArraySlice<UInt8>, to entry: inout ZipEntry, disk: inout UInt32) -> Bool {
        let fields = LittleEndianBytes(bytes: Array(extra))
        var at = 0
        while let id = fields.u16(at), let size = fields.u16(at + 2) {
            let body = at + 4
            guard body + Int(size) <= fields.bytes.count else { return false }
            if id == 0x0001 {
                var cursor = body
                func next() -> UInt64? {
                    guard cursor + 8 <= body + Int(size), let value = fields.u64(cursor) else { return nil }
                    cursor += 8
                    return value
                }
                if entry.uncompressedSize == 0xFFFF_FFFF {
                    guard let v = next() else { return false }
                    entry.uncompressedSize = v
                }
                if entry.compressedSize == 0xFFFF_FFFF {
                    guard let v = next() else { return false }
                    entry.compressedSize = v
                }
                if entry.localHeaderOffset == 0xFFFF_FFFF {
                    guard let v = next() else { return false }
                    entry.localHeaderOffset = v
                }
                if disk == 0xFFFF {
                    guard cursor + 4 <= body + Int(size), let value = fields.u32(cursor) else { return false }
                    disk = value
                }
                return true
            }
            at = body + Int(size)
        }
        return false
    }

    /// UTF-8 names only (bit 11 or plain ASCII are both UTF-8); anything else is refused, not guessed.
    private static func entryName(_ bytes: ArraySlice<UInt8>) throws(DocxError) -> String {
        guard let name = String(validating: bytes, as: UTF8.self) else {
            let shown = bytes.prefix(80).map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : "%" + String($0, radix: 16, uppercase: true) }
                .joined()
            throw .unsafeEntryName(shown, zh: "不是 UTF-8 编码", en: "not UTF-8")
        }
        return name
    }

    // MARK: - Names

    private static func checkNames(_ entries: [ZipEntry]) throws(DocxError) {
        var seen = Set<String>()
        seen.reserveCapacity(entries.count)
        for entry in entries {
            try checkName(entry.name)
            guard seen.insert(asciiLowercased(entry.name)).inserted else { throw .duplicateEntry(entry.name) }
        }
    }

    static func checkName(_ name: String) throws(DocxError) {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { throw .unsafeEntryName(name, zh: "名称为空", en: "empty name") }
        if bytes.contains(0) { throw .unsafeEntryName(name, zh: "含 NUL 字符", en: "contains NUL") }
        if bytes.contains(UInt8(ascii: "\\")) { throw .unsafeEntryName(name, zh: "含反斜杠", en: "contains a backslash") }
        if bytes[0] == UInt8(ascii: "/") { throw .unsafeEntryName(name, zh: "是绝对路径", en: "an absolute path") }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), (bytes[0] | 0x20) >= UInt8(ascii: "a"), (bytes[0] | 0x20) <= UInt8(ascii: "z") {
            throw .unsafeEntryName(name, zh: "含盘符", en: "has a drive letter")
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            throw .unsafeEntryName(name, zh: "含 `..` 路径段", en: "has a `..` segment")
        }
    }

    static func asciiLowercased(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    // MARK: - Local headers

    /// Reads each entry's local header: same name as the central directory, data inside the file and
    /// before the central directory, and no two entries sharing bytes (overlapping entries are a
    /// known way to build a zip bomb).
    private static func locateData(_ entries: inout [ZipEntry], file: LittleEndianBytes, directoryOffset: Int) throws(DocxError) {
        for index in entries.indices {
            let entry = entries[index]
            let offset = entry.localHeaderOffset
            guard offset <= UInt64(directoryOffset), file.u32(Int(offset)) == localHeaderSignature,
                let flags = file.u16(Int(offset) + 6), let nameLength = file.u16(Int(offset) + 26),
                let extraLength = file.u16(Int(offset) + 28)
            else {
                throw .corruptZip("条目 \(DocxError.shown(entry.name)) 的本地文件头无效", "the local header of entry \(DocxError.shown(entry.name)) is invalid")
            }
            guard file.slice(Int(offset) + 30, Int(nameLength))?.elementsEqual(entry.name.utf8) == true else {
                throw .corruptZip(
                    "条目 \(DocxError.shown(entry.name)) 的本地文件头名称与中央目录不一致",
                    "the local header of entry \(DocxError.shown(entry.name)) names a different file than the central directory"
                )
            }
            if flags & 0x0041 != 0 { throw .encryptedEntry(entry.name) }
            let data = Int(offset) + 30 + Int(nameLength) + Int(extraLength)
            guard data <= directoryOffset, entry.compressedSize <= UInt64(directoryOffset - data) else {
                throw .corruptZip(
                    "条目 \(DocxError.shown(entry.name)) 的数据超出文件范围（文件被截断？）",
                    "the data of entry \(DocxError.shown(entry.name)) runs past the file (truncated?)"
                )
            }
            entries[index].dataOffset = data
        }
        let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (before, after) in zip(ordered, ordered.dropFirst()) where UInt64(before.dataRange.upperBound) > after.localHeaderOffset {
            throw .corruptZip(
                "条目 \(DocxError.shown(before.name)) 与 \(DocxError.shown(after.name)) 的数据重叠",
                "entries \(DocxError.shown(before.name)) and \(DocxError.shown(after.name)) overlap"
            )
        }
    }
}
