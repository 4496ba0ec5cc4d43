/// What the formation rules need to know beyond one consortium: who leads which live
/// consortium when (LEAD_UNIQUE) and who is on the dishonesty list when (DISHONEST_MEMBER).
public struct RuleContext: Sendable {
    private var segmentsByLead: [MemberID: [LeadSegment]] = [:]
    private var listingsByMember: [MemberID: [DishonestyListing]] = [:]

    public init(states: some Sequence<ConsortiumState>) {
        self.init(segments: states.lazy.flatMap(\.leadSegments), listings: states.lazy.flatMap(\.listings))
    }

    /// From every consortium's lead segments and dishonesty listings.
    public init(segments: some Sequence<LeadSegment>, listings: some Sequence<DishonestyListing>) {
        for segment in segments { segmentsByLead[segment.lead, default: []].append(segment) }
        for listing in listings { listingsByMember[listing.member, default: []].append(listing) }
        for (lead, segments) in segmentsByLead where segments.contains(where: { $0.consortium != segments[0].consortium }) {
            sharedLeads.insert(lead)
        }
    }

    /// Units that have led more than one consortium (the only ones LEAD_UNIQUE can be about).
    private var sharedLeads: Set<MemberID> = []

    /// Live consortia other than `consortium` led by `lead` on `day`.
    public func otherConsortia(ledBy lead: MemberID, besides consortium: ConsortiumID, on day: CivilDate) -> [LeadSegment] {
        (segmentsByLead[lead] ?? []).filter { $0.consortium != consortium && $0.covers(day) }
    }

    /// Whether LEAD_UNIQUE or DISHONEST_MEMBER could find anything in `formation` on `day`: one of
    /// its lead units leads another live consortium then, or one of its members is listed then.
    /// Usually not: the evaluation then leaves those rules, and what they would need, out.
    public func mayConcern(_ formation: FormationSnapshot, of consortium: ConsortiumID, on day: CivilDate) -> Bool {
        guard !sharedLeads.isEmpty || !listingsByMember.isEmpty else { return false }
        for member in formation.members {
            if member.layer == .lead, sharedLeads.contains(member.id),
                !otherConsortia(ledBy: member.id, besides: consortium, on: day).isEmpty
            {
                return true
            }
            if hasListings, listing(of: member.id, on: day) != nil { return true }
        }
        return false
    }

    /// Whether anyone is on the dishonesty list at all.
    public var hasListings: Bool { !listingsByMember.isEmpty }

    /// The listing that puts `member` on the dishonesty list on `day`, if any.
    public func listing(of member: MemberID, on day: CivilDate) -> DishonestyListing? {
        (listingsByMember[member] ?? []).first { $0.covers(day) }
    }
}
