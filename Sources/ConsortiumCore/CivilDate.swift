import Foundation

/// A day of the proleptic Gregorian calendar, without time or zone, written `YYYY-MM-DD`.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The date packed into one word so that integer order is date order (docs/performance.md: dates sit in
    /// every document, state record, finding and notice): bits 0–4 the day, bits 5–8 the month,
    /// bits 9–31 the year plus `yearBias`. `==`, `hash(into:)` and `<` work on this value alone.
    let packed: UInt32

    /// Added to the year before packing, so that the years before 1 that `init(dayNumber:)` and
    /// `endOfYear(_:)` can make still sort before year 1.
    static let yearBias = 1 << 22
    /// The years a date can hold (23 bits): -4194304...4194303. The validating initialisers
    /// only make 1...9999; a year outside this range (from `init(dayNumber:)` or
    /// `endOfYear(_:)` with an absurd argument) is held as the nearest end of it, which keeps
    /// such dates after (or before) every real one.
    static let yearRange = -yearBias...(yearBias - 1)

    /// The year (1...9999 for dates made by the validating initialisers).
    public var year: Int { Int(packed >> 9) - CivilDate.yearBias }
    /// The month, 1...12.
    public var month: Int { Int(packed >> 5 & 0xF) }
    /// The day of the month, 1...daysInMonth.
    public var day: Int { Int(packed & 0x1F) }

    /// A date from its parts, or nil when the year is outside 1...9999 or the day is not real.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// Parses strict `YYYY-MM-DD` (ASCII digits, 4-2-2, a real calendar day), else nil.
    public init?(_ text: String) {
        var text = text
        guard let date = text.withUTF8({ CivilDate(utf8: $0) }) else { return nil }
        self = date
    }

    /// Parses strict `YYYY-MM-DD` from UTF-8 bytes (the database's columns are read without
    /// making a String: ConsortiumStore/RawColumns.swift), else nil.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard ASCIIDigits.isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before it).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The civil date that `instant` falls on in `timeZone` (Gregorian calendar).
    public init(_ instant: Date, timeZone: TimeZone) {
        // The zone's offset at that instant, then plain day arithmetic (no Calendar: it loads
        // ICU data the daemon otherwise never needs).
        let local = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        self.init(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    /// The instant at `hour:minute` local time on this day in `timeZone`.
    public func instant(hour: Int, minute: Int, timeZone: TimeZone) -> Date {
        let wall = Double(dayNumber * 86_400 + hour * 3600 + minute * 60)
        var guess = Date(timeIntervalSince1970: wall - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))))
        // Once more with the offset in force at the first guess (a DST change in between).
        guess = Date(timeIntervalSince1970: wall - Double(timeZone.secondsFromGMT(for: guess)))
        return guess
    }

    /// Decodes from a single `YYYY-MM-DD` string; any other text is `dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "not a YYYY-MM-DD date: \(text)"
            )
        }
        self = date
    }

    /// Encodes as a single `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `month` must be 1...12 and `day` 1...31; `year` is clamped to `yearRange`.
    /// The date of a `packed` value read back (`StateReader`).
    init(packedValue: UInt32) { packed = packedValue }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        let year = min(max(year, CivilDate.yearRange.lowerBound), CivilDate.yearRange.upperBound)
        packed = UInt32(year + CivilDate.yearBias) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let year = year
        let month = month
        let day = day
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            return "\(ASCIIDigits.padded(year, width: 4))-\(ASCIIDigits.padded(month, width: 2))-"
                + ASCIIDigits.padded(day, width: 2)
        }
        // The common case without intermediate strings (notice texts print many dates).
        return String(unsafeUninitializedCapacity: 10) { out in
            func digit(_ value: Int) -> UInt8 { 0x30 + UInt8(value) }
            out[0] = digit(year / 1000)
            out[1] = digit(year / 100 % 10)
            out[2] = digit(year / 10 % 10)
            out[3] = digit(year % 10)
            out[4] = 0x2D
            out[5] = digit(month / 10)
            out[6] = digit(month % 10)
            out[7] = 0x2D
            out[8] = digit(day / 10)
            out[9] = digit(day % 10)
            return 10
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days later (earlier when negative), clamped to the calendar's range
    /// 0001-01-01...9999-12-31.
    public func adding(days: Int) -> CivilDate {
        // Found in the fuzzing work (docs/fuzzing.md, fuzz/regressions/): the config's
        // `policy.refusalDays` is any non-negative Int, and `dayNumber + days` trapped on
        // overflow for 9223372036854775807 (31 December + refusalDays in SupervisionRules).
        let (target, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days > 0 ? CivilDate.last : CivilDate.first }
        return CivilDate(dayNumber: min(max(target, CivilDate.first.dayNumber), CivilDate.last.dayNumber))
    }

    /// The first and last days of the calendar (years 1...9999).
    static let first = CivilDate(unchecked: 1, 1, 1)
    static let last = CivilDate(unchecked: 9999, 12, 31)

    /// The number of days from this date to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// 31 December of `year`.
    public static func endOfYear(_ year: Int) -> CivilDate {
        CivilDate(unchecked: year, 12, 31)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year` (0 for a month outside 1...12).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// Chronological order.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.packed < rhs.packed
    }

    /// The same month and day in `year`, clamped to that month's last day (internal helper for
    /// year arithmetic).
    func clamped(toYear year: Int) -> CivilDate {
        let month = month
        return CivilDate(unchecked: year, month, min(day, CivilDate.daysInMonth(year: year, month: month)))
    }
}
