import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import Testing

@testable import GallraStore

/// A connected system's password comes from the environment and is never shown.
@Suite("Systems secrets", .acting())
struct SystemsSecretTests {
    @Test("The ?password= form of a PostgreSQL URL gives the connection its password, and is never shown")
    func queryPassword() throws {
        let location = try DatabaseLocation(
            parsing: "postgres://crm@db.internal:5433/crm?tlsmode=disable&password=s%40cret%2Fx")
        guard case .postgres(let url) = location else {
            Issue.record("not PostgreSQL: \(location)")
            return
        }
        // Where PostgresKit reads the password from.
        let components = try #require(URLComponents(string: url))
        #expect(components.user == "crm")
        #expect(components.password == "s@cret/x")
        #expect(components.path == "/crm")
        #expect(components.port == 5433)
        #expect(components.queryItems?.map(\.name) == ["tlsmode"])
        #expect(!location.description.contains("cret"), "\(location)")
        #expect(location.description == "postgres://…@db.internal:5433/crm?tlsmode=disable")
        // A password given twice, or without a user, is refused by name.
        #expect(throws: GallraError.self) { try DatabaseLocation(parsing: "postgres://crm:a@h/crm?password=b") }
        #expect(throws: GallraError.self) { try DatabaseLocation(parsing: "postgres://h/crm?password=b") }
    }

    @Test("A systems check of a system that cannot be reached never prints the expanded password")
    func checkHidesSecret() async throws {
        let shop = try await ConnectorTests.shop(.sqlite)
        let secret = "Hemligt-\(UUID().uuidString.prefix(8))"
        let variable = "GALLRA_SECRET_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        ProcessEnvironment.set(variable, secret)
        defer { ProcessEnvironment.unset(variable) }
        for database in [
            "postgres://crm@127.0.0.1:1/crm?password=${\(variable)}&tlsmode=disable",
            "postgres://crm:${\(variable)}@127.0.0.1:1/crm?tlsmode=disable",
        ] {
            let yaml = shop.systemsYAML.replacingOccurrences(
                of: "\"${\(shop.variable)}\"", with: "\"\(database)\"")
            let problems = try await shop.store.systems.check(yaml: yaml)
            #expect(!problems.isEmpty, "port 1 is not reached")
            for problem in problems {
                #expect(!problem.message.contains(secret), "\(problem.message)")
                // The driver's own structures, which hold the server's message, are not shown either.
                #expect(!problem.message.contains("PSQLError"), "\(problem.message)")
            }
            #expect(problems.contains { $0.message.contains("no connection to the server") }, "\(problems)")
        }
        await shop.close()
    }
}
