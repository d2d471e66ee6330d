import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

/// The one row policy that the sweep and the requests both carry their changes out by, on a real
/// connected database: erase, else anonymise, else keep — and only what the database refused is
/// reported kept.
@Suite("Row plans in a connected database")
struct RowPlanTests {
    struct Company {
        let connection: StoreConnection
        let tables: [String: (table: ConnectedTable, schema: TableSchema)]

        func ids(_ table: String) async throws -> [Int] {
            try await connection.sql.raw(SQLQueryString("SELECT id FROM \(table) ORDER BY id")).all()
                .map { try $0.decode(column: "id", as: Int.self) }
        }

        func change(_ name: String, _ keys: [Int], _ action: RowAction, still: RowCondition? = nil) -> RowChange {
            let (table, schema) = tables[name]!
            return RowChange(
                table: table, schema: schema, keys: keys.map { [.number(Int64($0))] }, action: action, still: still)
        }
    }

    /// `member` (anonymises its e-mail), `card` (nothing to anonymise) and `visit`, whose rows
    /// refer to both; visit 1 refers to member 1 and card 1.
    static func company(_ backend: TestBackend) async throws -> Company {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let connection = try await StoreConnection.open(
            try await TestStore.freshDatabase(backend, in: directory), foreign: true)
        for statement in [
            "CREATE TABLE member (id integer PRIMARY KEY, email text, restricted boolean DEFAULT false, ended_at integer)",
            "CREATE TABLE card (id integer PRIMARY KEY, number text)",
            "CREATE TABLE visit (id integer PRIMARY KEY, member_id integer REFERENCES member(id), card_id integer REFERENCES card(id))",
            "INSERT INTO member (id, email, ended_at) VALUES (1, 'a@example.se', 10), (2, 'b@example.se', 20), (3, 'c@example.se', 30)",
            "INSERT INTO card (id, number) VALUES (1, '1111'), (2, '2222')",
            "INSERT INTO visit (id, member_id, card_id) VALUES (1, 1, 1)",
        ] {
            try await connection.sql.raw(SQLQueryString(statement)).run()
        }
        func table(_ name: String, anonymise: [String: String?] = [:], restrict: String? = nil) async throws
            -> (ConnectedTable, TableSchema)
        {
            let table = ConnectedTable(
                table: name, key: ["id"], activity: "members", person: [], columns: [:], events: [:],
                onExpiry: .erase, anonymise: anonymise, belongsTo: nil, restrict: restrict, line: 1, columnLines: [:])
            return (table, try #require(try await TableSchema.read(name, on: connection)))
        }
        return Company(
            connection: connection,
            tables: [
                "member": try await table("member", anonymise: ["email": "erased@invalid"], restrict: "restricted"),
                "card": try await table("card"),
                "visit": try await table("visit"),
            ])
    }

    @Test(
        "A plan the database refuses as a whole is carried out row by row: the row still referred to is anonymised, or kept when its table says nothing to anonymise, and the restriction beside them is still made",
        arguments: TestBackend.available)
    func refusedPlan(backend: TestBackend) async throws {
        let company = try await Self.company(backend)
        let plan = RowPlan([
            company.change("member", [1, 2], .erase), company.change("card", [1, 2], .erase),
            company.change("member", [3], .restrict(true)),
        ])
        let outcomes = try await plan.carryOut(on: company.connection)
        #expect(outcomes == [[.anonymisedInstead, .done], [.kept, .done], [.done]])
        #expect(try await company.ids("member") == [1, 3])
        #expect(try await company.ids("card") == [1])
        let member = try #require(
            try await company.connection.sql.raw("SELECT email FROM member WHERE id = 1").first())
        #expect(try member.decode(column: "email", as: String.self) == "erased@invalid")
        let restricted = try #require(
            try await company.connection.sql.raw("SELECT restricted FROM member WHERE id = 3").first())
        #expect(try restricted.decode(column: "restricted", as: Bool.self))
        await company.connection.close()
    }

    @Test(
        "Each row is changed only while it still meets the plan's condition, written from values: keys, the rule's predicate, not",
        arguments: TestBackend.available)
    func stillMeets(backend: TestBackend) async throws {
        let company = try await Self.company(backend)
        let (table, schema) = company.tables["member"]!
        let rows = ConnectedRows(table: table, schema: schema, connection: company.connection)
        // Members 2 and 3 leave; only member 3 is still "ended" when the change is made.
        let onlyThree = RowCondition.not(.keys([[.number(1)], [.number(2)]]))
        let count = try #require(
            try await company.connection.sql.raw(
                try rows.count(where: .keys([[.number(2)], [.number(3)]]) && onlyThree)
            )
            .first())
        #expect(try count.decode(column: "n", as: Int.self) == 1)
        let outcomes = try await RowPlan([company.change("member", [2, 3], .erase, still: onlyThree)])
            .carryOut(on: company.connection)
        #expect(outcomes == [[.done, .done]], "the statement ran for both keys")
        #expect(try await company.ids("member") == [1, 2], "but only the row that still met the condition went")
        await company.connection.close()
    }

    @Test("Rows added to a plan are grouped by table and action, in the order first named")
    func grouping() async throws {
        let company = try await Self.company(.sqlite)
        var plan = RowPlan()
        let (member, memberSchema) = company.tables["member"]!
        let (card, cardSchema) = company.tables["card"]!
        plan.add([.number(1)], of: member, schema: memberSchema, action: .erase)
        plan.add([.number(1)], of: card, schema: cardSchema, action: .erase)
        plan.add([.number(2)], of: member, schema: memberSchema, action: .erase)
        plan.add([.number(3)], of: member, schema: memberSchema, action: .restrict(true))
        #expect(plan.changes.map(\.table.table) == ["member", "card", "member"])
        #expect(plan.changes.map(\.keys.count) == [2, 1, 1])
        #expect(plan.changes.map(\.action) == [.erase, .erase, .restrict(true)])
        await company.connection.close()
    }
}
