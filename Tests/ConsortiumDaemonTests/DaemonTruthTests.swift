import ConsortiumCore
import ConsortiumDaemon
import ConsortiumStore
import Foundation
import Glibc
import Systemd
import Testing

/// What the real `consortiumd` tells the operator, at the moments it matters: a corrected file
/// dropped again under a rejected name, a start-up that fails, a crash before the journal heard of
/// a document, a config file that went away.
@Suite(.serialized)
struct DaemonTruthTests {
    static let journalAvailable = access("/run/systemd/journal/socket", F_OK) == 0
    static let isRoot = getuid() == 0

    /// A writer that keeps the file open: one open, the bytes in `parts` written `pause` seconds
    /// apart, one close.
    static func write(_ path: String, parts: [[UInt8]], pause: TimeInterval = 0) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessError("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        for (index, part) in parts.enumerated() {
            if index > 0 && pause > 0 { usleep(UInt32(pause * 1_000_000)) }
            let n = part.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n == part.count else { throw HarnessError("write \(path): \(n)") }
        }
    }

    /// Runs a command to its end; its status.
    @discardableResult
    static func shell(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The example Application for consortium `id`, with the lead's USCC check character wrong
    /// when `typo`.
    static func application(_ id: String, typo: Bool) throws -> [UInt8] {
        var text = String(decoding: try Examples.bytes("01-LZ-2024-001-application.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "LZ-2024-001", with: id)
        if typo { text = text.replacingOccurrences(of: "91450205718263408H", with: "91450205718263408J") }
        return Array(text.utf8)
    }

    // 1. The runbook and every rejection say "修改后重新放入收件箱": the corrected file, written in
    // place under the name just rejected, is waited for until its writer is done, never taken
    // while it is being written (the writer's close of the earlier file does not count for it).
    @Test func aCorrectedFileDroppedAgainUnderARejectedNameIsTakenWhenWritten() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let name = "app.yaml"
        let path = run.inbox + "/" + name
        func rejectedFiles() -> [String] { run.names(run.rejected).filter { !$0.hasSuffix(".error.txt") } }
        for cycle in 0..<6 {
            let id = "LZ-2031-" + String(cycle + 100)
            // With a typo, written at once: rejected.
            try Self.write(path, parts: [try Self.application(id, typo: true)])
            #expect(
                run.eventually { rejectedFiles().count == cycle + 1 && run.names(run.inbox).isEmpty },
                "cycle \(cycle): rejected \(run.names(run.rejected)) inbox \(run.names(run.inbox))"
            )
            // Corrected, under the same name: by a writer that keeps it open 0.2 s, or by cp.
            let good = try Self.application(id, typo: false)
            if cycle % 2 == 0 {
                try Self.write(path, parts: [Array(good[..<(good.count / 2)]), Array(good[(good.count / 2)...])], pause: 0.2)
            } else {
                let source = run.root + "/corrected-\(cycle).yaml"
                try Data(good).write(to: URL(fileURLWithPath: source))
                #expect(try Self.shell(["/bin/cp", source, path]) == 0)
            }
            let accepted = run.eventually { run.archivedSHAs.contains(SHA256.hex(good)) }
            #expect(
                accepted,
                "cycle \(cycle) (\(cycle % 2 == 0 ? "slow writer" : "cp")): the corrected file was not accepted; rejected/: \(run.names(run.rejected))"
            )
            #expect(rejectedFiles().count == cycle + 1, "cycle \(cycle): \(run.names(run.rejected))")
            if !accepted { break }
        }
        // Every rejection is of a file with the typo, for the typo.
        for file in rejectedFiles() {
            let reason = run.read(run.rejected + "/" + file + ".error.txt")
            #expect(reason.contains("members[0].uscc") && !reason.contains("文件为空"), "\(file): \(reason)")
        }
        #expect(try run.stop() == 0)
    }

    // 4a. `systemctl reload` after the config file was moved away fails like a broken config: the
    // running configuration stays, and an err entry names the file.
    @Test(.enabled(if: journalAvailable))
    func aReloadWithTheConfigFileGoneKeepsTheRunningConfiguration() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let moved = run.configPath + ".moved"
        #expect(rename(run.configPath, moved) == 0)
        kill(run.pid, SIGHUP)
        try run.notify.wait(for: "RELOADING=1", timeout: 10)
        try run.notify.wait(for: "READY=1", timeout: 10)
        let failureID = MessageID.id(.failure)
        let entries = run.journal { $0.contains { $0.messageID == failureID } }
        let failure = try #require(entries.first { $0.messageID == failureID }, "no err entry after the reload")
        #expect(failure["PRIORITY"] == "3")
        #expect(failure["MESSAGE"]?.contains(run.configPath) == true, "\(failure["MESSAGE"] ?? "")")
        #expect(failure["MESSAGE"]?.contains("不存在") == true, "\(failure["MESSAGE"] ?? "")")
        #expect(failure["MESSAGE"]?.contains("继续使用原配置") == true)
        #expect(!entries.contains { $0.messageID == MessageID.id(.reloaded) }, "the reload claimed success")
        // Still on its directories: a document dropped now is taken.
        let name = "01-LZ-2024-001-application.yaml"
        try run.dropAtomically(name, bytes: try Examples.bytes(name))
        #expect(run.eventually { run.archivedSHAs.contains(SHA256.hex(try! Examples.bytes(name))) })
        // The file back: the next reload succeeds.
        #expect(rename(moved, run.configPath) == 0)
        kill(run.pid, SIGHUP)
        try run.notify.wait(for: "RELOADING=1", timeout: 10)
        try run.notify.wait(for: "READY=1", timeout: 10)
        #expect(run.journal { $0.contains { $0.messageID == MessageID.id(.reloaded) } }.contains { $0.messageID == MessageID.id(.reloaded) })
        #expect(try run.stop() == 0)
    }

    // 4b. A start whose --config names a file that is not there refuses, saying so.
    @Test func aStartWithAMissingConfigFileRefuses() throws {
        let run = try DaemonRun()
        #expect(unlink(run.configPath) == 0)
        try run.start()
        #expect(try run.waitForExit(timeout: 20) == 1)
        let said = run.read(run.stderrPath)
        #expect(said.contains(run.configPath) && said.contains("不存在"), "\(said)")
        #expect(!FileManager.default.fileExists(atPath: run.state), "it created its state from the defaults")
    }

    // 4c. Only the default path, absent, means the defaults, and the start entry says so. Run in a
    // mount namespace of its own where /etc/consortiumd and /var/lib are empty tmpfs.
    @Test(.enabled(if: isRoot && journalAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")))
    func withoutAConfigFileAtTheDefaultPathTheStartSaysItUsesTheDefaults() throws {
        let run = try DaemonRun()
        let began = Date()
        let script = """
            mount --make-rprivate / && mount -t tmpfs tmpfs /var/lib && \
            { [ ! -d /etc/consortiumd ] || mount -t tmpfs tmpfs /etc/consortiumd; } && \
            exec "$0"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "--", "/bin/sh", "-c", script, Examples.daemonBinary]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = run.notify.path
        for key in ["WATCHDOG_USEC", "WATCHDOG_PID"] { environment.removeValue(forKey: key) }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        try run.notify.wait(for: "READY=1")
        let startedID = MessageID.id(.started)
        // The command line has no config path: the entries are this PID's, started after the run began.
        let entries = JournalReader.pollAll(pid: process.processIdentifier, since: began) { $0.contains { $0.messageID == startedID } }
        let started = try #require(entries.first { $0.messageID == startedID })
        #expect(started["CONFIG_DEFAULTS"] == "1")
        #expect(started["CONFIG_FILE"] == ConfigFile.defaultPath)
        #expect(started["MESSAGE"]?.contains("未找到配置文件 \(ConfigFile.defaultPath)，全部使用默认设置") == true, "\(started["MESSAGE"] ?? "")")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    // 2. A start-up that cannot open the database names the cause; only a damaged database sends
    // the operator to the backup (restoring one throws away what was recorded since).

    /// Points the run's directories into `base` (one file system) and starts and stops the daemon
    /// once there, so the database exists.
    static func prepareState(_ run: DaemonRun, in base: String) throws {
        let config = """
            inbox: \(base)/inbox
            rejected: \(base)/rejected
            pending: \(base)/pending
            stateDirectory: \(base)/state
            noticeDirectory: \(base)/notices

            """
        try config.write(toFile: run.configPath, atomically: true, encoding: .utf8)
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: base + "/state/" + Store.fileName))
    }

    @Test(.enabled(if: isRoot))
    func aFullDiskAtStartUpIsNamedAsSuchAndNotSentToTheBackup() throws {
        let run = try DaemonRun()
        let base = run.root + "/small"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        #expect(try Self.shell(["/bin/mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", base]) == 0)
        defer {
            if run.isRunning {
                kill(run.pid, SIGKILL)
                _ = try? run.waitForExit(timeout: 10)
            }
            _ = try? Self.shell(["/bin/umount", "-l", base])
        }
        try Self.prepareState(run, in: base)
        // Fill the file system.
        let filler = base + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        let block = [UInt8](repeating: 1, count: 65536)
        while block.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)
        try run.start()
        #expect(try run.waitForExit(timeout: 30) == 1)
        let said = run.read(run.stderrPath)
        let last = said.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("空间已满") && last.contains(base + "/state"), "\(last)")
        #expect(!last.contains("备份") && !last.contains("backup"), "\(last)")
        #expect(!last.contains("/var/lib/consortiumd"), "\(last)")
        // Space freed: it starts, nothing lost.
        #expect(unlink(filler) == 0)
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func aDatabaseLockedByAnotherProgramAtStartUpNamesIt() throws {
        let run = try DaemonRun()
        try Self.prepareState(run, in: run.root)
        let database = run.root + "/state/" + Store.fileName
        // Another program holding the write lock: python3's sqlite3 in BEGIN EXCLUSIVE until its
        // standard input closes.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                + "db.execute('BEGIN EXCLUSIVE')\nprint('held', flush=True)\nsys.stdin.read()\n", database,
        ]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer {
            if holder.isRunning {
                kill(holder.processIdentifier, SIGKILL)
                holder.waitUntilExit()
            }
        }
        #expect(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("held"))
        try run.start()
        #expect(try run.waitForExit(timeout: 40) == 1)
        let said = run.read(run.stderrPath)
        let last = said.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("被另一个进程占用"), "\(last)")
        #expect(last.contains("python3（PID \(holder.processIdentifier)"), "\(last)")
        #expect(!last.contains("备份") && !last.contains("backup"), "\(last)")
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
    }

    // 3. "Document accepted" entries are at least once: a crash after a batch is committed and
    // archived but before its entries are sent loses none of them for good.
    @Test(.enabled(if: journalAvailable && isRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func documentsArchivedBeforeACrashGetTheirEntriesAfterTheRestart() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        // Killed at its second journal send: the first "document accepted" entry, after the 18
        // documents were committed (one batch) and moved into the archive. Without NOTIFY_SOCKET
        // every sendmsg is a journal entry (the first: "started").
        try run.start(
            wrapper: [
                "/usr/bin/strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=sendmsg",
                "-e", "inject=sendmsg:signal=KILL:when=2",
            ],
            notifying: false
        )
        _ = try run.waitForExit(timeout: 60)
        let archived = run.archivedSHAs
        #expect(archived.count == 18, "archived before the kill: \(archived.count); inbox \(run.names(run.inbox))")
        let names = Dictionary(uniqueKeysWithValues: try Examples.names.map { (SHA256.hex(try Examples.bytes($0)), $0) })

        try run.start()
        try run.notify.wait(for: "READY=1")
        let acceptedID = MessageID.id(.accepted)
        func sent(_ entries: [JournalEntry]) -> [JournalEntry] { entries.filter { $0.messageID == acceptedID } }
        let entries = run.journal { archived.isSubset(of: Set(sent($0).compactMap { $0["DOCUMENT_SHA256"] })) }
        let announced = sent(entries)
        let missing = archived.subtracting(announced.compactMap { $0["DOCUMENT_SHA256"] })
        #expect(missing.isEmpty, "archived without a \"document accepted\" entry: \(missing.compactMap { names[$0] })")
        for entry in announced {
            let sha = entry["DOCUMENT_SHA256"] ?? ""
            #expect(entry["DOCUMENT_NAME"] == names[sha], "\(entry.fields)")
            #expect(entry["PRIORITY"] == "6")
            #expect(!(entry["DOCUMENT_KIND"] ?? "").isEmpty && !(entry["DOCUMENT_ENCODING"] ?? "").isEmpty)
            if entry["DOCUMENT_KIND"] != "Acknowledgement" { #expect((entry["CONSORTIUM_ID"] ?? "").hasPrefix("LZ-"), "\(entry.fields)") }
            #expect(entry["MESSAGE"]?.contains("已接收文件 \(names[sha] ?? "?")") == true)
        }
        #expect(announced.count == 18, "each once: \(announced.count)")
        #expect(try run.stop() == 0)

        // Sent and marked: a third start sends none again.
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try run.stop() == 0)
        let third = run.journal { $0.contains { $0.messageID == MessageID.id(.stopping) } }
        #expect(sent(third).isEmpty, "sent again: \(sent(third).count)")
    }

    // A directory the daemon cannot move out of the inbox (here a mount point) leaves no reason
    // file in rejected/ without its file; it is rejected with its reason once it can be moved.
    @Test(.enabled(if: isRoot))
    func aDirectoryThatCannotBeMovedLeavesNoStrayReason() throws {
        let run = try DaemonRun()
        let folder = run.inbox + "/mounted-folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try Self.shell(["/bin/mount", "--bind", folder, folder]) == 0)
        var mounted = true
        defer { if mounted { _ = try? Self.shell(["/bin/umount", "-l", folder]) } }
        try run.start()
        try run.notify.wait(for: "READY=1")
        // The start-up scan tried (rename: EBUSY) and keeps it in the inbox.
        #expect(run.names(run.inbox) == ["mounted-folder"])
        #expect(run.names(run.rejected).isEmpty, "rejected/: \(run.names(run.rejected))")
        #expect(try Self.shell(["/bin/umount", folder]) == 0)
        mounted = false
        // Any inbox event makes a scan: the folder goes, with its reason.
        let name = "01-LZ-2024-001-application.yaml"
        try run.dropAtomically(name, bytes: try Examples.bytes(name))
        #expect(run.eventually { run.names(run.rejected) == ["mounted-folder", "mounted-folder.error.txt"] }, "\(run.names(run.rejected))")
        #expect(try run.stop() == 0)
    }

    // With a read-only inbox a recorded document stays where it was dropped: `consortiumctl
    // verify` says so and that nothing in the database needs changing (not "archived original
    // missing", nor the relation tables' "delete the meta row").
    @Test(.enabled(if: isRoot))
    func verifyWithARecordedDocumentStillInAReadOnlyInbox() throws {
        let run = try DaemonRun()
        let name = "01-LZ-2024-001-application.yaml"
        try run.putSettled(name, bytes: try Examples.bytes(name))
        #expect(try Self.shell(["/bin/mount", "--bind", run.inbox, run.inbox]) == 0)
        defer { _ = try? Self.shell(["/bin/umount", "-l", run.inbox]) }
        #expect(try Self.shell(["/bin/mount", "-o", "remount,bind,ro", run.inbox]) == 0)
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(run.names(run.inbox) == [name])
        #expect(run.archivedSHAs.isEmpty)
        let verify = try DaemonProcessTests.ctl(run, ["verify"])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.output.contains("尚未移入存档") && verify.output.contains(run.inbox + "/" + name), "\(verify.output)")
        #expect(!verify.output.contains("DELETE") && !verify.output.contains("不一致"), "\(verify.output)")
        #expect(try run.stop() == 0)
    }
}
