import ConsortiumCore
import ConsortiumDaemon
import ConsortiumStore
import Foundation
import Glibc

/// Test-side failure with a readable message.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The package's example documents (18 files, three consortia).
enum Examples {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static var directory: URL { packageRoot.appendingPathComponent("examples") }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The real `consortiumd` executable `swift test` built next to the test bundle, or the one in
    /// the directory `CONSORTIUMD_TEST_BIN` names (to run the tests against another build, e.g. a
    /// copy of main's, and see which fail there).
    static let daemonBinary: String = {
        if let directory = ProcessInfo.processInfo.environment["CONSORTIUMD_TEST_BIN"], !directory.isEmpty {
            return directory + "/consortiumd"
        }
        var candidates: [String] = []
        // The test runner lives in the build products directory, beside the executables.
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent + "/consortiumd")
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("consortiumd").path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("consortiumd").path)
        for scratch in [".build-dt", ".build"] {
            candidates.append(packageRoot.appendingPathComponent("\(scratch)/debug/consortiumd").path)
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()
}

/// A datagram socket standing in for systemd's NOTIFY_SOCKET.
final class NotifySocket {
    let path: String
    let fd: Int32
    /// Every datagram received so far, in order.
    private(set) var messages: [String] = []

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw HarnessError("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { throw HarnessError("bind \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// One datagram, or nil after `timeout` seconds.
    func receive(timeout: TimeInterval) -> String? {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 1, Int32(max(0, timeout) * 1000))
        guard ready > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n >= 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        messages.append(text)
        return text
    }

    /// Waits for a datagram containing the line `line`; returns the datagrams read meanwhile
    /// (the matching one last). Throws on timeout.
    @discardableResult
    func wait(for line: String, timeout: TimeInterval = 30) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var seen: [String] = []
        while Date() < deadline {
            guard let message = receive(timeout: deadline.timeIntervalSinceNow) else { break }
            seen.append(message)
            if message.split(separator: "\n").contains(Substring(line)) { return seen }
        }
        throw HarnessError("no \(line) on the notify socket within \(timeout)s; got \(seen)")
    }

    /// Every line received so far (datagrams split at newlines).
    var lines: [String] { messages.flatMap { $0.split(separator: "\n").map(String.init) } }
}

/// One journal entry (`journalctl -o json`), values decoded to strings.
struct JournalEntry {
    var fields: [String: String]
    subscript(_ name: String) -> String? { fields[name] }
    var messageID: String? { fields["MESSAGE_ID"] }
}

enum JournalReader {
    /// Entries of process `pid` whose command line names `config` (so a reused PID from another
    /// run cannot match).
    static func entries(pid: Int32, config: String) -> [JournalEntry] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = ["-o", "json", "--no-pager", "_PID=\(pid)"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [] }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var entries: [JournalEntry] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            var fields: [String: String] = [:]
            for (key, value) in object {
                if let s = value as? String {
                    fields[key] = s
                } else if let bytes = value as? [NSNumber] {
                    fields[key] = String(decoding: bytes.map { $0.uint8Value }, as: UTF8.self)
                } else if let many = value as? [String] {
                    fields[key] = many.first
                }
            }
            guard config.isEmpty || fields["_CMDLINE"]?.contains(config) ?? false else { continue }
            entries.append(JournalEntry(fields: fields))
        }
        return entries
    }

    /// Entries of process `pid` since `since` whatever its command line (a daemon started without
    /// --config).
    static func pollAll(
        pid: Int32,
        since: Date = Date().addingTimeInterval(-120),
        timeout: TimeInterval = 8,
        until condition: ([JournalEntry]) -> Bool
    ) -> [JournalEntry] {
        let deadline = Date().addingTimeInterval(timeout)
        func read() -> [JournalEntry] {
            Self.entries(pid: pid, config: "").filter { (Double($0["__REALTIME_TIMESTAMP"] ?? "") ?? 0) / 1e6 >= since.timeIntervalSince1970 }
        }
        var found = read()
        while !condition(found) && Date() < deadline {
            usleep(200_000)
            found = read()
        }
        return found
    }

    /// Polls journalctl (journald may take a moment) until `condition` holds or `timeout` passes;
    /// returns the last entries read.
    static func poll(pid: Int32, config: String, timeout: TimeInterval = 8, until condition: ([JournalEntry]) -> Bool) -> [JournalEntry] {
        let deadline = Date().addingTimeInterval(timeout)
        var entries = entries(pid: pid, config: config)
        while !condition(entries) && Date() < deadline {
            usleep(200_000)
            entries = Self.entries(pid: pid, config: config)
        }
        return entries
    }
}

/// A fresh directory tree, config file and notify socket; starts and stops the real daemon.
final class DaemonRun {
    let root: String
    var inbox: String { root + "/inbox" }
    var rejected: String { root + "/rejected" }
    var pending: String { root + "/pending" }
    var state: String { root + "/state" }
    var archive: String { root + "/state/archive" }
    var notices: String { root + "/notices" }
    let configPath: String
    private(set) var notify: NotifySocket
    private(set) var process: Process?
    var stderrPath: String { root + "/stderr.log" }

    init() throws {
        var template = Array("/tmp/cdt.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HarnessError("mkdtemp: \(String(cString: strerror(errno)))")
        }
        root = String(cString: made)
        configPath = root + "/consortiumd.yaml"
        try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
        let config = """
            inbox: \(root)/inbox
            rejected: \(root)/rejected
            pending: \(root)/pending
            stateDirectory: \(root)/state
            noticeDirectory: \(root)/notices

            """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        notify = try NotifySocket(path: root + "/notify")
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    var pid: Int32 { process?.processIdentifier ?? -1 }

    /// Copies every example into the inbox with its mtime 10 s in the past (settled: taken at once).
    func seedExamples() throws {
        for name in Examples.names {
            try putSettled(name, bytes: try Examples.bytes(name))
        }
    }

    /// A consortium under revocation review on any day the test runs: `LZ-2099-001`, applied,
    /// approved and given an Incident today (the examples' own LZ-2025-002 was revoked, which
    /// concludes its review). Returns the consortium id.
    @discardableResult
    func seedUnderReview() throws -> String {
        let id = "LZ-2099-001"
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        let today = String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        for (example, name) in [
            ("06-LZ-2025-002-application.yaml", "r1-application.yaml"), ("08-LZ-2025-002-approval.yaml", "r2-approval.yaml"),
            ("17-LZ-2025-002-incident.yaml", "r3-incident.yaml"),
        ] {
            let text = String(decoding: try Examples.bytes(example), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in
                    if line.hasPrefix("consortium: ") { return "consortium: \(id)" }
                    if line.hasPrefix("date: ") { return "date: \(today)" }
                    if line.hasPrefix("until: ") { return "until: ~" }
                    return String(line)
                }.joined(separator: "\n")
            try putSettled(name, bytes: Array(text.utf8))
        }
        return id
    }

    /// Writes `inbox/name` in place with an mtime 10 s old.
    func putSettled(_ name: String, bytes: [UInt8]) throws {
        let path = inbox + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var now = timeval()
        gettimeofday(&now, nil)
        var times = [timeval(tv_sec: now.tv_sec - 10, tv_usec: 0), timeval(tv_sec: now.tv_sec - 10, tv_usec: 0)]
        guard utimes(path, &times) == 0 else { throw HarnessError("utimes \(path): \(String(cString: strerror(errno)))") }
    }

    /// Drops a file the way writers are told to: `.name.tmp`, then rename into place.
    func dropAtomically(_ name: String, bytes: [UInt8]) throws {
        let temporary = inbox + "/." + name + ".tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, inbox + "/" + name) == 0 else { throw HarnessError("rename: \(String(cString: strerror(errno)))") }
    }

    /// Starts the daemon; `withoutJournal` runs it in a private mount namespace where
    /// /run/systemd/journal is an empty tmpfs (journald unreachable).
    /// `wrapper`: a command the daemon runs under (e.g. strace), its PID then the wrapper's;
    /// `notifying: false` leaves NOTIFY_SOCKET unset (no sd_notify datagrams).
    func start(
        withoutJournal: Bool = false,
        environment extra: [String: String] = [:],
        wrapper: [String] = [],
        notifying: Bool = true
    ) throws {
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        for key in ["WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "INVOCATION_ID", "JOURNAL_STREAM", "NOTIFY_SOCKET"] {
            environment.removeValue(forKey: key)
        }
        if notifying { environment["NOTIFY_SOCKET"] = notify.path }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        if !wrapper.isEmpty {
            process.executableURL = URL(fileURLWithPath: wrapper[0])
            process.arguments = Array(wrapper.dropFirst()) + [Examples.daemonBinary, "--config", configPath]
        } else if withoutJournal {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = [
                "-m", "--", "/bin/sh", "-c",
                "mount -t tmpfs tmpfs /run/systemd/journal && exec \"$0\" --config \"$1\"",
                Examples.daemonBinary, configPath,
            ]
        } else {
            process.executableURL = URL(fileURLWithPath: Examples.daemonBinary)
            process.arguments = ["--config", configPath]
        }
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let stderrHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        stderrHandle.seekToEndOfFile()
        process.standardError = stderrHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    func stop(timeout: TimeInterval = 20) throws -> Int32 {
        guard let process else { throw HarnessError("not started") }
        kill(process.processIdentifier, SIGTERM)
        return try waitForExit(timeout: timeout)
    }

    func waitForExit(timeout: TimeInterval) throws -> Int32 {
        guard let process else { throw HarnessError("not started") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw HarnessError("consortiumd did not exit within \(timeout)s")
        }
        return process.terminationStatus
    }

    var isRunning: Bool { process?.isRunning ?? false }

    func journal(timeout: TimeInterval = 8, until condition: ([JournalEntry]) -> Bool = { _ in true }) -> [JournalEntry] {
        JournalReader.poll(pid: pid, config: configPath, timeout: timeout, until: condition)
    }

    func journal(pid: Int32, timeout: TimeInterval = 8, until condition: ([JournalEntry]) -> Bool = { _ in true }) -> [JournalEntry] {
        JournalReader.poll(pid: pid, config: configPath, timeout: timeout, until: condition)
    }

    func names(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Waits until `condition` holds (polling the file system), up to `timeout` seconds.
    func eventually(timeout: TimeInterval = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// Regular files directly in the archive (named by SHA-256).
    var archivedSHAs: Set<String> {
        Set(names(archive).filter { $0 != "duplicates" })
    }
}

extension JournalEntry {
    static let severityPriority = ["crit": "2", "err": "3", "warning": "4", "notice": "5", "info": "6"]
}
