import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import SQLKit

/// A database the contract suite runs against: SQLite always; PostgreSQL when the test command has
/// started one (`GALLRA_TEST_POSTGRES_URL`, set by scripts/test). MariaDB (`GALLRA_TEST_MARIADB_URL`)
/// only as a company's own database: the store beside it is on SQLite.
public enum TestBackend: String, CaseIterable, Sendable {
    case sqlite, postgres, mariadb

    public static var postgresURL: String? { ProcessInfo.processInfo.environment["GALLRA_TEST_POSTGRES_URL"] }
    public static var mariadbURL: String? { ProcessInfo.processInfo.environment["GALLRA_TEST_MARIADB_URL"] }

    /// The backends to run: PostgreSQL is left out only when no server was started for the tests.
    public static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The backends a company's own database is tested on: the store's, and MariaDB when the test
    /// command has started one.
    public static var companies: [TestBackend] { available + (mariadbURL == nil ? [] : [.mariadb]) }

    /// Where Gallra's own store is kept when this backend holds the company's database.
    public var store: TestBackend { self == .mariadb ? .sqlite : self }

    /// The column type of an instant in a company's table: timestamptz, ISO text in UTC, DATETIME.
    public var timeType: String {
        switch self {
        case .sqlite: "TEXT"
        case .postgres: "timestamptz"
        case .mariadb: "DATETIME(6) NULL"
        }
    }

    /// A text column that an index can hold (MariaDB indexes no TEXT without a length).
    public var indexedText: String { self == .mariadb ? "VARCHAR(255)" : "text" }

    /// An index that finds an e-mail address in any case: on `lower(column)`, or on MariaDB (which
    /// has no index on an expression) on the column, whose default collation ignores case.
    public func caseFreeIndex(_ name: String, on table: String, _ column: String) -> String {
        self == .mariadb
            ? "CREATE INDEX \(name) ON \(table) (\(column))" : "CREATE INDEX \(name) ON \(table) (lower(\(column)))"
    }
}

/// Why a test store could not be made.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// A fresh, empty store in a directory of its own (and a database of its own on PostgreSQL): the
/// one setup that every test target shares.
public struct TestStore: Sendable {
    public let backend: TestBackend
    public let directory: URL
    public let location: DatabaseLocation
    public let keyFile: String

    /// On `.mariadb`, a store on SQLite (Gallra keeps no store in MariaDB).
    public static func make(_ backend: TestBackend) async throws -> TestStore {
        let backend = backend.store
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return TestStore(
            backend: backend, directory: directory, location: try await freshDatabase(backend, in: directory),
            keyFile: directory.appendingPathComponent("gallra.key").path)
    }

    /// An empty database: an SQLite file in `directory`, or a new database on the test server.
    public static func freshDatabase(_ backend: TestBackend, in directory: URL) async throws -> DatabaseLocation {
        switch backend {
        case .sqlite:
            return .sqlite(path: directory.appendingPathComponent("gallra.sqlite").path)
        case .postgres:
            guard let base = TestBackend.postgresURL else {
                throw TestSetupError(description: "GALLRA_TEST_POSTGRES_URL is not set")
            }
            let name = "gallra_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await StoreConnection.open(.postgres(url: base))
            try await admin.sql.raw("CREATE DATABASE \(ident: String(name))").run()
            await admin.close()
            return .postgres(url: base.replacingOccurrences(of: "/gallra_test?", with: "/\(name)?"))
        case .mariadb:
            guard let base = TestBackend.mariadbURL else {
                throw TestSetupError(description: "GALLRA_TEST_MARIADB_URL is not set")
            }
            let name = "gallra_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await StoreConnection.open(.mariadb(url: base), foreign: true)
            try await admin.sql.raw("CREATE DATABASE \(ident: String(name))").run()
            await admin.close()
            return .mariadb(url: base.replacingOccurrences(of: "/gallra_test", with: "/\(name)"))
        }
    }

    public func open() async throws -> Store {
        try await Store.open(database: location, keyFile: keyFile)
    }

    /// A store with the Swedish example register applied, by `party`.
    public func openWithRegister(by party: Party = .user("setup")) async throws -> Store {
        let store = try await open()
        try await store.work(by: party) {
            _ = try await store.versions.apply(yaml: try exampleRegister(), file: "exempel-programvara.yaml")
        }
        return store
    }

    /// Runs raw SQL on the data database, as someone with access to it (not through Gallra) would.
    public func raw(_ sql: String) async throws {
        let connection = try await StoreConnection.open(location)
        for statement in sql.split(separator: ";") {
            try await connection.sql.raw(SQLQueryString(String(statement))).run()
        }
        await connection.close()
    }

    /// The rows of a query on the data database, on a connection of its own.
    public func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        let connection = try await StoreConnection.open(location)
        let rows = try await connection.sql.raw(query).all()
        await connection.close()
        return rows
    }

    /// Every audit entry as one line of text, the way someone reading the log would see it.
    public func auditText() async throws -> String {
        let rows = try await rows("SELECT actor, action, subject_id, activity, detail FROM audit_log ORDER BY seq")
        return try rows.map { row in
            try ["actor", "action", "subject_id", "activity", "detail"].compactMap {
                try row.decode(column: $0, as: String?.self)
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// The package's root directory, for the example registers and fixtures.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The Swedish example register, as a user would apply it.
public func exampleRegister(_ name: String = "exempel-programvara.yaml") throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("examples/\(name)"), encoding: .utf8)
}
