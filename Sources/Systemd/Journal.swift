import CSystemd
import Glibc

/// The systemd journal through `sd_journal_sendv` (native fields, no syslog parsing).
/// Knows nothing about consortia.
public enum Journal {
    /// Whether a journald listens on its socket. The socket's existence is not enough: when
    /// /run is not a tmpfs, a socket left by a journald that is gone survives and refuses
    /// every datagram (connect(2) then fails with ECONNREFUSED).
    public static var isReachable: Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array("/run/systemd/journal/socket".utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + 1)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) == 0 }
        }
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
            !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }
}
