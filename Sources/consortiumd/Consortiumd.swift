import ArgumentParser
import ConsortiumDaemon
import Foundation

/// `consortiumd`: the daemon (operations.md "consortiumd"; deploy/man/consortiumd.8).
@main
struct Consortiumd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consortiumd",
        abstract: "柳州市创新联合体监管守护进程 / the consortium supervision daemon of the Liuzhou Science and Technology Bureau.",
        discussion: """
            由 systemd 以 Type=notify 启动（deploy/consortiumd.service）。退出码：0 正常停止；1 无法启动；2 用法错误。\
            Started by systemd as Type=notify. Exit: 0 stopped; 1 cannot start; 2 usage error.
            """
    )

    @Option(name: .long, help: ArgumentHelp("配置文件（给出时必须存在）/ the config file (must exist when given).", valueName: "PATH"))
    var config: String?

    @Flag(name: .long, help: "列出每个 MESSAGE_ID 及其名称 / print every MESSAGE_ID with its name.")
    var listMessageIds = false

    @Option(name: .long, help: ArgumentHelp("输出消息目录 / print the journal message catalog.", valueName: "en|zh_CN"))
    var catalog: String?

    @Flag(name: .long, help: "诊断日志（debug 级，DIAGNOSTIC=1），不论配置 / diagnostics at debug priority whatever the config says.")
    var verbose = false

    func validate() throws {
        if let catalog, MessageCatalog.Language(argument: catalog) == nil {
            throw ValidationError("--catalog 需要 en 或 zh_CN / needs en or zh_CN")
        }
    }

    func run() throws {
        if listMessageIds {
            for entry in MessageID.all { print(entry.id, entry.name) }
            return
        }
        if let catalog, let language = MessageCatalog.Language(argument: catalog) {
            print(MessageCatalog.render(language: language), terminator: "")
            return
        }
        let configPath = config ?? ConfigFile.defaultPath
        do {
            // First, before any thread exists: SIGTERM/SIGINT/SIGHUP become events of the work loop.
            let signals = try SignalChannel()
            let loaded = try ConfigFile.loadAtStart(configPath, explicit: config != nil)
            let config = loaded.config
            // The start step: directories, the database, the archive replayed.
            let daemon = try Daemon.open(config: config)
            daemon.verbose = verbose
            daemon.announceStarted(configPath: configPath, usingDefaults: loaded.usingDefaults)
            // A reload reads the file again; gone by then, it fails and the running configuration stays.
            let loop = WorkLoop(daemon: daemon, signals: signals, loadConfig: { try ConfigFile.load(configPath) })
            try loop.start()
            loop.run()
        } catch {
            FileHandle.standardError.write(Data("consortiumd: 无法启动 / cannot start: \(error)\n".utf8))
            // Also as a structured err entry (FAULT_AREA=startup), for journalctl -p err and the catalog.
            Emitter(noticeDirectory: "/").emit(.startFailed(error))
            throw ExitCode(1)
        }
    }

    /// ArgumentParser exits 64 on usage errors; operations.md says 2 (as consortiumctl).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n用法 / usage: consortiumd --help\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
