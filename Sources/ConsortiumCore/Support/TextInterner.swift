/// Hands back one String for every text with the same UTF-8 bytes, the first one it was given:
/// start-up gives the unit identifiers of 100,000 consortia (two million Strings) one copy each
/// (ResidentModel+Stored.swift). Texts that differ only in Unicode normalisation stay two, as
/// `ExactText` keeps them. An open-addressing table over a multiply-xor hash of the bytes: a
/// `Dictionary` keyed by String hashed every identifier with SipHash and compared it twice, most of
/// the time of reading the stored states back.
public struct TextInterner {
    /// Hash of each slot's text, 0 for an empty slot (a text's hash is never 0).
    private var hashes: [UInt64]
    private var texts: [String]
    public private(set) var count = 0

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        hashes = Array(repeating: 0, count: size)
        texts = Array(repeating: "", count: size)
    }

    /// The String held for `text`'s bytes, `text` itself the first time.
    public mutating func intern(_ text: String) -> String {
        var text = text  // shares the storage; `withUTF8` copies only a text not stored as UTF-8
        let (hash, found) = text.withUTF8 { bytes -> (UInt64, Int) in
            let hash = Self.hash(bytes)
            var slot = Int(truncatingIfNeeded: hash) & (hashes.count - 1)
            while hashes[slot] != 0 {
                if hashes[slot] == hash, Self.equal(&texts[slot], bytes) { return (hash, slot) }
                slot = (slot + 1) & (hashes.count - 1)
            }
            return (hash, ~slot)
        }
        if found >= 0 { return texts[found] }
        hashes[~found] = hash
        texts[~found] = text
        count += 1
        if count * 2 > hashes.count { grow() }
        return text
    }

    private static func equal(_ held: inout String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard held.utf8.count == bytes.count else { return false }
        return held.withUTF8 { held in held.elementsEqual(bytes) }
    }

    private mutating func grow() {
        let old = (hashes, texts)
        hashes = Array(repeating: 0, count: old.0.count * 2)
        texts = Array(repeating: "", count: old.0.count * 2)
        for index in old.0.indices where old.0[index] != 0 {
            var slot = Int(truncatingIfNeeded: old.0[index]) & (hashes.count - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (hashes.count - 1) }
            hashes[slot] = old.0[index]
            texts[slot] = old.1[index]
        }
    }

    /// Eight bytes at a time, multiplied and folded; never 0.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
        }
        while index + 8 <= bytes.count {
            mix(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        mix(tail)
        hash ^= hash >> 29
        return hash == 0 ? 1 : hash
    }
}
