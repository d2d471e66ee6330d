import Foundation
import GallraTestSupport
import Testing

/// The commands over a company database the systems file connects, as outside scripts read them.
@Suite("Commands over a connected database", .serialized)
struct ConnectedCommandTests {
    @Test(
        "A request's JSON lists each connected row it would change and did: TABLE:KEY with its system and table",
        arguments: ConnectedSweepCrashTests.backends)
    func requestJSON(backend: TestBackend) async throws {
        let copy = try await ConnectedSweepCrashTests.copy(backend)
        func gallra(_ arguments: [String]) throws -> String {
            let result = try GallraProcess.run(arguments, environment: copy.environment, in: copy.directory)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        func json(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
        // The person is only in the shop: found by the address, written in capitals.
        let id = try gallra(["request", "open", "erasure", "--subject", "P7@example.se", "--verified", "BankID"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let tickets = (1...8_000).filter { $0 % 50 == 7 }.map { "ticket:\($0)" }
        for arguments in [["request", "show", id, "--json"], ["request", "complete", id, "--dry-run", "--json"]] {
            let rows = try json(try gallra(arguments))["connected"] as? [[String: Any]] ?? []
            #expect(rows.compactMap { $0["record"] as? String }.sorted() == tickets.sorted(), "\(arguments)")
            #expect(
                rows.allSatisfy {
                    $0["system"] as? String == "support" && $0["table"] as? String == "ticket"
                        && $0["activity"] as? String == "customer-files" && $0["action"] as? String == "erased"
                })
        }
        // The systems without a connector are done by hand first.
        for system in ["cloud", "crm", "economy", "telephony", "website"] {
            _ = try gallra(["request", "task-done", id, system])
        }
        let done = try json(try gallra(["request", "complete", id, "--json"]))
        #expect(done["status"] as? String == "completed")
        let changed = done["connected"] as? [[String: Any]] ?? []
        #expect(changed.compactMap { $0["record"] as? String }.sorted() == tickets.sorted())
        #expect(try await copy.tickets().allSatisfy { $0 % 50 != 7 }, "the person's tickets are gone")
        #expect((try json(try gallra(["request", "show", id, "--json"]))["connected"] as? [Any])?.isEmpty == true)
    }
}
