import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Consents (Art. 7) given and withdrawn, per subject and activity, with the wording agreed to.
public struct Consents: StoreRegister {
    let store: Store
}

extension Consents {
    /// Records a consent to an activity whose legal basis is consent; `given` says which of the
    /// subject's identifiers were given under it.
    public func give(
        subject reference: String, activity: String, wordingVersion: String, channel: String, at instant: Date,
        given: IdentifiersGiven = .all
    ) async throws -> String {
        let subject = try await resolveSubject(reference)
        let register = try await requireRegister()
        guard let processing = register.activity(activity) else {
            throw GallraError.notFound("The register has no activity \"\(activity)\".")
        }
        guard processing.legalBasis.contains(.consent) else {
            throw GallraError.invalidInput(
                "Activity \"\(activity)\" does not rest on consent; its legal basis is \(processing.legalBasis.map(\.rawValue).joined(separator: ", "))."
            )
        }
        if try await list(subject: subject).contains(where: { $0.activity == activity && $0.isInForce(at: instant) }
        ) {
            throw GallraError.conflict("The subject already has a consent in force for \"\(activity)\".")
        }
        let id = Store.newID()
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO consents (id, subject_id, activity, wording_version, channel, given_at, withdrawn_at)
                VALUES (\(bind: id), \(bind: subject), \(bind: activity), \(bind: wordingVersion), \(bind: channel),
                        \(bind: instant.millis), NULL)
                """
            ).run()
            try await self.store.subjects.give(given, [(subject, activity)], on: sql)
            try await self.audit(
                [
                    AuditEvent(
                        "consent.give", subject: subject, activity: activity,
                        detail: "consent \(id), wording \(wordingVersion), channel \(channel)")
                ], on: sql)
        }
        return id
    }

    /// GDPR Art. 7(3): withdrawing is as easy as giving. The consent is closed, and the
    /// `consent.withdrawn` event is recorded for the activity, so retention rules that use it apply.
    /// Returns the id of the consent closed.
    @discardableResult
    public func withdraw(subject reference: String, activity: String, channel: String, at instant: Date)
        async throws -> String
    {
        let subject = try await resolveSubject(reference)
        guard
            let consent = try await list(subject: subject).first(where: {
                $0.activity == activity && $0.isInForce(at: instant)
            })
        else { throw GallraError.notFound("The subject has no consent in force for \"\(activity)\".") }
        try await data.transaction { sql in
            try await self.close(consent, channel: channel, at: instant, on: sql)
        }
        return consent.id
    }

    /// Closes a consent and records `consent.withdrawn` for its activity, in the caller's transaction.
    func close(_ consent: ConsentEntry, channel: String, at instant: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE consents SET withdrawn_at = \(bind: instant.millis), withdrawal_channel = \(bind: channel)
            WHERE id = \(bind: consent.id)
            """
        ).run()
        try await audit(
            [
                AuditEvent(
                    "consent.withdraw", subject: consent.subject, activity: consent.activity,
                    detail: "consent \(consent.id), channel \(channel)")
            ], on: sql)
        try await store.records.insertEvents(
            subject: consent.subject, activity: consent.activity, record: nil,
            events: [(.consentWithdrawn, instant)], on: sql)
    }

    /// Every consent of the subject, oldest first.
    public func list(subject reference: String) async throws -> [ConsentEntry] {
        try await entries(of: try await resolveSubject(reference))
    }

    /// Every consent of the subject with this id, oldest first.
    func entries(of subject: String) async throws -> [ConsentEntry] {
        try await data.read.raw(
            """
            SELECT id, subject_id, activity, wording_version, channel, given_at, withdrawn_at FROM consents
            WHERE subject_id = \(bind: subject) ORDER BY given_at, id
            """
        ).all().map(ConsentEntry.init(row:))
    }

    /// One consent as its row holds it now.
    public func entry(_ id: String) async throws -> ConsentEntry {
        guard
            let row = try await data.read.raw(
                """
                SELECT id, subject_id, activity, wording_version, channel, given_at, withdrawn_at FROM consents
                WHERE id = \(bind: id)
                """
            ).first()
        else { throw GallraError.notFound("No consent has the id \(id).") }
        return try ConsentEntry(row: row)
    }

    /// A subject's consents for a reader, the read written to the audit log.
    public func read(subject: String) async throws -> [ConsentEntry] {
        let entries = try await entries(of: subject)
        try await auditRead([AuditEvent("consent.read", subject: subject, detail: "\(entries.count) consents read")])
        return entries
    }
}

extension ConsentEntry {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id", as: String.self),
            subject: try row.decode(column: "subject_id", as: String.self),
            activity: try row.decode(column: "activity", as: String.self),
            wordingVersion: try row.decode(column: "wording_version", as: String.self),
            channel: try row.decode(column: "channel", as: String.self),
            given: Date(millis: try row.decode(column: "given_at", as: Int64.self)),
            withdrawn: try row.decode(column: "withdrawn_at", as: Int64?.self).map(Date.init(millis:)))
    }
}

extension Consents {
    /// Data may be stored under a consent-only activity only while a consent is in force.
    func requireConsent(for records: [NewRecord], in register: Register) async throws {
        let needing = records.filter { record in
            register.activity(record.activity).map { $0.legalBasis == [.consent] } ?? false
        }
        for (subject, activities) in Dictionary(grouping: needing, by: \.subject).mapValues({ Set($0.map(\.activity)) })
        {
            let given = try await list(subject: subject)
            for activity in activities
            where !given.contains(where: { $0.activity == activity && $0.isInForce(at: Date()) }) {
                throw GallraError.invalidInput(
                    "Activity \"\(activity)\" rests on consent, and the subject has no consent in force for it (GDPR Art. 6(1)(a))."
                )
            }
        }
    }
}
