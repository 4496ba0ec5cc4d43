import ConsortiumCore
import Foundation

/// Runs the built `consortiumctl`. It is looked for beside the running test bundle (the
/// products directory of `swift test`, whatever `--scratch-path`), then in `<package>/.build/debug`
/// and `<package>/.build-ctl/debug`; `CONSORTIUMCTL=/path` overrides.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["CONSORTIUMCTL"] { return URL(fileURLWithPath: path) }
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles { directories.append(bundle.bundleURL.deletingLastPathComponent()) }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(package.appendingPathComponent(".build/debug"))
        directories.append(package.appendingPathComponent(".build-ctl/debug"))
        return directories.map { $0.appendingPathComponent("consortiumctl") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        guard let binary else { throw CLIError.binaryNotFound }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    enum CLIError: Error { case binaryNotFound }
}

/// A scratch directory with a config whose state directory is inside it (no daemon state).
final class Scratch {
    let url: URL
    var config: String { url.appendingPathComponent("consortiumd.yaml").path }

    init(config text: String? = nil) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("consortiumctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("state"), withIntermediateDirectories: true)
        try write("consortiumd.yaml", text ?? "stateDirectory: \(url.appendingPathComponent("state").path)\n")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--config", config], in: url)
    }
}

/// Valid Liuzhou USCCs (division 450200) for test documents.
enum TestUSCC {
    static func make(_ n: Int) -> String {
        let digits = String(n)
        let body = "914502000" + String(repeating: "0", count: 7 - digits.count) + digits
        for last in "0123456789ABCDEFGHJKLMNPQRTUWXY" {
            let first17 = body + String(last)
            if let check = USCC.checkCharacter(for: first17), USCC(first17 + String(check)) != nil {
                return first17 + String(check)
            }
        }
        fatalError("no valid USCC for \(n)")
    }
}

/// Test documents (YAML, documents.md): they decode once the real DocumentDecoder is in.
enum TestDocuments {
    static let lead = TestUSCC.make(1)
    static let partner = TestUSCC.make(2)

    static func application(_ consortium: String = "LZ-2026-001", date: String = "2026-03-02", lead: String = lead) -> String {
        """
        version: 1
        kind: Application
        consortium: \(consortium)
        date: \(date)
        name: 柳州新能源汽车创新联合体
        industry: 新能源及智能汽车
        contact: {name: 张三, phone: 0772-2610702}
        members:
          - {name: 柳州甲汽车有限公司, uscc: \(lead), type: enterprise, layer: lead, liuzhou: true, role: 整车集成}
          - {name: 柳州乙大学, uscc: \(partner), type: university, layer: core, liuzhou: true, role: 电驱研发}
        declared: {members: 2, enterprises: 1, universities: 1, institutes: 0, regionalPlatforms: 0, municipalPlatforms: 0}
        leads:
          - uscc: \(lead)
            sector: manufacturing
            rdDeduction: true
            revenue: 600000000
            rdStaff: 30
            fiscalYears: [{year: 2025, rdExpense: 30000000, sales: 600000000}]
        goal: 突破整车电驱关键技术
        """
    }

    static func approval(_ consortium: String = "LZ-2026-001", date: String = "2026-06-01") -> String {
        """
        version: 1
        kind: Approval
        consortium: \(consortium)
        date: \(date)
        decision: approved
        number: 柳科字〔2026〕1号
        waivers: []
        """
    }

    static func annualReport(_ consortium: String = "LZ-2026-001", date: String, year: Int) -> String {
        """
        version: 1
        kind: AnnualReport
        consortium: \(consortium)
        date: \(date)
        year: \(year)
        sentTo: [recommender, bureau]
        summary: 完成关键技术攻关3项
        plan: 下一年度计划
        problems: 无
        coordination: 无
        """
    }

    static func incident(_ consortium: String = "LZ-2026-001", date: String) -> String {
        """
        version: 1
        kind: Incident
        consortium: \(consortium)
        date: \(date)
        ground: violation
        description: 违规
        """
    }

    static func revocation(_ consortium: String = "LZ-2026-001", date: String) -> String {
        """
        version: 1
        kind: Revocation
        consortium: \(consortium)
        date: \(date)
        number: 柳科撤〔2026〕1号
        grounds: [violation]
        reason: 违规
        """
    }

    static func withdrawal(_ consortium: String = "LZ-2026-001", date: String, document: String) -> String {
        """
        version: 1
        kind: Withdrawal
        consortium: \(consortium)
        date: \(date)
        document: \(document)
        reason: 误报
        """
    }

    static func recommendation(_ consortium: String = "LZ-2026-001", date: String = "2026-04-01") -> String {
        """
        version: 1
        kind: Recommendation
        consortium: \(consortium)
        date: \(date)
        district: 城中区
        recommended: true
        opinion: 同意推荐
        """
    }
}
