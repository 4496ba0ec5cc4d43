import CLinux
import Glibc

/// SIGTERM, SIGINT and SIGHUP as readable events of a `signalfd`, so the work loop's `poll`
/// sees them like any other input and no signal handler or extra thread is needed.
///
/// Why not swift-service-lifecycle's `UnixSignals` and `ServiceGroup`: they run on Swift
/// concurrency's global executor, which on Linux starts libdispatch's worker pool, and that pool
/// arms a 1 Hz monitor timer for the life of the process — the daemon then never idles at 0 CPU
/// (docs/performance.md, Idle). The shape is kept: stop = finish the document in hand, then
/// STOPPING=1; SIGHUP = reload.
///
/// Must be created before any other thread exists: the signals are blocked with
/// `pthread_sigmask`, and threads inherit the mask of their creator.
public final class SignalChannel {
    public enum Event: Equatable { case stop, reload }

    let descriptor: Int32

    public init() throws {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, signal) }
        guard pthread_sigmask(SIG_BLOCK, &set, nil) == 0 else {
            throw DaemonError.startup("pthread_sigmask 失败 / failed")
        }
        descriptor = signalfd(-1, &set, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        guard descriptor >= 0 else {
            throw DaemonError.startup("signalfd 失败 / failed: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// Every signal received since the last call (never blocks).
    func drain() -> [Event] {
        var events: [Event] = []
        var info = signalfd_siginfo()
        while read(descriptor, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            events.append(Int32(info.ssi_signo) == SIGHUP ? .reload : .stop)
        }
        return events
    }
}
