import ArgumentParser
import Foundation
import GallraCore
import GallraStore

/// Loads the example register and a few fictional people into the store, to explore.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the example register and fictional data subjects into the store, to explore.")

    @Option(help: "The register to load.")
    var register = "examples/exempel-programvara.yaml"

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withStore { store in
            let yaml = try RegisterFile.read(register)
            let version = try await store.versions.apply(yaml: yaml, file: register)
            print("Register version \(version.version) is in force: \(version.register.activities.count) activities.")
            if (try? await store.subjects.resolve("anna.andersson@example.se")) != nil {
                print("The example subjects are already loaded.")
            } else {
                try await loadPeople(into: store)
            }
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

    private func loadPeople(into store: Store) async throws {
        let calendar = try await store.versions.calendar()
        func day(_ text: String) -> Date { calendar.parseInstant(text)! }
        let anna = try await store.subjects.add(
            email: "anna.andersson@example.se", name: "Anna Andersson", phone: "070-123 45 67",
            personalNumber: "19811218-9876")
        _ = try await store.records.add(
            subject: anna, activity: "customer-purchases", category: "billing", value: "Faktura 2025-0042, 1 250 kr",
            collected: day("2025-02-03"), system: "economy")
        _ = try await store.records.add(
            subject: anna, activity: "support", category: "case_content", value: "Skrivaren skriver inte ut fakturor",
            collected: day("2025-03-10"), system: "support")
        let files = try await store.records.add(
            subject: anna, activity: "customer-files", category: "customer_files", value: "bokslut-2024.sie",
            collected: day("2025-03-11"))
        _ = try await store.records.add(
            subject: anna, activity: "newsletter", category: "email", value: "anna.andersson@example.se",
            collected: day("2024-09-01"), system: "crm")
        _ = try await store.records.add(
            subject: anna, activity: "customer-invoicing", category: "billing", value: "Faktura 2025-0042, 1 250 kr",
            collected: day("2025-02-03"), system: "economy")
        try await store.records.addEvents(subject: anna, scope: .subject, events: [(.contractEnd, day("2025-12-31"))])
        try await store.records.addEvents(
            subject: anna, scope: .activity("customer-invoicing"), events: [(.fiscalYearEnd, day("2025-12-31"))])
        // Anna has asked for erasure a few days ago: the request waits for its identity check.
        let received = calendar.localDate(of: Date()).adding(days: -5)
        _ = try await store.requests.open(.erasure, subject: anna, received: received, channel: "email")
        try await store.records.addEvents(
            subject: anna, scope: .record(files), events: [(.caseClosed, day("2025-03-14"))])

        let bertil = try await store.subjects.add(email: "bertil.berg@example.se", name: "Bertil Berg")
        _ = try await store.consents.give(
            subject: bertil, activity: "photo-consent", wordingVersion: "foto-2025-1", channel: "paper",
            at: day("2025-04-20"))
        _ = try await store.records.add(
            subject: bertil, activity: "product-demo", category: "contact_details", value: "Bertil Berg, 08-555 123 45",
            collected: day("2025-10-01"), system: "crm")
        _ = try await store.records.add(
            subject: bertil, activity: "photo-consent", category: "images", value: "mässfoto-2025-04.jpg",
            collected: day("2025-04-22"))

        let cecilia = try await store.subjects.add(email: "cecilia.ceder@example.se", name: "Cecilia Ceder")
        _ = try await store.records.add(
            subject: cecilia, activity: "recruitment", category: "application", value: "CV och personligt brev",
            collected: day("2024-05-02"))
        try await store.records.addEvents(
            subject: cecilia, scope: .subject, events: [(.recruitmentEnd, day("2024-06-15"))])
        print("Loaded 3 fictional data subjects with records and events.")
    }
}
