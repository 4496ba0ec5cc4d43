import CSystemd
import Glibc

/// The systemd journal through `sd_journal_sendv` (native fields, no syslog parsing).
/// Knows nothing about consortia.
public enum Journal {
    /// Whether journald's socket exists (a developer's terminal usually has none).
    public static var isReachable: Bool {
        access("/run/systemd/journal/socket", F_OK) == 0
    }

    /// Sends one entry. Field names must be valid journal field names (uppercase ASCII letters,
    /// digits, underscore; not starting with an underscore): invalid ones are dropped here, as
    /// journald would drop them silently. Returns false when the journal refused it.
    @discardableResult
    public static func send(_ fields: [(String, String)], file: String = #fileID, line: Int = #line) -> Bool {
        var entries = fields.filter { isValidFieldName($0.0) }.map { "\($0.0)=\($0.1)" }
        if !fields.contains(where: { $0.0 == "CODE_FILE" }) {
            entries.append("CODE_FILE=\(file)")
            entries.append("CODE_LINE=\(line)")
        }
        let buffers = entries.map { Array($0.utf8) }
        var iovecs: [iovec] = []
        iovecs.reserveCapacity(buffers.count)
        // Keep every buffer alive while sd_journal_sendv reads them.
        return withExtendedLifetime(buffers) {
            for buffer in buffers {
                buffer.withUnsafeBufferPointer { pointer in
                    iovecs.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: pointer.baseAddress), iov_len: pointer.count))
                }
            }
            return sd_journal_sendv(&iovecs, Int32(iovecs.count)) >= 0
        }
    }

    /// Journal field names: `[A-Z0-9_]`, at most 64 characters, no leading underscore or digit.
    public static func isValidFieldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 64, first != UInt8(ascii: "_"),
              !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }
}
