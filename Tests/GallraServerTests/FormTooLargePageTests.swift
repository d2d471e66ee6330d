import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A form over 64 KiB sent to a page is answered with a page in the page's language, not the
/// API's JSON.
@Suite("A form too large for a page")
struct FormTooLargePageTests {
    @Test(
        "The public request page and the sign-in page answer 413 with an HTML page in their language",
        arguments: [
            ("/privacy/request", "en", "The form is too large"), ("/privacy/request", "sv", "Formuläret är för stort"),
            ("/admin/login", "en", "The form is too large"), ("/admin/login", "sv", "Formuläret är för stort"),
        ])
    func page(path: String, language: String, heading: String) async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.live) { client in
            let answer = try await client.execute(
                uri: "\(path)?lang=\(language)", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "details=" + String(repeating: "x", count: 70_000)))
            #expect(answer.status == .contentTooLarge)
            #expect(answer.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: answer.body)
            #expect(html.contains("<html lang=\"\(language)\""))
            #expect(html.contains("<h1>\(heading)</h1>"), "\(html)")
            #expect(html.contains("64 KiB"))
        }
        await store.close()
    }

    @Test("Without ?lang the public page follows the browser's language")
    func acceptLanguage() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.execute(
                uri: "/privacy/request", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en-GB,en;q=0.8"],
                body: ByteBuffer(string: "details=" + String(repeating: "x", count: 70_000)))
            #expect(answer.status == .contentTooLarge)
            #expect(String(buffer: answer.body).contains("<h1>The form is too large</h1>"))
        }
        await store.close()
    }
}
