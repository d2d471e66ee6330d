import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Bodies an attacker sends before signing in, over real HTTP: each is answered, and the server
/// goes on serving. `=` once ended the process while the form was parsed.
@Suite("Hostile bodies before sign-in", .acting())
struct HostileBodyTests {
    @Test(
        "Malformed form bodies to the public request page and the sign-in page get a 4xx, and the server lives on",
        arguments: ["/privacy/request", "/admin/login"])
    func malformedForms(path: String) async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await Acting.as(.user("setup")) { try await test.openWithRegister() }
        let app = buildApplication(store: store, configuration: ServerConfiguration())
        try await app.test(.live) { client in
            for body in ["=", "&", "==&=", "%", "a=%", "%zz=%e2%82", String(repeating: "=&", count: 20_000)] {
                let answer = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body))
                #expect(
                    (400..<500).contains(answer.status.code), "\(path) answered \(answer.status) to \(body.prefix(12))")
            }
            let page = try await client.execute(uri: "/admin/login", method: .get)
            #expect(page.status == .ok)
        }
        await store.close()
    }
}
