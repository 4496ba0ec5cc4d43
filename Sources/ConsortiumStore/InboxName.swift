/// Names in the inbox (and in `pending/`) that are not documents.
public enum InboxName {
    /// Whether a name in the inbox is one the daemon ignores (a writer's temporary file). `~$`
    /// names are the owner files Word and WPS keep beside an open document (`~$申请表.docx`, 162
    /// bytes, not a document) while someone has a form open on a shared inbox; they go away when
    /// it is closed, so they are left alone rather than rejected. `consortiumctl check DIR` skips
    /// the same names.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
    }
}
