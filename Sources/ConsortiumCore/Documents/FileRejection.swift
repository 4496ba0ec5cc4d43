/// The reasons a file is rejected before it is read as a document, worded once for the daemon
/// and `consortiumctl check` alike (check validates "as the daemon would").
public enum FileRejection {
    /// What an inbox entry is when it is not a regular file.
    public enum EntryKind: String, Sendable {
        case symlink, fifo, directory, device, socket, other

        var chinese: String {
            switch self {
            case .symlink: "符号链接（不跟随链接，请放入文件本身）"
            case .fifo: "命名管道（FIFO）"
            case .directory: "目录"
            case .device: "设备文件"
            case .socket: "套接字"
            case .other: "特殊文件"
            }
        }

        var english: String {
            switch self {
            case .symlink: "a symbolic link (not followed; drop the file itself)"
            case .fifo: "a FIFO"
            case .directory: "a directory"
            case .device: "a device"
            case .socket: "a socket"
            case .other: "a special file"
            }
        }
    }

    public static func notRegular(_ kind: EntryKind) -> DocumentError {
        DocumentError(
            path: "",
            message: "不是普通文件，而是\(kind.chinese)，未读取；请放入普通文件",
            messageEn: "not a regular file but \(kind.english); not read; drop a regular file"
        )
    }

    public static func tooLarge(size: Int, limit: Int, key: String) -> DocumentError {
        DocumentError(
            path: "",
            message: "文件大小 \(size) 字节，超过上限 \(limit) 字节（配置项 \(key)），未读取",
            messageEn: "the file has \(size) bytes, more than the limit of \(limit) bytes (config \(key)); not read"
        )
    }

    public static let permissionDenied = DocumentError(
        path: "",
        message: "权限不足：守护进程无法读取该文件（请让 consortiumd 用户或 consortium 组可读后重新放入）",
        messageEn: "permission denied: the file cannot be read (make it readable to the consortiumd user or the consortium group and drop it again)"
    )
}
