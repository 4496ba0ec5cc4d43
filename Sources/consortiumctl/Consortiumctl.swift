import ArgumentParser
import ConsortiumCore
import Foundation

/// `consortiumctl`: the operators' command line (operations.md "consortiumctl").
/// Exit codes: 0 success; 1 a rejected/pending document (check, evaluate) or an unknown id
/// (show); 2 usage, config or I/O errors; 3 `--fail-on` tripped.
@main
struct Consortiumctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consortiumctl",
        abstract: "柳州市创新联合体监管守护进程的命令行工具 / the operators' command line of consortiumd.",
        discussion: """
            退出码 / exit status: 0 成功 success; 1 有文件被拒收或待处理、或联合体编号不存在 \
            (a file rejected or pending, or an unknown consortium id); 2 用法、配置或读写错误 \
            (usage, config or I/O error); 3 --fail-on 所指级别的通知未关闭 (a notice of that severity is open).
            """,
        subcommands: [Check.self, Evaluate.self, List.self, Show.self, Report.self, Notices.self, Pending.self, Ack.self, Verify.self]
    )

    /// ArgumentParser exits 64 on usage errors; operations.md says 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.error(fullMessage(for: error))
                Console.error("用法 / usage: consortiumctl --help")
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// The exit statuses of operations.md.
enum ExitStatus {
    static let ok: Int32 = 0
    /// check: a file rejected; evaluate: a file rejected or left pending; show: unknown id.
    static let failed: Int32 = 1
    /// Usage, config or I/O error.
    static let usage: Int32 = 2
    /// `--fail-on`: a notice of that severity or worse is open.
    static let alarm: Int32 = 3
}
