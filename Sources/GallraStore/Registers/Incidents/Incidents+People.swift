import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A person affected whom a message can reach: their e-mail address (opened with their key) and
/// the language they last wrote to the controller in, if any.
public struct IncidentRecipient: Sendable {
    public let subject: String
    public let address: String?
    public let language: Language?
}

extension Incidents {
    /// Art. 34: the decision about telling the people affected. Telling them is the caller's next
    /// step (`noteMessage` for each message it queues); an exemption or "not required" needs its
    /// reason, and with a high risk only an Art. 34(3) exemption spares telling them.
    public func decidePeople(
        _ id: String, _ decision: Incident.PeopleDecision, exemption: Incident.Exemption?, reason: String?
    ) async throws {
        var incident = try await unclosedIncident(id)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        switch decision {
        case .tell:
            guard incident.consequences != nil, incident.measures != nil, incident.contactPoint != nil else {
                throw GallraError.invalidInput(
                    "The message to the people affected says the likely consequences, the measures and the contact point (Art. 34(2)): record them first."
                )
            }
            incident.exemption = nil
            incident.exemptionReason = nil
        case .exempt:
            guard let exemption else { throw GallraError.invalidInput("Name the Art. 34(3) exemption: a, b or c.") }
            guard let reason else { throw GallraError.invalidInput("Say why \(exemption.article) applies.") }
            incident.exemption = exemption
            incident.exemptionReason = reason
        case .notRequired:
            guard incident.risk != nil else {
                throw GallraError.invalidInput(
                    "Assess the risk first: only without a high risk need the people not be told.")
            }
            guard incident.risk != .high else {
                throw GallraError.invalidInput(
                    "With a high risk the people affected must be told, unless an Art. 34(3) exemption applies.")
            }
            guard let reason else { throw GallraError.invalidInput("Say why the people affected are not told.") }
            incident.exemption = nil
            incident.exemptionReason = reason
        }
        incident.peopleDecision = decision
        try await write(incident, "incident.decide", detail: "Art. 34 decision: \(decision.rawValue)")
    }

    /// The people linked to the incident with what a message to them needs, those not yet sent one
    /// first left out when `unmessagedOnly`.
    public func recipients(_ id: String, unmessagedOnly: Bool) async throws -> [IncidentRecipient] {
        let messaged = Set(try await messageRows(id).map(\.subject))
        var recipients: [IncidentRecipient] = []
        for subject in try await affected(id) where !(unmessagedOnly && messaged.contains(subject)) {
            let address = try await store.subjects.identifiers(of: subject).first { $0.kind == .email }?.value
            let language = try await data.read.raw(
                """
                SELECT request_contacts.lang FROM request_contacts JOIN requests ON requests.id = request_contacts.request_id
                WHERE request_contacts.subject_id = \(bind: subject) ORDER BY requests.created_at DESC LIMIT 1
                """
            ).first().flatMap { Language(rawValue: try $0.decode(column: "lang", as: String.self)) }
            recipients.append(IncidentRecipient(subject: subject, address: address, language: language))
        }
        return recipients
    }

    /// Records that the outbox row `outbox` holds the message to `subject`; inside the transaction
    /// that queued it. The audit entry names the person by id and the message by its row.
    public func noteMessage(_ id: String, outbox: String, subject: String, language: Language) async throws {
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO incident_messages (outbox_id, incident_id, subject_id, lang, queued_at)
                VALUES (\(bind: outbox), \(bind: id), \(bind: subject), \(bind: language.rawValue), \(bind: Clock.nowMillis()))
                """
            ).run()
            try await self.audit(
                [
                    AuditEvent(
                        "incident.tell", subject: subject,
                        detail: "incident \(id): message \(outbox) to the person affected queued (Art. 34)")
                ], on: sql)
        }
    }

    /// The messages to the people affected, each as its outbox row records it now.
    public func messages(_ id: String) async throws -> [IncidentMessage] {
        let rows = try await messageRows(id)
        let mails = try await store.outbox.records(ids: rows.map(\.outbox))
        return rows.compactMap { row in
            mails.first { $0.id == row.outbox }.map {
                IncidentMessage(subject: row.subject, language: row.language, mail: $0)
            }
        }
    }

    /// How many messages were queued, sent and given up, and how many people linked have none.
    public func messageCounts(_ id: String) async throws -> IncidentMessages {
        let messages = try await messages(id)
        let reached = Set(messages.map(\.subject))
        var counts = IncidentMessages(queued: messages.count)
        for message in messages {
            switch message.mail.state {
            case .sent: counts.sent += 1
            case .failed: counts.failed += 1
            case .queued: break
            }
        }
        counts.unreachable = try await affected(id).filter { !reached.contains($0) }.count
        return counts
    }

    private func messageRows(_ id: String) async throws -> [(outbox: String, subject: String, language: Language)] {
        try await data.read.raw(
            "SELECT outbox_id, subject_id, lang FROM incident_messages WHERE incident_id = \(bind: id) ORDER BY queued_at, outbox_id"
        ).all().map {
            (
                try $0.decode(column: "outbox_id", as: String.self),
                try $0.decode(column: "subject_id", as: String.self),
                Language(rawValue: try $0.decode(column: "lang", as: String.self)) ?? .sv
            )
        }
    }

    /// Each version of the incident's facts, the first first.
    public func versions(_ id: String) async throws -> [IncidentVersion] {
        try await data.read.raw(
            "SELECT version, at, actor, facts FROM incident_versions WHERE incident_id = \(bind: id) ORDER BY version"
        ).all().map { row in
            IncidentVersion(
                number: try row.decode(column: "version", as: Int.self),
                at: Date(millis: try row.decode(column: "at", as: Int64.self)),
                actor: try row.decode(column: "actor", as: String.self),
                facts: try JSONDecoder().decode(
                    IncidentFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8)))
        }
    }

    /// Keeps the incident's facts as a new version, by the acting party.
    func keepVersion(_ incident: Incident, previous: Incident?, on sql: any SQLDatabase) async throws {
        let last = try await sql.raw(
            "SELECT MAX(version) AS last FROM incident_versions WHERE incident_id = \(bind: incident.id)"
        ).first()?.decode(column: "last", as: Int?.self)
        let facts = String(decoding: try JSONEncoder().encode(incident.facts), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO incident_versions (incident_id, version, at, actor, facts)
            VALUES (\(bind: incident.id), \(bind: (last ?? 0) + 1), \(bind: Clock.nowMillis()),
                \(bind: try Acting.required().description), \(bind: facts))
            """
        ).run()
    }
}
