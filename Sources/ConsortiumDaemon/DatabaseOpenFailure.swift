import ConsortiumStore
import Foundation
import GRDB
import Glibc

/// Why the database could not be opened (or read) at start-up, and what the operator should do
/// about it (runbook.md §12). A full disk, a lock held by another program, a read-only mount or
/// wrong permissions leave the database as it was: restoring the backup would throw away every
/// document recorded since. Only a database that is really damaged sends the operator there.
struct DatabaseOpenFailure {
    enum Cause: Equatable {
        case noSpace
        /// Held by other processes (described as "comm (PID n): command line"), when they can be seen.
        case locked(holders: [String])
        case readOnly
        case permission
        case corrupt
        case other
    }

    let cause: Cause
    let error: Error
    let stateDirectory: String

    var databasePath: String { stateDirectory + "/" + Store.fileName }

    init(_ error: Error, stateDirectory: String) {
        self.error = error
        self.stateDirectory = stateDirectory
        cause = Self.cause(of: error, stateDirectory: stateDirectory)
    }

    /// The start-up error: the cause, then what to do, in Chinese with a short English version.
    var startupError: DaemonError {
        let path = databasePath
        let state = stateDirectory
        let notDamaged = "数据库本身没有损坏，无需恢复"
        let text: String
        switch cause {
        case .noSpace:
            text =
                "无法打开数据库 \(path)：\(state) 所在的文件系统空间已满（\(Self.freeSpace(state))；\(error)）。\(notDamaged)："
                + "用 df -h \(state) 查看空间，清理出空间后再启动（runbook 第 12 节）"
                + " / cannot open the database: the file system of \(state) is full; the database is not damaged: free some space, then start"
        case .locked(let holders):
            let who =
                holders.isEmpty
                ? "另一个进程（无法确定是哪一个：用 sudo fuser -v \(path) \(path)-wal \(path)-shm 查看）"
                : holders.joined(separator: "；")
            text =
                "无法打开数据库 \(path)：数据库被另一个进程占用（持有写锁）：\(who)。\(notDamaged)："
                + "结束该进程（或等它完成事务）后再启动；不要用 sqlite3 等程序改动数据库（runbook 第 12 节）"
                + " / cannot open the database: it is locked by another process (\(holders.isEmpty ? "unknown" : holders.joined(separator: "; "))); "
                + "the database is not damaged: end that process, then start"
        case .readOnly:
            text =
                "无法打开数据库 \(path)：\(state) 所在的文件系统是只读的（\(error)）。\(notDamaged)："
                + "查明原因（磁盘错误时内核会把它改为只读：dmesg；或挂载参数、单元的 ReadWritePaths），以读写方式重新挂载后再启动（runbook 第 12 节）"
                + " / cannot open the database: the file system of \(state) is read-only; the database is not damaged: mount it read-write, then start"
        case .permission:
            text =
                "无法打开数据库 \(path)：权限不足，守护进程的用户（uid \(getuid())）不能读写该文件或目录 \(state)（\(error)）。\(notDamaged)："
                + "目录和文件应属 consortiumd 用户、consortium 组（ls -l \(state)；可重新运行 sudo deploy/install.sh 修复），改正后再启动（runbook 第 12 节）"
                + " / cannot open the database: permission denied for uid \(getuid()) on \(state); the database is not damaged: fix the owner or mode, then start"
        case .corrupt:
            text =
                "无法打开数据库 \(path)：数据库文件已损坏（\(error)）。停止服务，从备份恢复 \(state)（含 archive/）后运行 consortiumctl verify，再启动（runbook 第 10、12 节）"
                + " / cannot open the database: it is damaged (\(error)); restore \(state) from a backup, run consortiumctl verify, then start"
        case .other:
            text =
                "无法打开数据库 \(path)：\(error)。请检查磁盘空间（df -h \(state)）、权限（ls -l \(state)）和是否有其他进程占用（sudo fuser -v \(path)），见 runbook 第 12 节"
                + " / cannot open the database (\(error)): check space, permissions and other processes (runbook §12)"
        }
        return DaemonError.startup(text)
    }

    // MARK: - Telling the causes apart

    static func cause(of error: Error, stateDirectory: String) -> Cause {
        let path = stateDirectory + "/" + Store.fileName
        let primary = (error as? DatabaseError)?.resultCode
        let errnoCode = (error as? FileSystem.Failure)?.code
        switch primary {
        case .SQLITE_FULL?: return .noSpace
        case .SQLITE_BUSY?, .SQLITE_LOCKED?: return .locked(holders: holders(of: [path, path + "-wal", path + "-shm"]))
        case .SQLITE_CORRUPT?, .SQLITE_NOTADB?: return .corrupt
        case .SQLITE_PERM?, .SQLITE_AUTH?: return .permission
        default: break
        }
        if errnoCode == ENOSPC || errnoCode == EDQUOT { return .noSpace }
        if errnoCode == EROFS { return .readOnly }
        if errnoCode == EACCES || errnoCode == EPERM { return .permission }
        // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR and the like: the file system says which.
        var fs = statvfs()
        if statvfs(stateDirectory, &fs) == 0 {
            if fs.f_flag & UInt(ST_RDONLY) != 0 { return .readOnly }
            if fs.f_bavail == 0 || (fs.f_files > 0 && fs.f_favail == 0) { return .noSpace }
        }
        if access(stateDirectory, W_OK | X_OK) != 0 && errno == EACCES { return .permission }
        for file in [path, path + "-wal", path + "-shm"] where access(file, F_OK) == 0 {
            if access(file, R_OK | W_OK) != 0 && errno == EACCES { return .permission }
        }
        if primary == .SQLITE_READONLY { return .permission }
        return .other
    }

    static func freeSpace(_ directory: String) -> String {
        var fs = statvfs()
        guard statvfs(directory, &fs) == 0 else { return "剩余空间未知" }
        return "剩余 \(UInt64(fs.f_bavail) * UInt64(fs.f_frsize) / 1024) KB"
    }

    // MARK: - Who holds the lock

    /// The processes other than this one holding a lock on one of `paths` (`/proc/locks`, where
    /// SQLite's POSIX locks show their PID), or else having one of them open (as fuser finds
    /// them, in `/proc/PID/fd`). Under the unit's ProcSubset=pid and ProtectProc=invisible only
    /// the processes of the daemon's own user can be seen; then the list may be empty.
    static func holders(of paths: [String]) -> [String] {
        var files: Set<String> = []
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            let device = UInt64(st.st_dev)
            let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
            let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
            files.insert(String(format: "%02x:%02x:%llu", major, minor, UInt64(st.st_ino)))
        }
        let me = getpid()
        var pids: [Int32] = []
        if let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                // "1: POSIX  ADVISORY  WRITE 16846 fe:00:16222075 120 120"; "1: -> …" lines wait for a lock.
                guard fields.count >= 6, fields[1] != "->", let pid = Int32(fields[4]), pid > 0, pid != me,
                    files.contains(String(fields[5])), !pids.contains(pid)
                else { continue }
                pids.append(pid)
            }
        }
        if pids.isEmpty {
            let targets = Set(paths)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry), pid != me,
                    let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
                else { continue }
                if fds.contains(where: {
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")).map(targets.contains) ?? false
                }) {
                    pids.append(pid)
                }
            }
        }
        return pids.sorted().map(describe)
    }

    /// "python3（PID 123，命令行 python3 -c …）"
    static func describe(_ pid: Int32) -> String {
        let comm = ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
        let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        // Arguments joined by spaces, control characters (a script's newlines) shown as spaces.
        var line = String(decoding: raw.map { $0 < 0x20 || $0 == 0x7F ? 0x20 : $0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if line.count > 160 { line = String(line.prefix(160)) + "…" }
        return line.isEmpty ? "\(comm)（PID \(pid)）" : "\(comm)（PID \(pid)，命令行 \(line)）"
    }
}
