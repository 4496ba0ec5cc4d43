/// Unsigned LEB128: 7 bits a byte, low bits first, the high bit set on every byte but the last.
/// The byte counts of the acknowledgements' notes (`AcknowledgementIndex`) and the integers of a
/// packed state (`StatePacking`).
enum LEB128 {
    static func append(_ value: UInt, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The value at `at` in `bytes`, `at` moved past it.
    static func read<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at: inout Bytes.Index) -> UInt {
        var value: UInt = 0
        var shift: UInt = 0
        while true {
            let byte = bytes[at]
            bytes.formIndex(after: &at)
            value |= UInt(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }
}
