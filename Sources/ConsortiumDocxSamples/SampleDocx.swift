import Foundation
import ZIPFoundation

/// Well-formed .docx files built in memory with ZIPFoundation (as a Word-like writer would), for
/// tests, the hostile-input benchmark and fuzzing seeds.
public enum SampleDocx {
    public static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    public static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        </Types>
        """

    public static func relationships(main: String = "word/document.xml") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\(main)"/>\
        </Relationships>
        """
    }

    /// A main document part with `body` (WordprocessingML) inside `w:body`, declaring the usual namespaces.
    public static func document(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(wordNamespace)" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14">\
        <w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>
        """
    }

    /// A .docx of the given parts (name → content), written by ZIPFoundation in memory (deflated).
    public static func zip(_ parts: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (name, content) in parts {
            let data = Data(content)
            try archive.addEntry(
                with: name,
                type: .file,
                uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_767_225_600),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    /// The three parts of a minimal .docx with this main document XML.
    public static func parts(documentXML: String) -> [(String, [UInt8])] {
        [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(relationships().utf8)),
            ("word/document.xml", Array(documentXML.utf8)),
        ]
    }

    /// A minimal .docx whose body is `body`.
    public static func docx(body: String) throws -> [UInt8] {
        try zip(parts(documentXML: document(body: body)))
    }

    /// A form-like body: paragraphs, a table with `w:gridSpan` and `w:vMerge`, check boxes (a
    /// `w14:checkbox` content control and `w:sym` glyphs), tracked changes, alternate content and a
    /// nested table. `expected` is what `DocxReader` must make of it.
    public static let formBody = """
        <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>柳州市创新联合体</w:t></w:r>\
        <w:r><w:t xml:space="preserve">组建申请表</w:t></w:r></w:p>\
        <w:p><w:bookmarkStart w:id="0" w:name="a"/><w:r><w:t>名称</w:t></w:r><w:r><w:tab/><w:t>A&amp;B</w:t></w:r>\
        <w:proofErr w:type="spellStart"/><w:r><w:br/><w:t>第二行</w:t><w:br w:type="page"/></w:r><w:bookmarkEnd w:id="0"/></w:p>\
        <w:p><w:r><w:t>成员</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>十</w:delText></w:r></w:del>\
        <w:ins w:id="2" w:author="x"><w:r><w:t>12</w:t></w:r></w:ins><w:r><w:t>家</w:t></w:r></w:p>\
        <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>\
        <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc>\
        <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>柳州</w:t></w:r></w:p><w:p><w:r><w:t>五菱</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>\
        <w:tc><w:p><w:r><w:t>企业</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/>\
        <w14:checkedState w14:val="2612" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>\
        <w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>是 </w:t></w:r>\
        <w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/></w14:checkbox></w:sdtPr>\
        <w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>否</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:trPr><w:del w:id="3" w:author="x"/></w:trPr><w:tc><w:p><w:r><w:delText>删去的行</w:delText></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t>有</w:t><w:sym w:font="Wingdings" w:char="F0A8"/><w:t>无</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>\
        <w:tc><w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>选择</w:t></mc:Choice>\
        <mc:Fallback><w:t>后备</w:t></mc:Fallback></mc:AlternateContent></w:r>\
        <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>\
        <mc:Fallback><w:t>仅后备</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc></w:tr></w:tbl>\
        <w:p><w:r><w:t><![CDATA[<原样>]]></w:t><w:t>&#x4E00;&#20108;</w:t></w:r>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
        """
}
