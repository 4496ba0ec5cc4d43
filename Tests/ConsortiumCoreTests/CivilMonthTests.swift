import Testing

@testable import ConsortiumCore

@Test(arguments: ["2026-05", "0001-01", "9999-12"])
func civilMonthParsesAndPrints(_ text: String) throws {
    #expect(try #require(CivilMonth(text)).description == text)
}

@Test(arguments: [
    "", "2026-5", "2026-13", "2026-00", "0000-01", "26-05", "2026-05-10", "2026/05",
    " 2026-05", "２０２６-05",
])
func civilMonthRejects(_ text: String) {
    #expect(CivilMonth(text) == nil)
}

@Test func civilMonthFromDateAndOrder() throws {
    let month = CivilMonth(try #require(CivilDate("2026-05-31")))
    #expect(month == CivilMonth("2026-05"))
    #expect(month.year == 2026 && month.month == 5)
    #expect(try #require(CivilMonth("2025-12")) < month)
    #expect(month < (try #require(CivilMonth("2026-06"))))
}

@Test func civilMonthOrderFollowsTheCalendar() throws {
    let months = try ["0001-01", "0001-12", "0999-02", "2025-12", "2026-01", "2026-11", "9999-12"]
        .map { try #require(CivilMonth($0)) }
    for (earlier, later) in zip(months, months.dropFirst()) {
        #expect(earlier < later && !(later < earlier) && earlier != later)
    }
    #expect(Set(months).count == months.count)
    #expect(CivilMonth(try #require(CivilDate("2026-11-01"))) == months[5])
}
