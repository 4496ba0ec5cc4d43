/// A replayed consortium's state as one byte buffer, and back (docs/performance.md, "Memory"). The daemon keeps every
/// consortium between evaluations; as Swift values a realistic one is about 64 heap blocks
/// (every name, title and identifier a String of its own, every list an array), 10 KB. Packed,
/// each text is written once and later mentions refer back to it, an Application an approval
/// shares with the formation is written once, and the whole is one allocation of about 3 KB.
/// `ResidentConsortium` keeps the bytes and reads the state back (`Replayer(unpacking:)`) each
/// time it is evaluated or changed: the rules still read the one form of the state they always did.
///
/// The database keeps these bytes too (each consortium's stored state: StoredConsortium.swift,
/// Store/StoredStates.swift): a change to what is written here must raise
/// `StoredConsortium.formatVersion` (StoredConsortiumTests pins the bytes of the examples).
/// Integers are LEB128 (signed ones zigzag), dates their packed `UInt32`, Booleans and cases of
/// enums without payload one byte (the case's index), optionals a presence byte, arrays a count.
struct StateWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether texts, Applications and member lists written before are referred back to.
    private let sharing: Bool
    private var texts: [ExactText: Int] = [:]
    /// The Applications, member lists and unit lists written, each as its bytes written without
    /// sharing (a class: `shared` adds to it while writing into `self`).
    private final class Written {
        var applications: [[UInt8]] = []
        var memberLists: [[UInt8]] = []
        var idLists: [[UInt8]] = []
    }
    private let written = Written()

    init(sharing: Bool = true) {
        self.sharing = sharing
        bytes.reserveCapacity(sharing ? 4096 : 1024)
    }

    /// The bytes with how many texts, Applications and lists the reader will meet in front (it
    /// reserves its tables once).
    func finished() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for count in [texts.count, written.applications.count, written.memberLists.count, written.idLists.count] {
            LEB128.append(UInt(count), to: &out)
        }
        out += bytes
        return out
    }

    // MARK: Scalars

    mutating func uint(_ value: UInt) { LEB128.append(value, to: &bytes) }

    mutating func int(_ value: Int) { uint(UInt(bitPattern: (value << 1) ^ (value >> (Int.bitWidth - 1)))) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func date(_ value: CivilDate) { uint(UInt(value.packed)) }

    /// A case of an enum without payload: its position in `packedCases`.
    mutating func tag<E: PackedTag>(_ value: E) {
        bytes.append(E.packedIndex(of: value))
    }

    /// A text: its UTF-8 the first time, then where it was (`sharing`; a text of up to 15 bytes,
    /// which a String holds inline, is always written out). Bytes, not canonical equivalence,
    /// decide what is the same text.
    mutating func text(_ value: String) {
        let count = value.utf8.count
        if sharing, count > 15 {
            let key = ExactText(value)
            if let index = texts[key] {
                uint(UInt(index) << 1 | 1)
                return
            }
            texts[key] = texts.count
        }
        uint(UInt(count) << 1)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout StateWriter, T) -> Void) {
        guard let value else {
            bool(false)
            return
        }
        bool(true)
        write(&self, value)
    }

    mutating func array<T>(_ values: [T], _ write: (inout StateWriter, T) -> Void) {
        uint(UInt(values.count))
        for value in values { write(&self, value) }
    }

    mutating func date(_ value: CivilDate?) { optional(value) { $0.date($1) } }
    mutating func text(_ value: String?) { optional(value) { $0.text($1) } }

    /// `value` written by `write`, or a reference to an identical one written before (compared by
    /// their bytes, written without sharing): the reader then gives back the same value, storage
    /// and all, as the state held it.
    private mutating func shared<T>(
        _ value: T,
        in table: ReferenceWritableKeyPath<Written, [[UInt8]]>,
        _ write: (inout StateWriter, T) -> Void
    ) {
        guard sharing else {
            write(&self, value)
            return
        }
        var plain = StateWriter(sharing: false)
        write(&plain, value)
        if let index = written[keyPath: table].firstIndex(of: plain.bytes) {
            uint(UInt(index) << 1 | 1)
            return
        }
        written[keyPath: table].append(plain.bytes)
        uint(0)
        write(&self, value)
    }

    // MARK: Documents' parts

    mutating func member(_ m: Member) {
        text(m.name)
        text(m.id)
        text(m.country)
        tag(m.type)
        tag(m.layer)
        bool(m.liuzhou)
        text(m.role)
    }

    mutating func members(_ list: [Member]) { shared(list, in: \.memberLists) { $0.array($1) { $0.member($1) } } }
    mutating func ids(_ list: [MemberID]) { shared(list, in: \.idLists) { $0.array($1) { $0.text($1) } } }

    mutating func qualification(_ q: LeadQualification) {
        text(q.member)
        tag(q.sector)
        bool(q.rdDeduction)
        int(q.revenue)
        int(q.rdStaff)
        array(q.fiscalYears) {
            $0.int($1.year)
            $0.int($1.rdExpense)
            $0.int($1.sales)
        }
    }

    mutating func platform(_ p: Platform) {
        text(p.name)
        tag(p.type)
        text(p.field)
        tag(p.level)
        switch p.built {
        case .day(let day):
            bool(false)
            date(day)
        case .month(let month):
            bool(true)
            uint(UInt(month.packed))
        }
        text(p.host)
    }

    mutating func chiefExpert(_ c: ChiefExpert) {
        text(c.name)
        text(c.employer)
        text(c.title)
    }

    mutating func agreement(_ a: Agreement) {
        array(a.clauses) { $0.tag($1) }
        array(a.signatures) {
            $0.text($1.member)
            $0.bool($1.legalRep)
            $0.bool($1.seal)
        }
        array(a.notProvided) { $0.text($1) }
    }

    mutating func application(_ a: Application) {
        shared(a, in: \.applications) { w, a in
            w.text(a.name)
            w.text(a.industry)
            w.date(a.agreementEffective)
            w.text(a.contact.name)
            w.text(a.contact.phone)
            w.members(a.members)
            let d = a.declared
            for count in [d.members, d.enterprises, d.universities, d.institutes, d.regionalPlatforms, d.municipalPlatforms] { w.int(count) }
            w.array(a.leads) { $0.qualification($1) }
            w.array(a.platforms) { $0.platform($1) }
            w.text(a.goal)
            w.array(a.team) {
                $0.text($1.name)
                $0.int($1.age)
                $0.text($1.title)
                $0.text($1.specialty)
                $0.text($1.employer)
            }
            w.optional(a.chiefExpert) { $0.chiefExpert($1) }
            w.optional(a.governance) { w, g in
                w.text(g.decision)
                w.text(g.advisory)
                w.text(g.executive)
                w.int(g.executiveStaff)
                w.bool(g.fundRules)
            }
            w.optional(a.agreement) { $0.agreement($1) }
            w.text(a.basis)
            w.optional(a.leadSeal) { $0.bool($1) }
            w.array(a.notProvided) { $0.text($1) }
        }
    }

    // MARK: The state's records

    mutating func formation(_ f: FormationSnapshot) {
        application(f.application)
        date(f.applicationDate)
        members(f.members)
        ids(f.leadIDs)
        // Sorted by unit, so that equal formations give equal bytes.
        let qualifications = f.leadQualifications.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
        array(qualifications) {
            $0.text($1.key)
            $0.qualification($1.value)
        }
        array(f.extraPlatforms) { $0.platform($1) }
        optional(f.chiefExpert) { $0.chiefExpert($1) }
    }

    mutating func finding(_ f: Finding) {
        text(f.consortium)
        tag(f.rule)
        tag(f.level)
        text(f.subject)
        switch f.stage {
        case .upcoming(let n):
            uint(0)
            int(n)
        case .overdue: uint(1)
        case .expired: uint(2)
        case .revocationReview: uint(3)
        case .resolved: uint(4)
        case .finding: uint(5)
        }
        date(f.due)
        text(f.path)
        findingText(f.text)
        text(f.source)
        date(f.since)
    }

    private mutating func findingText(_ t: Finding.Text) {
        func item(_ w: inout StateWriter, _ item: Finding.Text.MajorItem) {
            switch item {
            case .executive(let text):
                w.bool(false)
                w.text(text)
            case .principal(let text):
                w.bool(true)
                w.text(text)
            }
        }
        switch t {
        case .plain(let zh, let en):
            uint(0)
            text(zh)
            text(en)
        case .majorChange(let day, let formerLeads, let items):
            uint(1)
            date(day)
            ids(formerLeads)
            array(items, item)
        case .majorItem(let day, let major):
            uint(2)
            date(day)
            item(&self, major)
        case .annualReportLate(let year, let day, let due):
            uint(3)
            int(year)
            date(day)
            date(due)
        case .revocationGround(let day, let ground, let member, let description):
            uint(4)
            date(day)
            tag(ground)
            text(member)
            text(description)
        case .projectMembersDropped(let day, let project, let title, let missing):
            uint(5)
            date(day)
            text(project)
            text(title)
            ids(missing)
        case .annualReportDue(let year, let due, let late, let overdue):
            uint(9)
            int(year)
            date(due)
            int(late)
            bool(overdue)
        case .approvalExpiry(let number, let approved, let due, let day, let expired):
            uint(10)
            text(number)
            date(approved)
            date(due)
            date(day)
            bool(expired)
        case .projectMembersLeft(let day, let dropped):
            uint(6)
            date(day)
            array(dropped) {
                $0.text($1.project)
                $0.text($1.member)
            }
        case .leadChangedDuringProject(let day, let project, let title):
            uint(7)
            date(day)
            text(project)
            text(title)
        case .dissolvedDuringProject(let day, let project, let title):
            uint(8)
            date(day)
            text(project)
            text(title)
        }
    }

    mutating func applied(_ d: AppliedDocument) {
        tag(d.kind)
        date(d.date)
        text(d.sha256)
        text(d.name)
        int(d.arrival)
        optional(d.notApplied) {
            $0.text($1.zh)
            $0.text($1.en)
        }
    }

    mutating func segment(_ s: LeadSegment) {
        text(s.consortium)
        text(s.lead)
        date(s.from)
        date(s.through)
        date(s.applicationDate)
    }

    mutating func state(_ s: ConsortiumState) {
        text(s.id)
        tag(s.status)
        let r = s.round
        formation(r.formation)
        array(r.recommendations) { w, rec in
            w.date(rec.date)
            w.text(rec.recommendation.district)
            w.text(rec.recommendation.districtCode)
            w.bool(rec.recommendation.recommended)
            w.text(rec.recommendation.opinion)
            w.ids(rec.leadsOnDate)
        }
        array(r.approvals) { w, a in
            w.date(a.date)
            w.tag(a.approval.decision)
            w.text(a.approval.number)
            w.optional(a.approval.validYears) { $0.int($1) }
            w.array(a.approval.waivers) {
                $0.tag($1.rule)
                $0.text($1.reason)
            }
            w.date(a.lastDay)
            w.formation(a.formation)
        }
        array(r.reports) { w, report in
            w.date(report.date)
            w.int(report.value.year)
            w.array(report.value.sentTo) { $0.tag($1) }
            w.text(report.value.summary)
            w.text(report.value.plan)
            w.text(report.value.problems)
            w.text(report.value.coordination)
            w.text(report.sha256)
        }
        array(r.projectsInForce) { w, v in
            let p = v.project
            w.date(v.date)
            w.text(p.project)
            w.text(p.title)
            w.tag(p.level)
            w.bool(p.underConsortium)
            w.text(p.lead)
            w.ids(p.members)
            w.date(p.start)
            w.date(p.end)
            w.date(p.closed)
            w.text(p.approval)
            w.text(v.sha256)
            w.ids(v.leadsOnDate)
        }
        array(r.inForce) {
            $0.date($1.lowerBound)
            $0.date($1.upperBound)
        }
        text(r.executive)
        optional(r.filedAgreement) { $0.agreement($1) }
        text(r.principal)
        array(s.events) { $0.finding($1) }
        array(s.documents) { $0.applied($1) }
        array(s.listings) {
            $0.text($1.member)
            $0.date($1.from)
            $0.date($1.until)
        }
        array(s.leadSegments) { $0.segment($1) }
    }
}

/// Reads what `StateWriter` wrote, in the same order. It reads only bytes a `StateWriter` made in
/// memory: a malformed buffer is a programming error (it traps), never input.
struct StateReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    private var texts: [String] = []
    private var applications: [Application] = []
    private var memberLists: [[Member]] = []
    private var idLists: [[MemberID]] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        texts.reserveCapacity(Int(uint()))
        applications.reserveCapacity(Int(uint()))
        memberLists.reserveCapacity(Int(uint()))
        idLists.reserveCapacity(Int(uint()))
    }

    var atEnd: Bool { at == bytes.count }

    // MARK: Scalars

    mutating func uint() -> UInt { LEB128.read(bytes, at: &at) }

    mutating func int() -> Int {
        let raw = uint()
        return Int(bitPattern: raw >> 1) ^ -Int(bitPattern: raw & 1)
    }

    mutating func bool() -> Bool {
        defer { at += 1 }
        return bytes[at] != 0
    }

    mutating func date() -> CivilDate { CivilDate(packedValue: UInt32(uint())) }

    mutating func tag<E: PackedTag>() -> E {
        defer { at += 1 }
        return E.packedCases[Int(bytes[at])]
    }

    mutating func text() -> String {
        let raw = uint()
        if raw & 1 == 1 { return texts[Int(raw >> 1)] }
        let count = Int(raw >> 1)
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + count]), as: UTF8.self)
        at += count
        if count > 15 { texts.append(value) }
        return value
    }

    mutating func optional<T>(_ read: (inout StateReader) -> T) -> T? { bool() ? read(&self) : nil }

    mutating func array<T>(_ read: (inout StateReader) -> T) -> [T] {
        let count = Int(uint())
        guard count > 0 else { return [] }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(read(&self)) }
        return values
    }

    mutating func optionalDate() -> CivilDate? { optional { $0.date() } }
    mutating func optionalText() -> String? { optional { $0.text() } }

    /// Where `StateWriter.shared` referred back to a value read before, else nil (the value follows).
    private mutating func sharedIndex() -> Int? {
        let raw = uint()
        return raw & 1 == 1 ? Int(raw >> 1) : nil
    }

    // MARK: Documents' parts

    mutating func member() -> Member {
        let name = text()
        let id = text()
        let country = optionalText()
        let type: MemberType = tag()
        let layer: Layer = tag()
        return Member(name: name, id: id, country: country, type: type, layer: layer, liuzhou: bool(), role: text())
    }

    mutating func members() -> [Member] {
        if let index = sharedIndex() { return memberLists[index] }
        let list = array { $0.member() }
        memberLists.append(list)
        return list
    }

    mutating func ids() -> [MemberID] {
        if let index = sharedIndex() { return idLists[index] }
        let list = array { $0.text() }
        idLists.append(list)
        return list
    }

    mutating func qualification() -> LeadQualification {
        let member = text()
        let sector: Sector = tag()
        let rdDeduction = bool()
        let revenue = int()
        let rdStaff = int()
        return LeadQualification(
            member: member,
            sector: sector,
            rdDeduction: rdDeduction,
            revenue: revenue,
            rdStaff: rdStaff,
            fiscalYears: array { FiscalYear(year: $0.int(), rdExpense: $0.int(), sales: $0.int()) }
        )
    }

    mutating func platform() -> Platform {
        let name = text()
        let type: PlatformType = tag()
        let field = text()
        let level: PlatformLevel = tag()
        let built: PlatformBuilt = bool() ? .month(CivilMonth(packedValue: UInt32(uint()))) : .day(date())
        return Platform(name: name, type: type, field: field, level: level, built: built, host: text())
    }

    mutating func chiefExpert() -> ChiefExpert { ChiefExpert(name: text(), employer: text(), title: text()) }

    mutating func agreement() -> Agreement {
        let clauses: [ClauseID] = array { $0.tag() }
        let signatures = array { Signature(member: $0.text(), legalRep: $0.bool(), seal: $0.bool()) }
        return Agreement(clauses: clauses, signatures: signatures, notProvided: array { $0.text() })
    }

    mutating func application() -> Application {
        if let index = sharedIndex() { return applications[index] }
        let application = unsharedApplication()
        applications.append(application)
        return application
    }

    private mutating func unsharedApplication() -> Application {
        let name = text()
        let industry = text()
        let effective = optionalDate()
        let contact = Contact(name: text(), phone: text())
        let memberList = members()
        let declared = DeclaredCounts(
            members: int(),
            enterprises: int(),
            universities: int(),
            institutes: int(),
            regionalPlatforms: int(),
            municipalPlatforms: int()
        )
        let leads = array { $0.qualification() }
        let platforms = array { $0.platform() }
        let goal = text()
        let team = array { TeamMember(name: $0.text(), age: $0.int(), title: $0.text(), specialty: $0.text(), employer: $0.text()) }
        let chiefExpert = optional { $0.chiefExpert() }
        let governance = optional {
            Governance(decision: $0.text(), advisory: $0.text(), executive: $0.text(), executiveStaff: $0.int(), fundRules: $0.bool())
        }
        let agreement = optional { $0.agreement() }
        let basis = optionalText()
        let leadSeal = optional { $0.bool() }
        return Application(
            name: name,
            industry: industry,
            agreementEffective: effective,
            contact: contact,
            members: memberList,
            declared: declared,
            leads: leads,
            platforms: platforms,
            goal: goal,
            team: team,
            chiefExpert: chiefExpert,
            governance: governance,
            agreement: agreement,
            basis: basis,
            leadSeal: leadSeal,
            notProvided: array { $0.text() }
        )
    }

    // MARK: The state's records

    mutating func formation() -> FormationSnapshot {
        let application = application()
        let date = date()
        let members = members()
        let leadIDs = ids()
        var qualifications: [MemberID: LeadQualification] = [:]
        let count = Int(uint())
        qualifications.reserveCapacity(count)
        for _ in 0..<count {
            let unit = text()
            qualifications[unit] = qualification()
        }
        return FormationSnapshot(
            application: application,
            applicationDate: date,
            members: members,
            leadIDs: leadIDs,
            leadQualifications: qualifications,
            extraPlatforms: array { $0.platform() },
            chiefExpert: optional { $0.chiefExpert() }
        )
    }

    mutating func finding() -> Finding {
        let consortium = text()
        let rule: RuleID = tag()
        let level: RuleLevel = tag()
        let subject = text()
        let stage: Stage
        switch uint() {
        case 0: stage = .upcoming(int())
        case 1: stage = .overdue
        case 2: stage = .expired
        case 3: stage = .revocationReview
        case 4: stage = .resolved
        default: stage = .finding
        }
        let due = optionalDate()
        let path = optionalText()
        let text = findingText()
        let source = optionalText()
        let since = optionalDate()
        return Finding(
            consortium: consortium,
            rule: rule,
            level: level,
            subject: subject,
            stage: stage,
            due: due,
            path: path,
            text: text,
            source: source,
            since: since
        )
    }

    private mutating func findingText() -> Finding.Text {
        func item(_ r: inout StateReader) -> Finding.Text.MajorItem { r.bool() ? .principal(r.text()) : .executive(r.text()) }
        switch uint() {
        case 0: return .plain(zh: text(), en: text())
        case 1: return .majorChange(day: date(), formerLeads: ids(), items: array(item))
        case 2: return .majorItem(day: date(), item(&self))
        case 3: return .annualReportLate(year: int(), day: date(), due: date())
        case 4: return .revocationGround(day: date(), ground: tag(), member: optionalText(), description: text())
        case 5: return .projectMembersDropped(day: date(), project: text(), title: text(), missing: ids())
        case 6: return .projectMembersLeft(day: date(), dropped: array { (project: $0.text(), member: $0.text()) })
        case 7: return .leadChangedDuringProject(day: date(), project: text(), title: text())
        case 8: return .dissolvedDuringProject(day: date(), project: text(), title: text())
        case 9: return .annualReportDue(year: int(), due: date(), late: int(), overdue: bool())
        default: return .approvalExpiry(number: text(), approved: date(), due: date(), day: date(), expired: bool())
        }
    }

    mutating func applied() -> AppliedDocument {
        AppliedDocument(
            kind: tag(),
            date: date(),
            sha256: text(),
            name: text(),
            arrival: int(),
            notApplied: optional { (zh: $0.text(), en: $0.text()) }
        )
    }

    mutating func segment() -> LeadSegment {
        LeadSegment(consortium: text(), lead: text(), from: date(), through: optionalDate(), applicationDate: date())
    }

    mutating func state() -> ConsortiumState {
        let id = text()
        let status: ConsortiumStatus = tag()
        var round = ConsortiumRound(formation: formation())
        round.recommendations = array { r in
            RecommendationRecord(
                date: r.date(),
                recommendation: Recommendation(
                    district: r.text(),
                    districtCode: r.text(),
                    recommended: r.bool(),
                    opinion: r.text()
                ),
                leadsOnDate: r.ids()
            )
        }
        round.approvals = array { r in
            let date = r.date()
            let approval = Approval(
                decision: r.tag(),
                number: r.optionalText(),
                validYears: r.optional { $0.int() },
                waivers: r.array { Waiver(rule: $0.tag(), reason: $0.text()) }
            )
            return ApprovalRecord(date: date, approval: approval, lastDay: r.date(), formation: r.formation())
        }
        round.reports = array { r in
            let date = r.date()
            let report = AnnualReport(
                year: r.int(),
                sentTo: r.array { $0.tag() },
                summary: r.text(),
                plan: r.text(),
                problems: r.optionalText(),
                coordination: r.optionalText()
            )
            return Dated(date: date, value: report, sha256: r.text())
        }
        round.projectsInForce = array { r in
            let date = r.date()
            let project = Project(
                project: r.text(),
                title: r.text(),
                level: r.tag(),
                underConsortium: r.bool(),
                lead: r.text(),
                members: r.ids(),
                start: r.date(),
                end: r.date(),
                closed: r.optionalDate(),
                approval: r.optionalText()
            )
            return ProjectVersion(date: date, project: project, sha256: r.text(), leadsOnDate: r.ids())
        }
        round.inForce = array { r in
            let lower = r.date()
            return lower...r.date()
        }
        round.executive = optionalText()
        round.filedAgreement = optional { $0.agreement() }
        round.principal = optionalText()
        return ConsortiumState(
            id: id,
            status: status,
            round: round,
            events: array { $0.finding() },
            documents: array { $0.applied() },
            listings: array { DishonestyListing(member: $0.text(), from: $0.date(), until: $0.optionalDate()) },
            leadSegments: array { $0.segment() }
        )
    }
}

/// An enum without payload as StatePacking writes it: one byte, its case's position in
/// `packedCases` (the cases in declaration order, listed once per type).
protocol PackedTag: Equatable {
    static var packedCases: [Self] { get }
}

extension PackedTag {
    static func packedIndex(of value: Self) -> UInt8 {
        guard let index = packedCases.firstIndex(of: value) else { preconditionFailure("\(value) is not among \(Self.self).packedCases") }
        return UInt8(index)
    }
}

extension ApprovalDecision: PackedTag { static let packedCases = allCases }
extension ClauseID: PackedTag { static let packedCases = allCases }
extension ConsortiumStatus: PackedTag { static let packedCases = allCases }
extension DocumentKind: PackedTag { static let packedCases = allCases }
extension IncidentGround: PackedTag { static let packedCases = allCases }
extension Layer: PackedTag { static let packedCases = allCases }
extension MemberType: PackedTag { static let packedCases = allCases }
extension PlatformLevel: PackedTag { static let packedCases = allCases }
extension PlatformType: PackedTag { static let packedCases = allCases }
extension ReportRecipient: PackedTag { static let packedCases = allCases }
extension RuleID: PackedTag { static let packedCases = allCases }
extension RuleLevel: PackedTag { static let packedCases = allCases }
extension Sector: PackedTag { static let packedCases = allCases }
