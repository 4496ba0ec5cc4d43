import Foundation

/// The administrative divisions of 柳州市 (Liuzhou) used by recommendations and USCC checks.
public enum LiuzhouDivision {
    /// The city-level division code of 柳州市.
    public static let cityCode = "450200"

    /// City-level codes (柳州市 and its 市辖区): not districts.
    static let cityLevelNames = ["450200": "柳州市", "450201": "柳州市市辖区"]

    /// County-level codes and their official names, including historical 柳江县.
    static let districtNames = [
        "450202": "城中区", "450203": "鱼峰区", "450204": "柳南区", "450205": "柳北区",
        "450206": "柳江区", "450221": "柳江县", "450222": "柳城县", "450223": "鹿寨县",
        "450224": "融安县", "450225": "融水苗族自治县", "450226": "三江侗族自治县",
    ]

    /// Accepted names (official names plus the short forms 融水县 and 三江县) and their codes.
    static let districtCodesByName: [String: String] = {
        var byName = Dictionary(uniqueKeysWithValues: districtNames.map { ($1, $0) })
        byName["融水县"] = "450225"
        byName["三江县"] = "450226"
        return byName
    }()

    /// The 6-digit code of a Liuzhou county-level division given by name (trimmed, optionally
    /// prefixed `柳州市`, e.g. `城中区`, `柳州市融水县`) or by its code (`450202`); nil for
    /// anything else, including the city-level codes 450200/450201 and 柳东新区.
    /// 柳江县 gives its historical code 450221 (see `canonical(_:)`).
    public static func code(forDistrict text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if districtNames[trimmed] != nil { return trimmed }
        let name = trimmed.hasPrefix("柳州市") ? String(trimmed.dropFirst(3)) : trimmed
        return districtCodesByName[name]
    }

    /// The current code for `code`: 450221 (柳江县) became 450206 (柳江区); others unchanged.
    public static func canonical(_ code: String) -> String {
        code == "450221" ? "450206" : code
    }

    /// Whether `code` is a city-level code of Liuzhou (450200, 450201).
    public static func isCityLevel(_ code: String) -> Bool {
        cityLevelNames[code] != nil
    }

    /// The official name of a Liuzhou division code (county- or city-level), else nil.
    public static func name(forCode code: String) -> String? {
        districtNames[code] ?? cityLevelNames[code]
    }
}
