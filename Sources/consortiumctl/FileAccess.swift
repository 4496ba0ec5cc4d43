import ArgumentParser
import ConsortiumCore
import ConsortiumStore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading files as the daemon does: `lstat` first, never through a symbolic link.
enum FileAccess {
    enum Probe: Equatable {
        case regular(size: Int)
        case symlink, fifo, directory, device, socket, other
        case missing
        case failure(errno: Int32)
    }

    /// `lstat` of `path` (a symbolic link is reported as such, not followed).
    static func probe(_ path: String) -> Probe {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .failure(errno: code)
        }
        return kind(info.st_mode, size: Int(info.st_size))
    }

    static func kind(_ mode: mode_t, size: Int) -> Probe {
        switch mode & S_IFMT {
        case S_IFREG: .regular(size: size)
        case S_IFLNK: .symlink
        case S_IFIFO: .fifo
        case S_IFDIR: .directory
        case S_IFCHR, S_IFBLK: .device
        case S_IFSOCK: .socket
        default: .other
        }
    }

    static func errnoText(_ code: Int32) -> String { String(cString: strerror(code)) }

    // MARK: - Documents

    enum DocumentRead {
        case bytes([UInt8])
        /// Rejected without being decoded (not a regular file, too large, permission denied).
        case rejected(DocumentError)
        /// The file does not exist.
        case missing
        /// Any other I/O error (exit 2).
        case failure(String)
    }

    /// Reads a document file: a symbolic link, FIFO, device, socket or directory is rejected
    /// unopened; a file larger than the limit is rejected unread (`maxDocxBytes` for a `.docx`
    /// name, `maxDocumentBytes` otherwise); a file the user may not read is rejected with 权限不足,
    /// as the daemon does.
    static func readDocument(_ path: String, config: ConsortiumConfig) -> DocumentRead {
        let (limit, limitKey) = config.sizeLimit(forName: path)
        switch probe(path) {
        case .missing: return .missing
        case .failure(let code): return .failure(errnoText(code))
        case .symlink: return .rejected(FileRejection.notRegular(.symlink))
        case .fifo: return .rejected(FileRejection.notRegular(.fifo))
        case .directory: return .rejected(FileRejection.notRegular(.directory))
        case .device: return .rejected(FileRejection.notRegular(.device))
        case .socket: return .rejected(FileRejection.notRegular(.socket))
        case .other: return .rejected(FileRejection.notRegular(.other))
        case .regular(let size) where size > limit:
            return .rejected(FileRejection.tooLarge(size: size, limit: limit, key: limitKey))
        case .regular:
            break
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case EACCES, EPERM:
                return .rejected(FileRejection.permissionDenied)
            case ELOOP:
                return .rejected(FileRejection.notRegular(.symlink))
            case ENOENT:
                return .missing
            default:
                return .failure(errnoText(code))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(errnoText(errno)) }
        guard case .regular = kind(info.st_mode, size: Int(info.st_size)) else {
            return .rejected(FileRejection.notRegular(.other))
        }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(errnoText(errno))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            if out.count > limit { return .rejected(FileRejection.tooLarge(size: out.count, limit: limit, key: limitKey)) }
        }
        return .bytes(out)
    }

    /// `readDocument` for a command: a missing or unreadable file is a usage/I-O error (exit 2,
    /// said on standard error); a file rejected before decoding is a `.failure` with its reason.
    static func readForCommand(_ file: String, config: ConsortiumConfig) throws -> Result<[UInt8], DocumentError> {
        switch readDocument(file, config: config) {
        case .missing:
            Console.error("\(file): 文件不存在 / no such file")
            throw ExitCode(ExitStatus.usage)
        case .failure(let reason):
            Console.error("\(file): 读取失败 / cannot read: \(reason)")
            throw ExitCode(ExitStatus.usage)
        case .rejected(let error):
            return .failure(error)
        case .bytes(let data):
            return .success(data)
        }
    }

    // MARK: - Config

    enum ConfigRead {
        case bytes([UInt8])
        case missing
        case failure(String, String)
    }

    /// Reads the config file (a symbolic link is followed: /etc files often are links).
    static func readConfig(_ path: String) -> ConfigRead {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            return .failure(errnoText(code), errnoText(code))
        }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure("是目录", "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return access(path, R_OK) != 0 ? .failure("权限不足", "permission denied") : .failure("无法打开", "cannot open")
        }
        defer { try? handle.close() }
        do {
            return .bytes(Array(try handle.readToEnd() ?? Data()))
        } catch {
            return .failure("\(error)", "\(error)")
        }
    }

    // MARK: - Directories (evaluate)

    /// The regular files directly in `directory`, sorted by name (byte order); hidden files and
    /// names the inbox protocol ignores (`.tmp`, `.part`) are skipped, as are links and other
    /// non-regular entries.
    static func regularFiles(in directory: String) throws(FileListingError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw FileListingError(path: directory, reason: "\(error.localizedDescription)")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return
            names
            .filter { !InboxName.isIgnored($0) }  // the inbox's own rule
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { base + $0 }
            .filter { if case .regular = probe($0) { true } else { false } }
    }

    struct FileListingError: Error {
        var path: String
        var reason: String
    }

    static func baseName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }
}
