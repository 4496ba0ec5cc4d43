import ConsortiumCore
import ConsortiumDocx
import ConsortiumStore
import Foundation

/// The inbox as the daemon sees it (the names it ignores: `InboxName.isIgnored`): which files
/// are still being written (settling) and which their writer closed, and what one entry is when
/// it is claimed. It reads the inbox and moves nothing: the daemon performs what `claim` returns (Daemon+Effects.swift).
struct Inbox {
    /// A file written in place is taken once it has not changed for this long.
    static let settleSeconds = 1.0
    /// Files read from the inbox and judged together, in daemon order (date, kind, name).
    static let groupLimit = 1024

    let directory: String
    /// Files seen changing recently: taken once they stop changing.
    private var unsettled: [String: Date] = [:]
    /// Files the writer closed (IN_CLOSE_WRITE / IN_MOVED_TO), as they were then: complete, taken
    /// without waiting for them to settle, while they are still that file unchanged. The mark is
    /// by name, so the fingerprint keeps it from passing to a file written later under the same
    /// name (a corrected file dropped again as the one just rejected), and it is used up when
    /// the file is taken.
    private var complete: [String: FileSystem.Fingerprint] = [:]

    init(directory: String) { self.directory = directory }

    /// inotify said the writer is done with `name`: the file there now is complete.
    mutating func markComplete(_ name: String) {
        complete[name] = try? FileSystem.lstatEntry(directory + "/" + name).fingerprint
    }

    /// inotify said `name` was created or written to: whatever was complete under it no longer is.
    mutating func markChanging(_ name: String) { complete[name] = nil }

    /// Seconds until an unsettled file should be looked at again, if any.
    func nextSettleCheck(now: Date) -> TimeInterval? {
        unsettled.values.map { max(0, Self.settleSeconds - now.timeIntervalSince($0)) }.min()
    }

    /// Forgets the marks of names no longer in the inbox (after a scan saw `names`).
    mutating func keep(only names: [String]) {
        unsettled = unsettled.filter { names.contains($0.key) }
        complete = complete.filter { names.contains($0.key) }
    }

    /// What one inbox entry is when it is claimed.
    enum Claim {
        /// Gone meanwhile: nothing to do.
        case gone
        /// Written in place and still changing (modified `age` seconds ago): looked at again later.
        case settling(age: TimeInterval)
        /// Not a settled regular file of acceptable size, or unreadable: to be rejected.
        case reject([DocumentError])
        /// Read whole, received at `received`.
        case read([UInt8], received: Date)
    }

    /// Takes one inbox entry: a file that is not a settled regular file of acceptable size is
    /// to be rejected or left to settle; a readable one is returned read.
    mutating func claim(_ name: String, config: ConsortiumConfig, clock: () -> Date) -> Claim {
        let path = directory + "/" + name
        let entry: FileSystem.Entry
        do { entry = try FileSystem.lstatEntry(path) } catch { return .gone }
        guard entry.type == .regular else {
            return .reject([FileRejection.notRegular(entry.type.rejectionKind)])
        }
        let limit = config.sizeLimit(forName: name)
        if entry.size > limit.bytes {
            return .reject([FileRejection.tooLarge(size: entry.size, limit: limit.bytes, key: limit.key)])
        }
        let now = clock()
        let age = now.timeIntervalSince(entry.modified)
        // A modification time in the future (the clock was set back) does not hold a file forever.
        // The writer's close counts for the file it closed, once: not for another file under
        // this name, nor for this one written to again.
        let closed = complete.removeValue(forKey: name) == entry.fingerprint
        if !closed, age >= 0, age < Self.settleSeconds {
            // Written in place and still changing: look again once it has settled.
            unsettled[name] = entry.modified
            return .settling(age: age)
        }
        unsettled[name] = nil
        do {
            return .read(try FileSystem.readRegularFile(path, limit: limit.bytes), received: now)
        } catch {
            if error.isMissing { return .gone }
            return .reject([
                error.isPermission
                    ? FileRejection.permissionDenied
                    : DocumentError(path: "", message: "无法读取文件：\(error)", messageEn: "cannot read the file: \(error)")
            ])
        }
    }

    /// `claimed` sorted by date, kind, then name; those that did not decode first, by name.
    static func daemonOrder(_ claimed: [Claimed]) -> [Claimed] {
        let keys = claimed.map { c in c.document.map { ($0.date, $0.kind.order) } }
        return claimed.indices.sorted { a, b in
            switch (keys[a], keys[b]) {
            case (nil, nil): return claimed[a].name < claimed[b].name
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x != y ? x < y : claimed[a].name < claimed[b].name
            }
        }.map { claimed[$0] }
    }

    /// `name`, or `name.1`, `name.2` … so nothing in `directory` is overwritten.
    static func freeName(
        _ name: String,
        in directory: String,
        alsoFree suffix: String? = nil,
        reusable: (String) -> Bool = { _ in false }
    ) -> String {
        func free(_ candidate: String) -> Bool {
            if reusable(candidate) { return true }
            return !FileSystem.exists(directory + "/" + candidate) && !(suffix.map { FileSystem.exists(directory + "/" + candidate + $0) } ?? false)
        }
        if free(name) { return name }
        var n = 1
        while !free("\(name).\(n)") { n += 1 }
        return "\(name).\(n)"
    }
}

/// A file read and decoded, ready to be judged.
struct Claimed {
    var name: String
    var directory: String
    var sha: String
    var decoded: Result<DecodedDocument, DocumentRejection>
    var received: Date

    var document: Document? { try? decoded.get().document }
    var source: String { directory + "/" + name }

    init(_ bytes: [UInt8], name: String, directory: String, received: Date, limits: DecodingLimits) {
        self.name = name
        self.directory = directory
        sha = SHA256.hex(bytes)
        decoded = InboxDecoder.decode(bytes, name: name, limits: limits)
        self.received = received
    }
}
