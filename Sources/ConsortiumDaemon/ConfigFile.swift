import ConsortiumCore
import Foundation

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
