import Foundation
import Testing

@testable import ConsortiumCore

/// The evaluation gives exactly what the straightforward evaluation gives (ReferenceEvaluator):
/// the same notices (ids, stages, subjects, due dates, texts), findings, states and pending
/// documents, whatever order the documents come in.
@Suite("Evaluator equals the straightforward evaluation")
struct EvaluatorEquivalenceTests {
    static let days = ["2022-05-01", "2023-01-01", "2024-06-30", "2025-01-05", "2025-12-25", "2026-07-01", "2028-01-01"].map(d)

    static func expectSame(_ a: Evaluation, _ b: Evaluation, _ label: String) {
        // The first difference, not the whole lists (they are long).
        #expect(a.notices.count == b.notices.count, "\(label): number of notices")
        let notice = zip(a.notices, b.notices).first { $0 != $1 }
        #expect(notice == nil, "\(label): first differing notice \(String(describing: notice))")
        #expect(a.findings.count == b.findings.count, "\(label): number of findings")
        let finding = zip(a.findings, b.findings).first { $0 != $1 }
        #expect(finding == nil, "\(label): first differing finding \(String(describing: finding))")
        #expect(a.states.keys.sorted() == b.states.keys.sorted(), "\(label): consortia")
        for (id, state) in a.states {
            let other = b.states[id]
            #expect(state.status == other?.status, "\(label): \(id) status")
            #expect(state.events == other?.events, "\(label): \(id) events")
            #expect(state.round.formation == other?.round.formation, "\(label): \(id) formation")
            #expect(state.documents.map(\.sha256) == other?.documents.map(\.sha256), "\(label): \(id) documents")
            #expect(state.documents.map { $0.notApplied?.zh } == other?.documents.map { $0.notApplied?.zh }, "\(label): \(id) not applied")
            #expect(state.leadSegments.count == other?.leadSegments.count, "\(label): \(id) lead segments")
        }
        #expect(a.pending.map(\.sha256) == b.pending.map(\.sha256), "\(label): pending")
    }

    /// The records in another array order with their arrival numbers permuted (`seed` picks how).
    static func shuffled(_ records: [RecordedDocument], seed: Int) -> [RecordedDocument] {
        let n = records.count
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let step = [5, 7, 11, 13, 17, 19, 23].filter { gcd($0, n) == 1 }[seed % 3]
        var out = records
        for i in 0..<n { out[i].arrival = records[(i * step + seed) % n].arrival }
        #expect(Set(out.map(\.arrival)) == Set(records.map(\.arrival)))
        return Array(out.reversed())
    }

    @Test func generatedConsortiaOnManyDays() {
        let records = GeneratedWorld.scenario(consortia: 300).records
        var openNotices = 0
        for day in Self.days {
            let evaluation = Evaluator.evaluate(records, on: day)
            Self.expectSame(evaluation, ReferenceEvaluator.evaluate(records, on: day), "\(day)")
            openNotices += evaluation.notices.count
            // What the daemon keeps: the same notices and pending documents, nothing else.
            let lean = Evaluator.evaluate(records, on: day, keeping: .noticesAndPending)
            #expect(lean.notices == evaluation.notices, "\(day): notices kept alone")
            #expect(lean.pending.map(\.sha256) == evaluation.pending.map(\.sha256), "\(day): pending kept alone")
            #expect(lean.states.isEmpty && lean.findings.isEmpty)
            // The array order of the records does not matter, only their arrival numbers.
            Self.expectSame(Evaluator.evaluate(Array(records.reversed()), on: day), evaluation, "\(day) reversed")
        }
        // The world exercises the rules that look across consortia and the ones that need order.
        let all = Evaluator.evaluate(records, on: d("2026-07-01"))
        let rules = Set(all.notices.map(\.rule))
        for rule in [
            RuleID.leadUnique, .dishonestMember, .annualReport, .annualReportIncomplete, .majorChange, .usccRegion,
            .approvalExpiry, .projectLead, .recommendationDistrict, .industryPriority, .membersMin,
        ] {
            #expect(rules.contains(rule.rawValue), "no \(rule.rawValue) notice in the generated world")
        }
        #expect(all.notices.contains { $0.acknowledged != nil })
        #expect(!all.pending.isEmpty)
        #expect(all.states.values.contains { $0.status == .dissolved } && all.states.values.contains { $0.status == .revoked })
        #expect(openNotices > 1000)
    }

    /// Evaluating a consortium together with only the consortia its findings depend on
    /// (RelatedConsortia.context: `check` per file) gives exactly its findings and notices of the
    /// whole world — in the generated world, where the cross-consortium rules fire.
    @Test func theContextGivesTheSameFindings() {
        let records = GeneratedWorld.scenario(consortia: 120).records
        for day in [d("2024-06-30"), d("2026-07-01")] {
            let all = Evaluator.evaluate(records, on: day)
            var wider = 0
            for consortium in Set(records.compactMap(\.document.consortium)).sorted() {
                let context = RelatedConsortia.context(of: [consortium], in: records)
                if context.count > 1 { wider += 1 }
                let scoped = Evaluator.evaluate(RelatedConsortia.documents(records, of: context), on: day)
                #expect(scoped.findings(of: consortium) == all.findings(of: consortium), "\(consortium) \(day)")
                #expect(
                    scoped.notices.filter { $0.consortium == consortium } == all.notices.filter { $0.consortium == consortium },
                    "\(consortium) \(day)"
                )
            }
            #expect(wider > 5, "hardly any consortium relates to another: the test would not see a missing relation")
        }
    }

    /// What the daemon does after a batch: the documents of one consortium change; it evaluates
    /// the consortia `RelatedConsortia.affected` names, seeing those `context` names. Each of them
    /// gets the notices evaluating every consortium gives it, and no other consortium's notices
    /// change — whether the batch adds the consortium's last document or all of them.
    @Test func aBatchChangesOnlyTheAffectedConsortia() {
        let records = GeneratedWorld.scenario(consortia: 120).records
        let ids = Set(records.compactMap(\.document.consortium)).sorted()
        let acknowledgements = AcknowledgementIndex(records)
        var widened = 0
        var changedElsewhere = 0
        for day in [d("2024-06-30"), d("2026-07-01")] {
            let all = Evaluator.evaluate(records, on: day)
            let residents = Dictionary(
                uniqueKeysWithValues: ids.map { id in
                    (id, ResidentConsortium(id, documents: records.filter { $0.document.consortium == id }, through: day, policies: .seed))
                }
            )
            for consortium in ids {
                let affected = RelatedConsortia.affected(by: [consortium], in: records)
                let context = RelatedConsortia.context(of: affected, in: records)
                if affected.count > 1 { widened += 1 }
                let notices = Evaluator.evaluate(
                    affected.sorted().map { residents[$0]! },
                    context: context.sorted().map { residents[$0]! },
                    acknowledgements: acknowledgements,
                    on: day
                )
                #expect(notices == all.notices.filter { affected.contains($0.consortium) }, "\(consortium) \(day)")
                // Without the batch: the consortia outside `affected` have the same notices (on one
                // day: each of these evaluates the world again).
                guard day == d("2026-07-01") else { continue }
                let own = records.filter { $0.document.consortium == consortium }
                let last = own.max { $0.arrival < $1.arrival }!
                for before in [records.filter { $0.arrival != last.arrival }, records.filter { $0.document.consortium != consortium }] {
                    let earlier = Evaluator.evaluate(before, on: day).notices
                    #expect(
                        earlier.filter { !affected.contains($0.consortium) } == all.notices.filter { !affected.contains($0.consortium) },
                        "\(consortium) \(day): a consortium outside those affected changed"
                    )
                    if Set(earlier.map(\.consortium)).subtracting([consortium]).contains(where: { other in
                        earlier.filter { $0.consortium == other } != all.notices.filter { $0.consortium == other }
                    }) {
                        changedElsewhere += 1
                    }
                }
            }
        }
        #expect(widened > 5, "a batch hardly ever affects another consortium: the test would not see a missing relation")
        #expect(changedElsewhere > 0, "no batch changed another consortium's notices: the test would not see a missing one")
    }

    @Test(arguments: [1, 2, 3])
    func shuffledArrivals(seed: Int) {
        let records = Self.shuffled(GeneratedWorld.scenario(consortia: 150).records, seed: seed)
        for day in [d("2024-06-30"), d("2026-07-01")] {
            Self.expectSame(Evaluator.evaluate(records, on: day), ReferenceEvaluator.evaluate(records, on: day), "seed \(seed), \(day)")
        }
    }

    /// The 18 documents of `examples/`, in arrival order by file name.
    static func exampleRecords() throws -> [RecordedDocument] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var records: [RecordedDocument] = []
        for (index, name) in names.enumerated() {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
            let decoded = try DocumentDecoder.decode(bytes).get()
            records.append(RecordedDocument(document: decoded.document, sha256: SHA256.hex(bytes), arrival: index + 1, name: name))
        }
        return records
    }

    @Test func theExamples() throws {
        let records = try Self.exampleRecords()
        #expect(records.count == 18)
        for day in ["2024-06-01", "2025-06-01", "2026-03-06", "2027-01-01", "2030-01-01"].map(d) {
            let evaluation = Evaluator.evaluate(records, on: day)
            Self.expectSame(evaluation, ReferenceEvaluator.evaluate(records, on: day), "examples \(day)")
            Self.expectSame(
                Evaluator.evaluate(Self.shuffled(records, seed: 2), on: day),
                ReferenceEvaluator.evaluate(Self.shuffled(records, seed: 2), on: day),
                "examples shuffled \(day)"
            )
        }
    }
}
