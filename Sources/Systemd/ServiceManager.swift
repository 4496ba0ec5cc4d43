import CSystemd
import Glibc

/// The service manager protocol (`sd_notify`, watchdog). Harmless without systemd: with no
/// `NOTIFY_SOCKET` every call is a no-op.
public enum ServiceManager {
    /// Sends state lines such as `READY=1`, `STATUS=…`, `RELOADING=1`, `STOPPING=1`, `WATCHDOG=1`.
    @discardableResult
    public static func notify(_ lines: String...) -> Bool {
        sd_notify(0, lines.joined(separator: "\n")) > 0
    }

    /// `RELOADING=1` with the monotonic timestamp systemd 253+ asks for (ignored by 252).
    public static func notifyReloading() {
        notify("RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds)")
    }

    /// CLOCK_MONOTONIC in microseconds (the clock of systemd's *TimestampMonotonic properties).
    public static var monotonicMicroseconds: UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }

    /// The watchdog interval in microseconds when systemd expects `WATCHDOG=1`, else nil.
    public static var watchdogMicroseconds: UInt64? {
        var usec: UInt64 = 0
        return sd_watchdog_enabled(0, &usec) > 0 && usec > 0 ? usec : nil
    }
}
