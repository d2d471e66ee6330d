import Foundation
import Testing

/// `gallra audit list`, run as a user would: who did what with a person's data.
@Suite("CLI: audit list")
struct AuditListCommandTests {
    typealias Workspace = StoreCommandTests.Workspace

    @Test("audit list --subject finds a person's entries by their address, and writes the search to the log")
    func listBySubject() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "anna@example.se"])
        try work.succeed(["subject", "add", "--email", "bertil@example.se"])
        let listed = try work.succeed(["audit", "list", "--subject", "anna@example.se", "--since", "2020-01-01"])
        let lines = listed.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("\tsubject.add\t"), "\(listed)")
        #expect(!listed.contains("anna@"))
        let again = try work.succeed(["audit", "list", "--subject", "anna@example.se", "--action", "audit.read"])
        #expect(again.split(separator: "\n").count == 1 && again.contains("audit trail read"), "\(again)")
        let all = try work.succeed(["audit", "list", "--until", "2099-12-31", "--limit", "200"])
        #expect(all.split(separator: "\n").count >= 4, "\(all)")
        let bad = try work.run(["audit", "list", "--since", "2026-13-01"])
        #expect(bad.status != 0 && bad.stderr.contains("is not a date YYYY-MM-DD"))
        // By who acted, about which activity, as CSV for a spreadsheet.
        let bySystem = try work.succeed(["audit", "list", "--by", "system:nobody", "--limit", "200"])
        #expect(bySystem.isEmpty, "no entry is by an actor that never acted")
        let csv = try work.succeed(["audit", "list", "--action", "subject.add", "--csv"])
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "at,actor,action,subject,activity,detail" && rows.count == 3, "\(csv)")
        let nobody = try work.run(["audit", "list", "--by", "nobody@example.se"])
        #expect(nobody.status != 0 && nobody.stderr.contains("No user signs in with that login."))
    }
}
