import ConsortiumCore

/// The reload step (SIGHUP): what a new configuration changes, decided from the two
/// configurations alone; `Daemon.perform(_:)` in Daemon+Effects.swift carries it out, the way the
/// walk's steps return what should happen (docs/architecture.md). The working loop around it
/// (RELOADING=1, the daily timer, the full evaluation, READY=1) is `WorkLoop.reload`.
struct Reload {
    /// The configuration to run with: the new one, with the running one's directories (they keep
    /// their places until a restart).
    var config: ConsortiumConfig
    /// The keys of the directories the new configuration would move (said once in the journal).
    let directoriesKept: [String]
    /// The policies changed: the replay itself follows them (an approval's last day comes from
    /// validYears), so the consortia are replayed again under the new ones, from the archive.
    var replay: Bool

    /// What reloading `new` over the running `current` changes.
    init(current: ConsortiumConfig, new: ConsortiumConfig) {
        directoriesKept = [
            ("inbox", new.inbox, current.inbox), ("rejected", new.rejected, current.rejected),
            ("pending", new.pending, current.pending), ("stateDirectory", new.stateDirectory, current.stateDirectory),
            ("noticeDirectory", new.noticeDirectory, current.noticeDirectory),
            ("metricsDirectory", new.metricsPath ?? "", current.metricsPath ?? ""),
            ("reportDirectory", new.reportPath ?? "", current.reportPath ?? ""),
        ].filter { $0.1 != $0.2 }.map(\.0)
        var next = new
        next.inbox = current.inbox
        next.rejected = current.rejected
        next.pending = current.pending
        next.stateDirectory = current.stateDirectory
        next.noticeDirectory = current.noticeDirectory
        next.metricsDirectory = current.metricsDirectory
        next.reportDirectory = current.reportDirectory
        config = next
        replay = next.policy != current.policy
    }
}

extension Daemon {
    /// Applies a new configuration (SIGHUP): the reload step, then its effects.
    func reload(_ newConfig: ConsortiumConfig) {
        perform(Reload(current: config, new: newConfig))
    }
}
