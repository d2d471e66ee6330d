import Foundation
import GallraCore
import GallraStore

/// What loading the example data did.
public struct DemoLoad: Sendable {
    /// The register version in force.
    public let register: RegisterVersion
    /// False when the example people were there already.
    public let peopleLoaded: Bool
}

extension Gallra {
    /// Applies the example register and adds three fictional people with records, events, a
    /// consent and an erasure request waiting for its identity check, and `population` more
    /// (`gallra serve --demo`: a few hundred, with requests on time and overdue and an incident),
    /// all in one transaction. Loading twice adds nobody twice.
    public func loadDemo(registerYAML yaml: String, file: String, population: Int = 0, by party: Party)
        async throws -> DemoLoad
    {
        try await writing(by: party, needs: .changeRegister) {
            let version = try await store.versions.apply(yaml: yaml, file: file)
            // try?: only the demo: a person not found is loaded
            let known = (try? await store.subjects.resolve(DemoPeople.anna)) != nil
            if !known {
                try await DemoPeople(store: store).load()
                if population > 0 {
                    var people = DemoPopulation(store: store, people: population)
                    try await people.load()
                }
            }
            return DemoLoad(register: version, peopleLoaded: !known)
        }
    }
}

/// Three fictional people, their data and what happened to them.
struct DemoPeople {
    static let anna = "anna.andersson@example.se"
    let store: Store

    func load() async throws {
        let calendar = try await store.versions.calendar()
        func day(_ text: String) -> Date { calendar.parseInstant(text)! }
        func record(
            _ subject: String, _ activity: String, _ category: String, _ value: String, _ collected: String,
            system: String? = nil
        ) -> NewRecord {
            NewRecord(
                subject: subject, activity: activity, category: category, value: value, collected: day(collected),
                system: system)
        }
        let anna = try await store.subjects.add(
            email: Self.anna, name: "Anna Andersson", phone: "070-123 45 67", personalNumber: "19811218-9876")
        let annas = try await store.records.add([
            record(
                anna, "customer-purchases", "billing", "Faktura 2025-0042, 1 250 kr", "2025-02-03", system: "economy"),
            record(
                anna, "support", "case_content", "Skrivaren skriver inte ut fakturor", "2025-03-10", system: "support"),
            record(anna, "customer-files", "customer_files", "bokslut-2024.sie", "2025-03-11"),
            record(anna, "newsletter", "email", Self.anna, "2024-09-01", system: "crm"),
            record(
                anna, "customer-invoicing", "billing", "Faktura 2025-0042, 1 250 kr", "2025-02-03", system: "economy"),
        ])
        try await store.records.addEvents(subject: anna, scope: .subject, events: [(.contractEnd, day("2025-12-31"))])
        try await store.records.addEvents(
            subject: anna, scope: .activity("customer-invoicing"), events: [(.fiscalYearEnd, day("2025-12-31"))])
        try await store.records.addEvents(
            subject: anna, scope: .record(annas[2]), events: [(.caseClosed, day("2025-03-14"))])
        // Anna asked for erasure a few days ago: the request waits for its identity check.
        let received = calendar.localDate(of: Date()).adding(days: -5)
        _ = try await store.requests.open(.erasure, subject: anna, received: received, channel: "email")

        let bertil = try await store.subjects.add(email: "bertil.berg@example.se", name: "Bertil Berg")
        _ = try await store.consents.give(
            subject: bertil, activity: "photo-consent", wordingVersion: "foto-2025-1", channel: "paper",
            at: day("2025-04-20"))
        _ = try await store.records.add([
            record(
                bertil, "product-demo", "contact_details", "Bertil Berg, 08-555 123 45", "2025-10-01", system: "crm"),
            record(bertil, "photo-consent", "images", "mässfoto-2025-04.jpg", "2025-04-22"),
        ])

        let cecilia = try await store.subjects.add(email: "cecilia.ceder@example.se", name: "Cecilia Ceder")
        _ = try await store.records.add([
            record(cecilia, "recruitment", "application", "CV och personligt brev", "2024-05-02")
        ])
        try await store.records.addEvents(
            subject: cecilia, scope: .subject, events: [(.recruitmentEnd, day("2024-06-15"))])
    }
}
