/// Periods counted in years.
extension CivilDate {
    /// The last day of a period of `years` years starting on this date (民法典 第201–202条):
    /// the start day is not counted, so the period ends on the corresponding day of the final
    /// year, or on the last day of that month when it has no corresponding day
    /// (2024-02-29 + 5 years ends 2029-02-28).
    public func lastDayOfPeriod(years: Int) -> CivilDate {
        addingYears(years)
    }

    /// The same month and day `n` years later (earlier when negative), clamped to the end of
    /// the month (2024-02-29 + 1 year is 2025-02-28), and to the calendar's range: a result after
    /// year 9999 is 9999-12-31, one before year 1 is 0001-01-01.
    public func addingYears(_ n: Int) -> CivilDate {
        // Found in the fuzzing work (docs/fuzzing.md, fuzz/regressions/): `validYears` in an Approval (or the config's
        // policy) is any non-negative Int, and `year + n` trapped on overflow for
        // 9223372036854775807; years far past 9999 also overflowed `dayNumber` later on.
        let (target, overflow) = year.addingReportingOverflow(n)
        if overflow || target > 9999 { return CivilDate.last }
        if target < 1 { return CivilDate.first }
        return clamped(toYear: target)
    }
}
