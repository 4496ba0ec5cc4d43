import ConsortiumDaemon
import Foundation

// consortiumd [--config PATH] [--list-message-ids] [--catalog en|zh_CN]
var arguments = Array(CommandLine.arguments.dropFirst())
var configPath = ConfigFile.defaultPath
var configGiven = false
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--config":
        guard let value = arguments.first else { FileHandle.standardError.write(Data("--config 需要路径 / needs a path\n".utf8)); exit(2) }
        configPath = value
        configGiven = true
        arguments.removeFirst()
    case "--list-message-ids":
        for entry in MessageID.all { print(entry.id, entry.name) }
        exit(0)
    case "--catalog":
        guard let value = arguments.first, let language = MessageCatalog.Language(argument: value) else {
            FileHandle.standardError.write(Data("--catalog 需要 en 或 zh_CN / needs en or zh_CN\n".utf8)); exit(2)
        }
        print(MessageCatalog.render(language: language), terminator: "")
        exit(0)
    case "--help", "-h":
        print("usage: consortiumd [--config PATH] [--list-message-ids] [--catalog en|zh_CN]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("未知参数 / unknown argument: \(argument)\n".utf8))
        exit(2)
    }
}

do {
    // First, before any thread exists: SIGTERM/SIGINT/SIGHUP become events of the work loop.
    let signals = try SignalChannel()
    let loaded = try ConfigFile.loadAtStart(configPath, explicit: configGiven)
    let config = loaded.config
    let daemon = try Daemon(config: config)
    daemon.emitter.event(.started, priority: 6,
        message: ConfigFile.startMessage(path: configPath, usingDefaults: loaded.usingDefaults, inbox: config.inbox,
                                         documents: daemon.documentCount),
        fields: [("STATE_CONSORTIA", String(daemon.consortiumCount)), ("STATE_DOCUMENTS", String(daemon.documentCount)),
                 ("CONFIG_FILE", configPath), ("CONFIG_DEFAULTS", loaded.usingDefaults ? "1" : "0")])
    // A reload reads the file again; gone by then, it fails and the running configuration stays.
    let loop = WorkLoop(daemon: daemon, signals: signals, loadConfig: { try ConfigFile.load(configPath) })
    try loop.start()
    loop.run()
    exit(0)
} catch {
    FileHandle.standardError.write(Data("consortiumd: 无法启动 / cannot start: \(error)\n".utf8))
    // Also as a structured err entry (FAULT_AREA=startup), for journalctl -p err and the catalog.
    Emitter(noticeDirectory: "/").event(.failure, priority: 3, message: "consortiumd 无法启动：\(error)",
                                        fields: [("ERROR", String(describing: error)), ("FAULT_AREA", "startup")])
    exit(1)
}
