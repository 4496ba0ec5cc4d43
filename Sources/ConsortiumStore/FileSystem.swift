import CLinux
import ConsortiumCore
import Foundation
import Glibc

/// The few POSIX operations the daemon needs, never following symbolic links, with errors
/// that keep errno. Names are single path components; paths are only ever built as
/// `directory + "/" + name` from the configured directories.
package enum FileSystem {
    package struct Failure: Error, CustomStringConvertible {
        package var operation: String
        package var path: String
        package var code: Int32
        package init(operation: String, path: String, code: Int32) {
            self.operation = operation
            self.path = path
            self.code = code
        }
        package var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
        package var isPermission: Bool { code == EACCES || code == EPERM }
        package var isMissing: Bool { code == ENOENT }
        package var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }
    }

    package enum EntryType: Equatable {
        case regular, directory, symlink, fifo, device, socket, other
        /// The core's word for it in rejection reasons.
        package var rejectionKind: FileRejection.EntryKind {
            switch self {
            case .symlink: .symlink
            case .fifo: .fifo
            case .directory: .directory
            case .device: .device
            case .socket: .socket
            case .regular, .other: .other
            }
        }
    }

    package struct Entry {
        package var type: EntryType
        package var size: Int
        package var modified: Date
        /// Which file this is and how it was when looked at: another file under the same name, or
        /// the same file written to since, has another fingerprint.
        package var fingerprint: Fingerprint
    }

    /// Device, inode, size and modification time (to the nanosecond) of a directory entry.
    package struct Fingerprint: Equatable {
        package var device: UInt64
        package var inode: UInt64
        package var size: Int
        package var seconds: Int
        package var nanoseconds: Int
    }

    package static func lstatEntry(_ path: String) throws(Failure) -> Entry {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw Failure(operation: "lstat", path: path, code: errno) }
        let type: EntryType
        switch st.st_mode & S_IFMT {
        case S_IFREG: type = .regular
        case S_IFDIR: type = .directory
        case S_IFLNK: type = .symlink
        case S_IFIFO: type = .fifo
        case S_IFCHR, S_IFBLK: type = .device
        case S_IFSOCK: type = .socket
        default: type = .other
        }
        let modified = Date(timeIntervalSince1970: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
        return Entry(
            type: type,
            size: Int(st.st_size),
            modified: modified,
            fingerprint: Fingerprint(
                device: UInt64(st.st_dev),
                inode: UInt64(st.st_ino),
                size: Int(st.st_size),
                seconds: Int(st.st_mtim.tv_sec),
                nanoseconds: Int(st.st_mtim.tv_nsec)
            )
        )
    }

    package static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Reads a regular file without following a symbolic link and without blocking on a FIFO;
    /// reads at most `limit + 1` bytes so an oversized file is noticed without reading it all.
    package static func readRegularFile(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(operation: "fstat", path: path, code: errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw Failure(operation: "open", path: path, code: EINVAL) }
        // Read straight into the result (sized by fstat, +1 to notice a file that grew or is over
        // the limit), growing it only when the file is longer than it was.
        var bytes = [UInt8](repeating: 0, count: min(Int(st.st_size), limit) + 1)
        var used = 0
        while used <= limit {
            if used == bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 4096), limit + 1 - used)))
            }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + used, $0.count - used) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, code: errno)
            }
            if n == 0 { break }
            used += n
        }
        bytes.removeLast(bytes.count - used)
        return bytes
    }

    package static func rename(_ from: String, _ to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw Failure(operation: "rename", path: "\(from) -> \(to)", code: errno) }
    }

    /// Makes a rename or a new file in `directory` durable.
    package static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Writes `bytes` to `directory/name` atomically: a hidden temporary file, fsync, rename, fsync dir.
    package static func writeAtomically(_ bytes: [UInt8], directory: String, name: String, mode: mode_t = 0o640) throws(Failure) {
        if let (_, failure) = writeAllAtomically([(name, bytes)], directory: directory, mode: mode).first { throw failure }
    }

    /// Writes several files into `directory`, each atomically (a reader sees the old file or the
    /// whole new one, also after a crash), with two flushes for the whole batch instead of two per
    /// file: every temporary file is written, then one `syncfs` (one `fsync` for a single file)
    /// makes their data durable, then each is renamed into place and the directory is fsynced
    /// once. The first start of a large state writes hundreds of thousands of notice files: per
    /// file that was two fsyncs each (docs/performance.md). Returns the files that failed.
    package static func writeAllAtomically(
        _ files: [(name: String, bytes: [UInt8])],
        directory: String,
        mode: mode_t = 0o640
    ) -> [(name: String, failure: Failure)] {
        var failed: [(name: String, failure: Failure)] = []
        var written: [(name: String, temporary: String, fd: Int32)] = []
        func fail(_ name: String, _ operation: String, _ path: String, _ code: Int32) {
            failed.append((name, Failure(operation: operation, path: path, code: code)))
        }
        for (name, bytes) in files {
            let temporary = directory + "/." + name + ".tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
            guard fd >= 0 else {
                fail(name, "open", temporary, errno)
                continue
            }
            var offset = 0
            var code: Int32 = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    break
                }
                offset += n
            }
            if code != 0 {
                close(fd)
                unlink(temporary)
                fail(name, "write", temporary, code)
                continue
            }
            written.append((name, temporary, fd))
        }
        guard !written.isEmpty else { return failed }
        let synced = written.count == 1 ? fsync(written[0].fd) : syncfs(written[0].fd)
        let syncError = errno
        for file in written { close(file.fd) }
        guard synced == 0 else {
            for file in written {
                unlink(file.temporary)
                fail(file.name, written.count == 1 ? "fsync" : "syncfs", file.temporary, syncError)
            }
            return failed
        }
        for file in written {
            do { try rename(file.temporary, directory + "/" + file.name) } catch {
                unlink(file.temporary)
                failed.append((file.name, error))
            }
        }
        syncDirectory(directory)
        return failed
    }

    /// The names in a directory (without `.` and `..`) that are valid UTF-8, sorted.
    package static func names(in directory: String) throws(Failure) -> [String] {
        try rawNames(in: directory).compactMap { String(validating: $0, as: UTF8.self) }.sorted()
    }

    /// The names that are not valid UTF-8 (they cannot be spelled as a Swift String path).
    package static func invalidNames(in directory: String) throws(Failure) -> [[UInt8]] {
        try rawNames(in: directory).filter { String(validating: $0, as: UTF8.self) == nil }
    }

    /// Calls `body` with each name in a directory (without `.` and `..`) as its bytes, valid
    /// inside `body` only: a directory of hundreds of thousands of files read without an array
    /// or a String per name.
    package static func forEachName(in directory: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(Failure) {
        guard let dir = opendir(directory) else { throw Failure(operation: "opendir", path: directory, code: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let name = UnsafeBufferPointer(rebasing: bytes[0..<(bytes.firstIndex(of: 0) ?? bytes.count)])
                if !(name.count == 1 && name[0] == UInt8(ascii: "."))
                    && !(name.count == 2 && name[0] == UInt8(ascii: ".") && name[1] == UInt8(ascii: "."))
                {
                    body(name)
                }
            }
        }
    }

    private static func rawNames(in directory: String) throws(Failure) -> [[UInt8]] {
        var out: [[UInt8]] = []
        try forEachName(in: directory) { out.append(Array($0)) }
        return out
    }

    /// Renames `directory/<raw name bytes>` (a name that is not UTF-8) to `to`.
    package static func rename(directory: String, rawName: [UInt8], to: String) throws(Failure) {
        let path = Array(directory.utf8) + [UInt8(ascii: "/")] + rawName + [0]
        let ok = path.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: path.count) { Glibc.rename($0, to) == 0 }
        }
        guard ok else { throw Failure(operation: "rename", path: "\(directory)/<non-UTF-8 name> -> \(to)", code: errno) }
    }

    /// A printable stand-in for a name that is not UTF-8: its valid parts, other bytes as %XX.
    package static func printable(_ raw: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < raw.count {
            var matched = false
            for length in stride(from: min(4, raw.count - index), through: 1, by: -1) {
                if let text = String(validating: raw[index..<index + length], as: UTF8.self), !text.contains("%"), !text.contains("/") {
                    out += text
                    index += length
                    matched = true
                    break
                }
            }
            if !matched {
                out += String(format: "%%%02X", raw[index])
                index += 1
            }
        }
        return out
    }

    package static func makeDirectory(_ path: String, mode: mode_t = 0o750) throws(Failure) {
        if mkdir(path, mode) != 0 && errno != EEXIST { throw Failure(operation: "mkdir", path: path, code: errno) }
    }

    package static func device(of path: String) throws(Failure) -> UInt64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw Failure(operation: "stat", path: path, code: errno) }
        return UInt64(st.st_dev)
    }
}
