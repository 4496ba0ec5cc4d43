import ConsortiumDocx

/// What the fuzz target (Sources/ConsortiumFuzz) does with one input for the .docx reader; the
/// regression tests replay the corpus through the same function.
public enum DocxFuzzing {
    public static let smallLimits = DocxLimits(
        maxUncompressedBytes: 1 << 16,
        maxPartBytes: 1 << 15,
        maxEntries: 8,
        maxXMLElements: 256,
        maxXMLDepth: 8
    )

    /// The reader on the input as a whole file, and on the input as the word/document.xml of a
    /// well-formed ZIP, stored (so that the XML tokenizer and the body walk are reached without valid
    /// CRCs), each with default and with small limits. Returns how many of the four reads succeeded.
    @discardableResult
    public static func exercise(_ bytes: [UInt8]) -> Int {
        let wrapped = HostileDocx.writer(document: bytes, deflate: false).bytes()
        var read = 0
        for input in [bytes, wrapped] {
            for limits in [DocxLimits.default, smallLimits] where (try? DocxReader.read(input, limits: limits)) != nil {
                read += 1
            }
        }
        return read
    }

    /// Inputs for the fuzzing corpus: the sample form (as .docx and as its document.xml) and every
    /// hostile case of at most `maxBytes` bytes.
    public static func seeds(maxBytes: Int = 8192) -> [(name: String, bytes: [UInt8])] {
        var seeds: [(String, [UInt8])] = [("docx-form.xml", Array(SampleDocx.document(body: SampleDocx.formBody).utf8))]
        if let form = try? SampleDocx.docx(body: SampleDocx.formBody) { seeds.append(("docx-form.docx", form)) }
        for hostile in HostileDocx.cases
        where ![
            "elements-3000000", "over-20MiB", "too-many-entries",
            "many-entries-declared-sum", "deflate-bomb-200MiB", "deflate-bomb-lying-size",
            "deflate-bomb-50MiB-part", "deflate-ratio-20MiB",
        ].contains(hostile.name) {
            let bytes = hostile.build()
            if bytes.count <= maxBytes { seeds.append(("docx-" + hostile.name + ".docx", bytes)) }
        }
        return seeds
    }
}
