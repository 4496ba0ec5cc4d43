import ConsortiumCore
import Foundation
import Glibc

/// Reads the configuration file. Only the default path, absent at a start, means every default:
/// a file named with `--config`, or any file at a reload, must be there (a config moved away must
/// not silently put the defaults — policy, directories — in its place).
public enum ConfigFile {
    public static let defaultPath = "/etc/consortiumd/consortiumd.yaml"

    /// What a start read: the configuration, and whether it is the defaults because the default
    /// file is absent (the start entry says so).
    public struct Loaded {
        public var config: ConsortiumConfig
        public var usingDefaults: Bool
    }

    /// At a start: `explicit` when the path was given with `--config`.
    public static func loadAtStart(_ path: String, explicit: Bool) throws -> Loaded {
        if !explicit, isMissing(path) { return Loaded(config: ConsortiumConfig(), usingDefaults: true) }
        if isMissing(path) {
            throw DaemonError.startup(
                "配置文件 \(path) 不存在（--config 指定的文件必须存在；只有不给 --config 且默认的 \(defaultPath) 不存在时才使用默认设置）/ the config file \(path) given with --config does not exist"
            )
        }
        return Loaded(config: try load(path), usingDefaults: false)
    }

    /// Reads `path` (a reload, or a start once the file is known to be there); an absent file is
    /// an error like any broken one.
    public static func load(_ path: String) throws -> ConsortiumConfig {
        if isMissing(path) {
            throw DaemonError.startup("配置文件 \(path) 不存在 / the config file \(path) does not exist")
        }
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

    /// Nothing at `path` (a dangling symbolic link included); other errors are left to the read.
    static func isMissing(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) != 0 && errno == ENOENT
    }

    /// The start entry's MESSAGE.
    public static func startMessage(path: String, usingDefaults: Bool, inbox: String, documents: Int) -> String {
        let source =
            usingDefaults
            ? "未找到配置文件 \(path)，全部使用默认设置（目录、政策数值等；见 runbook 第 13 节）"
            : "配置 \(path)"
        return "consortiumd 启动：\(source)，收件箱 \(inbox)，已记录 \(documents) 份文件。"
    }
}
