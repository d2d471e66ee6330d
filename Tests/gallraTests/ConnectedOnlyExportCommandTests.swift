import Foundation
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

/// `gallra subject export` finds a person only the company's connected database knows (issue 34),
/// by e-mail address, phone number or personnummer, and registers nobody.
@Suite("CLI: the export of a person only a connected system knows")
struct ConnectedOnlyExportCommandTests {
    @Test("Exported by every identifier; an unknown address is refused as before")
    func export() async throws {
        let work = try StoreCommandTests.Workspace()
        let company = try await CompanyDatabase.make(.sqlite)
        try await company.addCustomer(
            1, email: "kund@example.com", phone: "+46701234567", personalNumber: "198112189876", name: "Karin Kund")
        let environment = [
            "GALLRA_ACTOR": "test", company.variable: String(cString: getenv(company.variable)),
        ]
        func run(_ arguments: [String]) throws -> GallraProcess.Result {
            try GallraProcess.run(arguments, environment: environment, in: work.directory)
        }
        let register = packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path
        try work.succeed(["register", "apply", register])
        let unknownBefore = try run(["subject", "export", "okand@example.com"])
        let systems = work.directory.appendingPathComponent("systems.yaml")
        try company.systemsYAML.write(to: systems, atomically: true, encoding: .utf8)
        let applied = try run(["systems", "apply", systems.path])
        #expect(applied.status == 0, "\(applied.stderr)")

        for reference in ["kund@example.com", "070-123 45 67", "19811218-9876"] {
            let result = try run(["subject", "export", reference])
            #expect(result.status == 0, "\(reference): \(result.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(json["registered"] as? Bool == false)
            #expect((json["subject"] as? String)?.hasPrefix("connected-") == true)
            #expect(result.stdout.contains("Karin Kund"), "\(reference)")
        }
        let unknownAfter = try run(["subject", "export", "okand@example.com"])
        #expect(unknownBefore.status != 0 && unknownAfter.status == unknownBefore.status)
        #expect(unknownAfter.stderr == unknownBefore.stderr)
        #expect(unknownAfter.stderr == "No subject has the e-mail address given.\n")
        // Nobody was registered by the lookups: the store still holds no one.
        let store = try await StoreConnection.open(
            .sqlite(path: work.directory.appendingPathComponent("gallra.sqlite").path))
        let subjects = try await store.sql.raw("SELECT count(*) AS n FROM subjects").first()?.decode(
            column: "n", as: Int.self)
        #expect(subjects == 0)
        await store.close()
        await company.close()
    }
}
