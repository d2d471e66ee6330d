import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Art. 34: records whether the people affected are told, and when they are, queues a message
    /// to each linked person with an e-mail address who has none yet, in their language, through
    /// the outbox, in one transaction. The incident then reads what went from the outbox rows.
    public func decidePeople(
        _ id: String, _ decision: Incident.PeopleDecision, exemption: Incident.Exemption? = nil, reason: String? = nil,
        settings: SelfServiceSettings, by party: Party
    ) async throws -> IncidentView {
        try await writing(by: party, needs: .handleIncidents) {
            try await store.incidents.decidePeople(id, decision, exemption: exemption, reason: reason)
            if decision == .tell {
                let incident = try await store.incidents.incident(id)
                let register = try await registerInForce()
                let fallback = register.controller.languages.first ?? .sv
                for recipient in try await store.incidents.recipients(id, unmessagedOnly: true) {
                    guard let address = recipient.address else { continue }
                    let language = recipient.language ?? fallback
                    let message = PersonMail.incident(
                        to: address, incident, language, controller: register.controller, settings: settings)
                    let outbox = try await store.outbox.enqueue(message.rfc5322(), purpose: "incident")
                    try await store.incidents.noteMessage(
                        id, outbox: outbox, subject: recipient.subject, language: language)
                }
            }
            return try await incidentView(id)
        }
    }

    /// The people told by other means than Gallra's messages (a letter, a call), and when.
    public func recordPeopleTold(_ id: String, at instant: Date, by party: Party) async throws -> IncidentView {
        try await writing(by: party, needs: .handleIncidents) {
            try await store.incidents.informSubjects(id, at: instant)
            return try await incidentView(id)
        }
    }
}

extension PersonMail {
    /// A personal data breach told to a person affected (Art. 34(2)), from the incident's facts.
    static func incident(
        to address: String, _ incident: Incident, _ language: Language, controller: Controller,
        settings: SelfServiceSettings
    ) -> MailMessage {
        message(
            .incident, to: address, language, link: nil, controller: controller, settings: settings,
            [
                "description": incident.description, "consequences": incident.consequences ?? "",
                "measures": incident.measures ?? "", "contact": incident.contactPoint ?? "",
            ])
    }
}

/// What the incident forms offer: the register's categories of data and of people, and the
/// contact point it names (the DPO, else the controller).
public struct IncidentVocabulary: Sendable {
    public let dataCategories: [DataCategory]
    public let subjectCategories: [DataSubjectCategory]
    public let contactPoint: String?
    /// The controller's name, for the register's documents.
    public let controller: String
}

extension Gallra {
    public func incidentVocabulary(by party: Party) async throws -> IncidentVocabulary {
        try await acting(by: party, needs: .handleIncidents) {
            let register = try await registerInForce()
            let contact = register.controller.dpo ?? Contact(email: register.controller.email)
            let point = [contact.name, contact.email, contact.phone].compactMap { $0 }.joined(separator: ", ")
            return IncidentVocabulary(
                dataCategories: register.knownCategories, subjectCategories: register.knownSubjectCategories,
                contactPoint: point.isEmpty ? nil : point, controller: register.controller.name)
        }
    }
}
