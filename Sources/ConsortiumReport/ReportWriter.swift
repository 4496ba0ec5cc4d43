import ConsortiumCore
import Foundation
import Glibc

/// Keeps a report directory in step with the consortia given to it (runbook.md "The report"):
/// `index.html`, `years.html`, `consortia.csv`, `notices.csv` and `c/KEY.html` per consortium.
/// Only a file whose content changed is written, each atomically (a temporary file in the same
/// directory, then rename(2)): a reader opening a page sees the old one or the new one, never half
/// of one. Files are 0640 (the group, `consortium`, reads them).
///
/// `put` renders and writes a consortium's page and keeps what the overview files take of it (its
/// summary, its row of the overview's table as data, its lines of the spreadsheets); `finish`
/// writes the overview files that a `put` or `remove` changed, from what it keeps, without
/// rendering any consortium again. The daemon puts the consortia an evaluation judged, then
/// finishes (at most once a second, DaemonReport); `consortiumctl report` puts every consortium,
/// a group at a time, then finishes.
public final class ReportWriter {
    public let directory: String
    public private(set) var settings: ReportSettings
    /// Whether consortium pages list the ledger's resolved notices (the daemon's state).
    public let hasLedger: Bool
    /// Called after each consortium `put` (the daemon feeds systemd's watchdog with it during a
    /// full report).
    public var progress: (() -> Void)?
    private let renderer = ReportRenderer()

    /// What the overview files take of one consortium (a class: the overview gathers 10,000 of
    /// them up to once a second without copying them).
    final class Entry: Sendable {
        let summary: ConsortiumSummary
        /// Its row of the overview's table (`OverviewData.row`).
        let row: [UInt8]
        /// Its line of consortia.csv and its lines of notices.csv.
        let csv: String
        let notices: String
        /// Its deadlines in the window and its open crit/err notices, as the overview's data, in
        /// its own order (due date and rule; rule and subject).
        let deadlines: [(due: CivilDate, data: [UInt8])]
        let urgent: [(priority: Int, data: [UInt8])]

        init(_ facts: ConsortiumFacts, _ summary: ConsortiumSummary, _ settings: ReportSettings) {
            self.summary = summary
            row = OverviewData.row(summary)
            csv = ReportCSV.consortium(summary)
            notices = ReportCSV.noticeLines(facts.open)
            deadlines = summary.deadlinesInWindow.sorted { ($0.due, $0.rule.rawValue) < ($1.due, $1.rule.rawValue) }
                .map { ($0.due, OverviewData.deadline($0, of: summary, settings: settings)) }
            urgent = summary.urgent.sorted { ($0.rule, $0.subject) < ($1.rule, $1.subject) }
                .map { ($0.severity.priority, OverviewData.notice($0)) }
        }
    }
    private var entries: [ConsortiumID: Entry] = [:]
    /// The keys in order; nil after a consortium came or went.
    private var order: [ConsortiumID]?
    /// The overview files a `put` or `remove` changed since the last `finish` (all at first).
    private var stale: Set<OverviewFile> = Set(OverviewFile.allCases)
    enum OverviewFile: String, CaseIterable {
        case index = "index.html"
        case years = "years.html"
        case consortia = "consortia.csv"
        case notices = "notices.csv"
    }
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

    public var consortiumCount: Int { entries.count }

    /// Whether `finish` has overview files to write (a consortium changed since the last one).
    public var overviewChanged: Bool { !stale.isEmpty }

    /// A new day or new settings: every page must be made again (`put` every consortium).
    public func change(settings: ReportSettings) {
        self.settings = settings
        // The pages that show the day; the spreadsheets change as their consortia are put again.
        stale.formUnion([.index, .years])
    }

    /// Renders `facts`' page, writes it if it changed, and keeps what the overview takes of it.
    public func put(_ facts: ConsortiumFacts) throws { try put([facts]) }

    /// `put` of each of `group`: the pages and the overview's parts are made on every processor
    /// (rendering is most of a full report's work), then written in order on this thread.
    public func put(_ group: [ConsortiumFacts]) throws {
        let renderer = renderer
        let settings = settings
        let hasLedger = hasLedger
        let made = ParallelFor.map(group, threads: group.count >= 8 ? ParallelFor.processorCount : 1, grain: 2) { facts -> (String, Entry) in
            let summary = ReportModel.summary(facts, settings)
            let page = renderer.consortium(facts, summary: summary, settings: settings, hasLedger: hasLedger)
            return (page, Entry(facts, summary, settings))
        }
        for (facts, (page, entry)) in zip(group, made) {
            try write(ReportRenderer.pagePath(facts.id), page)
            if let old = entries[facts.id] {
                if old.summary != entry.summary || old.row != entry.row { stale.insert(.index) }
                if old.summary.years != entry.summary.years { stale.insert(.years) }
                if old.csv != entry.csv { stale.insert(.consortia) }
                if old.notices != entry.notices { stale.insert(.notices) }
            } else {
                came(entry)
            }
            entries[facts.id] = entry
            progress?()
        }
    }

    /// Forgets consortia no longer held and removes their pages.
    public func remove(_ ids: some Sequence<ConsortiumID>) throws {
        for id in ids {
            guard let old = entries.removeValue(forKey: id) else { continue }
            came(old)
            try removeFile(ReportRenderer.pagePath(id))
        }
    }

    /// A consortium came or went: the overview files it is part of changed.
    private func came(_ entry: Entry) {
        stale.formUnion([.index, .years, .consortia])
        if !entry.notices.isEmpty { stale.insert(.notices) }
        order = nil
    }

    /// What `finish` found: how many consortia, which in good standing (by key).
    public struct Finished: Sendable, Equatable {
        public var consortia: Int
        public var goodStanding: [ConsortiumID]
    }

    /// Writes the overview, the by-year page and the spreadsheets that changed since the last
    /// `finish`, from what `put` kept (gathered as `Overview` gathers it, without copying any
    /// consortium's part). With `pruning` (a full report), first forgets the consortia not in
    /// `keeping` (all it was given when nil) and removes every page in `c/` of a consortium it
    /// does not hold.
    @discardableResult
    public func finish(pruning: Bool = false, keeping: Set<ConsortiumID>? = nil) throws -> Finished {
        if pruning, let keeping { try remove(entries.keys.filter { !keeping.contains($0) }) }
        let ids: [ConsortiumID]
        if let order {
            ids = order
        } else {
            ids = entries.keys.sorted()
            order = ids
        }
        let held = ids.map { entries[$0]! }
        for file in OverviewFile.allCases where stale.contains(file) {
            switch file {
            case .index: try write(file.rawValue, renderer.index(Self.indexParts(held), settings: settings))
            case .years:
                var years: [Int: YearCounts] = [:]
                for entry in held { for (year, counts) in entry.summary.years { years[year] = (years[year] ?? YearCounts()) + counts } }
                try write(file.rawValue, renderer.years(Overview.years(years, through: settings.day), settings: settings))
            case .consortia: try writeSpreadsheet(file.rawValue, ReportCSV.consortiaHeader, held.map(\.csv))
            case .notices: try writeSpreadsheet(file.rawValue, ReportCSV.noticesHeader, held.map(\.notices))
            }
            stale.remove(file)
        }
        if pruning {
            let keep = Set(ids.map { String(ReportRenderer.pagePath($0).dropFirst(2)) })
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory + "/c")) ?? []
            where name.hasSuffix(".html") && !keep.contains(name) {
                try removeFile("c/" + name)
            }
        }
        return Finished(consortia: held.count, goodStanding: held.filter(\.summary.inGoodStanding).map(\.summary.id))
    }

    /// The overview's counts and data of `held` (in key order): deadlines by due date and the
    /// crit/err notices by severity, each keeping the key order (`Overview`'s orders).
    static func indexParts(_ held: [Entry]) -> ReportRenderer.IndexParts {
        var statusCounts: [ConsortiumStatus: Int] = [:]
        var severity = [Int](repeating: 0, count: Severity.allCases.count)
        var good = 0
        var deadlineCount = 0
        var urgentCount = 0
        var byDue: [CivilDate: [[UInt8]]] = [:]
        var byPriority: [Int: [[UInt8]]] = [:]
        for entry in held {
            statusCounts[entry.summary.status, default: 0] += 1
            for (index, count) in entry.summary.openBySeverity.enumerated() { severity[index] += count }
            if entry.summary.inGoodStanding { good += 1 }
            for deadline in entry.deadlines { byDue[deadline.due, default: []].append(deadline.data) }
            for notice in entry.urgent { byPriority[notice.priority, default: []].append(notice.data) }
            deadlineCount += entry.deadlines.count
            urgentCount += entry.urgent.count
        }
        let deadlines = byDue.keys.sorted().lazy.flatMap { byDue[$0]! }
        let urgent = byPriority.keys.sorted().lazy.flatMap { byPriority[$0]! }.prefix(ReportRenderer.urgentLimit)
        return ReportRenderer.IndexParts(
            total: held.count,
            byStatus: ConsortiumStatus.allCases.compactMap { status in statusCounts[status].map { (status, $0) } },
            openBySeverity: severity,
            goodCount: good,
            deadlineCount: deadlineCount,
            deadlineData: OverviewData.rows(deadlines, capacity: 0),
            urgentCount: urgentCount,
            urgentData: OverviewData.rows(urgent, capacity: 0),
            rows: OverviewData.rows(held.lazy.map(\.row), capacity: held.reduce(0) { $0 + $1.row.count + 1 })
        )
    }

    /// Resets the counts (a benchmark or the daemon's log reads them per refresh).
    public func resetCounts() { counts = Counts() }

    /// A spreadsheet made of each consortium's lines. Once this writer has written or compared
    /// it, `stale` holds it only when a consortium's lines changed, came or went, so its content
    /// changed: it is written from its parts, neither joined nor compared (notices.csv of 10,000
    /// consortia is some 30 MB).
    private func writeSpreadsheet(_ path: String, _ header: String, _ parts: [String]) throws {
        guard known[path] != nil else { return try write(path, Self.joined(header, parts)) }
        let bytes = try Self.atomicWrite(directory + "/" + path, parts: [header] + parts)
        counts.written += 1
        counts.bytes += bytes
    }

    static func joined(_ header: String, _ parts: some Collection<String>) -> String {
        var out = header
        out.reserveCapacity(parts.reduce(header.utf8.count) { $0 + $1.utf8.count })
        for part in parts { out += part }
        return out
    }

    // MARK: - Files

    private func write(_ path: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            var hasher = Hasher()
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            let hash = hasher.finalize()
            let full = directory + "/" + path
            if known[path] == hash {
                counts.unchanged += 1
                return
            }
            if known[path] == nil, Self.holds(full, UnsafeRawBufferPointer(bytes)) {
                known[path] = hash
                counts.unchanged += 1
                return
            }
            try Self.atomicWrite(full, UnsafeRawBufferPointer(bytes))
            known[path] = hash
            counts.written += 1
            counts.bytes += bytes.count
        }
    }

    /// Whether the file at `path` holds exactly `bytes` (its size first, then its content).
    static func holds(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard bytes.count > 0 else { return true }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while offset < bytes.count {
            let n = read(fd, buffer.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return memcmp(buffer.baseAddress!, bytes.baseAddress!, bytes.count) == 0
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
        try bytes.withUnsafeBytes { try atomicWrite(path, $0) }
    }

    static func atomicWrite(_ path: String, _ bytes: UnsafeRawBufferPointer) throws {
        try atomicWrite(path) { put in try put(bytes) }
    }

    /// `parts` one after the other, in writes of up to 1 MiB, atomically as above.
    static func atomicWrite(_ path: String, parts: some Sequence<String>) throws -> Int {
        var total = 0
        try atomicWrite(path) { put in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            for var part in parts {
                if buffer.count + part.utf8.count > 1 << 20 {
                    try buffer.withUnsafeBytes { try put($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
                part.withUTF8 { buffer.append(contentsOf: $0) }
                total += part.utf8.count
            }
            try buffer.withUnsafeBytes { try put($0) }
        }
        return total
    }

    /// Opens a temporary name beside `path`, lets `body` write to it, then renames it over `path`.
    private static func atomicWrite(_ path: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")!
        let temporary = String(path[...slash]) + "." + String(path[path.index(after: slash)...]) + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else { throw ReportError.io(temporary, String(cString: strerror(errno))) }
        do {
            try body { bytes in
                var offset = 0
                while offset < bytes.count {
                    let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw ReportError.io(temporary, String(cString: strerror(errno)))
                    }
                    offset += n
                }
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
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
