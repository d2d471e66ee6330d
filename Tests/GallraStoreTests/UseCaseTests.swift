import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("Use cases: the acting party, one transaction, no oracle", .serialized)
struct UseCaseTests {
    static let officer = Party.user("anna.privacy")
    static let ticketing = Party.token("ticketing")

    /// A fresh store with the example register, applied by the privacy officer.
    static func open(_ backend: TestBackend) async throws -> (TestStore, Store) {
        let test = try await TestStore.make(backend)
        return (test, try await test.openWithRegister(by: officer))
    }

    /// The actor written on each audit entry of `action`, in the order of the log.
    static func actors(_ test: TestStore, action: String) async throws -> [String] {
        try await test.rows("SELECT actor FROM audit_log WHERE action = \(bind: action) ORDER BY seq").map {
            try $0.decode(column: "actor", as: String.self)
        }
    }

    @Test("Writes by two parties: each is named on its own audit entries", arguments: TestBackend.available)
    func twoParties(backend: TestBackend) async throws {
        let (test, store) = try await Self.open(backend)
        let gallra = Gallra(store: store)
        let subject = try await Acting.as(Self.officer) { try await store.subjects.add(email: "berit@example.se") }
        let opened = try await gallra.openIncident(
            aware: Date().addingTimeInterval(-3_600), description: "Ett brev till fel mottagare",
            affected: [subject], by: Self.ticketing)
        _ = try await gallra.recordNotification(
            opened.incident.id, IncidentNotification(authorityNotified: Date(), reference: "IMY-1"), by: Self.officer)
        _ = try await Acting.as(Self.ticketing) { try await store.subjects.export(subject) }

        #expect(try await Self.actors(test, action: "register.apply") == ["user:anna.privacy"])
        #expect(try await Self.actors(test, action: "subject.add") == ["user:anna.privacy"])
        #expect(try await Self.actors(test, action: "incident.open") == ["token:ticketing"])
        #expect(try await Self.actors(test, action: "incident.affect") == ["token:ticketing"])
        #expect(try await Self.actors(test, action: "incident.notify") == ["user:anna.privacy"])
        #expect(try await Self.actors(test, action: "subject.export") == ["token:ticketing"])
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test("Nothing is written without an acting party", arguments: TestBackend.available)
    func noParty(backend: TestBackend) async throws {
        let (test, store) = try await Self.open(backend)
        let refused = await #expect(throws: GallraError.self) {
            try await Acting.$party.withValue(nil) { _ = try await store.subjects.add(email: "nobody@example.se") }
        }
        guard case .forbidden = refused else { throw refused ?? GallraError.integrity("no error") }
        #expect(try await test.rows("SELECT id FROM subjects").isEmpty)
        await store.close()
    }

    @Test("An already registered address is a conflict that names nobody", arguments: TestBackend.available)
    func noOracle(backend: TestBackend) async throws {
        let (test, store) = try await Self.open(backend)
        let existing = try await Acting.as(Self.officer) {
            try await store.subjects.add(email: "Cecilia@Example.se", name: "Cecilia")
        }
        let error = await #expect(throws: GallraError.self) {
            try await Acting.as(Self.ticketing) { _ = try await store.subjects.add(email: "cecilia@example.se") }
        }
        guard case .conflict(let message) = error else { throw error ?? GallraError.integrity("no error") }
        #expect(!message.english.contains(existing), "the answer must not name the subject who has the address")
        #expect(!message.english.lowercased().contains("cecilia"), "nor repeat the address")
        #expect(try await test.rows("SELECT id FROM subjects").count == 1)
        await store.close()
    }

    @Test("An incident whose affected person is unknown is not opened at all", arguments: TestBackend.available)
    func incidentIsOneTransaction(backend: TestBackend) async throws {
        let (test, store) = try await Self.open(backend)
        let gallra = Gallra(store: store)
        await #expect(throws: GallraError.self) {
            _ = try await gallra.openIncident(
                aware: Date(), description: "Förlorad dator", affected: ["ingen@example.se"], by: Self.ticketing)
        }
        #expect(try await gallra.incidents(by: Self.officer).isEmpty, "a retry must not find a duplicate")
        #expect(try await Self.actors(test, action: "incident.open").isEmpty)
        await store.close()
    }

    @Test("A read does not wait for a transaction that holds the log", arguments: TestBackend.available)
    func readsDoNotWait(backend: TestBackend) async throws {
        let (test, store) = try await Self.open(backend)
        let subject = try await Acting.as(Self.officer) {
            let subject = try await store.subjects.add(email: "dan@example.se")
            _ = try await store.records.add(
                subject: subject, activity: "support", category: "case_content", value: "Ärende 1")
            return subject
        }
        // A long transaction on the writing connection, as a sweep batch is, holding the log's head.
        let (held, release) = AsyncStream.makeStream(of: Void.self)
        let (started, began) = AsyncStream.makeStream(of: Void.self)
        let batch = Task {
            try await Acting.as(.sweep) {
                try await store.transaction {
                    _ = try await AuditChain.lockHead(on: store.data.sql)
                    began.yield()
                    for await _ in held { break }
                }
            }
        }
        for await _ in started { break }
        let export = try await Acting.as(Self.ticketing) { try await store.subjects.export(subject) }
        #expect(export.records.map(\.value) == ["Ärende 1"], "the read was answered while the batch held the log")
        #expect(try await Self.actors(test, action: "subject.export").isEmpty, "its entry waits for the batch")
        release.yield()
        try await batch.value
        await store.close()
        #expect(try await Self.actors(test, action: "subject.export") == ["token:ticketing"])
        let reopened = try await test.open()
        try await expectIntactAudit(reopened)
        await reopened.close()
    }
}
