import ConsortiumCore

/// The fixed MESSAGE_IDs of every event the daemon can emit (operations.md "The journal"):
/// one per `JournalEvent.Kind` and one per rule. Each is the first 16 bytes of SHA-256 of a stable
/// name, so it never changes; the message catalog lists them all (`consortiumd --list-message-ids`).
public enum MessageID {
    public static func id(_ event: JournalEvent.Kind) -> String { make("consortiumd:event:" + event.rawValue) }
    public static func id(_ rule: RuleID) -> String { make("consortiumd:rule:" + rule.rawValue) }

    /// Every id with what it names.
    public static var all: [(id: String, name: String)] {
        JournalEvent.Kind.allCases.map { (id($0), $0.rawValue) } + RuleID.allCases.map { (id($0), $0.rawValue) }
    }

    static func make(_ name: String) -> String { SHA256.hexString(SHA256.hash(Array(name.utf8)).prefix(16)) }
}
