/// The thresholds of the rules (rules.md): every number a rule compares against, with the seed's
/// values (柳州市创新联合体组建与运行管理实施细则（试行）) as defaults.
public struct Policy: Sendable, Equatable {
    /// 成员单位原则上不少于8个 (一).
    public var membersMin = 8
    /// 在柳州市内注册的比例不低于30% (一).
    public var localShare = Rational(3, 10)
    /// 企业数量达30%以上 (一).
    public var enterpriseShare = Rational(3, 10)
    /// 制造业年主营业务收入5亿元以上 (三(二)1), yuan.
    public var revenueManufacturing = 500_000_000
    /// 科技与信息服务业年主营业务收入1亿元以上 (三(二)1), yuan.
    public var revenueServices = 100_000_000
    /// 专职研发人员20人以上 (三(二)2).
    public var rdStaffMin = 20
    /// 研究开发费用总额占同期销售收入总额的比例不低于3% (三(二)3).
    public var rdIntensityMin = Rational(3, 100)
    /// 项目成员单位中创新联合体成员单位占比50%以上 (六(一)).
    public var projectMemberShare = Rational(1, 2)
    /// 批复的有效期为五年 (四(五)).
    public var validYears = 5
    /// Days after 31 December without a report before 拒绝报送 is considered (七(三)5).
    public var refusalDays = 90
    /// Open overdue and revocation-review notices are repeated this often.
    public var repeatDays = 7
    /// Reminders before 31 December (days).
    public var reportReminderDays = [30, 7, 1]
    /// Reminders before the approval's last day (days).
    public var expiryReminderDays = [180, 90, 30]
    /// The priority industries of 二.
    public var priorityIndustries = [
        "汽车", "机械制造", "冶金", "智能家电", "有色金属", "新一代信息技术", "新材料", "高端装备制造",
        "新能源及智能汽车", "节能环保", "生物医药", "新能源", "数字创意", "相关服务业", "未来产业",
    ]

    public init() {}

    /// The seed's numbers.
    public static let seed = Policy()
}
