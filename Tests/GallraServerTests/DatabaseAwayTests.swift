import Foundation
import GallraCore
import GallraDatabase
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// PostgreSQL goes away under a running server (a failover, issue 35): callers are told 503 with
/// when to try again, never a wrong answer, and the same server answers again once the database
/// is back, without a restart.
@Suite("The database away and back", .serialized)
struct DatabaseAwayTests {
    static var backends: [TestBackend] { TestBackend.postgresURL == nil ? [] : [.postgres] }

    /// Refuses new connections to the store's database and ends those open, as a primary lost
    /// behind HAProxy does until the replica takes over; `back` lets them in again.
    static func away(_ test: TestStore, back: Bool = false) async throws {
        guard case .postgres(let url) = test.location, let base = TestBackend.postgresURL else { return }
        let name = String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
        let admin = try await StoreConnection.open(.postgres(url: base))
        try await admin.sql.raw("ALTER DATABASE \(ident: name) ALLOW_CONNECTIONS \(unsafeRaw: back ? "true" : "false")")
            .run()
        if !back {
            try await admin.sql.raw(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: name)"
            ).run()
        }
        await admin.close()
    }

    @Test(
        "A write while the database is away is a 503 with Retry-After; the next after it is back succeeds",
        arguments: backends)
    func awayAndBack(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let token = try await Gallra(store: store).createToken(
            name: "ticketing", access: Access(role: .privacyOfficer), by: .user("setup"))
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let before = try await client.execute(
                uri: "/api/v1/subjects", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"email": "anna@example.se"}"#))
            #expect(before.status == .created)

            try await Self.away(test)
            let refused = try await client.execute(
                uri: "/api/v1/subjects", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"email": "bertil@example.se"}"#))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "5")
            let body = String(buffer: refused.body)
            #expect(body.contains("Try again in a moment"), "\(body)")
            #expect(!body.contains("bertil"), "no personal data in the refusal")

            try await Self.away(test, back: true)
            let after = try await client.execute(
                uri: "/api/v1/subjects", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"email": "bertil@example.se"}"#))
            #expect(after.status == .created, "the refused write was not half done: the address is free")
            let verified = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: headers)
            #expect(String(buffer: verified.body).contains(#""intact": true"#))
        }
        await store.close()
    }
}
