import Testing

@testable import ConsortiumCore

/// A resident consortium keeps its replayed state packed (`StatePacking`) and reads it back at
/// each evaluation: what it reads back must be the state it packed, every field of it.
@Suite("A packed state reads back as it was")
struct StatePackingTests {
    /// Every stored property of `replayer`, nested (`dump`), its formations aside: they are compared
    /// with `==` (a dump numbers class instances — a member's country and role — by identity, and
    /// a dictionary's order depends on its history).
    static func fields(_ replayer: Replayer) -> String {
        var out = ""
        if var state = replayer.state {
            let placeholder = FormationSnapshot(application: Fixture.application(), date: CivilDate("2000-01-01")!)
            state.round.formation = placeholder
            for index in state.round.approvals.indices { state.round.approvals[index].formation = placeholder }
            dump(state, to: &out)
        }
        dump(replayer.early, to: &out)
        dump(replayer.leadSegments(advancedTo: CivilDate("2099-01-01")!), to: &out)
        return out
    }

    static func expectSame(_ a: Replayer, _ b: Replayer, _ label: String) {
        #expect(fields(a) == fields(b), "\(label)")
        #expect((a.state == nil) == (b.state == nil), "\(label)")
        #expect(a.state?.round.formation == b.state?.round.formation, "\(label): formation")
        #expect(a.state?.round.approvals.map(\.formation) == b.state?.round.approvals.map(\.formation), "\(label): approvals' formations")
        #expect(a.keepsDocuments == b.keepsDocuments, "\(label)")
        #expect(a.packed() == b.packed(), "\(label): packing what was read back gives other bytes")
    }

    /// Every consortium of the examples and of a generated world, replayed (with and without
    /// its document list) through several days, packs and reads back to the same replayer.
    @Test func everyConsortiumReadsBackAsItWas() throws {
        let worlds = [("examples", try EvaluatorEquivalenceTests.exampleRecords()), ("generated", GeneratedWorld.scenario(consortia: 160).records)]
        var states = 0
        var sharedApplications = 0
        for (world, records) in worlds {
            let ids = Set(records.compactMap(\.document.consortium)).sorted()
            for id in ids {
                let own = records.filter { $0.document.consortium == id }
                for day in ["2023-01-01", "2024-06-30", "2025-06-01", "2026-07-01", "2030-01-01"].map({ CivilDate($0)! }) {
                    let replayed = Replayer.replay(id, documents: own, through: day, policies: .seed)
                    let inScope = own.filter { $0.document.date <= day }.sorted(by: RecordedDocument.applicationOrder)
                    let resident = Replayer.applied(id, ordered: inScope, policies: .seed, keepsDocuments: false)
                    for (form, replayer) in [("replayed", replayed), ("resident", resident)] {
                        let back = Replayer(unpacking: replayer.packed(), id: id, policies: .seed)
                        Self.expectSame(replayer, back, "\(world) \(id) \(day) \(form)")
                        if replayer.state != nil { states += 1 }
                        // An Application the approval shares with the formation is read back shared.
                        if let state = back.state, let approval = state.round.approvals.last,
                            approval.formation.application == state.round.formation.application
                        {
                            let same = approval.formation.application.members.withUnsafeBufferPointer { a in
                                state.round.formation.application.members.withUnsafeBufferPointer { $0.baseAddress == a.baseAddress }
                            }
                            #expect(same, "\(world) \(id) \(day): the approval's Application was read back as a copy")
                            sharedApplications += 1
                        }
                    }
                }
            }
        }
        #expect(states > 1000)
        #expect(sharedApplications > 100)
    }

    /// A text longer than a String holds inline is written once however often the state names it:
    /// read back, every mention of it is the same String.
    @Test func aTextIsWrittenOnce() throws {
        let records = try EvaluatorEquivalenceTests.exampleRecords().filter { $0.document.consortium == "LZ-2024-001" }
        let replayer = Replayer.replay("LZ-2024-001", documents: records, through: CivilDate("2026-01-01")!, policies: .seed)
        let state = try #require(Replayer(unpacking: replayer.packed(), id: "LZ-2024-001", policies: .seed).state)
        let application = state.round.formation.application
        #expect(state.round.formation.members.count > application.members.count, "the example's Change no longer adds a member")
        var texts = state.round.formation.members.map(\.name) + application.members.map(\.name) + application.team.map(\.employer)
        texts += [application.chiefExpert?.employer, state.round.approvals.first?.formation.application.name, application.name].compactMap { $0 }
        var storage: [String: Set<UInt>] = [:]
        for text in texts where text.utf8.count > 15 {
            let address = text.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
            storage[text, default: []].insert(address)
        }
        #expect(storage.values.filter { $0.count > 1 }.isEmpty, "a text read back as several Strings: written more than once")
        #expect(texts.count - storage.count > 10, "too few repeated texts for the test to see one written twice")
    }

    /// Every field of an Application, the rarely given ones too, reads back as written.
    @Test func anApplicationWithEveryFieldReadsBack() {
        let members = [
            Member(name: "柳州某某汽车零部件股份有限公司", id: Fixture.uscc(serial: 1), type: .enterprise, layer: .lead, liuzhou: true, role: "整车与零部件研发"),
            Member(name: "Fraunhofer-Institut", id: "DE:HRB 12345", country: "DE", type: .institute, layer: .general, liuzhou: false, role: ""),
        ]
        let platform = Platform(
            name: "广西汽车零部件工程技术研究中心",
            type: .engineeringCenter,
            field: "汽车",
            level: .regional,
            built: .month(CivilMonth("2019-07")!),
            host: members[0].id
        )
        let application = Application(
            name: "柳州市新能源汽车创新联合体",
            industry: "汽车",
            agreementEffective: CivilDate("2024-03-01"),
            contact: Contact(name: "张三", phone: "0772-1234567"),
            members: members,
            declared: DeclaredCounts(members: 2, enterprises: 1, universities: 0, institutes: 1, regionalPlatforms: 1, municipalPlatforms: 0),
            leads: [
                LeadQualification(
                    member: members[0].id,
                    sector: .services,
                    rdDeduction: true,
                    revenue: 12_345_678_901,
                    rdStaff: -3,
                    fiscalYears: [FiscalYear(year: 2023, rdExpense: 5, sales: 6)]
                )
            ],
            platforms: [platform, Platform(name: "p", type: .other, field: "", level: .national, built: .day(CivilDate("2020-02-29")!), host: "x")],
            goal: String(repeating: "目标", count: 300),
            team: [TeamMember(name: "李四", age: 45, title: "教授", specialty: "电池", employer: "广西科技大学")],
            chiefExpert: ChiefExpert(name: "王五", employer: "广西科技大学", title: "教授"),
            governance: Governance(decision: "理事会", advisory: "专家委员会", executive: "秘书处", executiveStaff: 5, fundRules: false),
            agreement: Agreement(
                clauses: [.goals, .integrity, .disputes],
                signatures: [Signature(member: members[1].id, legalRep: true, seal: false)],
                notProvided: ["agreement.signatures[1].seal"]
            ),
            basis: "依据",
            leadSeal: false,
            notProvided: ["members[1].type", "governance.fundRules"]
        )
        var writer = StateWriter()
        writer.application(application)
        writer.application(application)  // the second time: a reference to the first
        let bytes = writer.finished()
        bytes.withUnsafeBufferPointer { buffer in
            var reader = StateReader(buffer)
            #expect(reader.application() == application)
            #expect(reader.application() == application)
            #expect(reader.atEnd)
        }
        var plain = StateWriter(sharing: false)
        plain.application(application)
        #expect(bytes.count < plain.bytes.count + 8, "the second Application was written out again")
    }
}
