import Testing

@testable import consortiumctl

/// `Table.width` skips the Unicode category lookup where it cannot matter (it was most of the
/// time of `consortiumctl evaluate` on every notice at 100,000 consortia): for every scalar it
/// must give what the plain rule gives — combining marks and U+200B take no column, East Asian
/// wide characters two, everything else one.
@Suite struct TableWidthTests {
    static func plainWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if scalar.properties.generalCategory == .nonspacingMark || v == 0x200B { return 0 }
        let wide =
            (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return wide ? 2 : 1
    }

    @Test func everyScalarHasThePlainRulesWidth() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Table.width(String(Character(scalar))) != Self.plainWidth(scalar) { differing.append(value) }
        }
        #expect(differing.isEmpty, "scalars whose width differs: \(differing.prefix(20).map { String($0, radix: 16) })")
        // Marks inside the wide ranges are seen (U+302A, U+3099), and the fast path still counts.
        #expect(Table.width("柳州\u{3099}a\u{0301}") == 5)
    }

    @Test func aTableAlignsWideAndNarrowCells() {
        var table = Table(["联合体", "说明"])
        table.add(["LZ-1", "年度报告"])
        table.add(["柳州", "x"])
        #expect(table.render() == "联合体  说明\n------  --------\nLZ-1    年度报告\n柳州    x")
    }
}
