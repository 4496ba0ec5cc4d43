/// Reads untrusted .docx bytes into a `WordDocument`, or rejects them with a `DocxError`, in
/// memory and time bounded by `DocxLimits`. No file system, no external converter; no Dispatch or
/// Swift concurrency (it runs inside the daemon's work loop).
public enum DocxReader {
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    public static func read(_ bytes: [UInt8], limits: DocxLimits = .default) throws(DocxError) -> WordDocument {
        // What the file is, by its first bytes, before its size: a large .doc (a scanned seal in it)
        // is told to be saved as .docx, not that it is too large.
        if let foreign = FileFormat.foreign(bytes) { throw foreign }
        if CompoundFile.isCompound(bytes) {
            throw CompoundFile.isEncryptedPackage(bytes) ? .encryptedPackage : .legacyDoc
        }
        guard bytes.count <= limits.maxDocxBytes else { throw .fileTooLarge(size: bytes.count, limit: limits.maxDocxBytes) }
        guard looksLikeDocx(bytes) else { throw .notZip }
        if let mimeType = FileFormat.openDocumentType(bytes) { throw .openDocument(mimeType) }
        let directory = try ZipDirectory.read(bytes, limits: limits)
        if directory.entry(named: PackageManifest.contentTypesPart) == nil, let mimetype = directory.entry(named: "mimetype"),
            directory.entry(named: "content.xml") != nil
        {
            // An ODF package whose `mimetype` entry is not first and stored (not per the standard, still ODF).
            var extractor = PartExtractor(bytes: bytes, limits: limits)
            let type =
                (try? extractor.extract(mimetype)).map { String(decoding: $0.prefix(100), as: UTF8.self) } ?? "application/vnd.oasis.opendocument"
            throw .openDocument(type)
        }
        if let macro = directory.entries.first(where: { PackageManifest.isMacroPart($0.name) }) {
            throw .macroEnabled(macro.name)
        }
        try PartExtractor.checkDeclared(directory.entries, limits: limits)

        var extractor = PartExtractor(bytes: bytes, limits: limits)
        if let entry = directory.entry(named: PackageManifest.contentTypesPart),
            let type = try PackageManifest.macroContentType(try extractor.extract(entry), limits: limits)
        {
            throw .macroEnabled(PackageManifest.contentTypesPart + ": " + type)
        }
        var mainPart = PackageManifest.defaultMainPart
        if let entry = directory.entry(named: PackageManifest.relationshipsPart),
            let named = try PackageManifest.mainPart(try extractor.extract(entry), limits: limits)
        {
            mainPart = named
        }
        guard let main = directory.entry(named: mainPart), !main.isDirectory else { throw .missingMainPart(mainPart) }
        // Automatic numbering and styles, through the main part's relationships (or where Word puts them).
        let folder = mainPart.lastIndex(of: "/").map { String(mainPart[...$0]) } ?? ""
        var numberingPart = folder + "numbering.xml"
        var stylesPart = folder + "styles.xml"
        let relationships = PackageManifest.relationshipsPart(of: mainPart)
        if let entry = directory.entry(named: relationships), !entry.isDirectory {
            let named = try PackageManifest.auxiliaryParts(try extractor.extract(entry), part: relationships, mainPart: mainPart, limits: limits)
            numberingPart = named.numbering ?? numberingPart
            stylesPart = named.styles ?? stylesPart
        }
        func part(_ name: String) throws(DocxError) -> [UInt8]? {
            guard let entry = directory.entry(named: name), !entry.isDirectory, name != mainPart else { return nil }
            return try extractor.extract(entry)
        }
        let numbering = try Numbering.read(numbering: try part(numberingPart), styles: try part(stylesPart), limits: limits)
        return try BodyReader.read(try extractor.extract(main), part: mainPart, limits: limits, numbering: numbering)
    }

    /// Whether the bytes start like a ZIP file (a local file header, "PK\u{3}\u{4}"), as a .docx does.
    public static func looksLikeDocx(_ bytes: [UInt8]) -> Bool { bytes.starts(with: zipMagic) }
}
