import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// What the server's edge shows: /metrics only to its scraper, HSTS over https, and of an
/// unexpected error only a reference, the details in the log.
@Suite("The server's edge")
struct ServerEdgeTests {
    /// Log entries as a handler receives them.
    final class LogBook: LogHandler, @unchecked Sendable {
        struct Entry {
            let level: Logger.Level
            let message: String
            let metadata: Logger.Metadata
        }
        let entries = Mutex<[Entry]>([])
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            entries.withLock { $0.append(Entry(level: level, message: message.description, metadata: all)) }
        }

        /// Every entry as one line of text, as someone reading the log would see it.
        var text: String {
            entries.withLock { $0.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n") }
        }
    }

    @Test("/metrics is not served without a token, and only with it when one is configured")
    func metricsToken() async throws {
        let (store, _) = try await IncidentAPITests.store()
        try await buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration()).test(.router) {
            client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
            let bearer = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer anything at all here"])
            #expect(bearer.status == .notFound)
        }
        var configuration = ServerConfiguration()
        configuration.metricsToken = "the scraper's token, 32 bytes.."
        try await buildApplication(gallra: Gallra(store: store), configuration: configuration).test(.router) { client in
            let none = try await client.execute(uri: "/metrics", method: .get)
            #expect(none.status == .unauthorized)
            #expect(!String(buffer: none.body).contains("gallra_http_requests_total"))
            for wrong in ["Bearer the scraper's token, 32 bytes.!", "Bearer the scraper", "Basic dGhlOnRva2Vu", ""] {
                let answer = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: wrong])
                #expect(answer.status == .unauthorized, "\(wrong)")
            }
            let right = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer the scraper's token, 32 bytes.."])
            #expect(right.status == .ok)
            #expect(String(buffer: right.body).contains("gallra_http_requests_total"))
        }
        await store.close()
    }

    @Test("HSTS on every answer when the base URL is https, on none when it is http")
    func strictTransportSecurity() async throws {
        let (store, authorised) = try await IncidentAPITests.store()
        for (base, expected) in [
            ("https://gallra.example.se/", "max-age=31536000; includeSubDomains"), ("http://127.0.0.1:8080/", nil),
        ] {
            var configuration = ServerConfiguration()
            configuration.baseURL = base
            try await buildApplication(gallra: Gallra(store: store), configuration: configuration).test(.router) {
                client in
                for (uri, headers) in [
                    ("/health", HTTPFields()), ("/admin/login", [:]), ("/privacy/request", [:]), ("/nowhere", [:]),
                    ("/api/v1/incidents", [:]), ("/api/v1/incidents", authorised), ("/metrics", [:]),
                ] {
                    let answer = try await client.execute(uri: uri, method: .get, headers: headers)
                    #expect(
                        answer.headers[HTTPFields.Element.Name("Strict-Transport-Security")!] == expected,
                        "\(base) \(uri) \(answer.status)")
                }
            }
        }
        await store.close()
    }

    @Test(
        "An unexpected error (the store's own database error) answers 500 with a reference only; the log has the rest",
        arguments: TestBackend.available)
    func unexpectedError(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let token = try await gallra.createToken(
            name: "ticketing", access: Access(role: .privacyOfficer), by: setup)
        _ = try await gallra.addUser(
            email: "admin@example.se", access: Access(role: .admin), password: "a password of some length", by: setup)
        _ = try await gallra.addSubject(NewSubject(email: "anna.andersson@example.se"), by: setup)
        // Someone with access to the database breaks it: the store's own queries now fail with
        // the database's error, which names the table.
        try await test.raw("DROP TABLE incidents")
        let book = LogBook()
        let logger = Logger(label: "test") { _ in book }
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration(), logger: logger)
        try await app.test(.router) { client in
            let api = try await client.execute(
                uri: "/api/v1/incidents", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .internalServerError)
            let body = String(buffer: api.body)
            let reference = try #require(
                try IncidentAPITests.message(api).firstMatch(of: /logged under reference ([^;]+);/)?.1, "\(body)")
            for detail in ["incidents", "SQLite", "sqlite", "PSQL", "relation", "SQLSTATE", "Error("] {
                #expect(!body.contains(detail), "\(body)")
            }
            #expect(api.headers[.xContentTypeOptions] == "nosniff", "the security headers are on it too")
            let entry = try #require(
                book.entries.withLock { entries in
                    entries.first {
                        $0.message == "unexpected error"
                            && $0.metadata["hb.request.id"]?.description == String(reference)
                    }
                }, "\(book.text)")
            #expect(entry.level == .error)
            #expect(entry.metadata["error.type"] != nil)
            #expect(entry.metadata["route"]?.description == "/api/v1/incidents")

            let cookie = try await AuthorizationTests.signIn(
                client, email: "admin@example.se", password: "a password of some length")
            let page = try await client.execute(uri: "/admin/incidents", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .internalServerError)
            let html = String(buffer: page.body)
            #expect(
                html.contains("loggades med referensen") || html.contains("logged under reference"), "\(html)")
            #expect(html.contains("<!DOCTYPE html>"), "a page, not JSON")
            for detail in ["SQLite", "sqlite", "PSQL", "relation", "SQLSTATE", "Error("] {
                #expect(!html.contains(detail), "\(html)")
            }
        }
        #expect(!book.text.contains("anna.andersson"), "no personal data in the log")
        await store.close()
    }
}
