import ConsortiumCore
import ConsortiumDaemon
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
            #expect(run.eventually { rejectedFiles().count == cycle + 1 && run.names(run.inbox).isEmpty },
                    "cycle \(cycle): rejected \(run.names(run.rejected)) inbox \(run.names(run.inbox))")
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
            #expect(accepted, "cycle \(cycle) (\(cycle % 2 == 0 ? "slow writer" : "cp")): the corrected file was not accepted; rejected/: \(run.names(run.rejected))")
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
}
