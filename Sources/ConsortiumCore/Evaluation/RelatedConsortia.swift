/// The consortia whose findings a change to some consortia can affect: those consortia plus every
/// consortium that has ever named a unit in common with one of them — as a member (Application,
/// a Change's join or lead change) or as the unit of an Incident (which lists it as dishonest even
/// when it is not that consortium's member). The rules that look across consortia (LEAD_UNIQUE: a
/// lead unit leading another consortium; DISHONEST_MEMBER: a unit listed through another
/// consortium's incident) only ever relate consortia through such a unit, so evaluating this set
/// gives the same findings for `scope` as evaluating all (EvaluatorEquivalenceTests).
/// Used by the daemon after each batch and by `consortiumctl check` for each file.
public enum RelatedConsortia {
    public static func of(_ scope: Set<ConsortiumID>, in documents: [RecordedDocument]) -> Set<ConsortiumID> {
        var unitsOf: [ConsortiumID: Set<MemberID>] = [:]
        for record in documents {
            guard let id = record.document.consortium else { continue }
            let named = units(named: record.document.body)
            if !named.isEmpty { unitsOf[id, default: []].formUnion(named) }
        }
        let units = scope.reduce(into: Set<MemberID>()) { $0.formUnion(unitsOf[$1] ?? []) }
        return scope.union(unitsOf.filter { !$0.value.isDisjoint(with: units) }.keys)
    }

    /// The units a document names that can relate its consortium to another.
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

    public static func documents(_ documents: [RecordedDocument], of related: Set<ConsortiumID>) -> [RecordedDocument] {
        documents.filter { $0.document.consortium.map(related.contains) ?? true }
    }
}
