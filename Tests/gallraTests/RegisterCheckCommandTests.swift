import Foundation
import Testing

@Suite("CLI: register check")
struct RegisterCheckCommandTests {
    @Test(
        "The example registers are accepted",
        arguments: ["examples/exempel-programvara.yaml", "examples/customer-contacts.yaml"])
    func examples(path: String) throws {
        let result = try GallraProcess.run(["register", "check", path], in: packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(path): valid"))
        // The Swedish example keeps what its seed says, and the checker names the two things a
        // notice cannot say well there; nothing else.
        let warnings = result.stderr.split(separator: "\n").map(String.init)
        if path.contains("exempel") {
            #expect(warnings.count == 2, "\(warnings)")
            #expect(
                warnings.contains { $0.contains("\"website-visits\" sets analytics cookies on legitimate interests") })
            #expect(warnings.contains { $0.contains("\"newsletter\" sends a newsletter on a contract") })
        } else {
            #expect(result.stderr.isEmpty)
        }
    }

    @Test("A broken register is refused with every problem listed as FILE:LINE: message")
    func broken() throws {
        let path = "Tests/GallraCoreTests/Fixtures/broken-register.yaml"
        let result = try GallraProcess.run(["register", "check", path], in: packageRoot)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains("\(path):24: unknown system \"suport\" in activity \"support\" (did you mean \"support\"?)"))
        #expect(lines.contains("\(path):8: duplicate system id \"support\" (first declared on line 6)"))
        #expect(lines.contains("\(path):11: warning: processor \"us-cloud\" has no agreement (Art. 28(3))"))
        let problems = lines.filter { $0.hasPrefix(path + ":") && $0.dropFirst(path.count + 1).first?.isNumber == true }
        let errors = problems.filter { !$0.contains(": warning: ") }
        #expect(errors.count == 13)
        #expect(lines.last == "\(path): refused, 13 errors.")
    }

    @Test("A missing file is a one-sentence error")
    func missingFile() throws {
        let result = try GallraProcess.run(["register", "check", "/nonexistent/register.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "Cannot read the register file \"/nonexistent/register.yaml\".\n")
    }
}
