import Foundation
import GallraCore
import GallraServer
import GallraServices
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GallraServices

/// The headers of the mail Gallra sends: one sender with its name quoted, exactly one recipient,
/// and no header that a name or an address could add.
@Suite("Mail headers")
struct MailHeaderTests {
    static func message(fromName: String = "Exempel Programvara AB", to: String = "anna@example.se") -> MailMessage {
        MailMessage(
            fromName: fromName, fromAddress: "dataskydd@exempel.se", to: to, subject: "Bekräfta din begäran",
            text: "Hej", html: "<p>Hej</p>")
    }

    static func headers(_ message: MailMessage) throws -> [String] {
        let text = String(decoding: try message.rfc5322(), as: UTF8.self)
        return text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
    }

    /// The RFC 2047 encoded-words of a header, decoded and joined.
    static func decoded(_ header: String) -> String {
        header.matches(of: /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/).map {
            String(decoding: Data(base64Encoded: String($0.1)) ?? Data(), as: UTF8.self)
        }.joined()
    }

    @Test("The sender's name is quoted per RFC 5322, or encoded per RFC 2047, and never adds a header")
    func fromName() throws {
        #expect(try Self.headers(Self.message()).contains("From: Exempel Programvara AB <dataskydd@exempel.se>"))
        let quoted = try Self.headers(Self.message(fromName: #"Exempel, "AB" \ <eve@evil.example>"#))
        #expect(quoted.contains(#"From: "Exempel, \"AB\" \\ <eve@evil.example>" <dataskydd@exempel.se>"#), "\(quoted)")

        let injected = try Self.headers(Self.message(fromName: "Exempel AB\r\nBcc: eve@evil.example"))
        #expect(!injected.contains { $0.hasPrefix("Bcc:") }, "\(injected)")
        #expect(injected.contains(#"From: "Exempel AB  Bcc: eve@evil.example" <dataskydd@exempel.se>"#))

        let swedish = try Self.headers(Self.message(fromName: "Åre Fjällstugor AB\nBcc: eve@evil.example"))
        #expect(!swedish.contains { $0.hasPrefix("Bcc:") }, "\(swedish)")
        let from = try #require(swedish.firstIndex { $0.hasPrefix("From: =?UTF-8?B?") })
        #expect(swedish[from].hasSuffix("?= <dataskydd@exempel.se>"))
        #expect(Self.decoded(swedish[from]) == "Åre Fjällstugor AB Bcc: eve@evil.example")

        // A long name: encoded-words of at most 75 characters, folded, never splitting a letter.
        let long = String(repeating: "Långa namnet på den personuppgiftsansvarige ", count: 6)
        let folded = try Self.headers(Self.message(fromName: long))
        let start = try #require(folded.firstIndex { $0.hasPrefix("From: ") })
        let end = try #require(folded[start...].firstIndex { $0.hasSuffix("<dataskydd@exempel.se>") })
        let lines = folded[start...end]
        #expect(lines.count > 1 && lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
        for word in lines.joined().matches(of: /=\?UTF-8\?B\?[^?]*\?=/) { #expect(word.output.count <= 75) }
        #expect(Self.decoded(lines.joined()) == long.trimmingCharacters(in: .whitespaces))
    }

    @Test(
        "The recipient is exactly one address; anything a header would read as more is refused, without repeating it",
        arguments: [
            "anna@example.se,eve@evil.example", "anna@example.se; eve@evil.example", "eve,anna@example.se",
            "Anna <anna@example.se>", "\"eve@evil.example\" <anna@example.se>",
            "anna@example.se\r\nBcc: eve@evil.example",
            "anna@example.se\nBcc: eve@evil.example", "anna@example.se (Anna)", "", "anna", "anna@", "@example.se",
        ])
    func oneRecipient(to: String) throws {
        let error = #expect(throws: GallraError.self) { try Self.message(to: to).rfc5322() }
        #expect(error?.description.contains("exactly one e-mail address") == true, "\(String(describing: error))")
        if !to.isEmpty { #expect(error?.description.contains(to) == false) }
    }

    @Test("The public form refuses an address with a comma: no mail goes, to either part")
    func publicForm() async throws {
        let door = try await PrivacyRequestPagesTests.door()
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: door.configuration)
        try await app.test(.router) { client in
            let answer = try await PrivacyRequestPagesTests.submit(client, kind: "access", email: "eve,anna@example.se")
            #expect(answer.status == .unprocessableContent)
            #expect(try await PrivacyRequestPagesTests.delivered(door).isEmpty, "no mail went")
        }
        await door.store.close()
    }
}
