import ConsortiumCore
import Testing

@testable import ConsortiumDocx

struct FormValueTests {
    @Test(arguments: [
        ("8", 8), ("８", 8), ("八", 8), ("十二", 12), ("二十", 20), ("十", 10), ("一百零五", 105), ("8个", 8),
        (" 3 ", 3), ("326人", 326), ("1,200", 1200), ("二〇二三", 2023),
    ])
    func counts(_ text: String, _ value: Int) {
        #expect(FormValue.count(text) == value)
    }

    @Test(arguments: ["约十个", "十几", "8.5", "1,20", "", "八八八个多", "-3", "十十"])
    func unreadableCounts(_ text: String) {
        #expect(FormValue.count(text) == nil)
    }

    @Test(arguments: [
        ("5亿元", 500_000_000), ("5,000万元", 50_000_000), ("1.2亿元", 120_000_000), ("1.2亿", 120_000_000),
        ("3000000元", 3_000_000), ("38.6亿元", 3_860_000_000), ("13,100万元", 131_000_000), ("３８．６亿", 3_860_000_000),
        ("人民币5亿元", 500_000_000), ("0.0001万", 1), ("3,860,000,000", 3_860_000_000),
    ])
    func money(_ text: String, _ value: Int) {
        #expect(FormValue.money(text) == value)
    }

    @Test(arguments: ["约5亿", "5亿3000万", "1.234567891亿元", "0.00001万", "5.元", "5,00万", "99999999999999亿", "五亿元"])
    func unreadableMoney(_ text: String) {
        #expect(FormValue.money(text) == nil)
    }

    @Test(arguments: ["2026年3月1日", "2026.3.1", "2026-3-1", "2026/03/01", "２０２６年３月１日", " 2026 年 3 月 1 日 "])
    func dates(_ text: String) {
        #expect(FormValue.date(text) == CivilDate(year: 2026, month: 3, day: 1))
    }

    @Test(arguments: ["2026年2月30日", "2026.3", "26.3.1", "2026-3/1", "明年三月", "2026年3月1日下午"])
    func unreadableDates(_ text: String) {
        #expect(FormValue.date(text) == nil)
    }

    @Test func monthsAndDays() {
        #expect(FormValue.dayOrMonth("2019.6") == .month(CivilMonth("2019-06")!))
        #expect(FormValue.dayOrMonth("2015年12月") == .month(CivilMonth("2015-12")!))
        #expect(FormValue.dayOrMonth("2022-9-30") == .day(CivilDate(year: 2022, month: 9, day: 30)!))
        #expect(FormValue.dayOrMonth("2019.13") == nil)
    }

    @Test func yesNo() {
        #expect(FormValue.yesNo("☑是 ☐否") == .some(true))
        #expect(FormValue.yesNo("☐是 ☑否") == .some(false))
        #expect(FormValue.yesNo("☐是 ☐否") == .some(nil))
        #expect(FormValue.yesNo("") == .some(nil))
        #expect(FormValue.yesNo("是") == .some(true))
        #expect(FormValue.yesNo("无") == .some(false))
        #expect(FormValue.yesNo("有") == .some(true))
        #expect(FormValue.yesNo("☑") == .some(true))
        #expect(FormValue.yesNo("☐") == .some(false))
        #expect(FormValue.yesNo("已签") == .some(true))
        #expect(FormValue.yesNo("☑是 ☑否") == nil)
        #expect(FormValue.yesNo("大概") == nil)
    }

    /// A box after its label (the other common layout), ticks of every kind, and cells where the
    /// side a tick belongs to cannot be told (docs/word-forms.md, "Ticks").
    @Test(arguments: [
        ("是☑ 否", FormValue.YesNoReading.yes), ("是☑否☐", .yes), ("是 ☑ 否 ☐", .yes), ("是☐ 否☑", .no), ("是☐否☑", .no),
        ("是 ☐ 否 ☑", .no), ("是 否☑", .no), ("☑是 否", .yes), ("☑ 是 ☐ 否", .yes), ("☐是☑否", .no), ("是√ 否", .yes),
        ("是（√）否（ ）", .yes), ("是（ ）否（√）", .no), ("■是 □否", .yes), ("☒是 ☐否", .yes), ("✔是 否", .yes),
        ("有☑ 无☐", .yes), ("已签☑", .yes), ("☑", .yes), ("☐", .no), ("是☐ 否☐", .blank), ("☐是 ☐否", .blank),
        ("是 ☑ 否", .ambiguous), ("是☑否", .ambiguous), ("是☑否☑", .bothTicked), ("☑是 ☑否", .bothTicked),
        ("☑可能", .unreadable), ("☑☑", .unreadable),
    ])
    func ticksOnEitherSide(_ cell: String, _ reading: FormValue.YesNoReading) {
        #expect(FormValue.readYesNo(cell) == reading)
    }

    @Test func whitespaceAndWidth() {
        #expect(FormValue.line("  蒙 丽华\u{3000}") == "蒙丽华")
        #expect(FormValue.line("Institut für\u{00A0}\u{00A0}Fahrzeugantriebe") == "Institut für Fahrzeugantriebe")
        #expect(FormValue.compact("０７７２－２６１０７０２") == "0772-2610702")
        #expect(FormValue.label("联 系 人") == "联系人")
        #expect(FormValue.isBlank("  年  月  日"))
        #expect(FormValue.isBlank("☐是 ☐否"))
        #expect(!FormValue.isBlank("☑是 ☐否"))
    }

    @Test func moneyWithTheCurrencyAfter() {
        #expect(FormValue.money("38.6亿元人民币") == 3_860_000_000)
        #expect(FormValue.money("人民币5亿元") == 500_000_000)
        #expect(FormValue.money("5000万元RMB") == 50_000_000)
    }

    @Test func words() {
        #expect(FormValue.memberType("高校") == .university)
        #expect(FormValue.memberType("科研院所") == .institute)
        #expect(FormValue.layer("牵头") == .lead)
        #expect(FormValue.layer("紧密合作层") == .close)
        #expect(FormValue.sector("科技与信息服务业") == .services)
        #expect(FormValue.platformLevel("自治区级") == .regional)
        #expect(FormValue.platformType(name: "柳州市新能源汽车电驱动工程技术研究中心") == .engineeringCenter)
        #expect(FormValue.platformType(name: "广西壮族自治区企业技术中心（柳州市龙腾）") == .enterpriseTechCenter)
        #expect(FormValue.memberType("公司") == nil)
    }
}
