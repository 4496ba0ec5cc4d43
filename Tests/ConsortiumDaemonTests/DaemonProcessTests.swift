import ConsortiumCore
import ConsortiumDaemon
import ConsortiumStore
import Foundation
import Glibc
import Systemd
import Testing

/// End-to-end tests of the real `consortiumd` binary: its own directories and config, a
/// test-owned NOTIFY_SOCKET, and the machine's journald read back with journalctl.
@Suite(.serialized)
struct DaemonProcessTests {
    static let journalAvailable = access("/run/systemd/journal/socket", F_OK) == 0

    /// A socket with nobody behind it (left by a journald that is gone, on a /run that is not a
    /// tmpfs) fails every journal test with one clear reason instead of empty read-backs.
    init() throws {
        if Self.journalAvailable {
            try #require(Journal.isReachable, "/run/systemd/journal/socket exists but no journald listens: run scripts/setup.sh (it starts one)")
        }
    }

    /// A notice file whose `acknowledged` is null.
    static func unacknowledged(_ text: String) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return false }
        return object["acknowledged"] is NSNull
    }

    static func monotonic(_ entry: JournalEntry) -> UInt64 { UInt64(entry["__MONOTONIC_TIMESTAMP"] ?? "") ?? 0 }

    /// A valid example with its lead's USCC check character changed.
    static func brokenApplication() throws -> [UInt8] {
        let text = String(decoding: try Examples.bytes("01-LZ-2024-001-application.yaml"), as: UTF8.self)
        let valid = "91450205718263408H"
        #expect(USCC(valid) != nil)
        #expect(USCC("91450205718263408J") == nil)
        let broken = text.replacingOccurrences(of: valid, with: "91450205718263408J")
        #expect(broken != text)
        return Array(broken.utf8)
    }

    // 1.
    @Test(.enabled(if: journalAvailable))
    func readyOnlyAfterStartupScanAndJournalFields() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        let examples = Examples.names
        #expect(examples.count == 18)
        let shaOf = Dictionary(uniqueKeysWithValues: try examples.map { ($0, SHA256.hex(try Examples.bytes($0))) })
        try run.start()
        try run.notify.wait(for: "READY=1")
        // Observed at READY=1: the scan is complete.
        #expect(run.names(run.inbox).isEmpty, "inbox at READY=1: \(run.names(run.inbox))")
        #expect(run.archivedSHAs == Set(shaOf.values))
        #expect(run.names(run.rejected).isEmpty)
        #expect(run.names(run.pending).isEmpty)

        let accepted = MessageID.id(.accepted)
        let entries = run.journal { entries in
            entries.filter { $0.messageID == accepted }.count >= 18 && entries.contains { $0.messageID == MessageID.id(.ready) }
        }
        let acceptedEntries = entries.filter { $0.messageID == accepted }
        #expect(acceptedEntries.count == 18)
        #expect(Set(acceptedEntries.compactMap { $0["DOCUMENT_NAME"] }) == Set(examples))
        for entry in acceptedEntries {
            let name = entry["DOCUMENT_NAME"] ?? "?"
            #expect(entry["DOCUMENT_SHA256"] == shaOf[name], "\(name)")
            #expect(!(entry["DOCUMENT_KIND"] ?? "").isEmpty, "\(name)")
            #expect(!(entry["DOCUMENT_ENCODING"] ?? "").isEmpty, "\(name)")
            if entry["DOCUMENT_KIND"] == "Acknowledgement" {
                // Names no consortium; on a first start the ledger does not know its notice yet.
                #expect(entry["CONSORTIUM_ID"] != nil, "\(name)")
            } else {
                #expect((entry["CONSORTIUM_ID"] ?? "").hasPrefix("LZ-"), "\(name)")
            }
            #expect(entry["PRIORITY"] == "6")
            #expect(entry["SYSLOG_IDENTIFIER"] == "consortiumd")
            #expect(!(entry["MESSAGE"] ?? "").isEmpty)
        }
        #expect(Set(acceptedEntries.compactMap { $0["CONSORTIUM_ID"] }.filter { !$0.isEmpty }).count == 3)
        // The ready entry follows every acceptance.
        let ready = try #require(entries.first { $0.messageID == MessageID.id(.ready) })
        #expect(acceptedEntries.allSatisfy { Self.monotonic($0) <= Self.monotonic(ready) })
        #expect(ready["STATE_DOCUMENTS"] == "18")
        #expect(ready["STATE_CONSORTIA"] == "3")

        let notices = entries.filter { $0["NOTICE_ID"] != nil }
        #expect(!notices.isEmpty)
        for entry in notices {
            for field in ["NOTICE_ID", "RULE", "CLAUSE", "STAGE", "SUBJECT", "CONSORTIUM_ID", "CONSORTIUM_NAME"] {
                #expect(entry[field] != nil, "notice entry without \(field): \(entry.fields)")
            }
            let rule = try #require(RuleID(rawValue: entry["RULE"] ?? ""), "unknown RULE \(entry["RULE"] ?? "nil")")
            #expect(entry.messageID == MessageID.id(rule))
            #expect(entry["SYSLOG_IDENTIFIER"] == "consortiumd")
            let severity = try #require(entry["SEVERITY"])
            #expect(entry["PRIORITY"] == JournalEntry.severityPriority[severity], "\(rule) \(severity) -> \(entry["PRIORITY"] ?? "nil")")
            #expect(!(entry["CONSORTIUM_NAME"] ?? "").isEmpty)
        }
        // The story's notices on any day include warnings; LZ-2025-002's revocation review was
        // concluded by its Revocation, so it is never raised (rules.md, revised 2026-12).
        #expect(notices.contains { $0["SEVERITY"] == "warning" && $0["PRIORITY"] == "4" })
        #expect(!notices.contains { $0["RULE"] == "REVOCATION_GROUND" })
        // One notice file per emitted notice.
        let files = Set(run.names(run.notices).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })
        #expect(Set(notices.compactMap { $0["NOTICE_ID"] }).isSubset(of: files))
        #expect(try run.stop() == 0)
    }

    // 2.
    @Test(.enabled(if: journalAvailable))
    func brokenFilesSymlinksAndFIFOsAreRejected() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let name = "01-broken-application.yaml"
        let broken = try Self.brokenApplication()
        try run.dropAtomically(name, bytes: broken)
        #expect(
            run.eventually {
                FileManager.default.fileExists(atPath: run.rejected + "/" + name + ".error.txt")
                    && !FileManager.default.fileExists(atPath: run.inbox + "/" + name)
            }
        )
        #expect(FileManager.default.contents(atPath: run.rejected + "/" + name).map(Array.init) == broken)
        let errorText = run.read(run.rejected + "/" + name + ".error.txt")
        #expect(errorText.contains("members[0].uscc"), "\(errorText)")

        // The same name again: NAME.1, nothing overwritten.
        var second = broken
        second.append(contentsOf: Array("\n# second copy\n".utf8))
        try run.dropAtomically(name, bytes: second)
        #expect(
            run.eventually {
                FileManager.default.fileExists(atPath: run.rejected + "/" + name + ".1.error.txt")
                    && FileManager.default.fileExists(atPath: run.rejected + "/" + name + ".1")
            }
        )
        #expect(FileManager.default.contents(atPath: run.rejected + "/" + name + ".1").map(Array.init) == second)
        #expect(FileManager.default.contents(atPath: run.rejected + "/" + name).map(Array.init) == broken)
        #expect(run.read(run.rejected + "/" + name + ".1.error.txt").contains("members[0].uscc"))

        // A symbolic link to /etc/passwd: rejected, never followed.
        let link = "passwd-link.yaml"
        #expect(symlink("/etc/passwd", run.inbox + "/" + link) == 0)
        #expect(
            run.eventually {
                FileManager.default.fileExists(atPath: run.rejected + "/" + link + ".error.txt")
                    && (try? FileManager.default.destinationOfSymbolicLink(atPath: run.rejected + "/" + link)) != nil
            }
        )
        let linkError = run.read(run.rejected + "/" + link + ".error.txt")
        let passwd = run.read("/etc/passwd")
        #expect(!linkError.contains("root:x:0"))
        for line in passwd.split(separator: "\n").prefix(3) { #expect(!linkError.contains(String(line))) }
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: run.rejected + "/" + link)) == "/etc/passwd")
        #expect(run.read("/etc/passwd") == passwd)

        // A FIFO: rejected, and the daemon does not hang on it.
        let fifo = "pipe.yaml"
        #expect(mkfifo(run.inbox + "/" + fifo, 0o644) == 0)
        // The reason is written first, then the entry moved: wait for both.
        #expect(
            run.eventually {
                FileManager.default.fileExists(atPath: run.rejected + "/" + fifo + ".error.txt")
                    && !FileManager.default.fileExists(atPath: run.inbox + "/" + fifo)
            }
        )
        var st = stat()
        #expect(lstat(run.rejected + "/" + fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        // Still working: a valid document after the FIFO is taken.
        let application = "01-LZ-2024-001-application.yaml"
        try run.dropAtomically(application, bytes: try Examples.bytes(application))
        let sha = SHA256.hex(try Examples.bytes(application))
        #expect(run.eventually { run.archivedSHAs.contains(sha) })
        #expect(run.isRunning)

        let rejectedID = MessageID.id(.rejected)
        let entries = run.journal { entries in
            entries.filter { $0.messageID == rejectedID }.count >= 4
                && entries.contains { $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == application }
        }
        let rejections = entries.filter { $0.messageID == rejectedID }
        #expect(rejections.count == 4)
        for entry in rejections {
            #expect(entry["PRIORITY"] == "4")
            #expect(!(entry["REJECT_REASON"] ?? "").isEmpty)
            #expect(entry["DOCUMENT_NAME"] != nil)
            #expect(entry["DOCUMENT_SHA256"] != nil)
        }
        let paths = Set(rejections.compactMap { $0["REJECTED_PATH"] })
        #expect(
            paths == [
                run.rejected + "/" + name, run.rejected + "/" + name + ".1",
                run.rejected + "/" + link, run.rejected + "/" + fifo,
            ]
        )
        let first = try #require(rejections.first { $0["REJECTED_PATH"] == run.rejected + "/" + name })
        #expect(first["DOCUMENT_SHA256"] == SHA256.hex(broken))
        #expect(first["REJECT_REASON"]?.contains("members[0].uscc") == true)
        #expect(entries.contains { $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == application })
        #expect(try run.stop() == 0)
    }

    // 3.
    @Test(.enabled(if: journalAvailable))
    func unknownConsortiumWaitsInPendingUntilItsApplication() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let recommendation = "02-LZ-2024-001-recommendation.yaml"
        let application = "01-LZ-2024-001-application.yaml"
        try run.dropAtomically(recommendation, bytes: try Examples.bytes(recommendation))
        #expect(
            run.eventually { run.names(run.pending) == [recommendation] },
            "pending: \(run.names(run.pending)) rejected: \(run.names(run.rejected))"
        )
        #expect(run.names(run.inbox).isEmpty)
        let pendingID = MessageID.id(.pending)
        var entries = run.journal { $0.contains { $0.messageID == pendingID } }
        let held = try #require(entries.first { $0.messageID == pendingID })
        #expect(held["PRIORITY"] == "5")
        #expect(held["DOCUMENT_NAME"] == recommendation)
        #expect(held["CONSORTIUM_ID"] == "LZ-2024-001")
        #expect(held["DOCUMENT_SHA256"] == SHA256.hex(try Examples.bytes(recommendation)))

        try run.dropAtomically(application, bytes: try Examples.bytes(application))
        let both: Set = [SHA256.hex(try Examples.bytes(application)), SHA256.hex(try Examples.bytes(recommendation))]
        #expect(
            run.eventually { run.archivedSHAs == both && run.names(run.pending).isEmpty },
            "archive: \(run.archivedSHAs) pending: \(run.names(run.pending))"
        )
        #expect(run.names(run.rejected).isEmpty)
        entries = run.journal { $0.filter { $0.messageID == MessageID.id(.accepted) }.count >= 2 }
        let accepted = entries.filter { $0.messageID == MessageID.id(.accepted) }.compactMap { $0["DOCUMENT_NAME"] }
        #expect(Set(accepted) == [application, recommendation])
        #expect(try run.stop() == 0)
    }

    // 4.
    @Test(.enabled(if: journalAvailable))
    func duplicateIsArchivedAsDuplicate() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let original = "04-LZ-2024-001-project.yaml"
        let bytes = try Examples.bytes(original)
        let sha = SHA256.hex(bytes)
        let copy = "copy-of-project.yaml"
        try run.dropAtomically(copy, bytes: bytes)
        let duplicates = run.archive + "/duplicates"
        #expect(run.eventually { !run.names(duplicates).isEmpty && run.names(run.inbox).isEmpty })
        let stored = run.names(duplicates)
        #expect(stored.count == 1)
        #expect(stored.first?.hasPrefix(sha) == true, "\(stored)")
        #expect(FileManager.default.contents(atPath: duplicates + "/" + (stored.first ?? "")).map(Array.init) == bytes)
        #expect(run.archivedSHAs.count == 18)
        #expect(run.names(run.rejected).isEmpty)
        let duplicateID = MessageID.id(.duplicate)
        let entries = run.journal { $0.contains { $0.messageID == duplicateID } }
        let entry = try #require(entries.first { $0.messageID == duplicateID })
        #expect(entry["DOCUMENT_NAME"] == copy)
        #expect(entry["DOCUMENT_SHA256"] == sha)
        #expect(entry["PRIORITY"] == "6")
        #expect(entries.filter { $0.messageID == MessageID.id(.accepted) }.count == 18)
        #expect(try run.stop() == 0)
    }

    // 4b. An Acknowledgement dropped while running names its notice's consortium in the
    // journal and the notice file is rewritten at once (not at the next daily evaluation).
    @Test(.enabled(if: journalAvailable))
    func acknowledgementWhileRunningTouchesItsConsortium() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let entries = run.journal { $0.contains { $0.messageID == MessageID.id(.ready) } }
        // An open notice nobody has acknowledged yet.
        let notice = try #require(
            entries.first { entry in
                entry["NOTICE_ID"] != nil && entry["STAGE"] != "resolved"
                    && Self.unacknowledged(run.read(run.notices + "/" + (entry["NOTICE_ID"] ?? "") + ".json"))
            }
        )
        let id = try #require(notice["NOTICE_ID"])
        let noticeFile = run.notices + "/" + id + ".json"
        #expect(!run.read(noticeFile).contains("测试值班员"))
        let ack = "{\"version\": 1, \"kind\": \"Acknowledgement\", \"date\": \"2026-01-05\", \"notice\": \"\(id)\", \"by\": \"测试值班员\"}\n"
        try run.dropAtomically("ack-test.json", bytes: Array(ack.utf8))
        #expect(run.eventually { run.archivedSHAs.contains(SHA256.hex(Array(ack.utf8))) }, "rejected: \(run.names(run.rejected))")
        let after = run.journal { $0.contains { $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == "ack-test.json" } }
        let accepted = try #require(after.first { $0.messageID == MessageID.id(.accepted) && $0["DOCUMENT_NAME"] == "ack-test.json" })
        #expect(accepted["DOCUMENT_KIND"] == "Acknowledgement")
        #expect(accepted["CONSORTIUM_ID"] == notice["CONSORTIUM_ID"])
        #expect(run.eventually { run.read(noticeFile).contains("测试值班员") }, "\(run.read(noticeFile))")
        #expect(try run.stop() == 0)
    }

    // 5.
    @Test(.enabled(if: journalAvailable))
    func sighupReloadsAndSigtermStops() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        // At once after READY=1, as systemd's `reload` may do.
        kill(run.pid, SIGHUP)
        try run.notify.wait(for: "RELOADING=1", timeout: 10)
        let afterReload = try run.notify.wait(for: "READY=1", timeout: 10)
        #expect(afterReload.last?.contains("READY=1") == true)
        #expect(run.isRunning)
        let entries = run.journal { $0.contains { $0.messageID == MessageID.id(.reloaded) } }
        let reloaded = try #require(entries.first { $0.messageID == MessageID.id(.reloaded) })
        #expect(reloaded["PRIORITY"] == "6")
        #expect(reloaded["STATE_DOCUMENTS"] == "0")

        kill(run.pid, SIGTERM)
        try run.notify.wait(for: "STOPPING=1", timeout: 10)
        #expect(try run.waitForExit(timeout: 10) == 0)
        #expect(run.process?.terminationReason == .exit)
        let final = run.journal { $0.contains { $0.messageID == MessageID.id(.stopping) } }
        #expect(final.contains { $0.messageID == MessageID.id(.stopping) })
    }

    // 6.
    @Test(.enabled(if: journalAvailable))
    func restartNeverReemitsANotice() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        try run.start()
        try run.notify.wait(for: "READY=1")
        let firstPID = run.pid
        #expect(try run.stop() == 0)
        let firstEntries = run.journal(pid: firstPID) { $0.contains { $0.messageID == MessageID.id(.stopping) } }
        let firstNotices = firstEntries.filter { $0["NOTICE_ID"] != nil && $0["STAGE"] != "resolved" }
        #expect(!firstNotices.isEmpty)

        try run.start()
        try run.notify.wait(for: "READY=1")
        let secondPID = run.pid
        #expect(secondPID != firstPID)
        #expect(run.archivedSHAs.count == 18)
        #expect(try run.stop() == 0)
        let secondEntries = run.journal(pid: secondPID) { $0.contains { $0.messageID == MessageID.id(.stopping) } }
        let ready = try #require(secondEntries.first { $0.messageID == MessageID.id(.ready) })
        #expect(ready["STATE_DOCUMENTS"] == "18")
        #expect(ready["STATE_CONSORTIA"] == "3")
        let started = try #require(secondEntries.first { $0.messageID == MessageID.id(.started) })
        #expect(started["STATE_DOCUMENTS"] == "18")
        #expect(!secondEntries.contains { $0.messageID == MessageID.id(.accepted) })

        let ids = (firstEntries + secondEntries).filter { $0["NOTICE_ID"] != nil && $0["STAGE"] != "resolved" }.compactMap { $0["NOTICE_ID"] }
        let counts = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts.filter { $0.value > 1 }.isEmpty, "emitted twice: \(counts.filter { $0.value > 1 })")
    }

    // 7.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")))
    func withoutAJournalEventsGoToStandardError() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        try run.start(withoutJournal: true)
        try run.notify.wait(for: "READY=1")
        #expect(run.names(run.inbox).isEmpty)
        #expect(try run.stop() == 0)
        let lines = run.read(run.stderrPath).split(separator: "\n").map(String.init)
        let accepted = lines.filter { $0.contains("MESSAGE_ID=" + MessageID.id(.accepted)) }
        #expect(accepted.count == 18, "\(lines.prefix(5))")
        for name in Examples.names {
            let sha = SHA256.hex(try Examples.bytes(name))
            #expect(accepted.contains { $0.contains("DOCUMENT_NAME=\(name)") && $0.contains("DOCUMENT_SHA256=\(sha)") }, "\(name)")
        }
        #expect(accepted.allSatisfy { $0.hasPrefix("consortiumd[6]: ") && $0.contains("DOCUMENT_KIND=") && $0.contains("CONSORTIUM_ID=") })
        #expect(accepted.filter { !$0.contains("DOCUMENT_KIND=Acknowledgement") }.allSatisfy { $0.contains("CONSORTIUM_ID=LZ-") })
        #expect(lines.contains { $0.contains("MESSAGE_ID=" + MessageID.id(.ready)) && $0.contains("STATE_DOCUMENTS=18") })
        #expect(lines.contains { $0.contains("NOTICE_ID=") && $0.contains("RULE=") })
        #expect(lines.contains { $0.contains("MESSAGE_ID=" + MessageID.id(.stopping)) })
        // Nothing reached journald from that process.
        if Self.journalAvailable {
            usleep(500_000)
            #expect(JournalReader.entries(pid: run.pid, config: run.configPath).isEmpty)
        }
    }

    /// Runs `consortiumctl` (built beside the daemon) with the run's config.
    static func ctl(_ run: DaemonRun, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: (Examples.daemonBinary as NSString).deletingLastPathComponent + "/consortiumctl")
        process.arguments = arguments + ["--config", run.configPath]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // 9.
    @Test(.enabled(if: journalAvailable))
    func consortiumctlReadsTheDaemonsStateAcknowledgesAndVerifies() throws {
        let run = try DaemonRun()
        try run.seedExamples()
        let review = try run.seedUnderReview()
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(try Self.ctl(run, ["verify"]).status == 0)
        let list = try Self.ctl(run, ["list", "--json"])
        let consortia = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
        #expect(Set(consortia?.compactMap { $0["consortium"] as? String } ?? []) == ["LZ-2024-001", "LZ-2025-002", "LZ-2025-003", review])
        let notices = try JSONSerialization.jsonObject(with: Data(try Self.ctl(run, ["notices", "--json"]).output.utf8)) as? [[String: Any]] ?? []
        let revocation = notices.first { $0["rule"] as? String == "REVOCATION_GROUND" && $0["consortium"] as? String == review }
        let id = try #require(revocation?["id"] as? String)
        #expect(revocation?["acknowledged"] is NSNull)
        #expect(try Self.ctl(run, ["notices", "--fail-on", "crit"]).status == 3)

        // ack drops an Acknowledgement; the daemon takes it and rewrites the notice file.
        #expect(try Self.ctl(run, ["ack", id, "--by", "测试操作员", "--note", "已启动审查"]).status == 0)
        let deadline = Date().addingTimeInterval(10)
        var file = ""
        while Date() < deadline {
            file = run.read(run.notices + "/" + id + ".json")
            if file.contains("测试操作员") { break }
            usleep(50_000)
        }
        #expect(file.contains("测试操作员"), "notice file: \(file)")
        #expect(run.names(run.inbox).isEmpty)
        #expect(try Self.ctl(run, ["notices", "--fail-on", "crit"]).status == 0)
        #expect(try run.stop() == 0)

        // A changed archive file is a difference.
        let archived = try #require(run.names(run.archive).first { $0.count == 64 })
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: run.archive + "/" + archived))
        handle.seekToEndOfFile()
        handle.write(Data("# tampered\n".utf8))
        try handle.close()
        #expect(try Self.ctl(run, ["verify"]).status == 1)
    }

    // 10.
    @Test func refusesToStartWhenItsFoldersSpanFileSystems() throws {
        let run = try DaemonRun()
        let shm = "/dev/shm/cdt-pending-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: shm) }
        let config = run.read(run.configPath).replacingOccurrences(of: "pending: \(run.pending)", with: "pending: \(shm)")
        try config.write(toFile: run.configPath, atomically: true, encoding: .utf8)
        try run.start()
        #expect(try run.waitForExit(timeout: 20) == 1)
        #expect(run.read(run.stderrPath).contains("同一文件系统"))
    }

    // 11.
    /// Setting the wall clock cancels the daily CLOCK_REALTIME timer (TFD_TIMER_CANCEL_ON_SET):
    /// the loop evaluates and re-arms for the new time. The clock is set to its own value, so
    /// nothing else on the machine sees a jump.
    @Test(.enabled(if: getuid() == 0))
    func settingTheClockReArmsTheDailyTimer() throws {
        let run = try DaemonRun()
        try run.start()
        try run.notify.wait(for: "READY=1")
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        #expect(clock_settime(CLOCK_REALTIME, &now) == 0)
        let seen = try run.notify.wait(for: "STATUS=每日评估 / daily evaluation", timeout: 10)
        #expect(seen.contains("STATUS=每日评估 / daily evaluation"))
        // Re-armed, not spinning: it goes back to watching and stays there.
        _ = try run.notify.wait(for: "STATUS=监视收件箱，0 个联合体 / watching the inbox", timeout: 10)
        #expect(run.notify.receive(timeout: 1.5) == nil)
        #expect(try run.stop() == 0)
    }

    // 12.
    /// With WATCHDOG_USEC set the loop that does the work sends WATCHDOG=1 every half interval,
    /// also while idle.
    @Test func theWorkingLoopFeedsTheWatchdog() throws {
        let run = try DaemonRun()
        try run.start(environment: ["WATCHDOG_USEC": "400000"])
        try run.notify.wait(for: "READY=1")
        var pings = 0
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, let message = run.notify.receive(timeout: deadline.timeIntervalSinceNow) {
            if message == "WATCHDOG=1" { pings += 1 }
        }
        #expect(pings >= 6, "WATCHDOG=1 pings in 2 s at WATCHDOG_USEC=400000: \(pings)")
        #expect(try run.stop() == 0)
    }

    // 13.
    /// After the clock was set back, files carry modification times in the future: they must
    /// not be held as "still being written" until the clock catches up.
    @Test(.enabled(if: journalAvailable))
    func aFileFromTheFutureIsNotHeld() throws {
        let run = try DaemonRun()
        // Waiting in the inbox before the start (no inotify hint), modified "an hour from now".
        let name = "01-LZ-2024-001-application.yaml"
        let path = run.inbox + "/" + name
        try Data(try Examples.bytes(name)).write(to: URL(fileURLWithPath: path))
        var now = timeval()
        gettimeofday(&now, nil)
        var times = [timeval(tv_sec: now.tv_sec + 3600, tv_usec: 0), timeval(tv_sec: now.tv_sec + 3600, tv_usec: 0)]
        #expect(utimes(path, &times) == 0)
        try run.start()
        try run.notify.wait(for: "READY=1")
        #expect(!FileManager.default.fileExists(atPath: path), "held by the start-up scan")
        #expect(run.archivedSHAs.contains(SHA256.hex(try Examples.bytes(name))))
        #expect(try run.stop() == 0)
    }

    // 14.
    /// Two exact copies taken in one batch (group commit): one is accepted, the other recorded
    /// as its duplicate; neither is lost, the acceptance is logged once.
    @Test(.enabled(if: journalAvailable))
    func twoCopiesInOneBatchAreOneDocumentAndOneDuplicate() throws {
        let run = try DaemonRun()
        let bytes = try Examples.bytes("01-LZ-2024-001-application.yaml")
        try run.putSettled("a-first.yaml", bytes: bytes)
        try run.putSettled("b-copy.yaml", bytes: bytes)
        try run.start()
        try run.notify.wait(for: "READY=1")
        let sha = SHA256.hex(bytes)
        #expect(run.names(run.inbox).isEmpty)
        #expect(run.archivedSHAs == [sha])
        #expect(run.names(run.archive + "/duplicates") == [sha + ".1"])
        let entries = run.journal { $0.contains { $0.messageID == MessageID.id(.duplicate) } }
        #expect(entries.filter { $0.messageID == MessageID.id(.accepted) }.count == 1)
        #expect(entries.filter { $0.messageID == MessageID.id(.duplicate) }.count == 1)
        #expect(try run.stop() == 0)
    }
}
