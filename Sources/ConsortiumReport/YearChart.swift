/// The geometry of the by-year bar chart (pixels): per year a group of bars, one per count.
public struct YearChart: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var baseline: Int
    public var bars: [Bar]
    public var labels: [Label]
    /// The largest count, the top of the scale.
    public var maximum: Int

    public struct Bar: Sendable, Equatable {
        public var series: String
        public var x: Int, y: Int, width: Int, height: Int
        public var title: String
    }
    public struct Label: Sendable, Equatable {
        public var x: Int
        public var text: String
    }

    /// The series, in the order of the bars of a year: key (CSS class) and Chinese name.
    public static let series: [(key: String, name: String, value: @Sendable (YearCounts) -> Int)] = [
        ("approved", "核准", { $0.approved }),
        ("on-time", "按时报送", { $0.reportsOnTime }),
        ("late", "逾期报送", { $0.reportsLate }),
        ("missing", "未报送", { $0.reportsMissing }),
        ("incidents", "事件", { $0.incidents }),
        ("revocations", "取消资格", { $0.revocations }),
        ("dissolutions", "解散", { $0.dissolutions }),
    ]

    static let plotHeight = 160
    static let barWidth = 9
    static let groupGap = 18
    static let left = 40

    public init(_ years: [(year: Int, counts: YearCounts)]) {
        let groupWidth = Self.series.count * Self.barWidth + Self.groupGap
        width = max(320, Self.left + years.count * groupWidth + 10)
        baseline = 10 + Self.plotHeight
        height = baseline + 24
        maximum = max(1, years.map { y in Self.series.map { $0.value(y.counts) }.max() ?? 0 }.max() ?? 0)
        var bars: [Bar] = []
        var labels: [Label] = []
        for (index, year) in years.enumerated() {
            let groupX = Self.left + index * groupWidth
            for (n, series) in Self.series.enumerated() {
                let value = series.value(year.counts)
                let h = Int((Double(value) / Double(maximum) * Double(Self.plotHeight)).rounded())
                bars.append(
                    Bar(
                        series: series.key,
                        x: groupX + n * Self.barWidth,
                        y: baseline - h,
                        width: Self.barWidth - 1,
                        height: h,
                        title: "\(year.year) \(series.name)：\(value)"
                    )
                )
            }
            labels.append(Label(x: groupX + Self.series.count * Self.barWidth / 2, text: String(year.year)))
        }
        self.bars = bars
        self.labels = labels
    }
}
