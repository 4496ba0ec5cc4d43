import ConsortiumCore
import ConsortiumStore
import Foundation
import Testing

@testable import ConsortiumDaemon

@Suite struct SchedulingTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let time = TimeOfDay(hour: 8, minute: 30)

    /// 2026-11-26 08:30 in Shanghai is 00:30 UTC.
    @Test func theNextEvaluationIsTodayWhenItIsStillAhead() {
        let now = Date(timeIntervalSince1970: Double(CivilDate("2026-11-26")!.dayNumber * 86_400))  // 00:00 UTC = 08:00 local
        let next = WorkLoop.nextEvaluation(after: now, at: time, timeZone: shanghai)
        #expect(Store.timestamp(next) == "2026-11-26T00:30:00.000Z")
    }

    @Test func theNextEvaluationIsTomorrowOnceItHasPassed() {
        let now = Date(timeIntervalSince1970: Double(CivilDate("2026-11-26")!.dayNumber * 86_400 + 3600))  // 09:00 local
        let next = WorkLoop.nextEvaluation(after: now, at: time, timeZone: shanghai)
        #expect(Store.timestamp(next) == "2026-11-27T00:30:00.000Z")
    }

    @Test func theCivilDateFollowsTheZoneNotUTC() {
        // 2026-12-31 16:30 UTC is already 2027-01-01 in Shanghai.
        let instant = Date(timeIntervalSince1970: Double(CivilDate("2026-12-31")!.dayNumber * 86_400 + 16 * 3600 + 1800))
        #expect(CivilDate(instant, timeZone: shanghai) == CivilDate("2027-01-01"))
        #expect(CivilDate(instant, timeZone: TimeZone(identifier: "UTC")!) == CivilDate("2026-12-31"))
    }

    @Test func aDaylightSavingZoneGetsItsOwnOffset() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(Store.timestamp(CivilDate("2026-07-01")!.instant(hour: 8, minute: 30, timeZone: berlin)) == "2026-07-01T06:30:00.000Z")
        #expect(Store.timestamp(CivilDate("2026-01-15")!.instant(hour: 8, minute: 30, timeZone: berlin)) == "2026-01-15T07:30:00.000Z")
    }

    @Test func timestampsRoundTrip() {
        let instant = Date(timeIntervalSince1970: 1_795_672_853)
        #expect(Store.instant(Store.timestamp(instant)) == instant)
    }
}
