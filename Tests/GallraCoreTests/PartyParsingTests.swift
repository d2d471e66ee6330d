import GallraCore
import Testing

@Suite("Who acts, as a command line names them")
struct PartyParsingTests {
    @Test("user, token and system are read; a bare name is a user")
    func actingKinds() throws {
        #expect(try Party(parsing: "user:anna") == .user("anna"))
        #expect(try Party(parsing: "token:ticketing") == .token("ticketing"))
        #expect(try Party(parsing: "system:sweep") == .sweep)
        #expect(try Party(parsing: "anna") == .user("anna"))
        #expect(try Party(parsing: "user:a:b").name == "a:b")
    }

    @Test("The data subject, another kind or no name is refused, with the forms that are accepted")
    func refused() {
        for text in [
            "subject:0190c0de-0000-7000-8000-000000000000", "usr:anna", "admin:root", "user:", "token: ", "", " ",
        ] {
            #expect(throws: GallraError.self, "\(text)") { try Party(parsing: text) }
            do {
                _ = try Party(parsing: text)
            } catch {
                #expect(error.description.contains("user:NAME"), "\(text): \(error)")
            }
        }
    }
}
