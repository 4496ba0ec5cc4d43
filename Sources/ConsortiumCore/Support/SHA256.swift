import Crypto

/// SHA-256 (FIPS 180-4): document identities and notice ids, the same on every machine. The
/// project's own small API over swift-crypto's (BoringSSL's) implementation, so callers name
/// neither swift-crypto nor its types (docs/performance.md "SHA-256"). A value: a copy goes on
/// from where the original was (swift-crypto copies its context on write).
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }

    /// The digest of what was given so far (32 bytes).
    public mutating func finalize() -> [UInt8] {
        let digest = hasher.finalize()
        hasher = Crypto.SHA256()
        return Array(digest)
    }

    /// The first 16 bytes of the digest of the UTF-8 of `parts` joined by `separator`, as two
    /// big-endian words: a notice id (`Notice.key`), made hundreds of thousands of times an
    /// evaluation, without a hasher's arrays or the joined text.
    static func prefix16(ofUTF8 parts: [String], separator: UInt8) -> (UInt64, UInt64) {
        var hasher = Crypto.SHA256()
        withUnsafeBytes(of: separator) { separatorBytes in
            for (index, part) in parts.enumerated() {
                if index > 0 { hasher.update(bufferPointer: separatorBytes) }
                var part = part
                part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            }
        }
        return hasher.finalize().withUnsafeBytes { digest in
            var high: UInt64 = 0
            var low: UInt64 = 0
            for i in 0..<8 {
                high = high << 8 | UInt64(digest[i])
                low = low << 8 | UInt64(digest[8 + i])
            }
            return (high, low)
        }
    }

    /// The digest of `bytes`.
    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lowercase hex of the digest of `bytes`.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        hexString(hash(bytes))
    }

    public static func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var i = 0
            for byte in bytes {
                out[i] = hexDigit(byte >> 4)
                out[i + 1] = hexDigit(byte & 15)
                i += 2
            }
            return i
        }
    }

    @inline(__always) private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }
}
