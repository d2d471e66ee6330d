import Foundation
import Testing

@testable import GallraCore

@Suite("The systems file reader")
struct SystemsReaderTests {
    /// Found by fuzzing (Fuzz/, docs/fuzzing.md): an event that is not an event name ended
    /// `gallra systems check` with a trap instead of a problem on its line.
    @Test("An event key that is not an event name is a problem on its line, not a trap")
    func malformedEventName() throws {
        let register = try RegisterReader.read(yaml: try contents("examples/customer-contacts.yaml"), file: "x")
        let yaml = """
            version: 1
            systems:
              crm:
                database: "sqlite:/tmp/crm.sqlite"
                tables:
                  - table: contact
                    key: [id]
                    activity: contact-person
                    person: { email: email }
                    columns: { name: name, email: email }
                    events: { contact.left_at: left_at, Contract.End: ended_at }
                    on_expiry: erase
            """
        let checked = SystemsReader.check(yaml: yaml, register: register)
        let problems = checked.problems.map { "\($0.line): \($0.message)" }
        #expect(
            problems.contains(
                "11: \"contact.left_at\" in the events of table \"contact\" is not an event name such as contract.end"
            ), "\(problems)")
        #expect(problems.contains { $0.contains("\"Contract.End\"") }, "\(problems)")
    }
}
