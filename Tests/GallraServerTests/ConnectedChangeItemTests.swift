import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A row of a connected database is one item on both edges: the API's completion and
/// `gallra request show|complete --json` give `ConnectedChange.json`, and the OpenAPI document
/// describes that item, field for field.
@Suite("A connected row, as the API and the CLI give it")
struct ConnectedChangeItemTests {
    static let corrected = ConnectedChange(
        system: "shop", record: "customer:7", column: "email", activity: "orders", action: .corrected)
    static let erased = ConnectedChange(system: "support", record: "ticket:57", activity: "support", action: .erased)

    @Test("The item: TABLE:KEY as the record, its system and table, and a correction's column")
    func item() {
        #expect(
            Self.corrected.json.description
                == JSONText.object([
                    ("record", .string("customer:7")), ("system", .string("shop")), ("table", .string("customer")),
                    ("activity", .string("orders")), ("action", .string("corrected")), ("column", .string("email")),
                ]).description)
        #expect(
            Self.erased.json.description
                == JSONText.object([
                    ("record", .string("ticket:57")), ("system", .string("support")), ("table", .string("ticket")),
                    ("activity", .string("support")), ("action", .string("erased")),
                ]).description)
    }

    @Test("The OpenAPI document describes the item's fields, and the completion lists the items")
    func documented() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let item = try #require(schemas?["ConnectedChange"] as? [String: Any])
            let documented = Set((item["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
            let given = try #require(
                try JSONSerialization.jsonObject(with: Data(Self.corrected.json.description.utf8)) as? [String: Any])
            #expect(documented == Set(given.keys))
            #expect(Set(item["required"] as? [String] ?? []) == documented.subtracting(["column"]))
            let completion = (schemas?["Completion"] as? [String: Any])?["properties"] as? [String: Any]
            #expect(completion?["connected"] != nil)
        }
    }
}
