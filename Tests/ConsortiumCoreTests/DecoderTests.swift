import Foundation
import Testing

@testable import ConsortiumCore

private typealias F = DecoderFixtures

@Suite struct DecoderValidDocumentTests {
    @Test(arguments: DocumentKind.allCases)
    func yamlOfEachKindDecodes(kind: DocumentKind) throws {
        let result = F.decode(F.yaml(kind))
        let decoded = try result.get()
        #expect(decoded.document.kind == kind)
        #expect(decoded.encoding == .utf8)
    }

    @Test(arguments: DocumentKind.allCases)
    func jsonOfEachKindDecodesToTheSameDocument(kind: DocumentKind) throws {
        let yaml = try F.decode(F.yaml(kind)).get().document
        let json = F.json(F.yaml(kind))
        #expect(json.contains("\t"))
        let decoded = try F.decode(json).get()
        #expect(decoded.document == yaml)
    }

    @Test func compactJSONParses() throws {
        let json = #"{"version":1,"kind":"Dissolution","consortium":"LZ-1","date":"2026-01-02","reason":"x","approval":""}"#
        let document = try F.decode(json).get().document
        #expect(document.body == .dissolution(Dissolution(reason: "x", approval: nil)))
    }

    @Test func applicationValues() throws {
        let document = try #require(F.document(F.application))
        #expect(document.consortium == "LZ-2026-003")
        #expect(document.date == CivilDate(year: 2026, month: 3, day: 15))
        guard case .application(let app) = document.body else {
            Issue.record("not an application")
            return
        }
        #expect(app.contact.phone == "0772-2610702")
        #expect(app.basis == "8:30")
        #expect(app.members.count == 2)
        #expect(app.members[0].id == F.lead)
        #expect(app.members[1].id == "DE:VR 1234")
        #expect(app.members[1].country == "DE")
        #expect(app.leads[0].member == F.lead)
        #expect(app.leads[0].fiscalYears.count == 2)
        #expect(app.platforms[0].built == .month(CivilMonth("2021-06")!))
        #expect(app.agreement?.signatures.map(\.member) == [F.lead, "DE:VR 1234"])
        #expect(app.agreement?.clauses.count == 10)
        #expect(app.governance?.executiveStaff == 5)
        #expect(app.leadSeal == true)
    }

    @Test func otherKindsValues() throws {
        guard case .recommendation(let r) = F.document(F.recommendation)?.body else {
            Issue.record()
            return
        }
        #expect(r.districtCode == "450202")
        guard case .approval(let a) = F.document(F.approval)?.body else {
            Issue.record()
            return
        }
        #expect(a.waivers == [Waiver(rule: .leadRevenue, reason: "一事一议")])
        #expect(a.validYears == 5)
        guard case .project(let p) = F.document(F.project)?.body else {
            Issue.record()
            return
        }
        #expect(p.closed == nil && p.approval == nil && p.members == [F.lead, "DE:VR 1234"])
        guard case .change(let c) = F.document(F.change)?.body else {
            Issue.record()
            return
        }
        #expect(c.changes.count == 6)
        #expect(c.changes[1] == .leave("DE:VR 1234"))
        if case .join(let m, let s) = c.changes[0] {
            #expect(m.layer == .close && s == SignatureMarks(legalRep: true, seal: true))
        } else {
            Issue.record("first change is not a join")
        }
        guard case .revocation(let v) = F.document(F.revocation)?.body else {
            Issue.record()
            return
        }
        #expect(v.grounds == [.violation, .refusedInfo])
        guard case .withdrawal(let w) = F.document(F.withdrawal)?.body else {
            Issue.record()
            return
        }
        #expect(w.document == String(repeating: "ab", count: 32))
        let ack = try #require(F.document(F.acknowledgement))
        #expect(ack.consortium == nil)
        guard case .acknowledgement(let k) = ack.body else {
            Issue.record()
            return
        }
        #expect(k.notice == String(repeating: "0f", count: 16))
    }

    @Test func acknowledgementWithConsortiumIsValidated() {
        let text = F.acknowledgement.replacingOccurrences(of: "kind: Acknowledgement", with: "kind: Acknowledgement\nconsortium: -bad")
        #expect(F.errors(text).map(\.path) == ["consortium"])
        let ok = F.acknowledgement.replacingOccurrences(of: "kind: Acknowledgement", with: "kind: Acknowledgement\nconsortium: LZ-1")
        #expect(F.document(ok)?.consortium == "LZ-1")
    }

    @Test func phoneLikeScalarsStayText() throws {
        let text = F.edit(F.application, "phone:", "phone: 0772-2610702")
        guard case .application(let app) = try F.decode(text).get().document.body else {
            Issue.record()
            return
        }
        #expect(app.contact.phone == "0772-2610702")
        let digits = F.edit(F.application, "phone:", "phone: 07722610702")
        guard case .application(let app2) = try F.decode(digits).get().document.body else {
            Issue.record()
            return
        }
        #expect(app2.contact.phone == "07722610702")
    }

    @Test func leadingZerosAreDecimal() throws {
        let text = F.edit(F.annualReport, "year:", "year: 02026")
        guard case .annualReport(let r) = try F.decode(text).get().document.body else {
            Issue.record()
            return
        }
        #expect(r.year == 2026)
    }

    @Test func quotedNullIsText() throws {
        let text = F.edit(F.dissolution, "reason:", "reason: \"null\"")
        #expect(F.document(text)?.body == .dissolution(Dissolution(reason: "null")))
        let plain = F.edit(F.dissolution, "reason:", "reason: null")
        #expect(F.errors(plain).map(\.path) == ["reason"])
    }

    @Test func rejectedApprovalNeedsNoNumber() {
        let text = F.edit(F.edit(F.approval, "decision:", "decision: rejected"), "number:", nil)
        guard case .approval(let a) = F.document(text)?.body else {
            Issue.record()
            return
        }
        #expect(a.decision == .rejected && a.number == nil)
    }
}

@Suite struct DecoderEncodingTests {
    @Test func gb18030Decodes() throws {
        let data = try #require(F.recommendation.data(using: String.Encoding(rawValue: 0x8000_0632)))
        #expect(String(data: data, encoding: .utf8) == nil)
        let decoded = try DocumentDecoder.decode(data).get()
        #expect(decoded.encoding == .gb18030)
        guard case .recommendation(let r) = decoded.document.body else {
            Issue.record()
            return
        }
        #expect(r.district == "城中区" && r.opinion == "同意推荐")
    }

    @Test func utf8BOMDecodes() throws {
        let decoded = try DocumentDecoder.decode(Data([0xEF, 0xBB, 0xBF]) + Data(F.recommendation.utf8)).get()
        #expect(decoded.encoding == .utf8BOM)
    }

    @Test func bomWithInvalidUTF8IsRejected() {
        let gb = F.recommendation.data(using: String.Encoding(rawValue: 0x8000_0632))!
        guard case .failure(let rejection) = DocumentDecoder.decode(Data([0xEF, 0xBB, 0xBF]) + gb) else {
            Issue.record()
            return
        }
        #expect(rejection.encoding == .utf8BOM)
        #expect(rejection.errors.first?.path == "")
        #expect(rejection.errors.first?.messageEn.contains("UTF-8") == true)
    }

    @Test(arguments: [[UInt8(0xFF), 0xFE], [0xFE, 0xFF]])
    func utf16IsRejected(bom: [UInt8]) {
        let body = F.recommendation.data(using: bom[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian)!
        guard case .failure(let rejection) = DocumentDecoder.decode(Data(bom) + body) else {
            Issue.record()
            return
        }
        #expect(rejection.errors.first?.messageEn.contains("UTF-16") == true)
        #expect(rejection.errors.first?.message.contains("UTF-8") == true)
    }

    @Test func notGB18030IsRejected() {
        guard case .failure(let rejection) = DocumentDecoder.decode(Data([0x61, 0x3A, 0x20, 0x81, 0x20])) else {
            Issue.record()
            return
        }
        #expect(rejection.errors.first?.messageEn.contains("neither") == true)
    }

    @Test func nulIsRejected() {
        guard case .failure(let rejection) = DocumentDecoder.decode(Data("version: 1\u{0}".utf8)) else {
            Issue.record()
            return
        }
        #expect(rejection.errors.first?.messageEn.contains("NUL") == true)
    }

    @Test func tooLargeIsRejectedUnread() {
        let limits = DecodingLimits(maxDocumentBytes: 10)
        guard case .failure(let rejection) = F.decode(F.recommendation, limits: limits) else {
            Issue.record()
            return
        }
        #expect(rejection.errors.count == 1 && rejection.errors[0].path == "" && rejection.encoding == nil)
        #expect(rejection.errors[0].messageEn.contains("too large"))
    }
}
