import Foundation
import Testing

@testable import ConsortiumCore

@Test(arguments: ["2026-05-10", "2024-02-29", "0001-01-01", "9999-12-31", "2000-02-29"])
func civilDateParsesAndPrints(_ text: String) throws {
    let date = try #require(CivilDate(text))
    #expect(date.description == text)
}

@Test(arguments: [
    "", "2026-5-10", "2026-05-1", "26-05-10", "02026-05-10", "2026/05/10", "2026-05-10 ",
    " 2026-05-10", "2026-13-01", "2026-00-10", "2026-04-31", "2023-02-29", "1900-02-29",
    "0000-01-01", "2026-05-10T00:00", "２０２６-05-10", "+026-05-10", "2026--5-10", "2026-05",
])
func civilDateRejects(_ text: String) {
    #expect(CivilDate(text) == nil)
}

@Test func civilDateFromPartsValidates() {
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
    #expect(CivilDate(year: 10000, month: 1, day: 1) == nil)
    #expect(CivilDate(year: 2026, month: 6, day: 0) == nil)
}

@Test(arguments: [
    ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11017),
    ("2026-05-10", 20583), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
])
func civilDateDayNumber(_ text: String, _ number: Int) throws {
    let date = try #require(CivilDate(text))
    #expect(date.dayNumber == number)
    #expect(CivilDate(dayNumber: number) == date)
}

@Test func civilDateDayNumberRoundTripsEveryDayOfFourCenturies() {
    var expected = CivilDate(year: 1900, month: 1, day: 1)!
    for number in expected.dayNumber..<(expected.dayNumber + 146_097) {
        let date = CivilDate(dayNumber: number)
        #expect(date == expected)
        #expect(date.dayNumber == number)
        let next =
            CivilDate(year: date.year, month: date.month, day: date.day + 1)
            ?? CivilDate(year: date.year, month: date.month + 1, day: 1)
            ?? CivilDate(year: date.year + 1, month: 1, day: 1)!
        expected = next
    }
}

@Test func civilDateArithmeticAndOrder() throws {
    let date = try #require(CivilDate("2026-12-31"))
    #expect(date.adding(days: 1).description == "2027-01-01")
    #expect(date.adding(days: -365).description == "2025-12-31")
    #expect(date.days(until: try #require(CivilDate("2027-03-31"))) == 90)
    #expect(date.days(until: try #require(CivilDate("2026-12-01"))) == -30)
    #expect(CivilDate("2026-01-31")! < CivilDate("2026-02-01")!)
    #expect(CivilDate("2025-12-31")! < CivilDate("2026-01-01")!)
    #expect(CivilDate.endOfYear(2026) == CivilDate(year: 2026, month: 12, day: 31))
}

@Test(arguments: [(2024, true), (2023, false), (1900, false), (2000, true), (2100, false)])
func civilDateLeapYears(_ year: Int, _ leap: Bool) {
    #expect(CivilDate.isLeapYear(year) == leap)
    #expect(CivilDate.daysInMonth(year: year, month: 2) == (leap ? 29 : 28))
}

@Test func civilDateMonthLengths() {
    let lengths = (1...12).map { CivilDate.daysInMonth(year: 2026, month: $0) }
    #expect(lengths == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    #expect(CivilDate.daysInMonth(year: 2026, month: 13) == 0)
}

@Test func civilDateCodableAsString() throws {
    let date = try #require(CivilDate("2026-05-10"))
    let data = try JSONEncoder().encode([date])
    #expect(String(decoding: data, as: UTF8.self) == #"["2026-05-10"]"#)
    #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
}

@Test(arguments: [#"["2026-02-30"]"#, #"["2026-5-1"]"#])
func civilDateDecodingInvalidTextIsDataCorrupted(_ json: String) {
    #expect {
        try JSONDecoder().decode([CivilDate].self, from: Data(json.utf8))
    } throws: { error in
        guard case DecodingError.dataCorrupted = error else { return false }
        return true
    }
}

@Test func civilDateOfInstantInTimeZone() throws {
    // 2026-05-09T16:30:00Z is already 10 May in Shanghai (UTC+8), still 9 May in UTC.
    let instant = Date(timeIntervalSince1970: TimeInterval(20582 * 86400 + 16 * 3600 + 1800))
    let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
    let utc = try #require(TimeZone(identifier: "UTC"))
    #expect(CivilDate(instant, timeZone: shanghai).description == "2026-05-10")
    #expect(CivilDate(instant, timeZone: utc).description == "2026-05-09")
}

@Test(arguments: [
    ("2026-05-10", 5, "2031-05-10"), ("2024-02-29", 5, "2029-02-28"),
    ("2024-02-29", 4, "2028-02-29"), ("2026-12-31", 1, "2027-12-31"),
    ("2026-01-01", 3, "2029-01-01"),
])
func civilDateLastDayOfPeriod(_ start: String, _ years: Int, _ last: String) throws {
    let date = try #require(CivilDate(start))
    #expect(date.lastDayOfPeriod(years: years).description == last)
}

@Test(arguments: [
    ("2024-02-29", 1, "2025-02-28"), ("2024-02-29", -4, "2020-02-29"),
    ("2026-08-31", 2, "2028-08-31"), ("2026-05-10", 0, "2026-05-10"),
])
func civilDateAddingYears(_ start: String, _ years: Int, _ result: String) throws {
    #expect(try #require(CivilDate(start)).addingYears(years).description == result)
}

@Test func civilDateIsOnePackedWord() {
    #expect(MemoryLayout<CivilDate>.size == 4)
    #expect(MemoryLayout<CivilMonth>.size == 4)
}

@Test func civilDateOrderAndEqualityFollowTheCalendarOverFourCenturies() {
    // Each day is after the one before it, by `<` and by its parts, and differs from it.
    var previous = CivilDate(year: 1899, month: 12, day: 31)!
    var seen = Set<CivilDate>()
    for number in (previous.dayNumber + 1)...(previous.dayNumber + 146_097) {
        let date = CivilDate(dayNumber: number)
        #expect(previous < date && !(date < previous) && previous != date)
        #expect((previous.year, previous.month, previous.day) < (date.year, date.month, date.day))
        #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
        seen.insert(date)
        previous = date
    }
    #expect(seen.count == 146_097)
}

@Test func civilDatePartsAtTheEndsOfTheCalendar() throws {
    for (text, parts) in [("0001-01-01", (1, 1, 1)), ("9999-12-31", (9999, 12, 31)), ("2024-02-29", (2024, 2, 29))] {
        let date = try #require(CivilDate(text))
        #expect((date.year, date.month, date.day) == parts)
        #expect(CivilMonth(date).year == parts.0 && CivilMonth(date).month == parts.1)
    }
    #expect(CivilDate.first == CivilDate("0001-01-01") && CivilDate.last == CivilDate("9999-12-31"))
    #expect(CivilDate.last.adding(days: 1) == CivilDate.last && CivilDate.first.adding(days: -1) == CivilDate.first)
    #expect(CivilDate.last.adding(days: .max) == CivilDate.last && CivilDate.first.adding(days: .min) == CivilDate.first)
}

@Test func civilDateYearsOutsideTheCalendarStillSortOutsideIt() {
    // endOfYear and init(dayNumber:) take any Int (an AnnualReport's `year` is any integer).
    let before = CivilDate.endOfYear(-5)
    #expect(before.description == "-0005-12-31" && CivilDate(dayNumber: before.dayNumber) == before)
    #expect(CivilDate.endOfYear(0).description == "0000-12-31")
    #expect(CivilDate.endOfYear(10000).description == "10000-12-31")
    #expect(CivilDate.endOfYear(0) < CivilDate.first && CivilDate.last < CivilDate.endOfYear(10000))
    // Beyond the 23 bits the year is held as the nearest end of `yearRange`.
    let huge = CivilDate.endOfYear(.max)
    let tiny = CivilDate.endOfYear(.min)
    #expect(huge.year == CivilDate.yearRange.upperBound && (huge.month, huge.day) == (12, 31))
    #expect(tiny.year == CivilDate.yearRange.lowerBound && (tiny.month, tiny.day) == (12, 31))
    #expect(tiny < CivilDate.endOfYear(-5) && CivilDate.endOfYear(10000) < huge)
    #expect(CivilDate(dayNumber: 1 << 40).year == CivilDate.yearRange.upperBound)
    #expect(CivilMonth(huge).year == CivilDate.yearRange.upperBound && CivilMonth(huge).month == 12)
}

/// Dates read from the database's bytes (`CivilDate(utf8:)`, ConsortiumStore/RawColumns.swift)
/// parse exactly as `CivilDate(String)`'s strict `YYYY-MM-DD` from its parts.
@Test(arguments: [
    "2026-05-10", "2024-02-29", "0001-01-01", "9999-12-31", "2023-02-29", "0000-01-01", "2026-13-01", "2026-00-10",
    "2026-5-10", "2026-05-1", "20260510", "2026/05/10", "2026-05-10 ", " 2026-05-10", "２０２６-05-10", "2026-05-1x", "", "2026-05-100",
])
func civilDateFromBytesParsesAsFromItsParts(text: String) {
    let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
    let shaped =
        pieces.count == 3 && zip(pieces, [4, 2, 2]).allSatisfy { $0.utf8.count == $1 && $0.utf8.allSatisfy { (48...57).contains($0) } }
    let expected = shaped ? CivilDate(year: Int(pieces[0])!, month: Int(pieces[1])!, day: Int(pieces[2])!) : nil
    var bytes = text
    #expect(bytes.withUTF8 { CivilDate(utf8: $0) } == expected)
    #expect(CivilDate(text) == expected)
}
