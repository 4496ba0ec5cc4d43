import ConsortiumCore
import ConsortiumStore

/// The notice files in the notice directory (`notices/ID.json`), by their notice keys.
enum NoticeFiles {
    /// The keys of the `ID.json` files in `directory` (about `count` of them); nil when it cannot be read.
    static func present(in directory: String, expecting count: Int = 0) -> Set<NoticeKey>? {
        var present = Set<NoticeKey>(minimumCapacity: count)
        do {
            try FileSystem.forEachName(in: directory) { name in
                guard name.count == 37, name[32...].elementsEqual(".json".utf8) else { return }
                if let key = NoticeKey(utf8: UnsafeBufferPointer(rebasing: name[0..<32])) { present.insert(key) }
            }
        } catch {
            return nil
        }
        return present
    }
}
