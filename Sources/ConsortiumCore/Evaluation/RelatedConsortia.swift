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
            switch record.document.body {
            case .application(let a): unitsOf[id, default: []].formUnion(a.members.map(\.id))
            case .change(let c):
                for item in c.changes {
                    switch item {
                    case .join(let m, _): unitsOf[id, default: []].insert(m.id)
                    case .lead(let l): unitsOf[id, default: []].formUnion([l.from, l.to])
                    default: break
                    }
                }
            case .incident(let i):
                if let unit = i.member { unitsOf[id, default: []].insert(unit) }
            default: break
            }
        }
        let units = scope.reduce(into: Set<MemberID>()) { $0.formUnion(unitsOf[$1] ?? []) }
        return scope.union(unitsOf.filter { !$0.value.isDisjoint(with: units) }.keys)
    }

    /// The documents of `related` consortia, and those that belong to none (acknowledgements).
    public static func documents(_ documents: [RecordedDocument], of related: Set<ConsortiumID>) -> [RecordedDocument] {
        documents.filter { $0.document.consortium.map(related.contains) ?? true }
    }
}
