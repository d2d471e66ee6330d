import Foundation
import Synchronization

extension SubjectExport {
    /// The schema name written into every export; documented in docs/subject-export.md.
    public static let schema = "gallra/subject-export/1"

    /// The export as JSON, keys in a stable, documented order.
    public var json: JSONText {
        .object([
            ("schema", .string(Self.schema)),
            ("scope", .string(scope.rawValue)),
            ("generated", .string(calendar.rfc3339(generated))),
            ("controller", controllerJSON),
            ("subject", .string(subject)),
            ("name", .optional(name)),
            (
                "identifiers",
                .array(identifiers.map { .object([("kind", .string($0.kind)), ("value", .string($0.value))]) })
            ),
            ("activities", .array(activities.map(activityJSON))),
            ("consents", .array(consents.map(consentJSON))),
            ("events", .array(events.map(eventJSON))),
            ("incidents", .array(incidents.map(incidentJSON))),
            ("registered", .bool(registered)),
        ])
    }

    private func incidentJSON(_ incident: Incident) -> JSONText {
        .object([
            ("id", .string(incident.id)), ("aware", instant(incident.aware)), ("occurred", instant(incident.occurred)),
            ("description", .string(incident.description)),
            ("data_categories", .array(incident.dataCategories.map(JSONText.string))),
            ("consequences", .optional(incident.consequences)), ("measures", .optional(incident.measures)),
            ("subjects_informed", instant(incident.subjectsInformed)),
        ])
    }

    private func instant(_ date: Date?) -> JSONText { .optional(date.map(calendar.rfc3339)) }

    private func text(_ text: LocalizedText?) -> JSONText {
        guard let text else { return .null }
        return .object([("sv", .string(text[.sv])), ("en", .string(text[.en]))])
    }

    private var controllerJSON: JSONText {
        let controller = register.controller
        return .object([
            ("name", .string(controller.name)), ("email", .optional(controller.email)),
            ("phone", .optional(controller.phone)), ("address", .optional(controller.address)),
            ("dpo_email", .optional(controller.dpo?.email)),
        ])
    }

    private func activityJSON(_ activity: ProcessingActivity) -> JSONText {
        let limit = limit(on: activity.id)
        return .object([
            ("id", .string(activity.id)),
            ("name", text(activity.name)),
            ("purpose", text(activity.purpose)),
            (
                "legal_basis",
                .array(
                    activity.legalBasis.map {
                        .object([("basis", .string($0.rawValue)), ("article", .string($0.article))])
                    })
            ),
            ("law", .optional(activity.law)),
            ("legitimate_interest", text(activity.legitimateInterest)),
            ("recipients", .array(activity.recipients.compactMap(register.recipient).map(recipientJSON))),
            ("retention", .string(activity.retention.description)),
            ("retention_text", text(activity.peopleWording(declaredEvents: register.events))),
            ("source", .string(activity.source.rawValue)),
            ("processing", .string(limit.map { $0.kind == .restriction ? "restricted" : "stopped" } ?? "active")),
            ("records", .array(records(of: activity.id).map(recordJSON))),
        ])
    }

    private func recipientJSON(_ recipient: Recipient) -> JSONText {
        .object([
            ("name", .string(recipient.name)), ("kind", .string(recipient.kind.rawValue)),
            ("country", .optional(recipient.country)),
            (
                "transfer",
                recipient.transfer.map { transfer in
                    .object([
                        ("country", .string(transfer.country)),
                        ("safeguard", .optional(transfer.safeguard?.rawValue)),
                        ("article", .optional(transfer.safeguard?.article)),
                    ])
                } ?? .null
            ),
        ])
    }

    /// A record; a row of a connected table also names itself `TABLE:KEY` as `record` (systems.md).
    private func recordJSON(_ record: Record) -> JSONText {
        .object(
            [
                ("id", .string(record.id)),
                ("category", .string(record.category)),
                ("system", .optional(record.system)),
                ("table", .optional(record.table)),
            ] + (record.table == nil ? [] : [("record", .string(record.id))]) + [
                ("value", .string(record.value)),
                ("collected", instant(record.collected)),
                ("expires", instant(record.expires)),
                ("waiting_for", .array(record.waitingFor.map(JSONText.string))),
            ])
    }

    private func consentJSON(_ consent: Consent) -> JSONText {
        .object([
            ("activity", .string(consent.activity)), ("wording_version", .string(consent.wordingVersion)),
            ("channel", .string(consent.channel)), ("given", instant(consent.given)),
            ("withdrawn", instant(consent.withdrawn)),
        ])
    }

    private func eventJSON(_ event: Event) -> JSONText {
        .object([
            ("name", .string(event.name)), ("activity", .optional(event.activity)),
            ("record", .optional(event.record)), ("occurred", instant(event.occurred)),
        ])
    }
}

extension ProcessingActivity {
    /// The retention as people are told it: the register's own wording in that language when it
    /// says from when the period runs and reads as the rule enforced; otherwise the rule written out.
    /// Reading the wording takes the phrase reader, so each answer is kept (every export says it).
    public func peopleWording(declaredEvents: [EventDefinition]) -> LocalizedText {
        let key = PeopleWordingKey(rule: retention, text: retentionText, events: declaredEvents)
        if let known = peopleWordings.withLock({ $0[key] }) { return known }
        func wording(_ language: Language) -> String {
            if let own = language == .sv ? retentionText?.sv : retentionText?.en {
                let reader = RetentionPhraseReader(language: language, declaredEvents: declaredEvents)
                if reader.namesStartingPoint(own) && reader.read(own).rule == retention { return own }
            }
            return retention.wording(language, declaredEvents: declaredEvents)
        }
        let said = LocalizedText(sv: wording(.sv), en: wording(.en))
        peopleWordings.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[key] = said
        }
        return said
    }
}

private struct PeopleWordingKey: Hashable {
    let rule: RetentionRule
    let text: LocalizedText?
    let events: [EventDefinition]
}

private let peopleWordings = Mutex<[PeopleWordingKey: LocalizedText]>([:])
