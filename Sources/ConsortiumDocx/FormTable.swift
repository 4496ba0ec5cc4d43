/// One table of a form, read by its printed labels rather than by fixed positions.
struct FormTable {
    /// How operators call the table in a rejection (`附件1 申请表`).
    let name: String
    let rows: [[WordDocument.Cell]]

    init(name: String, _ table: WordDocument.Table) {
        self.name = name
        self.rows = table.rows.map { $0.filter { !$0.continuesMerge } }
    }

    /// Whether some cell carries `label`.
    func has(_ label: String) -> Bool { find(label) != nil }

    /// The cell `offset` cells right of the cell labelled `label`: its text, the 1-based row, and
    /// whether it shows an auto-updating date field.
    func value(_ label: String, offset: Int = 1) -> (text: String, row: Int, hasDateField: Bool)? {
        guard let (r, c) = find(label), c + offset < rows[r].count else { return nil }
        return (rows[r][c + offset].text, r + 1, rows[r][c + offset].hasDateField)
    }

    private func find(_ label: String) -> (Int, Int)? {
        let wanted = FormValue.label(label)
        for (r, row) in rows.enumerated() {
            if let c = row.firstIndex(where: { FormValue.label($0.text) == wanted }) { return (r, c) }
        }
        return nil
    }

    /// Whether a heading row starts with `heading`.
    func hasHeading(_ heading: String) -> Bool {
        let wanted = FormValue.label(heading)
        return rows.contains { isHeading($0) && FormValue.label($0[0].text).hasPrefix(wanted) }
    }

    /// The first heading row's text, or else the first cell's.
    var firstText: String {
        FormValue.line((rows.first { isHeading($0) } ?? rows.first)?.first?.text ?? "")
    }

    /// A heading row: one cell across the table.
    private func isHeading(_ row: [WordDocument.Cell]) -> Bool { row.count == 1 }

    /// The data rows of the section under the heading that starts with `heading`: the rows after
    /// its column-header row up to the next heading, as (1-based row, cell texts); rows with every
    /// cell blank (or only the printed 序号) are left out.
    func section(_ heading: String) -> [(row: Int, cells: [String])]? {
        let wanted = FormValue.label(heading)
        guard let start = rows.firstIndex(where: { isHeading($0) && FormValue.label($0[0].text).hasPrefix(wanted) }) else { return nil }
        let numbered = start + 1 < rows.count && rows[start + 1].first.map { FormValue.label($0.text) == "序号" } == true
        var out: [(Int, [String])] = []
        var r = start + 2
        while r < rows.count, !isHeading(rows[r]) {
            let texts = rows[r].map(\.text)
            if texts.enumerated().contains(where: { !(numbered && $0.offset == 0) && !FormValue.isBlank($0.element) }) {
                out.append((r + 1, texts))
            }
            r += 1
        }
        return out
    }
}
