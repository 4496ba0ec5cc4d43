/// Dated policy versions (rules.md "Policy over time"): each applies from its `effectiveFrom`;
/// before the first one the seed's defaults apply (decisions 15).
public struct PolicySchedule: Sendable, Equatable {
    public struct Version: Sendable, Equatable {
        public var effectiveFrom: CivilDate?
        public var policy: Policy
        public init(effectiveFrom: CivilDate?, policy: Policy) {
            self.effectiveFrom = effectiveFrom
            self.policy = policy
        }
    }

    /// Sorted by `effectiveFrom` (an undated version first).
    public private(set) var versions: [Version]

    public init(_ versions: [Version]) {
        self.versions = versions.sorted { ($0.effectiveFrom?.dayNumber ?? Int.min) < ($1.effectiveFrom?.dayNumber ?? Int.min) }
    }

    public init(_ policy: Policy = .seed) { self.init([Version(effectiveFrom: nil, policy: policy)]) }

    /// The policy in force on `day`.
    public func policy(on day: CivilDate) -> Policy {
        let index = versionIndex(on: day)
        return index < 0 ? .seed : versions[index].policy
    }

    /// Which version is in force on `day` (its position in `versions`; -1 before any: the seed).
    public func versionIndex(on day: CivilDate) -> Int {
        var current = -1
        for (index, version) in versions.enumerated() {
            if let from = version.effectiveFrom, from > day { break }
            current = index
        }
        return current
    }

    public static let seed = PolicySchedule()
}
