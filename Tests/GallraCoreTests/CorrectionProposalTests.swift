import Testing

@testable import GallraCore

/// What the rectification page pre-fills from the person's text: an address or a number the
/// person wrote for a field of that kind, never a guess for any other field.
@Suite("A corrected value is proposed from the person's text")
struct CorrectionProposalTests {
    let today = CivilDate(year: 2026, month: 12, day: 7)!

    @Test("An e-mail address in the text that differs from the one held is proposed for an e-mail field")
    func email() {
        let text = "Min gamla adress rut@gammal.se stämmer inte, den nya är Rut.Ny@Example.se."
        #expect(
            CorrectionProposal.value(for: "email", current: "rut@gammal.se", in: text, today: today)
                == "Rut.Ny@Example.se")
        #expect(
            CorrectionProposal.value(for: "email", current: "rut.ny@example.se", in: text, today: today)
                == "rut@gammal.se", "the address held is never proposed for itself")
        #expect(CorrectionProposal.value(for: "email", current: "x@example.se", in: "Fel namn", today: today) == nil)
    }

    @Test("A phone number, however written, is proposed for a phone field; a personnummer is not")
    func phone() {
        let text = "Mitt personnummer är 19811218-9876 och mitt nya nummer är 070-987 65 43."
        #expect(
            CorrectionProposal.value(for: "phone", current: "070-123 45 67", in: text, today: today) == "070-987 65 43")
        #expect(
            CorrectionProposal.value(for: "phone", current: "+46709876543", in: text, today: today) == nil,
            "the number held, written another way, is no correction")
    }

    @Test("No field but e-mail and phone gets a proposal")
    func otherFields() {
        let text = "Mitt namn stavas Rut Berg, inte Rut Borg. rut@example.se 070-111 22 33"
        for category in ["name", "address", "billing", "case_content"] {
            #expect(CorrectionProposal.value(for: category, current: "Rut Borg", in: text, today: today) == nil)
        }
        #expect(CorrectionProposal.value(for: "email", current: "a@example.se", in: nil, today: today) == nil)
    }

    @Test("A target of a form field reads back as itself; other text is no target")
    func targetKeys() {
        let targets: [CorrectionTarget] = [
            .record("3f2a"), .connected(system: "crm", row: "customer:7", column: "email"),
            .connected(system: "crm", row: "order:a|b,2", column: "note"),
        ]
        for target in targets { #expect(CorrectionTarget(key: target.key) == target) }
        for text in ["", "record|", "connected|crm|email", "connected||email|customer:7", "other|x"] {
            #expect(CorrectionTarget(key: text) == nil, "\(text)")
        }
    }
}
