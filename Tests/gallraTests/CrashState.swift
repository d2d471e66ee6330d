import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// What an operation leaves, as far as a person could tell: the rows of every table, the records,
/// the connected rows, the keys, and the audit chain (whole, and its entries by kind).
struct CrashState: Equatable {
    var rows: [String: Int] = [:]
    var records: Set<String> = []
    /// Each record's expiry and the register version that shortened it.
    var expiries: Set<String> = []
    var tickets: [Int] = []
    var auditKinds: [String: Int] = [:]
    /// A sweep's summary records a run: a sweep killed after writing it and run again has run twice.
    var sweepSummaries = 0
    /// Records and rows named by more than one piece of evidence of their removal.
    var evidenceTwice: [String] = []
    var auditVerifies = false
    var masterKeys: [Int] = []
    var currentKey = 0
    /// Each person's data key: the master key that wraps it.
    var wrappedBy: [String: Int] = [:]
    /// Records whose values read back (after a rotation: none lost).
    var readable = 0
    /// Files left beside the key file by a write that did not finish.
    var strayKeyFiles: [String] = []

    /// What differs from `expected`, said for a failure's message.
    func problems(comparedWith expected: CrashState) -> [String] {
        var problems: [String] = []
        func compare<T: Equatable>(_ what: String, _ mine: T, _ theirs: T) {
            if mine != theirs { problems.append("\(what): \(mine), uninterrupted: \(theirs)") }
        }
        compare("rows", rows, expected.rows)
        compare("records", records.count, expected.records.count)
        if records != expected.records { problems.append("other records than the uninterrupted run's") }
        if expiries != expected.expiries {
            problems.append(
                "expiries: \(expiries.subtracting(expected.expiries).count) differ from the uninterrupted run's")
        }
        compare("connected rows", tickets, expected.tickets)
        compare("audit entries by kind", auditKinds, expected.auditKinds)
        if sweepSummaries != expected.sweepSummaries && sweepSummaries != expected.sweepSummaries + 1 {
            problems.append("sweep summaries: \(sweepSummaries), uninterrupted: \(expected.sweepSummaries)")
        }
        compare("evidence twice", evidenceTwice, expected.evidenceTwice)
        compare("audit verify", auditVerifies, expected.auditVerifies)
        compare("master keys", masterKeys, expected.masterKeys)
        compare("current master key", currentKey, expected.currentKey)
        compare("data keys", wrappedBy, expected.wrappedBy)
        compare("readable records", readable, expected.readable)
        compare("stray key files", strayKeyFiles, expected.strayKeyFiles)
        return problems
    }
}

extension CrashCopy {
    func state(_ operation: CrashOperation) async throws -> CrashState {
        var state = CrashState()
        let connection = try await StoreConnection.open(try DatabaseLocation(parsing: database))
        let tables = try await connection.sql.raw(
            backend == .postgres
                ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).all().map { try $0.decode(column: "name", as: String.self) }
        for table in tables where table != "audit_log" {
            state.rows[table] =
                try await connection.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(
                    column: "n", as: Int.self) ?? -1
        }
        for row in try await connection.sql.raw("SELECT id, expires_at, shortened_by FROM records").all() {
            let id = try row.decode(column: "id", as: String.self)
            state.records.insert(id)
            let expires = try row.decode(column: "expires_at", as: Int64?.self)
            let shortened = try row.decode(column: "shortened_by", as: Int64?.self)
            state.expiries.insert("\(id) \(expires.map(String.init) ?? "-") \(shortened.map(String.init) ?? "-")")
        }
        for row in try await connection.sql.raw("SELECT action, COUNT(*) AS n FROM audit_log GROUP BY action").all() {
            let action = try row.decode(column: "action", as: String.self)
            let count = try row.decode(column: "n", as: Int.self)
            if action == "sweep.summary" { state.sweepSummaries = count } else { state.auditKinds[action] = count }
        }
        let evidence = try await connection.sql.raw(
            "SELECT detail FROM audit_log WHERE action IN ('record.erase', 'record.anonymise', 'connected.erase', 'connected.anonymise')"
        ).all().map { try $0.decode(column: "detail", as: String.self) }
        // "…: N records: RECORD (subject SUBJECT), …" and "…: N rows: TABLE:KEY (expired …), …"
        let named = evidence.flatMap { detail in
            detail.matches(of: #/([0-9a-f-]{36}) \(subject /#).map { String($0.1) }
                + detail.matches(of: #/(ticket:\d+) \(/#).map { String($0.1) }
        }
        state.evidenceTwice = Dictionary(grouping: named, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        await connection.close()
        let keyring = try await StoreConnection.open(try DatabaseLocation(parsing: database).defaultKeyring)
        for row in try await keyring.sql.raw("SELECT subject_id, master_version FROM subject_keys").all() {
            state.wrappedBy[try row.decode(column: "subject_id", as: String.self)] = try row.decode(
                column: "master_version", as: Int.self)
        }
        await keyring.close()

        if operation.hasShop {
            let shop = try await StoreConnection.open(try DatabaseLocation(parsing: self.shop), foreign: true)
            state.tickets = try await shop.sql.raw("SELECT id FROM ticket ORDER BY id").all().map {
                try $0.decode(column: "id", as: Int.self)
            }
            await shop.close()
        }
        let keyFile = try KeyFile.read(path: directory.appendingPathComponent("gallra.key").path)
        state.masterKeys = keyFile.masterKeys.map(\.version).sorted()
        state.currentKey = keyFile.currentVersion
        state.strayKeyFiles = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("gallra.key.tmp") }.sorted()
        state.auditVerifies = try run(["audit", "verify"]).status == 0
        if operation == .keyRotation {
            // Read last: an export is audited.
            let store = try await Store.open(
                database: try DatabaseLocation(parsing: database),
                keyFile: directory.appendingPathComponent("gallra.key").path)
            for subject in state.wrappedBy.keys.sorted() {
                state.readable += try await store.subjects.export(subject).records.count
            }
            await store.close()
        }
        return state
    }
}
