import ConsortiumCore
import Testing

/// `metricsDirectory` and `bureau` (runbook.md "Monitoring", "One journal for several bureaus").
@Suite("ConsortiumConfig monitoring keys")
struct MonitoringConfigTests {
    @Test func defaults() throws {
        let c = ConsortiumConfig.defaults
        #expect(c.metricsDirectory == nil && c.bureau == nil)
        #expect(c.metricsPath == "/var/lib/consortiumd/metrics")
        // The default follows the state directory.
        #expect(try ConsortiumConfig.parse("stateDirectory: /srv/c\n").metricsPath == "/srv/c/metrics")
    }

    @Test func setAndOff() throws {
        let set = try ConsortiumConfig.parse("metricsDirectory: /var/lib/consortiumd/prom\nbureau: liuzhou\n")
        #expect(set.metricsPath == "/var/lib/consortiumd/prom" && set.bureau == "liuzhou")
        #expect(try ConsortiumConfig.parse("bureau: 柳州市\n").bureau == "柳州市")
        #expect(try ConsortiumConfig.parse("bureau: gx.liuzhou-2\n").bureau == "gx.liuzhou-2")
        // A quoted empty text turns metrics off; a plain empty value keeps the default.
        #expect(try ConsortiumConfig.parse("metricsDirectory: \"\"\n").metricsPath == nil)
        #expect(try ConsortiumConfig.parse("metricsDirectory: ''\n").metricsPath == nil)
        #expect(try ConsortiumConfig.parse("metricsDirectory:\nbureau: ~\n") == .defaults)
    }

    @Test(arguments: [
        ("metricsDirectory: metrics\n", "metricsDirectory", 1, "不是绝对路径"),
        ("bureau: liu zhou\n", "bureau", 1, "不能用作局名"),
        ("# x\nbureau: \"a/b\"\n", "bureau", 2, "不能用作局名"),
        ("bureau: [a, b]\n", "bureau", 1, "此处应为文字"),
        ("bureau: \"\(String(repeating: "a", count: 65))\"\n", "bureau", 1, "不能用作局名"),
        ("bureaus: liuzhou\n", "bureaus", 1, "是否应为 bureau"),
    ])
    func rejected(_ text: String, _ key: String, _ line: Int, _ reason: String) {
        #expect {
            try ConsortiumConfig.parse(text)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.key == key && error.line == line && error.message.contains(reason)
        }
    }
}
