import ConsortiumCore
import ConsortiumStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a daemon state directly — archived originals and their `document` rows, through the
/// `Store` API the daemon uses — for N consortia of 20 documents each, so the start-up benchmark
/// does not have to feed millions of files through the inbox. The documents are the examples of
/// LZ-2024-001 (Application with 10 members, Recommendation, Approval, 5 Projects, 2 Annual
/// Reports, 4 Changes, 6 Acknowledgements as JSON) with the consortium key and the units' codes
/// made per consortium: enterprises have codes of their own; universities and institutes (codes
/// starting `12`) are shared by the 10 consortia of a group, as real ones join several.
/// Every generated file is decoded before it is recorded: a template that stops decoding fails
/// the run with the file's name and the decoder's reason.
public struct StateGenerator: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Summary: Sendable, Equatable {
        public var consortia: Int
        public var documents: Int
        public var bytes: Int
    }

    static let exampleKey = "LZ-2024-001"
    static let exampleNotice = "1f2c13e99cfbf7a591d9bb5bf1d10fbd"
    static let documentsPerConsortium = 20
    let templates: [DocumentTemplate]
    let usccs: [String]

    /// Reads the templates from the project's `examples/` directory.
    public init(examples: String) throws {
        func read(_ name: String) throws -> String {
            guard let text = try? String(contentsOfFile: examples + "/" + name, encoding: .utf8) else {
                throw Failure(description: "无法读取示例文件 \(examples)/\(name) / cannot read the example")
            }
            return text
        }
        let application = try read("01-LZ-2024-001-application.yaml")
        let project = try read("04-LZ-2024-001-project.yaml")
        let change = try read("10-LZ-2024-001-change.yaml")
        let acknowledgement = try read("11-LZ-2024-001-acknowledgement.json")
        var texts: [(String, String, String)] = [
            ("application", "yaml", application),
            ("recommendation", "yaml", try read("02-LZ-2024-001-recommendation.yaml")),
            ("approval", "yaml", try read("03-LZ-2024-001-approval.yaml")),
        ]
        for k in 0..<5 {
            texts.append(
                (
                    "project-\(k)", "yaml",
                    try Self.replacing(
                        project,
                        [
                            ("project: 2024AA01012", "project: 2024AA0101\(2 + k)"), ("date: 2024-07-01", "date: 2024-07-0\(1 + k)"),
                        ]
                    )
                )
            )
        }
        texts.append(("annual-report-2024", "yaml", try read("05-LZ-2024-001-annual-report-2024.yaml")))
        texts.append(("annual-report-2025", "yaml", try read("15-LZ-2024-001-annual-report-2025.yaml")))
        texts.append(("change-0", "yaml", change))
        // The later changes only change the principal (the member joins once).
        guard let join = change.range(of: "  - join:"), let principal = change.range(of: "  - principal:") else {
            throw Failure(description: "示例 10 的结构已变：找不到 join/principal / example 10 no longer has join and principal")
        }
        let principalOnly = String(change[..<join.lowerBound]) + String(change[principal.lowerBound...])
        for k in 1..<4 {
            texts.append(
                (
                    "change-\(k)", "yaml",
                    try Self.replacing(
                        principalOnly,
                        [
                            ("date: 2025-06-10", "date: 2025-0\(6 + k)-10"), ("陆建国", "陆建国\(k)"),
                        ]
                    )
                )
            )
        }
        for k in 0..<6 {
            texts.append(("acknowledgement-\(k)", "json", acknowledgement))
        }
        let codes = DocumentTemplate.usccs(in: texts.map(\.2).joined(separator: "\n"))
        usccs = codes
        templates = texts.map {
            DocumentTemplate(
                role: $0.0,
                fileExtension: $0.1,
                text: $0.2,
                exampleKey: Self.exampleKey,
                notice: Self.exampleNotice,
                usccs: codes
            )
        }
        assert(templates.count == Self.documentsPerConsortium)
    }

    private static func replacing(_ text: String, _ pairs: [(String, String)]) throws -> String {
        var text = text
        for (old, new) in pairs {
            guard text.contains(old) else { throw Failure(description: "示例中找不到 `\(old)` / the example no longer has it") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    public static func key(_ consortium: Int) -> String { "LZ-S-" + String(consortium).leftPadded(to: 6) }

    /// The units' codes of one generated consortium, in the order of `usccs`.
    func codes(_ consortium: Int) -> [String] {
        usccs.enumerated().map { m, code in
            let shared = code.hasPrefix("12")
            return Self.uscc(prefix: String(code.prefix(8)), serial: (shared ? consortium / 10 : consortium) * 64 + m)
        }
    }

    /// A valid USCC: the example's first 8 characters (authority, type, division), a 9-character
    /// body numbering `serial`, and the check character.
    static func uscc(prefix: String, serial: Int) -> String {
        let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var body = ""
        var x = serial
        for _ in 0..<9 {
            body.append(charset[x % 31])
            x /= 31
        }
        let first17 = prefix + String(body.reversed())
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }

    /// The files of one consortium: (name, bytes), its Application first.
    public func files(consortium: Int) -> [(name: String, bytes: [UInt8])] {
        let key = Self.key(consortium)
        let codes = codes(consortium)
        return templates.map { template in
            ("\(key)-\(template.role).\(template.fileExtension)", template.render(key: key, usccs: codes))
        }
    }

    /// One generated document, decoded and hashed.
    private struct Prepared {
        var name: String
        var bytes: [UInt8]
        var sha256: String
        var decoded: Result<DecodedDocument, DocumentRejection>
    }

    /// Writes `consortia` consortia into `stateDirectory` (which must not hold a database yet):
    /// `archive/SHA256` files and one `document` row each, in arrival order, `batch` consortia
    /// per transaction. `progress` is called after each transaction with the documents so far.
    @discardableResult
    public func write(
        consortia: Int,
        to stateDirectory: String,
        received: Date = Date(),
        batch: Int = 500,
        progress: (Int) -> Void = { _ in }
    ) throws -> Summary {
        if FileManager.default.fileExists(atPath: stateDirectory + "/" + Store.fileName) {
            throw Failure(description: "\(stateDirectory) 已有数据库，生成器只写入新的状态目录 / the state directory already has a database")
        }
        for directory in ["", "/archive", "/archive/duplicates"] {
            try FileManager.default.createDirectory(atPath: stateDirectory + directory, withIntermediateDirectories: true)
        }
        let store = try Store(stateDirectory: stateDirectory)
        defer { store.close() }
        var summary = Summary(consortia: consortia, documents: 0, bytes: 0)
        var first = 0
        while first < consortia {
            let last = min(consortia, first + batch)
            let prepared = ParallelFor.map(Array(first..<last), grain: 4) { consortium in
                files(consortium: consortium).map { file in
                    Prepared(name: file.name, bytes: file.bytes, sha256: SHA256.hex(file.bytes), decoded: DocumentDecoder.decode(Data(file.bytes)))
                }
            }.flatMap { $0 }
            var rows: [Store.AcceptedRow] = []
            for item in prepared {
                guard case .success(let decoded) = item.decoded else {
                    if case .failure(let rejection) = item.decoded {
                        throw Failure(description: "生成的文件 \(item.name) 无法解码 / does not decode: \(rejection.errors.first?.description ?? "")")
                    }
                    continue
                }
                summary.documents += 1
                summary.bytes += item.bytes.count
                rows.append(
                    Store.AcceptedRow(
                        arrival: summary.documents,
                        sha256: item.sha256,
                        name: item.name,
                        document: decoded.document,
                        encoding: decoded.encoding,
                        received: received,
                        archive: "archive/" + item.sha256
                    )
                )
            }
            // One thread: creating files in one directory from several only makes them wait on its lock.
            for item in prepared {
                if let failure = Self.writeFile(stateDirectory + "/archive/" + item.sha256, item.bytes) { throw Failure(description: failure) }
            }
            try store.recordAccepted(rows)
            progress(summary.documents)
            first = last
        }
        return summary
    }

    /// Writes a new file (mode 0640, like an operator's file taken by the daemon); the reason when it fails.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return "无法创建 \(path)：\(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                return "无法写入 \(path)：\(String(cString: strerror(errno)))"
            }
            written += n
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
