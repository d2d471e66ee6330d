import Testing

@testable import GallraCore

@Suite("Subject identifiers are normalised so one person is one person")
struct SubjectIdentifierTests {
    let today = CivilDate(year: 2026, month: 11, day: 21)!

    @Test(
        "Normal forms",
        arguments: [
            (SubjectIdentifier.Kind.email, "Anna@Example.se ", "anna@example.se"),
            (.email, "ANNA@EXAMPLE.SE", "anna@example.se"),
            (.phone, "070-123 45 67", "+46701234567"),
            (.phone, "+46 70 123 45 67", "+46701234567"),
            (.phone, "0046701234567", "+46701234567"),
            (.phone, "(08) 123 456 00", "+46812345600"),
            (.personalNumber, "19811218-9876", "198112189876"),
            (.personalNumber, "811218-9876", "198112189876"),
            (.personalNumber, "8112189876", "198112189876"),
            (.personalNumber, "198112189876", "198112189876"),
            // The + separator: a hundred years or older.
            (.personalNumber, "121212+1212", "191212121212"),
            (.personalNumber, "121212-1212", "201212121212"),
            // Samordningsnummer: day + 60.
            (.personalNumber, "701063-2391", "197010632391"),
        ])
    func normalForm(kind: SubjectIdentifier.Kind, text: String, expected: String) throws {
        #expect(try SubjectIdentifier(kind, text, today: today).value == expected)
    }

    @Test(
        "Malformed identifiers are refused without repeating the value",
        arguments: [
            (SubjectIdentifier.Kind.email, "anna.example.se"),
            (.email, "anna@localhost"),
            (.email, "an na@example.se"),
            (.phone, "12345"),
            (.phone, "070-ABC"),
            (.phone, "701234567"),
            (.personalNumber, "19811218-9875"),
            (.personalNumber, "19811332-9876"),
            (.personalNumber, "811218"),
        ])
    func refused(kind: SubjectIdentifier.Kind, text: String) {
        #expect {
            try SubjectIdentifier(kind, text, today: today)
        } throws: { error in
            "\(error)".contains(text) == false && "\(error)".count > 10
        }
    }

    @Test("A reference's kind is guessed")
    func guessing() {
        #expect(SubjectIdentifier(guessing: "Anna@Example.se", today: today)?.kind == .email)
        #expect(SubjectIdentifier(guessing: "811218-9876", today: today)?.kind == .personalNumber)
        #expect(SubjectIdentifier(guessing: "070-123 45 67", today: today)?.kind == .phone)
        #expect(SubjectIdentifier(guessing: "nobody", today: today) == nil)
    }
}
