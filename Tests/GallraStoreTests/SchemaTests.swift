import Foundation
import GallraConnectors
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The schema", .acting())
struct SchemaTests {
    /// PostgreSQL would otherwise compare ids through the database's language (a Swedish collation
    /// made the sweep's subject check twice as slow); a table added later without it shows here.
    @Test(
        "On PostgreSQL every identifier column, of the data and of the keyring, compares byte by byte",
        arguments: TestBackend.available.filter { $0 == .postgres })
    func identifiersCompareByteByByte(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        await store.close()
        let connection = try await StoreConnection.open(test.location)
        let columns = try await connection.sql.raw(
            """
            SELECT table_name || '.' || column_name AS name, collation_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = 'text'
                AND (column_name IN ('id', 'lookup') OR column_name LIKE '%\\_id')
            ORDER BY 1
            """
        ).all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "collation_name", as: String?.self))
        }
        await connection.close()
        #expect(columns.count >= 25)
        #expect(columns.filter { $0.1 != "C" }.map(\.0) == [])
        #expect(columns.contains { $0.0 == "subject_keys.subject_id" })
    }
}
