/// How consortia relate through the two rules that look across consortia, and so which consortia a
/// change to some can affect and which an evaluation of some must see:
/// - LEAD_UNIQUE relates two consortia only through a unit named in a lead role by both (a lead
///   member of an Application or of a joining member, or the new or former lead of a lead change);
/// - DISHONEST_MEMBER relates a consortium whose Incident names a unit (it lists it as dishonest)
///   to every consortium naming that unit (as a member, in any role).
/// A unit both only name as an ordinary member (a university in many consortia) relates nothing.
/// Every role a document ever gave counts (a superset of who led or was listed on any day), so the
/// sets below hold whatever the day (EvaluatorEquivalenceTests).
/// Used by the daemon after each batch (`affected`, then `context`) and by `consortiumctl check`
/// for each file (`context`).
public enum RelatedConsortia {
    /// The consortia whose findings a change to the documents of `scope` can change: `scope`, the
    /// consortia sharing a lead unit with one of them, and those naming a unit that an Incident of
    /// one of them names.
    public static func affected(by scope: Set<ConsortiumID>, in documents: [RecordedDocument]) -> Set<ConsortiumID> {
        let roles = Roles.of(documents)
        let leads = union(scope, roles, \.leads)
        let listed = union(scope, roles, \.listed)
        return scope.union(roles.filter { !$0.value.leads.isDisjoint(with: leads) || !$0.value.units.isDisjoint(with: listed) }.keys)
    }

    /// The consortia whose lead segments and listings the findings of `evaluated` depend on:
    /// `evaluated`, the consortia sharing a lead unit with one of them, and those with an Incident
    /// naming a unit that one of them names. Evaluating these gives every consortium of
    /// `evaluated` exactly the findings evaluating all consortia gives it.
    public static func context(of evaluated: Set<ConsortiumID>, in documents: [RecordedDocument]) -> Set<ConsortiumID> {
        let roles = Roles.of(documents)
        let leads = union(evaluated, roles, \.leads)
        let units = union(evaluated, roles, \.units)
        return evaluated.union(roles.filter { !$0.value.leads.isDisjoint(with: leads) || !$0.value.listed.isDisjoint(with: units) }.keys)
    }

    /// The units a document names that can relate its consortium to another, in any role.
    public static func units(named body: DocumentBody) -> [MemberID] {
        switch body {
        case .application(let a): return a.members.map(\.id)
        case .change(let c):
            var out: [MemberID] = []
            for item in c.changes {
                switch item {
                case .join(let m, _): out.append(m.id)
                case .lead(let l): out += [l.from, l.to]
                default: break
                }
            }
            return out
        case .incident(let i): return i.member.map { [$0] } ?? []
        default: return []
        }
    }

    /// The units a document names in a lead role (LEAD_UNIQUE).
    public static func leadUnits(named body: DocumentBody) -> [MemberID] {
        switch body {
        case .application(let a): return a.members.compactMap { $0.layer == .lead ? $0.id : nil }
        case .change(let c):
            var out: [MemberID] = []
            for item in c.changes {
                switch item {
                case .join(let m, _) where m.layer == .lead: out.append(m.id)
                case .lead(let l): out += [l.from, l.to]
                default: break
                }
            }
            return out
        default: return []
        }
    }

    /// The units a document lists as dishonest, or may (an Incident's unit, whatever its ground).
    public static func listedUnits(named body: DocumentBody) -> [MemberID] {
        if case .incident(let i) = body, let member = i.member { return [member] }
        return []
    }

    public static func documents(_ documents: [RecordedDocument], of related: Set<ConsortiumID>) -> [RecordedDocument] {
        documents.filter { $0.document.consortium.map(related.contains) ?? true }
    }

    /// The units a consortium's documents name: in any role, in a lead role, listed.
    struct Roles {
        var units: Set<MemberID> = [], leads: Set<MemberID> = [], listed: Set<MemberID> = []

        static func of(_ documents: [RecordedDocument]) -> [ConsortiumID: Roles] {
            var out: [ConsortiumID: Roles] = [:]
            for record in documents {
                guard let id = record.document.consortium else { continue }
                let body = record.document.body
                let named = RelatedConsortia.units(named: body)
                guard !named.isEmpty else { continue }
                out[id, default: Roles()].units.formUnion(named)
                out[id]!.leads.formUnion(leadUnits(named: body))
                out[id]!.listed.formUnion(listedUnits(named: body))
            }
            return out
        }
    }

    private static func union(_ ids: Set<ConsortiumID>, _ roles: [ConsortiumID: Roles], _ part: KeyPath<Roles, Set<MemberID>>) -> Set<MemberID> {
        ids.reduce(into: Set<MemberID>()) { $0.formUnion(roles[$1]?[keyPath: part] ?? []) }
    }
}
