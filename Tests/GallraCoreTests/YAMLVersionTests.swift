import Foundation
import Testing

@testable import GallraCore

/// Found by fuzzing (Fuzz/, docs/fuzzing.md): Yams reads `1:30` as a sexagesimal number and
/// traps on one that overflows, so a version like that ended `register check`, `systems check`
/// and the admin UI's register upload.
@Suite("A version that is a sexagesimal number too large")
struct YAMLVersionTests {
    static let version = "522222222222222222:22"

    @Test("The register reader says the version is not one it reads")
    func register() {
        let check = RegisterReader.check(yaml: "version: \(Self.version)\n")
        #expect(check.register == nil)
        #expect(check.problems.contains { $0.line == 1 && $0.message.contains("unsupported register format version") })
    }

    @Test("The systems file reader says the version is not one it reads")
    func systems() throws {
        let register = try RegisterReader.read(yaml: try contents("examples/customer-contacts.yaml"), file: "x")
        let checked = SystemsReader.check(yaml: "version: \(Self.version)\nsystems: {}\n", register: register)
        #expect(checked.problems.contains { $0.line == 1 && $0.message.contains("unsupported version") })
    }
}
