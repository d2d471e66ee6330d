import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A rectification's page in the admin UI: a field for each of the person's values, the form's
/// anti-forgery check, refusals in the officer's language with nothing noted, and the
/// corrections noted listed old → new.
@Suite("The admin UI: correcting a person's data")
struct RectificationPageTests {
    typealias Queue = RequestQueueTests

    @Test("Corrected values are noted from the request's page, checked first; a forged or stale field notes nothing")
    func notedFromThePage() async throws {
        let fixture = try await Queue.fixture()
        let setup = Party.user("setup")
        _ = try await fixture.gallra.addRecord(
            NewRecord(
                subject: fixture.karin, activity: "newsletter", category: "email", value: "karin@example.se",
                collected: Date()), by: setup)
        let id = try await fixture.gallra.openRequest(
            .rectification, subject: fixture.karin, verifiedHow: "BankID", by: setup)
        let values = try await fixture.gallra.correctableValues(ofRequest: id, by: setup)
        let email = try #require(values.first { $0.category == "email" }?.target.key)
        let olofs = try await fixture.gallra.exportSubject(fixture.olof, by: setup).records[0].id
        @Sendable func noted() async throws -> [NotedCorrection] {
            try await fixture.store.requests.notedCorrections(id)
        }
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Queue.session(client)
            let page = try await Queue.get(client, "/admin/requests/\(id)", session: session)
            #expect(page.contains("Rätta uppgifterna") && page.contains("Ingen rättelse sparad ännu"))
            #expect(page.contains(#"value="\#(email)""#), "the e-mail record has its field")
            #expect(page.contains("Nu: karin@example.se"), "with the value held now")

            let path = "/admin/requests/\(id)/corrections"
            let forged = try await client.execute(
                uri: path, method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "target-0=\(email)&value-0=karin.ny%40example.se"))
            #expect(forged.status != .seeOther && forged.status != .found, "no anti-forgery value, nothing done")
            for (fields, says) in [
                ([("target-0", email), ("value-0", "")], "Skriv minst ett rättat värde"),
                ([("target-0", email), ("value-0", "karin@example.se")], "Skriv minst ett rättat värde"),
                ([("target-0", email), ("value-0", "inte en adress")], "det rättade värdet är ingen e-postadress"),
                (
                    [("target-0", "record|\(olofs)"), ("value-0", "Annat")],
                    "Uppgifterna har ändrats sedan sidan visades"
                ),
            ] {
                let refused = try await Queue.post(client, path, fields, session: session)
                #expect(refused.status.code >= 400, "\(fields)")
                #expect(String(buffer: refused.body).contains(says), "\(fields)")
            }
            #expect(try await noted().isEmpty, "nothing refused is noted")

            let saved = try await Queue.post(
                client, path, [("target-0", email), ("value-0", " karin.ny@example.se ")], session: session)
            #expect(saved.status == .seeOther || saved.status == .found)
            #expect(try await noted().map(\.value) == ["karin.ny@example.se"])
            let after = try await Queue.get(client, "/admin/requests/\(id)", session: session)
            #expect(after.contains("Rättas när begäran slutförs"))
            #expect(after.contains("<del>karin@example.se</del> → <ins>karin.ny@example.se</ins>"))
        }
    }
}
