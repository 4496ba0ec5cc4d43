/// The two small OPC parts read besides the main document: `[Content_Types].xml` (macro-enabled
/// content types) and `_rels/.rels` (which part is the main document).
enum PackageManifest {
    static let contentTypesPart = "[Content_Types].xml"
    static let relationshipsPart = "_rels/.rels"
    static let defaultMainPart = "word/document.xml"

    /// Entry names of VBA projects and their data (`word/vbaProject.bin`, `vbaData.xml`, …).
    static func isMacroPart(_ name: String) -> Bool {
        let last = ZipDirectory.asciiLowercased(String(name.split(separator: "/").last ?? ""))
        return last.hasPrefix("vbaproject") || last.hasPrefix("vbadata")
    }

    /// The first content type (`Default`/`Override` `ContentType`) that is macro-enabled, if any.
    static func macroContentType(_ xml: [UInt8], limits: DocxLimits) throws(DocxError) -> String? {
        var found: String?
        try forEachElement(xml, part: contentTypesPart, limits: limits) { name, attributes in
            if found == nil, ["Default", "Override"].contains(localName(name)), let type = attributes["ContentType"],
                ZipDirectory.asciiLowercased(type).contains("macroenabled")
            {
                found = type
            }
        }
        return found
    }

    /// The officeDocument relationship's target as a part name, when it is a simple internal path;
    /// nil when there is none or it is not simple (the caller then requires `word/document.xml`).
    static func mainPart(_ xml: [UInt8], limits: DocxLimits) throws(DocxError) -> String? {
        var target: String?
        try forEachElement(xml, part: relationshipsPart, limits: limits) { name, attributes in
            guard target == nil, localName(name) == "Relationship", attributes["TargetMode"] != "External",
                let type = attributes["Type"], type.hasSuffix("/officeDocument"), let value = attributes["Target"]
            else { return }
            target = value
        }
        guard var name = target else { return nil }
        if name.hasPrefix("/") { name.removeFirst() }
        guard !name.isEmpty, !name.contains(where: { ":%?#".contains($0) }), (try? ZipDirectory.checkName(name)) != nil else { return nil }
        return name
    }

    /// The main part's relationships part (`word/_rels/document.xml.rels` for `word/document.xml`).
    static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/" + part + ".rels" }
        return part[...slash] + "_rels/" + part[part.index(after: slash)...] + ".rels"
    }

    /// The targets of the main part's `numbering` and `styles` relationships, as part names
    /// resolved against the main part's folder; nil for one that is absent or not a simple path.
    static func auxiliaryParts(
        _ xml: [UInt8],
        part: String,
        mainPart: String,
        limits: DocxLimits
    ) throws(DocxError) -> (numbering: String?, styles: String?) {
        var numbering: String?
        var styles: String?
        let folder = mainPart.lastIndex(of: "/").map { String(mainPart[...$0]) } ?? ""
        try forEachElement(xml, part: part, limits: limits) { name, attributes in
            guard localName(name) == "Relationship", attributes["TargetMode"] != "External",
                let type = attributes["Type"], let target = attributes["Target"]
            else { return }
            var resolved = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
            if resolved.isEmpty || resolved.contains(where: { ":%?#".contains($0) }) || (try? ZipDirectory.checkName(resolved)) == nil { return }
            if resolved.hasPrefix("./") { resolved.removeFirst(2) }
            if type.hasSuffix("/numbering"), numbering == nil { numbering = resolved }
            if type.hasSuffix("/styles"), styles == nil { styles = resolved }
        }
        return (numbering, styles)
    }

    private static func localName(_ name: String) -> Substring {
        name.split(separator: ":").last ?? ""
    }

    private static func forEachElement(
        _ xml: [UInt8],
        part: String,
        limits: DocxLimits,
        _ body: (String, [XMLAttribute]) -> Void
    ) throws(DocxError) {
        var tokenizer = try XMLTokenizer(xml, part: part, limits: limits)
        while let event = try tokenizer.next() {
            if case .start(let name, let attributes) = event { body(name, attributes) }
        }
    }
}
