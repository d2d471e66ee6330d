import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// A person only the company's connected systems know (issue 34): every lookup finds them by
/// e-mail address, phone number or personnummer, shows their rows, and registers nobody; an
/// unknown identifier is answered as before.
@Suite("A person only the connected systems know", .acting())
struct ConnectedOnlyPersonTests {
    static let officer = Party.user("dpo")

    static func subjects(_ test: TestStore) async throws -> Int {
        try await test.rows("SELECT count(*) AS n FROM subjects").first?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(
        "Found by e-mail, phone and personnummer, under one pseudonym each, with nobody registered",
        arguments: TestBackend.companies)
    func foundEveryWay(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let company = try await CompanyDatabase.make(backend)
        try await company.addCustomer(
            1, email: "Kund@Example.com", phone: "+46701234567", personalNumber: "198112189876", name: "Karin Kund")
        try await company.addCustomer(2, email: "kund2@example.com", name: "Kalle Kund")
        _ = try await store.systems.apply(yaml: company.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: store)
        let before = try await Self.subjects(test)

        for reference in ["kund@example.com", "070-123 45 67", "19811218-9876", "811218-9876"] {
            let export = try await gallra.exportSubject(reference, by: Self.officer)
            #expect(!export.registered, "\(reference)")
            #expect(export.subject.hasPrefix("connected-") && export.subject.count == "connected-".count + 32)
            #expect(export.records.allSatisfy { $0.id == "customer:1" && $0.table == "customer" && $0.system == "crm" })
            #expect(export.records.contains { $0.category == "name" && $0.value == "Karin Kund" }, "\(reference)")
            #expect(export.json.description.contains(#""registered": false"#))
        }
        let byMail = try await gallra.exportSubject("KUND@example.com ", by: Self.officer)
        #expect(byMail.subject == (try await gallra.exportSubject("kund@example.com", by: Self.officer)).subject)
        #expect(try await Self.subjects(test) == before, "looking a person up registers nobody")
        #expect(try await company.customers() == 2, "nor changes the company's rows")

        // The lookups are audited under the pseudonym, never the address; the trail finds them by it.
        let text = try await test.auditText()
        #expect(text.contains("subject.export \(byMail.subject)"))
        #expect(!text.lowercased().contains("kund@example.com"))
        let trail = try await gallra.auditTrail(
            subject: "kund@example.com", since: nil, until: nil, action: nil, limit: 50, offset: 0, by: Self.officer)
        #expect(!trail.isEmpty && trail.allSatisfy { $0.subject == byMail.subject })

        // An address nobody knows is answered as before any system was connected.
        for unknown in ["okand@example.com", "kund@example.com.example.org"] {
            await #expect(throws: GallraError.notFound("No subject has the e-mail address given.")) {
                _ = try await gallra.exportSubject(unknown, by: Self.officer)
            }
        }
        await #expect(throws: GallraError.notFound("No subject has the phone number given.")) {
            _ = try await gallra.exportSubject("070-999 99 99", by: Self.officer)
        }
        await #expect(throws: GallraError.notFound("No subject has the e-mail address given.")) {
            _ = try await gallra.auditTrail(
                subject: "okand@example.com", since: nil, until: nil, action: nil, limit: 50, offset: 0,
                by: Self.officer)
        }
        #expect(try await Self.subjects(test) == before)
        await company.close()
        await store.close()
    }

    @Test(
        "Support finds them only through rows of its own activities; anyone else reads as a stranger",
        arguments: TestBackend.companies)
    func supportReach(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let company = try await CompanyDatabase.make(backend)
        try await company.addCustomer(1, email: "kund@example.com", name: "Karin Kund")
        _ = try await store.systems.apply(yaml: company.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: store)
        let sales = Party.token("sales", access: Access(role: .support, activities: ["customer-purchases"]))
        let helpdesk = Party.token("helpdesk", access: Access(role: .support, activities: ["support"]))

        let seen = try await gallra.exportSubject("kund@example.com", by: sales)
        #expect(!seen.registered && seen.records.contains { $0.value == "Karin Kund" })
        var refusals: [String] = []
        for reference in ["kund@example.com", "okand@example.com"] {
            do {
                _ = try await gallra.exportSubject(reference, by: helpdesk)
            } catch let error as GallraError {
                refusals.append(error.description)
            }
        }
        #expect(refusals.count == 2 && refusals[0] == refusals[1], "\(refusals)")
        await company.close()
        await store.close()
    }
}
