import Foundation
import Testing

/// The record kept as a processor (Art. 30(2)) on the command line: checked, applied and
/// exported beside the controller's record.
@Suite("CLI: the record kept as a processor")
struct ProcessorRecordCommandTests {
    @Test("register check counts the controllers; export writes the processor's CSV and refuses an unknown record")
    func exported() throws {
        let example = packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path
        let check = try GallraProcess.run(["register", "check", example], in: packageRoot)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("valid, 24 activities, processing for 1 controller, "))
        let work = try StoreCommandTests.Workspace()
        try work.succeed(["register", "apply", example])
        for lang in ["sv", "en"] {
            let csv = try work.succeed([
                "register", "export", "--format", "csv", "--record", "processor", "--lang", lang,
            ])
            let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.count == 2)
            #expect(rows.first?.hasPrefix("controller_id,controller_name,controller_organisation_number,") == true)
            #expect(rows.last?.hasPrefix("kund-nord,Kundföretaget Nord AB,556111-2222,") == true)
            #expect(rows.last?.contains(lang == "sv" ? "Säkerhetskopiering" : "Backups") == true)
        }
        // The controller's CSV is as it was: one row an activity.
        let controller = try work.succeed(["register", "export", "--format", "csv"])
        #expect(controller.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 25)
        let unknown = try work.run(["register", "export", "--format", "csv", "--record", "customer"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Unknown record \"customer\"; use controller or processor."))
    }
}
