import ConsortiumCore
import Foundation
import Testing

@testable import ConsortiumDaemon

/// The reload step (Daemon+Reload.swift): what a new configuration changes, decided from the two
/// configurations alone, before anything is performed.
struct ReloadTests {
    static let current: ConsortiumConfig = {
        var config = ConsortiumConfig()
        config.stateDirectory = "/var/lib/c"
        config.inbox = "/srv/inbox"
        config.pending = "/srv/pending"
        config.rejected = "/srv/rejected"
        config.noticeDirectory = "/var/lib/c/notices"
        return config
    }()

    @Test func directoriesKeepTheirPlacesAndAreNamed() {
        var new = Self.current
        new.inbox = "/elsewhere/inbox"
        new.reportDirectory = "/srv/report"
        new.bureau = "guilin"
        let reload = Reload(current: Self.current, new: new)
        #expect(reload.directoriesKept == ["inbox", "reportDirectory"])
        #expect(reload.config.inbox == Self.current.inbox)
        #expect(reload.config.reportDirectory == Self.current.reportDirectory)
        // The other settings take effect; the policies are the same: no replay.
        #expect(reload.config.bureau == "guilin")
        #expect(!reload.replay)
    }

    @Test func otherPoliciesReplay() {
        var shorter = Policy.seed
        shorter.validYears = 1
        var new = Self.current
        new.policy = PolicySchedule(shorter)
        let reload = Reload(current: Self.current, new: new)
        #expect(reload.replay)
        #expect(reload.directoriesKept.isEmpty)
        #expect(reload.config.policy == new.policy)
    }
}
