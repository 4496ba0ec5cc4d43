/// A notice id that is not 32 lowercase hex digits (rules.md "Notice identity"): the ledger cannot keep it.
public struct LedgerError: Error, CustomStringConvertible {
    public var id: String

    public var description: String {
        "通知台账中的通知编号「\(id)」不是 32 位小写十六进制数（数据库 notice 表 id 列）/ notice id \"\(id)\" in the ledger (table notice, column id) is not 32 lowercase hex digits"
    }
}
