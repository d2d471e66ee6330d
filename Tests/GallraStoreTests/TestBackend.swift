import Foundation
import GallraCore
import SQLKit
import Testing

@testable import GallraStore

/// A database the contract suite runs against: SQLite always; PostgreSQL when the test command has
/// started one (`GALLRA_TEST_POSTGRES_URL`, set by scripts/test).
enum TestBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var postgresURL: String? { ProcessInfo.processInfo.environment["GALLRA_TEST_POSTGRES_URL"] }

    /// The backends to run: PostgreSQL is left out only when no server was started for the tests.
    static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// A fresh, empty store in a directory of its own (and a database of its own on PostgreSQL).
struct TestStore {
    let backend: TestBackend
    let directory: URL
    let location: DatabaseLocation
    let keyFile: String

    static func make(_ backend: TestBackend) async throws -> TestStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let location: DatabaseLocation
        switch backend {
        case .sqlite:
            location = .sqlite(path: directory.appendingPathComponent("gallra.sqlite").path)
        case .postgres:
            let base = try #require(TestBackend.postgresURL)
            let name = "gallra_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await StoreConnection.open(.postgres(url: base))
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run()
            await admin.close()
            location = .postgres(url: base.replacingOccurrences(of: "/gallra_test?", with: "/\(name)?"))
        }
        return TestStore(
            backend: backend, directory: directory, location: location,
            keyFile: directory.appendingPathComponent("gallra.key").path)
    }

    func open(actor: String = "test") async throws -> Store {
        try await Store.open(database: location, keyFile: keyFile, actor: actor)
    }

    /// A store with the Swedish example register applied.
    func openWithRegister() async throws -> Store {
        let store = try await open()
        try await store.applyRegister(yaml: try exampleRegister(), file: "exempel-programvara.yaml")
        return store
    }

    /// Runs raw SQL on the data database, as someone with access to it (not through Gallra) would.
    func raw(_ sql: String) async throws {
        let connection = try await StoreConnection.open(location)
        for statement in sql.split(separator: ";") {
            try await connection.sql.raw(SQLQueryString(String(statement))).run()
        }
        await connection.close()
    }

    /// The rows of a query on the data database, on a connection of its own.
    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        let connection = try await StoreConnection.open(location)
        let rows = try await connection.sql.raw(query).all()
        await connection.close()
        return rows
    }
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func exampleRegister() throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("examples/exempel-programvara.yaml"), encoding: .utf8)
}

@Suite("The test command provides PostgreSQL")
struct PostgresAvailabilityTests {
    /// scripts/test sets GALLRA_REQUIRE_POSTGRES: there the PostgreSQL half must never be skipped.
    @Test("PostgreSQL runs in the contract suite whenever the test command is used")
    func postgresIsThere() {
        if ProcessInfo.processInfo.environment["GALLRA_REQUIRE_POSTGRES"] == "1" {
            #expect(TestBackend.postgresURL != nil, "scripts/test must start PostgreSQL for the contract suite")
        }
    }
}

/// A record named as removed by an audit entry of a sweep, with the entry's grounds.
struct ErasureEvidence: Equatable {
    let action: String
    let activity: String?
    let record: String
    let subject: String
    let grounds: String
}

extension TestStore {
    /// The records named by the sweep's erase and anonymise entries, in the order of the log:
    /// "GROUNDS: N records: RECORD (subject SUBJECT), …".
    func erasureEvidence() async throws -> [ErasureEvidence] {
        let rows = try await rows(
            "SELECT action, activity, detail FROM audit_log WHERE action IN ('record.erase', 'record.anonymise') ORDER BY seq"
        )
        return try rows.flatMap { row in
            let (action, activity, detail) = (
                try row.decode(column: "action", as: String.self), try row.decode(column: "activity", as: String?.self),
                try row.decode(column: "detail", as: String.self)
            )
            let parts = try #require(
                detail.firstMatch(of: /^(.+): (\d+) records?: (.+)$/), "not a sweep's evidence: \(detail)")
            let named = parts.3.split(separator: ", ").map { item in
                let words = item.split(separator: " ")
                return ErasureEvidence(
                    action: action, activity: activity, record: String(words[0]),
                    subject: String(words.last?.dropLast() ?? ""), grounds: String(parts.1))
            }
            #expect(named.count == Int(parts.2), "the count an entry states is the count it names")
            return named
        }
    }

    /// Every audit entry as one line of text, the way someone reading the log would see it.
    func auditText() async throws -> String {
        let rows = try await rows("SELECT actor, action, subject_id, activity, detail FROM audit_log ORDER BY seq")
        return try rows.map { row in
            try ["actor", "action", "subject_id", "activity", "detail"].compactMap {
                try row.decode(column: $0, as: String?.self)
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// The audit chain verifies, or the test fails saying where it broke.
func expectIntactAudit(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let verification = try await store.verifyAudit()
    guard case .intact = verification else {
        Issue.record("the audit chain broke: \(verification)", sourceLocation: sourceLocation)
        return
    }
}
