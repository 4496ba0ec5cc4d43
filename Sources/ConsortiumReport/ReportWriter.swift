import ConsortiumCore
import Foundation
import Glibc

/// Keeps a report directory in step with the consortia given to it (runbook.md "The report"):
/// `index.html`, `years.html`, `consortia.csv`, `notices.csv` and `c/KEY.html` per consortium.
/// Only a file whose content changed is written, each atomically (a temporary file in the same
/// directory, then rename(2)): a reader opening a page sees the old one or the new one, never half
/// of one. Files are 0640 (the group, `consortium`, reads them).
///
/// `put` renders and writes a consortium's page and keeps its summary; `finish` writes what is
/// made from every summary. The daemon puts the consortia an evaluation judged, then finishes;
/// `consortiumctl report` puts every consortium, a group at a time, then finishes.
public final class ReportWriter {
    public let directory: String
    public private(set) var settings: ReportSettings
    /// Whether consortium pages list the ledger's resolved notices (the daemon's state).
    public let hasLedger: Bool
    private let renderer = ReportRenderer()
    private var summaries: [ConsortiumID: ConsortiumSummary] = [:]
    private var openNotices: [ConsortiumID: [Notice]] = [:]
    /// A hash of what each file held when this writer last wrote or compared it.
    private var known: [String: Int] = [:]

    /// What a `put` or `finish` did.
    public struct Counts: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        public var bytes = 0
        public init() {}
    }
    public private(set) var counts = Counts()

    public init(directory: String, settings: ReportSettings, hasLedger: Bool) throws {
        self.directory = directory
        self.settings = settings
        self.hasLedger = hasLedger
        try Self.makeDirectory(directory)
        try Self.makeDirectory(directory + "/c")
    }

    public var consortiumCount: Int { summaries.count }

    /// A new day or new settings: every page must be made again (`put` every consortium).
    public func change(settings: ReportSettings) { self.settings = settings }

    /// Renders `facts`' page, writes it if it changed, and keeps its summary for `finish`.
    public func put(_ facts: ConsortiumFacts) throws {
        let summary = ReportModel.summary(facts, settings)
        summaries[facts.id] = summary
        openNotices[facts.id] = facts.open.isEmpty ? nil : facts.open
        let page = renderer.consortium(facts, summary: summary, settings: settings, hasLedger: hasLedger)
        try write(ReportRenderer.pagePath(facts.id), page)
    }

    /// Forgets consortia no longer held and removes their pages.
    public func remove(_ ids: some Sequence<ConsortiumID>) throws {
        for id in ids where summaries.removeValue(forKey: id) != nil {
            openNotices[id] = nil
            try removeFile(ReportRenderer.pagePath(id))
        }
    }

    /// Writes the overview, the by-year page and the spreadsheets from every summary. With
    /// `pruning` (a full report), first forgets the consortia not in `keeping` (all it was given
    /// when nil) and removes every page in `c/` of a consortium it does not hold.
    @discardableResult
    public func finish(pruning: Bool = false, keeping: Set<ConsortiumID>? = nil) throws -> Overview {
        if pruning, let keeping { try remove(summaries.keys.filter { !keeping.contains($0) }) }
        let overview = Overview(summaries.values, day: settings.day)
        try write("index.html", renderer.index(overview, settings: settings))
        try write("years.html", renderer.years(overview, settings: settings))
        try write("consortia.csv", ReportCSV.consortia(overview))
        let notices = overview.rows.lazy.flatMap { self.openNotices[$0.id] ?? [] }
        try write("notices.csv", ReportCSV.notices(notices))
        if pruning {
            let keep = Set(summaries.keys.map { String(ReportRenderer.pagePath($0).dropFirst(2)) })
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory + "/c")) ?? []
            where name.hasSuffix(".html") && !keep.contains(name) {
                try removeFile("c/" + name)
            }
        }
        return overview
    }

    /// Resets the counts (a benchmark or the daemon's log reads them per refresh).
    public func resetCounts() { counts = Counts() }

    // MARK: - Files

    private func write(_ path: String, _ text: String) throws {
        var text = text
        let bytes = text.withUTF8 { Array($0) }
        var hasher = Hasher()
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        let hash = hasher.finalize()
        let full = directory + "/" + path
        if known[path] == hash {
            counts.unchanged += 1
            return
        }
        if known[path] == nil, let existing = FileManager.default.contents(atPath: full), existing.elementsEqual(bytes) {
            known[path] = hash
            counts.unchanged += 1
            return
        }
        try Self.atomicWrite(full, bytes)
        known[path] = hash
        counts.written += 1
        counts.bytes += bytes.count
    }

    private func removeFile(_ path: String) throws {
        known[path] = nil
        if unlink(directory + "/" + path) == 0 {
            counts.removed += 1
        } else if errno != ENOENT {
            throw ReportError.io(directory + "/" + path, String(cString: strerror(errno)))
        }
    }

    /// Writes `bytes` to a temporary name beside `path`, then renames it over `path`.
    static func atomicWrite(_ path: String, _ bytes: [UInt8]) throws {
        let slash = path.lastIndex(of: "/")!
        let temporary = String(path[...slash]) + "." + String(path[path.index(after: slash)...]) + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else { throw ReportError.io(temporary, String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw ReportError.io(temporary, reason)
            }
            offset += n
        }
        // The mode of a file the umask narrowed (or an older file's) is set explicitly.
        fchmod(fd, 0o640)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ReportError.io(path, reason)
        }
    }

    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o750) != 0, errno != EEXIST {
            throw ReportError.io(path, String(cString: strerror(errno)))
        }
    }
}

public enum ReportError: Error, CustomStringConvertible {
    case io(String, String)
    public var description: String {
        switch self {
        case .io(let path, let reason): "\(path)：\(reason)"
        }
    }
}
