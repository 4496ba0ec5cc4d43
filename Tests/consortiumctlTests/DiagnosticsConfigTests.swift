import ConsortiumCore
import Testing

/// `diagnostics` (runbook.md "Diagnostics"): off by default, `true`/`false` unquoted only.
@Suite("ConsortiumConfig diagnostics key")
struct DiagnosticsConfigTests {
    @Test func offByDefaultOnWhenSet() throws {
        #expect(ConsortiumConfig.defaults.diagnostics == false)
        #expect(try ConsortiumConfig.parse("diagnostics: true\n").diagnostics == true)
        #expect(try ConsortiumConfig.parse("diagnostics: false\n").diagnostics == false)
    }

    @Test(arguments: ["diagnostics: yes\n", "diagnostics: \"true\"\n", "diagnostics: 1\n", "diagnostics: [true]\n"])
    func rejected(_ text: String) {
        #expect {
            try ConsortiumConfig.parse(text)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.key == "diagnostics" && error.line == 1
        }
    }
}
