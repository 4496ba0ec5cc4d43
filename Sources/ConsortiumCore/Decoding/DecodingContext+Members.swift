/// Member units and the values that describe them (documents.md, Application).
extension DecodingContext {
    static let memberKeys = ["name", "uscc", "country", "foreignId", "type", "layer", "liuzhou", "role"]

    /// A Member: `uscc`, or `country` + `foreignId` for a foreign member (decisions 8).
    func member(_ f: Fields) -> Member? {
        let name = f.text("name")
        let type = f.word("type", MemberType.self)
        let layer = f.word("layer", Layer.self)
        let liuzhou = f.boolean("liuzhou")
        let role = f.text("role")
        var id: MemberID?
        var country: String?
        let hasUSCC = f.has("uscc")
        let hasCountry = f.has("country")
        let hasForeign = f.has("foreignId")
        if hasUSCC {
            if hasCountry || hasForeign {
                fail(
                    f.path(hasCountry ? "country" : "foreignId"),
                    f.pairs[hasCountry ? "country" : "foreignId"]?.keyLine,
                    "成员单位只能填写 `uscc`（国内单位）或 `country` + `foreignId`（外国单位）之一，不能同时填写",
                    "a member has either `uscc` (Chinese unit) or `country` + `foreignId` (foreign unit), not both"
                )
            }
            id = f.read("uscc", required: true) { node, path in text(node, path).flatMap { uscc(node, path, $0) } }
        } else if hasCountry || hasForeign {
            let code = f.read("country", required: true) { node, path -> String? in
                guard let code = text(node, path) else { return nil }
                if CountryCode.isForeign(code) { return code }
                if code == "CN" {
                    fail(
                        path,
                        node.line,
                        "中国境内单位应填写 `uscc`（统一社会信用代码），不填 `country`",
                        "a Chinese unit gives its `uscc` (unified social credit code), not `country`"
                    )
                } else {
                    fail(
                        path,
                        node.line,
                        "`\(code)` 不是 ISO 3166-1 两位大写国家代码（如 DE、US、JP）",
                        "`\(code)` is not an ISO 3166-1 alpha-2 country code in capitals (e.g. DE, US, JP)"
                    )
                }
                return nil
            }
            let foreign = f.text("foreignId")
            if let code, let foreign, let node = f.node("foreignId", required: false) {
                let prefix = code + ":"
                if foreign.hasPrefix(prefix), foreign.dropFirst(prefix.count).contains(where: { !$0.isWhitespace }) {
                    id = foreign
                    country = code
                } else {
                    fail(
                        f.path("foreignId"),
                        node.line,
                        "`\(foreign)` 应为 `\(code):登记号` 的形式（以国家代码 \(code) 和冒号开头，后接登记号）",
                        "`\(foreign)` must have the form `\(code):registration-number` (the country code \(code), a colon, then the number)"
                    )
                }
            }
        } else {
            fail(
                f.path("uscc"),
                f.line,
                "缺少必填字段 `uscc`（外国单位改填 `country` 和 `foreignId`）",
                "required field `uscc` is missing (a foreign unit gives `country` and `foreignId` instead)"
            )
        }
        guard let name, let id, let type, let layer, let liuzhou, let role else { return nil }
        return Member(name: name, id: id, country: country, type: type, layer: layer, liuzhou: liuzhou, role: role)
    }

    static let qualificationKeys = ["uscc", "sector", "rdDeduction", "revenue", "rdStaff", "fiscalYears"]

    func leadQualification(_ f: Fields) -> LeadQualification? {
        let member = f.member("uscc")
        let sector = f.word("sector", Sector.self)
        let rdDeduction = f.boolean("rdDeduction")
        let revenue = f.integer("revenue")
        let rdStaff = f.integer("rdStaff")
        let years = f.list("fiscalYears", min: 1, max: 3) { node, path in
            fields(node, path, known: ["year", "rdExpense", "sales"]).flatMap { y -> FiscalYear? in
                let year = y.integer("year")
                let rdExpense = y.integer("rdExpense")
                let sales = y.integer("sales")
                guard let year, let rdExpense, let sales else { return nil }
                return FiscalYear(year: year, rdExpense: rdExpense, sales: sales)
            }
        }
        guard let member, let sector, let rdDeduction, let revenue, let rdStaff, let years else { return nil }
        return LeadQualification(
            member: member,
            sector: sector,
            rdDeduction: rdDeduction,
            revenue: revenue,
            rdStaff: rdStaff,
            fiscalYears: years
        )
    }

    static let platformKeys = ["name", "type", "field", "level", "built", "host"]

    func platform(_ f: Fields) -> Platform? {
        let name = f.text("name")
        let type = f.word("type", PlatformType.self)
        let field = f.text("field")
        let level = f.word("level", PlatformLevel.self)
        let built = f.read("built", required: true, self.built)
        let host = f.member("host")
        guard let name, let type, let field, let level, let built, let host else { return nil }
        return Platform(name: name, type: type, field: field, level: level, built: built, host: host)
    }

    /// `required`: a lead change must list the new lead's platforms (`[]` when it has none;
    /// documents.md Change, decisions 5); an Application may leave them out.
    func platforms(_ f: Fields, _ key: String, required: Bool = false) -> [Platform]? {
        f.list(key, required: required) { node, path in fields(node, path, known: Self.platformKeys).flatMap(platform) }
    }

    static let chiefExpertKeys = ["name", "employer", "title"]

    func chiefExpert(_ f: Fields) -> ChiefExpert? {
        let name = f.text("name")
        let employer = f.text("employer")
        let title = f.text("title")
        guard let name, let employer, let title else { return nil }
        return ChiefExpert(name: name, employer: employer, title: title)
    }
}
