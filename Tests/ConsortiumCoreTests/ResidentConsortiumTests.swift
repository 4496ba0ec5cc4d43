import Foundation
import Testing

@testable import ConsortiumCore

/// The daemon keeps its consortia replayed (ResidentConsortium) instead of their documents. Its
/// evaluation and its intake decisions must be exactly those of replaying every document.
@Suite("Resident consortia equal replaying the documents")
struct ResidentConsortiumTests {
    /// What the daemon does with each arriving document: append it to its consortium in place
    /// when it sorts last, otherwise rebuild the consortium from its documents; before that the
    /// consortia are applied through the arrival day (the daemon's today).
    struct Daemon {
        var residents: [ConsortiumID: ResidentConsortium] = [:]
        var acknowledgements = AcknowledgementIndex()
        var documents: [ConsortiumID: [RecordedDocument]] = [:]
        var appended = 0, rebuilt = 0, refused = 0

        mutating func arrive(_ record: RecordedDocument, today: CivilDate) {
            advance(through: today)
            acknowledgements.add(record)
            guard let id = record.document.consortium else { return }
            let accepted = Array(documents.values.joined())
            let expected = Intake.classify(record, accepted: accepted, today: nil)
            let outcome = Intake.classify(
                record,
                resident: residents[id],
                today: nil,
                target: { sha in accepted.first { $0.sha256 == sha }.map(Intake.Target.init) },
                siblings: { documents[id] ?? [] }
            )
            #expect(outcome == expected, "\(record.name): intake")
            if case .rejected = outcome { refused += 1 }
            if case .pending = outcome { refused += 1 }
            documents[id, default: []].append(record)
            if let next = residents[id]?.appending(record) {
                residents[id] = next
                appended += 1
            } else {
                residents[id] = ResidentConsortium(id, documents: documents[id]!, through: today, policies: .seed)
                rebuilt += 1
            }
        }

        mutating func advance(through day: CivilDate) {
            for id in Array(residents.keys) where residents[id]!.through != day {
                if !residents[id]!.advance(through: day) {
                    residents[id] = ResidentConsortium(id, documents: documents[id]!, through: day, policies: .seed)
                }
            }
        }
    }

    static func expectSameNotices(_ records: [RecordedDocument], _ daemon: inout Daemon, on day: CivilDate, _ label: String) {
        daemon.advance(through: day)
        let notices = Evaluator.evaluate(Array(daemon.residents.values), acknowledgements: daemon.acknowledgements, on: day)
        let expected = Evaluator.evaluate(records, on: day, keeping: .noticesAndPending).notices
        #expect(notices.count == expected.count, "\(label): number of notices")
        let first = zip(notices, expected).first { $0 != $1 }
        #expect(first == nil, "\(label): first differing notice \(String(describing: first))")
    }

    /// In small groups (the next one evaluated while `body` takes the last): the groups come in
    /// consortium order, on the calling thread, with the notices of the whole evaluation; a
    /// throwing `body` stops it and its error comes back.
    @Test func groupsComeInOrderOnTheCallingThread() throws {
        let records = GeneratedWorld.scenario(consortia: 60).records
        let day = d("2026-07-01")
        let ids = Set(records.compactMap(\.document.consortium)).sorted()
        let residents = ids.map { id in
            ResidentConsortium(id, documents: records.filter { $0.document.consortium == id }, through: day, policies: .seed)
        }
        let acknowledgements = AcknowledgementIndex(records)
        let whole = Evaluator.evaluate(residents, acknowledgements: acknowledgements, on: day)
        let caller = pthread_self()
        var handed: [ConsortiumID] = []
        var notices: [Notice] = []
        var groups = 0
        Evaluator.evaluate(residents.reversed(), acknowledgements: acknowledgements, on: day, groupSize: 7) { consortia, group in
            #expect(pthread_equal(pthread_self(), caller) != 0, "a group handed over on another thread")
            handed += consortia
            notices += group
            groups += 1
        }
        #expect(groups == (ids.count + 6) / 7)
        #expect(handed == ids)
        #expect(notices == whole && !whole.isEmpty)
        struct Stop: Error {}
        var calls = 0
        #expect(throws: Stop.self) {
            try Evaluator.evaluate(residents, acknowledgements: acknowledgements, on: day, groupSize: 7) { _, _ in
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }

    /// Documents arrive one by one in arrival order, on their own date or later; evaluations on
    /// many days after (and, the clock set back, before) the last arrival.
    @Test(arguments: [0, 1, 2])
    func arrivingOneByOne(seed: Int) {
        var records = GeneratedWorld.scenario(consortia: 160).records
        if seed > 0 { records = EvaluatorEquivalenceTests.shuffled(records, seed: seed) }
        records.sort { $0.arrival < $1.arrival }
        var daemon = Daemon()
        var today = CivilDate("2021-01-01")!
        for record in records {
            // Usually the document's own day; some arrive the day before their date (allowed).
            let date = record.document.date
            today = max(today, record.arrival % 5 == 0 ? date.adding(days: -1) : date)
            daemon.arrive(record, today: today)
        }
        #expect(
            daemon.appended > 0 && daemon.rebuilt > 0 && daemon.refused > 0,
            "both paths and a refusal are exercised (appended \(daemon.appended), rebuilt \(daemon.rebuilt), refused \(daemon.refused))"
        )
        for day in ["2026-01-01", "2026-07-01", "2027-01-01", "2028-03-01", "2025-06-30", "2023-01-01"].map(d) {
            Self.expectSameNotices(records, &daemon, on: day, "seed \(seed), \(day)")
        }
        // The rules judged once per approval and kept (APPROVED_WITH_UNMET) are among those compared.
        let rules = Set(Evaluator.evaluate(records, on: d("2027-01-01"), keeping: .noticesAndPending).notices.map(\.rule))
        #expect(rules.contains(RuleID.approvedWithUnmet.rawValue) && rules.contains(RuleID.leadUnique.rawValue))
    }

    /// Evaluated while documents still arrive (each day's state, as the daemon's daily timer sees it).
    @Test func evaluatedAlongTheWay() {
        let records = GeneratedWorld.scenario(consortia: 60).records.sorted { $0.arrival < $1.arrival }
        var daemon = Daemon()
        for (index, record) in records.enumerated() {
            daemon.arrive(record, today: record.document.date)
            if index % 97 == 0 {
                Self.expectSameNotices(Array(records[...index]), &daemon, on: record.document.date, "after \(record.name)")
            }
        }
    }

    /// A document dated tomorrow waits, and takes effect on its day.
    @Test func aDocumentDatedTomorrowWaits() {
        var world = Scenario()
        world.apply("LZ-T-1", "2026-01-05")
        world.recommend("LZ-T-1", "2026-02-01")
        let approval = world.approve("LZ-T-1", "2026-03-02")
        let before = Array(world.records.dropLast())
        var resident = ResidentConsortium("LZ-T-1", documents: before, through: d("2026-03-01"), policies: .seed)
        resident = resident.appending(approval)!
        #expect(resident.waiting.count == 1)
        #expect(resident.state(on: d("2026-03-01"))?.status == .recommended)
        let today = Evaluator.evaluate([resident], acknowledgements: AcknowledgementIndex(), on: d("2026-03-01"))
        #expect(today == Evaluator.evaluate(world.records, on: d("2026-03-01"), keeping: .noticesAndPending).notices)
        let advanced = resident.advance(through: d("2026-03-02"))
        #expect(advanced && resident.waiting.isEmpty)
        let tomorrow = Evaluator.evaluate([resident], acknowledgements: AcknowledgementIndex(), on: d("2026-03-02"))
        #expect(tomorrow == Evaluator.evaluate(world.records, on: d("2026-03-02"), keeping: .noticesAndPending).notices)
        #expect(today.isEmpty || tomorrow != today)
        #expect(resident.state(on: d("2026-03-02"))?.status == .approved)
        // The clock set back before an applied document: the consortium must be rebuilt.
        let back = resident.advance(through: d("2026-03-01"))
        #expect(!back)
    }

    /// Documents that cannot be applied in place: an earlier date, a Withdrawal.
    @Test func outOfOrderAndWithdrawalsAreRefusedInPlace() {
        var world = Scenario()
        world.apply("LZ-T-2", "2026-01-05")
        world.recommend("LZ-T-2", "2026-02-01")
        let resident = ResidentConsortium("LZ-T-2", documents: world.records, through: d("2026-06-01"), policies: .seed)
        let earlier = world.candidate(
            "LZ-T-2",
            "2026-01-20",
            .recommendation(Recommendation(district: "柳北区", districtCode: "450205", recommended: true, opinion: "同意"))
        )
        #expect(resident.appending(earlier) == nil)
        let withdrawal = world.candidate("LZ-T-2", "2026-03-01", .withdrawal(Withdrawal(document: world.records[1].sha256, reason: "误报")))
        #expect(resident.appending(withdrawal) == nil)
        let later = world.candidate("LZ-T-2", "2026-03-01", .approval(Approval(decision: .approved, number: "1号")))
        #expect(resident.appending(later) != nil)
    }

    /// What the resident form drops or reduces (texts only counted or tested for blankness, texts
    /// no rule reads) changes no notice: here every rule that reads such a text fires.
    @Test func theResidentFormKeepsWhatTheRulesRead() {
        var world = Scenario()
        var app = Fixture.application(seed: 7, goal: String(repeating: "攻关", count: 260))  // 520 characters
        app.members[2].role = String(repeating: "分", count: 201)
        app.members[3].role = String(repeating: "工", count: 200)  // at the limit: no finding
        app.governance?.advisory = " "
        app.team = [TeamMember(name: "王五", age: 40, title: "教授", specialty: "电驱动", employer: "大学")]
        world.apply("LZ-T-3", "2024-03-01", app)
        world.recommend("LZ-T-3", "2024-04-01")
        world.approve("LZ-T-3", "2024-05-01")
        world.report(
            "LZ-T-3",
            "2024-12-20",
            AnnualReport(
                year: 2024,
                sentTo: [.bureau],
                summary: "总结",
                plan: "  ",
                problems: nil,
                coordination: "已协调"
            )
        )
        world.report("LZ-T-3", "2025-12-20", year: 2025)
        for day in ["2024-06-01", "2025-01-10", "2026-01-10"].map(d) {
            let resident = ResidentConsortium("LZ-T-3", documents: world.records, through: day, policies: .seed)
            let notices = Evaluator.evaluate([resident], acknowledgements: AcknowledgementIndex(), on: day)
            let expected = Evaluator.evaluate(world.records, on: day, keeping: .noticesAndPending).notices
            #expect(notices.count == expected.count, "\(day): number of notices")
            let first = zip(notices, expected).first { $0 != $1 }
            #expect(first == nil, "\(day): first differing notice \(first.map { "\($0.0.rule) / \($0.1.rule)" } ?? "")")
            if day == d("2025-01-10") {
                let rules = Set(expected.map(\.rule))
                #expect(
                    rules.isSuperset(of: [RuleID.textLimits.rawValue, RuleID.governance.rawValue, RuleID.annualReportIncomplete.rawValue]),
                    "\(rules)"
                )
                #expect(expected.filter { $0.rule == RuleID.textLimits.rawValue }.count == 2)
            }
        }
    }

    /// Resident consortia judged their approvals under the policies they were built with; under
    /// other policies the evaluation judges them again. (Here a policy the replay does not use,
    /// membersMin; one it uses, validYears, makes the daemon replay its consortia again:
    /// ResidentDaemonTests.newPoliciesReplayTheConsortiaAgain.)
    @Test func otherPoliciesAreNotAnsweredFromWhatWasKept() {
        let records = GeneratedWorld.scenario(consortia: 80).records
        let day = d("2027-01-01")
        var stricter = Policy.seed
        stricter.membersMin = 11  // every consortium has fewer: APPROVED_WITH_UNMET for all approved ones
        let policies = PolicySchedule(stricter)
        let residents = Dictionary(grouping: records.filter { $0.document.consortium != nil }) { $0.document.consortium! }
            .map { ResidentConsortium($0.key, documents: $0.value, through: day, policies: .seed) }
        let notices = Evaluator.evaluate(residents, acknowledgements: AcknowledgementIndex(records), on: day, policies: policies)
        let expected = Evaluator.evaluate(records, on: day, policies: policies, keeping: .noticesAndPending).notices
        #expect(notices.count == expected.count)
        let first = zip(notices, expected).first { $0 != $1 }
        #expect(first == nil, "first differing notice: \(first.map { "\($0.0.consortium) \($0.0.rule) / \($0.1.consortium) \($0.1.rule)" } ?? "")")
        // The stricter policy changes what was approved with unmet conditions.
        func unmet(_ list: [Notice]) -> Int { list.filter { $0.rule == RuleID.approvedWithUnmet.rawValue }.count }
        #expect(unmet(expected) > unmet(Evaluator.evaluate(records, on: day, keeping: .noticesAndPending).notices))
    }

    /// What a resident consortium keeps of its formation's findings was judged under the policy
    /// version of its day: when the day moves into a new version, they are judged again (here a
    /// version from 2026-06-01 asks for 11 members, more than any consortium has).
    @Test func aPolicyVersionTakingEffectIsJudgedOnItsDay() {
        let records = GeneratedWorld.scenario(consortia: 80).records
        var stricter = Policy.seed
        stricter.membersMin = 11
        let policies = PolicySchedule([.init(effectiveFrom: nil, policy: .seed), .init(effectiveFrom: d("2026-06-01"), policy: stricter)])
        let byConsortium = Dictionary(grouping: records.filter { $0.document.consortium != nil }) { $0.document.consortium! }
        var residents = byConsortium.map { ResidentConsortium($0.key, documents: $0.value, through: d("2026-05-30"), policies: policies) }
        var membersMin: [Int] = []
        for day in [d("2026-05-31"), d("2026-06-01"), d("2026-06-02")] {
            for index in residents.indices where !residents[index].advance(through: day) {
                residents[index] = ResidentConsortium(
                    residents[index].id,
                    documents: byConsortium[residents[index].id]!,
                    through: day,
                    policies: policies
                )
            }
            let notices = Evaluator.evaluate(residents, acknowledgements: AcknowledgementIndex(records), on: day, policies: policies)
            let expected = Evaluator.evaluate(records, on: day, policies: policies, keeping: .noticesAndPending).notices
            #expect(notices.count == expected.count, "\(day): number of notices")
            let first = zip(notices, expected).first { $0 != $1 }
            #expect(
                first == nil,
                "\(day): first differing notice: \(first.map { "\($0.0.consortium) \($0.0.rule) / \($0.1.consortium) \($0.1.rule)" } ?? "")"
            )
            membersMin.append(expected.filter { $0.rule == RuleID.membersMin.rawValue }.count)
        }
        #expect(membersMin[1] > membersMin[0], "the new version changes MEMBERS_MIN: \(membersMin)")
    }
}
