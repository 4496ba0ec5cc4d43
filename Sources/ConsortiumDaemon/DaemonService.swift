import ConsortiumCore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Wires the working loop into swift-service-lifecycle: SIGTERM/SIGINT start a graceful
/// shutdown (the loop finishes the document in hand, then STOPPING=1), SIGHUP reloads.
public struct DaemonService: Service {
    let loop: WorkLoop

    public init(loop: WorkLoop) { self.loop = loop }

    public func run() async throws {
        // Trap SIGHUP before READY=1 (sent by `loop.start()`): systemd may ask for a reload as
        // soon as the service is ready, and a SIGHUP arriving before the handler was installed
        // killed the daemon (the default action). Found by ConsortiumDaemonTests.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try loop.start()
        let finished = AsyncStream<Void>.makeStream()
        let thread = Thread { [loop] in
            loop.run()
            finished.continuation.yield()
            finished.continuation.finish()
        }
        thread.name = "consortiumd-work"
        thread.start()
        let reloads = Task {
            for await _ in hangups { loop.request(.reload) }
        }
        await withGracefulShutdownHandler {
            for await _ in finished.stream { break }
        } onGracefulShutdown: {
            loop.request(.stop)
        }
        reloads.cancel()
    }
}

/// Reads the configuration file: an absent file means every default.
public enum ConfigFile {
    public static let defaultPath = "/etc/consortiumd/consortiumd.yaml"

    public static func load(_ path: String) throws -> ConsortiumConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ConsortiumConfig() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DaemonError.startup("无法读取配置文件 \(path)（权限？）/ cannot read the config file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DaemonError.startup("配置文件 \(path) 不是 UTF-8 / the config file \(path) is not UTF-8")
        }
        do { return try ConsortiumConfig.parse(text) } catch {
            throw DaemonError.startup("配置文件 \(path) 有误：\(error)")
        }
    }
}
