/// What a resident consortium keeps of a document: the same document without the free texts no
/// rule and no notice reads (they stay in the archive, where `consortiumctl show` reads them),
/// texts the rules only test for blankness or length reduced to something that tests the same,
/// and each unit's identifier held once however often the documents name it. Replaying the
/// compacted documents gives the same notices as replaying the originals (the equivalence tests
/// compare them); it is most of the memory a consortium takes in the daemon.
///
/// Kept verbatim: everything a rule compares or a notice quotes (names, keys, dates, counts,
/// codes, the industry, project titles, incident descriptions, change texts, approval numbers).
enum ResidentForm {
    /// What a compaction gives for each unit identifier it meets.
    protocol UnitNames {
        mutating func callAsFunction(_ id: MemberID) -> MemberID
    }

    /// One String per distinct unit identifier (of one consortium).
    struct Identifiers: UnitNames {
        private var known: [MemberID: MemberID] = [:]
        init(_ ids: [MemberID] = []) { for id in ids { known[id] = id } }
        mutating func callAsFunction(_ id: MemberID) -> MemberID {
            if let same = known[id] { return same }
            known[id] = id
            return id
        }
    }

    /// The String given for an identifier of the same bytes, else the identifier itself: the
    /// daemon's String for a unit that other consortia name too (`sharingUnits`). Unlike
    /// `Identifiers` it never gives one identifier for another that is only canonically
    /// equivalent, so that `Identifiers` later sees the documents' own bytes.
    struct SharedIdentifiers: UnitNames {
        private var given: [ExactText: MemberID] = [:]
        init(_ ids: [MemberID]) { for id in ids { given[ExactText(id)] = id } }
        func callAsFunction(_ id: MemberID) -> MemberID { given[ExactText(id)] ?? id }
    }

    static func compact(_ record: RecordedDocument, _ ids: inout some UnitNames) -> RecordedDocument {
        var out = record
        out.name = ""  // kept by the store; a resident consortium keeps no list of its documents
        out.document.body = compact(record.document.body, &ids)
        return out
    }

    static func compact(_ body: DocumentBody, _ ids: inout some UnitNames) -> DocumentBody {
        switch body {
        case .application(var a):
            a.contact = Contact(name: "", phone: "")
            a.team = []
            a.basis = nil
            a.goal = longerThan(a.goal, 500)
            a.members = a.members.map { member(_: $0, &ids) }
            for index in a.leads.indices { a.leads[index].member = ids(a.leads[index].member) }
            a.platforms = a.platforms.map { platform($0, &ids) }
            if var g = a.governance {
                g.decision = blankness(g.decision)
                g.advisory = blankness(g.advisory)
                g.executive = blankness(g.executive)
                a.governance = g
            }
            a.agreement = a.agreement.map { agreement($0, &ids) }
            return .application(a)
        case .agreement(let a):
            return .agreement(agreement(a, &ids))
        case .recommendation(var r):
            r.opinion = ""
            return .recommendation(r)
        case .approval(var a):
            a.waivers = a.waivers.map { Waiver(rule: $0.rule, reason: "") }
            return .approval(a)
        case .project(var p):
            p.lead = ids(p.lead)
            p.members = p.members.map { ids($0) }
            return .project(p)
        case .change(var c):
            for index in c.changes.indices {
                switch c.changes[index] {
                case .join(let m, let marks): c.changes[index] = .join(member(m, &ids), signature: marks)
                case .leave(let id): c.changes[index] = .leave(ids(id))
                case .lead(var l):
                    l.from = ids(l.from)
                    l.to = ids(l.to)
                    l.qualification.member = ids(l.qualification.member)
                    l.platforms = l.platforms.map { platform($0, &ids) }
                    c.changes[index] = .lead(l)
                case .executive, .principal, .chiefExpert: break
                }
            }
            return .change(c)
        case .annualReport(var r):
            r.summary = blankness(r.summary)
            r.plan = blankness(r.plan)
            r.problems = r.problems.map(blankness)
            r.coordination = r.coordination.map(blankness)
            return .annualReport(r)
        case .incident(var i):
            i.member = i.member.map { ids($0) }
            return .incident(i)
        case .dissolution(var d):
            d.reason = ""
            return .dissolution(d)
        case .revocation(var r):
            r.reason = ""
            return .revocation(r)
        case .withdrawal(var w):
            w.reason = ""
            return .withdrawal(w)
        case .acknowledgement:
            return body
        }
    }

    private static func member(_ m: Member, _ ids: inout some UnitNames) -> Member {
        var out = m
        out.id = ids(m.id)
        out.role = longerThan(m.role, 200)
        return out
    }

    private static func platform(_ p: Platform, _ ids: inout some UnitNames) -> Platform {
        var out = p
        out.field = ""
        out.host = ids(p.host)
        return out
    }

    private static func agreement(_ a: Agreement, _ ids: inout some UnitNames) -> Agreement {
        var out = a
        for index in out.signatures.indices { out.signatures[index].member = ids(out.signatures[index].member) }
        return out
    }

    /// The text when it has more than `limit` characters (TEXT_LIMITS reports it, with its
    /// count), else nothing.
    private static func longerThan(_ text: String, _ limit: Int) -> String {
        text.utf8.count > limit && text.count > limit ? text : ""
    }

    /// A text the rules only test for blankness: itself when blank, else one character.
    private static func blankness(_ text: String) -> String {
        text.isBlank ? text : "-"
    }
}

extension RecordedDocument {
    /// `records`, those that name units (RelatedConsortia) in resident form (`ResidentForm`) with
    /// each unit identifier that has the same bytes as one of `units` given as that String. The
    /// daemon passes the Strings it already holds for the units these documents name, so that the
    /// consortia built from them share one String per unit instead of a copy each: a consortium
    /// compacts its documents again (compacting is idempotent) in replay order, giving every
    /// later mention of a unit the String of its first, and a unit is first named by one of these.
    public static func sharingUnits(_ records: [RecordedDocument], _ units: [MemberID]) -> [RecordedDocument] {
        guard !units.isEmpty else { return records }
        var ids = ResidentForm.SharedIdentifiers(units)
        return records.map { RelatedConsortia.units(named: $0.document.body).isEmpty ? $0 : ResidentForm.compact($0, &ids) }
    }
}
