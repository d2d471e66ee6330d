import Foundation
import GallraCore
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

extension TestBackend: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}

@Suite("The test command provides PostgreSQL", .acting())
struct PostgresAvailabilityTests {
    /// scripts/test sets GALLRA_REQUIRE_POSTGRES: there the PostgreSQL half must never be skipped.
    @Test("PostgreSQL runs in the contract suite whenever the test command is used")
    func postgresIsThere() {
        if ProcessInfo.processInfo.environment["GALLRA_REQUIRE_POSTGRES"] == "1" {
            #expect(TestBackend.postgresURL != nil, "scripts/test must start PostgreSQL for the contract suite")
        }
    }

    /// scripts/test sets GALLRA_REQUIRE_MARIADB: there the connector tests must reach MariaDB too.
    @Test("MariaDB runs in the connector tests whenever the test command is used")
    func mariadbIsThere() {
        if ProcessInfo.processInfo.environment["GALLRA_REQUIRE_MARIADB"] == "1" {
            #expect(TestBackend.mariadbURL != nil, "scripts/test must start MariaDB for the connector tests")
            #expect(TestBackend.companies.contains(.mariadb))
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
}

/// The audit chain verifies, or the test fails saying where it broke.
func expectIntactAudit(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let verification = try await store.verifyAudit()
    guard case .intact = verification else {
        Issue.record("the audit chain broke: \(verification)", sourceLocation: sourceLocation)
        return
    }
}
