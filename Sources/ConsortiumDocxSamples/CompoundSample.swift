/// Just enough of an OLE compound file (CFB) for the reader's checks: the magic, a 512-byte header
/// and a directory sector whose 128-byte entries carry the stream names in UTF-16LE.
public enum CompoundSample {
    public static func file(streams: [String]) -> [UInt8] {
        var out: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        out += [UInt8](repeating: 0, count: 512 - out.count)
        for name in ["Root Entry"] + streams {
            var entry = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16.prefix(31))
            for (i, unit) in units.enumerated() {
                entry[2 * i] = UInt8(unit & 0xFF)
                entry[2 * i + 1] = UInt8(unit >> 8)
            }
            entry[64] = UInt8((units.count + 1) * 2)
            entry[66] = name == "Root Entry" ? 5 : 2
            out += entry
        }
        out += [UInt8](repeating: 0, count: 4096)
        return out
    }
}
