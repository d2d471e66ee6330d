import ArgumentParser
import Foundation
import GallraCore
import GallraServices

/// Loads the example register and a few fictional people into the store, to explore.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the example register and fictional data subjects into the store, to explore.")

    @Option(help: "The register to load (by default the example register built into gallra).")
    var register: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withGallra { gallra in
            let yaml = try register.map(RegisterFile.read) ?? DemoRegister.yaml
            let load = try await gallra.loadDemo(
                registerYAML: yaml, file: register ?? DemoRegister.file, by: store.party)
            print(
                "Register version \(load.register.version) is in force: \(load.register.register.activities.count) activities."
            )
            print(
                load.peopleLoaded
                    ? "Loaded 3 fictional data subjects with records and events."
                    : "The example subjects are already loaded.")
            print(
                """

                Try:
                  swift run gallra subject export anna.andersson@example.se
                  swift run gallra subject export 811218-9876 --format html --lang sv > utdrag.html
                  swift run gallra request list
                  swift run gallra request show <id from the list> --lang sv
                  swift run gallra register export --format csv --lang en
                  swift run gallra audit verify
                  swift run gallra retention parse "Under tid supportärendet är öppet + 7 dagar, max 12 mån"
                  swift run gallra deadline request 2025-03-18
                """)
        }
    }
}
