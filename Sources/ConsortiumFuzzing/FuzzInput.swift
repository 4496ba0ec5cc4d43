import ConsortiumCore
import ConsortiumDocxSamples
import Foundation

/// The work of the libFuzzer target `ConsortiumFuzz` on one input (docs/fuzzing.md), in a library
/// so that the target and the regression tests (FuzzRegressionTests) run the same code.
public enum FuzzInput {
    /// One input is a short sequence of documents separated by this line.
    public static let separator = Array("\n---8<---\n".utf8)

    /// Splits `bytes` on `separator` (at most `limit` parts; the rest stays in the last part).
    public static func split(_ bytes: [UInt8], limit: Int = 8) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        var i = 0
        while i + separator.count <= bytes.count, parts.count < limit - 1 {
            if bytes[i] == separator[0], bytes[i..<(i + separator.count)].elementsEqual(separator) {
                parts.append(Array(bytes[start..<i]))
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// Runs one input through everything that reads untrusted bytes. Must never trap or hang.
    /// Returns the parts that decoded, as the records intake and evaluation saw.
    @discardableResult
    public static func exercise(_ bytes: [UInt8]) -> [RecordedDocument] {
        DocxFuzzing.exercise(bytes)

        // The whole input as one document (small limits as well, to reach the limit paths).
        _ = DocumentDecoder.decode(Data(bytes))
        _ = DocumentDecoder.decode(Data(bytes), limits: DecodingLimits(maxDocumentBytes: 4096, maxDocumentNodes: 64))

        // The config parser on the same text.
        if let text = String(validating: bytes, as: UTF8.self) {
            _ = try? ConsortiumConfig.parse(text)
        }

        // The input as a sequence of documents: decode each, classify each against the earlier
        // ones, then evaluate them together on a few days.
        var records: [RecordedDocument] = []
        // A first part that is a valid config supplies the policies the rest are evaluated under.
        let parts = split(bytes)
        var policies = PolicySchedule.seed
        if let text = String(validating: parts[0], as: UTF8.self), let config = try? ConsortiumConfig.parse(text) {
            policies = config.policy
        }
        for (index, part) in parts.enumerated() {
            guard case .success(let decoded) = DocumentDecoder.decode(Data(part)) else { continue }
            let record = RecordedDocument(
                document: decoded.document,
                sha256: SHA256.hex(part),
                arrival: index,
                name: "doc-\(index).yaml"
            )
            _ = Intake.classify(record, accepted: records, today: decoded.document.date, policies: policies)
            _ = Intake.classify(record, accepted: records, today: nil, policies: policies)
            _ = Intake.findings(causedBy: record, documents: records + [record], policies: policies)
            records.append(record)
        }
        var days: Set<CivilDate> = []
        for record in records {
            let date = record.document.date
            days.formUnion([date, CivilDate.endOfYear(date.year), date.addingYears(1)])
        }
        for day in days.sorted().prefix(12) {
            let evaluation = Evaluator.evaluate(records, on: day, policies: policies)
            for notice in evaluation.notices { _ = notice.message.utf8.count }
            // Differential: the daemon's resident consortia, built whole and document by document,
            // must give exactly these notices (a difference traps: the fuzzer reports it).
            let expected = Evaluator.evaluate(records, on: day, policies: policies, keeping: .noticesAndPending).notices
            for residents in [whole(records, through: day, policies), oneByOne(records, through: day, policies)] {
                let notices = Evaluator.evaluate(residents, acknowledgements: AcknowledgementIndex(records), on: day, policies: policies)
                precondition(notices == expected, "resident consortia give other notices than the documents on \(day)")
            }
        }
        return records
    }

    static func whole(_ records: [RecordedDocument], through day: CivilDate, _ policies: PolicySchedule) -> [ResidentConsortium] {
        Dictionary(grouping: records.filter { $0.document.consortium != nil }) { $0.document.consortium! }
            .map { ResidentConsortium($0.key, documents: $0.value, through: day, policies: policies) }
    }

    /// As the daemon takes them: in arrival order, applied in place when they sort last, else the
    /// consortium rebuilt; Intake's decision from the resident consortium checked against the
    /// decision from the documents.
    static func oneByOne(_ records: [RecordedDocument], through day: CivilDate, _ policies: PolicySchedule) -> [ResidentConsortium] {
        var residents: [ConsortiumID: ResidentConsortium] = [:]
        var seen: [RecordedDocument] = []
        for record in records {
            defer { seen.append(record) }
            guard let id = record.document.consortium else { continue }
            let siblings = seen.filter { $0.document.consortium == id }
            let decided = Intake.classify(
                record,
                resident: residents[id],
                today: nil,
                policies: policies,
                target: { sha in seen.first { $0.sha256 == sha }.map(Intake.Target.init) },
                siblings: { siblings }
            )
            let expected = Intake.classify(record, accepted: seen, today: nil, policies: policies)
            precondition(decided == expected || expected == .duplicate, "the resident consortium decides otherwise than the documents")
            if let next = residents[id]?.appending(record) {
                residents[id] = next
            } else {
                residents[id] = ResidentConsortium(id, documents: siblings + [record], through: day, policies: policies)
            }
        }
        return Array(residents.values)
    }
}
