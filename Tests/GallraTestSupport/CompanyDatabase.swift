import Foundation
import GallraDatabase
import GallraStore
import SQLKit

/// A company's own database, connected through a systems file: a `customer` table that finds a
/// person by e-mail address, phone number or personnummer (held as the store normalises them),
/// on SQLite or on the test PostgreSQL or MariaDB server. Its location reaches Gallra through an environment
/// variable, as the systems file says a password should.
public struct CompanyDatabase: Sendable {
    public let connection: StoreConnection
    public let variable: String
    public let backend: TestBackend

    public static func make(_ backend: TestBackend) async throws -> CompanyDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-company-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let location = try await TestStore.freshDatabase(backend, in: directory)
        let connection = try await StoreConnection.open(location, foreign: true)
        let time = backend.timeType
        let text = backend.indexedText
        for statement in [
            "CREATE TABLE customer (id integer PRIMARY KEY, email \(text), phone \(text), personnummer \(text), name text, created_at \(time), contract_ended_at \(time))",
            backend.caseFreeIndex("customer_email", on: "customer", "email"),
            "CREATE INDEX customer_phone ON customer (phone)",
            "CREATE INDEX customer_personnummer ON customer (personnummer)",
        ] {
            try await connection.sql.raw(SQLQueryString(statement)).run()
        }
        let variable = "GALLRA_COMPANY_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        switch location {
        case .sqlite(let path): ProcessEnvironment.set(variable, "sqlite:" + path)
        case .postgres(let url), .mariadb(let url): ProcessEnvironment.set(variable, url)
        }
        return CompanyDatabase(connection: connection, variable: variable, backend: backend)
    }

    /// The systems file that connects the `customer` table as the CRM's, for customer-purchases.
    public var systemsYAML: String {
        """
        version: 1
        systems:
          crm:
            database: "${\(variable)}"
            tables:
              - table: customer
                key: [id]
                activity: customer-purchases
                person: { email: email, phone: phone, personal_number: personnummer }
                columns: { name: name, email: email, phone: phone, personnummer: personal_identity_number }
                events: { collected: created_at, contract.end: contract_ended_at }
                on_expiry: erase
        """
    }

    /// A customer, by the identifiers the store would normalise them to (`+46…`, twelve digits).
    public func addCustomer(
        _ id: Int, email: String?, phone: String? = nil, personalNumber: String? = nil, name: String
    ) async throws {
        // Held as the column's type: a timestamptz on PostgreSQL, a DATETIME (UTC) on MariaDB, ISO text in UTC on SQLite.
        let created: SQLQueryString =
            backend == .sqlite
            ? "\(bind: "2026-01-15 10:00:00")" : "\(bind: Date(timeIntervalSince1970: 1_768_471_200))"
        try await connection.sql.raw(
            """
            INSERT INTO customer (id, email, phone, personnummer, name, created_at)
            VALUES (\(bind: id), \(bind: email), \(bind: phone), \(bind: personalNumber), \(bind: name),
                    \(created))
            """
        ).run()
    }

    /// How many customers the table holds (a lookup must change nothing there).
    public func customers() async throws -> Int {
        try await connection.sql.raw("SELECT count(*) AS n FROM customer").first()?.decode(column: "n", as: Int.self)
            ?? 0
    }

    public func close() async {
        await connection.close()
    }
}
