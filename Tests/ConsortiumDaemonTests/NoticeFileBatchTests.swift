import ConsortiumCore
import ConsortiumStore
import Foundation
import Glibc
import Testing

@testable import ConsortiumDaemon

/// Notice files are written in durable batches (FileSystem.writeAllAtomically): every file whole
/// or absent, no temporary file left behind, failures reported per file.
struct NoticeFileBatchTests {
    static func directory() throws -> String {
        var template = Array("/tmp/cdnb.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { throw CocoaError(.fileWriteUnknown) }
        return String(cString: made)
    }

    @Test func aBatchWritesEveryFileWholeAndLeavesNoTemporaryFile() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileSystem.writeAtomically(Array("old".utf8), directory: dir, name: "a.json")
        let files = (0..<50).map { (name: "n\($0).json", bytes: Array("{\"n\":\($0)}\n".utf8)) } + [(name: "a.json", bytes: Array("new".utf8))]
        #expect(FileSystem.writeAllAtomically(files, directory: dir).isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.count == 51)
        #expect(!names.contains { $0.hasPrefix(".") })
        #expect(FileManager.default.contents(atPath: dir + "/n7.json") == Data("{\"n\":7}\n".utf8))
        #expect(FileManager.default.contents(atPath: dir + "/a.json") == Data("new".utf8))
    }

    @Test func aMissingDirectoryFailsEveryFileByName() throws {
        let failed = FileSystem.writeAllAtomically([("x.json", [1]), ("y.json", [2])], directory: "/nonexistent-consortiumd-test")
        #expect(failed.map(\.name) == ["x.json", "y.json"])
        #expect(failed.allSatisfy { $0.failure.operation == "open" })
    }

    @Test func theSameNoticeTwiceInOneBatchIsWrittenOnceInItsLastState() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let examples = try Examples.names.map { name in
            RecordedDocument(
                document: try DocumentDecoder.decode(Data(try Examples.bytes(name))).get().document,
                sha256: SHA256.hex(try Examples.bytes(name)),
                arrival: 0,
                name: name
            )
        }
        let notice = try #require(
            Evaluator.evaluate(
                examples.enumerated().map {
                    var r = $1
                    r.arrival = $0
                    return r
                },
                on: CivilDate("2027-01-01")!
            ).notices.first
        )
        // The same notice, then acknowledged later in the same batch: the file holds the later state.
        var later = notice
        later.acknowledged = Notice.AcknowledgementInfo(by: "后一次确认的操作员", note: "批内第二个", until: nil)
        #expect(later != notice)
        let emitter = Emitter(noticeDirectory: dir)
        #expect(emitter.writeNoticeFiles([notice, later]).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [notice.id + ".json"])
        let written = try JSONDecoder().decode(Notice.self, from: try Data(contentsOf: URL(fileURLWithPath: dir + "/" + notice.id + ".json")))
        #expect(written.acknowledged?.by == "后一次确认的操作员")
        #expect(written == later)
    }
}
