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
    /// the month (2024-02-29 + 1 year is 2025-02-28).
    public func addingYears(_ n: Int) -> CivilDate {
        clamped(toYear: year + n)
    }
}
