import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// A message whose server died while handing it to the mail transport may have arrived: the
/// outbox page says so, in the page's language, and never that it could not be sent.
@Suite("An interrupted message on the outbox page")
struct InterruptedMailPageTests {
    typealias Pages = PrivacyRequestPagesTests

    @Test("The outbox page says a message interrupted while being sent may have arrived and is not sent again")
    func interruptedMessage() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        _ = try await gallra.addUser(
            email: "dpo@example.se", access: Access(role: .privacyOfficer), password: "a password of some length",
            by: .user("setup"))
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        try await app.test(.router) { client in
            _ = try await Pages.submit(client, kind: "access", email: "okand@example.se")
            // Claimed by a server on this host whose process has gone (killed while sending).
            var name = [CChar](repeating: 0, count: 256)
            gethostname(&name, name.count)
            let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await door.test.raw(
                "UPDATE outbox SET sending_at = \(now), sending_by = '\(host):\(Int32.max - 7):gone'")
            let sent = try await gallra.sendDueMail(through: .directory(door.mail.path))
            #expect(sent.isEmpty, "the interrupted message is not sent again")
            let officer = try await AuthorizationTests.signIn(
                client, email: "dpo@example.se", password: "a password of some length")
            let page = String(
                buffer: try await client.execute(
                    uri: "/admin/outbox?state=failed", method: .get, headers: [.cookie: officer]
                ).body)
            #expect(page.contains("Avbröts medan det skickades och kan ha kommit fram; skickas inte igen"))
            // (The tab of messages given up keeps its name; the row says what became of this one.)
            #expect(page.firstMatch(of: /Kunde inte skickas [0-9]/) == nil, "it may well have been sent")
        }
        await door.store.close()
    }
}
