import ArgumentParser
import ConsortiumCore
import Foundation
import Glibc

/// `ack NOTICE_ID --by NAME [--note T] [--until DATE]`: drops an Acknowledgement into the inbox,
/// so the acknowledgement goes through the daemon and the audit trail like every document.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "确认一条通知（向收件箱放入确认文件）/ acknowledge a notice (drops an Acknowledgement into the inbox).",
        discussion: "The file is written under a hidden name and renamed into the inbox. Exit: 0; 2 usage or I/O error."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("通知编号（32位十六进制）/ the notice id (32 hex digits).", valueName: "NOTICE_ID"))
    var notice: String

    @Option(name: .long, help: ArgumentHelp("确认人 / who acknowledges.", valueName: "NAME"))
    var by: String

    @Option(name: .long, help: ArgumentHelp("说明 / a note.", valueName: "T"))
    var note: String?

    @Option(name: .long, help: ArgumentHelp("此日前不再重复提醒 / no repeats before this day.", valueName: "DATE"))
    var until: CivilDate?

    func run() throws {
        let config = try options.loadConfig()
        let id = notice.lowercased()
        guard id.count == 32, id.allSatisfy(\.isHexDigit) else {
            Console.error("通知编号应为32位十六进制数字：\(notice) / a notice id is 32 hex digits: \(notice)")
            throw ExitCode(ExitStatus.usage)
        }
        guard !by.allSatisfy(\.isWhitespace) else {
            Console.error("--by 不能为空 / --by must not be blank")
            throw ExitCode(ExitStatus.usage)
        }
        let today = options.today(config)
        var yaml = "version: 1\nkind: Acknowledgement\ndate: \(today)\nnotice: \"\(id)\"\nby: \(Self.quoted(by))\n"
        if let note { yaml += "note: \(Self.quoted(note))\n" }
        if let until { yaml += "until: \(until)\n" }
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let name = "ack-\(id)-\(stamp).yaml"
        let hidden = config.inbox + "/." + name + ".tmp"
        guard FileManager.default.createFile(atPath: hidden, contents: Data(yaml.utf8), attributes: [.posixPermissions: 0o640]) else {
            Console.error("无法写入收件箱 \(config.inbox)（权限？）/ cannot write into the inbox \(config.inbox)")
            throw ExitCode(ExitStatus.usage)
        }
        guard rename(hidden, config.inbox + "/" + name) == 0 else {
            unlink(hidden)
            Console.error("无法放入收件箱：\(String(cString: strerror(errno))) / cannot drop into the inbox")
            throw ExitCode(ExitStatus.usage)
        }
        if options.json {
            Console.out("{\"file\": \"\(config.inbox)/\(name)\", \"notice\": \"\(id)\"}")
        } else {
            Console.out("已放入确认文件 / dropped \(config.inbox)/\(name)")
        }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
