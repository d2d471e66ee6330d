import Foundation
import GallraCore
import GallraStore

/// What is recorded of the notification to IMY (Art. 33) and of the information to the people
/// affected (Art. 34): any of them, in one step.
public struct IncidentNotification: Sendable {
    public var authorityNotified: Date?
    public var reference: String?
    public var delayReasons: String?
    public var noNotificationReason: String?
    public var subjectsInformed: Date?
    public var exemption: Incident.Exemption?
    public var exemptionReason: String?

    public init(
        authorityNotified: Date? = nil, reference: String? = nil, delayReasons: String? = nil,
        noNotificationReason: String? = nil, subjectsInformed: Date? = nil, exemption: Incident.Exemption? = nil,
        exemptionReason: String? = nil
    ) {
        self.authorityNotified = authorityNotified
        self.reference = reference
        self.delayReasons = delayReasons
        self.noNotificationReason = noNotificationReason
        self.subjectsInformed = subjectsInformed
        self.exemption = exemption
        self.exemptionReason = exemptionReason
    }

    var isEmpty: Bool {
        authorityNotified == nil && noNotificationReason == nil && subjectsInformed == nil && exemption == nil
    }
}

/// An incident with the people linked to it, as the register shows it.
public struct IncidentView: Sendable {
    public let incident: Incident
    /// The pseudonymous ids of the people linked as affected.
    public let affected: [String]
    /// Each version of its facts, the first first.
    public var versions: [IncidentVersion] = []
    /// The messages to the people affected, as the outbox rows record them now.
    public var messages: [IncidentMessage] = []
    /// What still stands in the way of closing it.
    public var gaps: [IncidentGap] = []

    public init(
        incident: Incident, affected: [String], versions: [IncidentVersion] = [], messages: [IncidentMessage] = [],
        gaps: [IncidentGap] = []
    ) {
        self.incident = incident
        self.affected = affected
        self.versions = versions
        self.messages = messages
        self.gaps = gaps
    }
}

extension Gallra {
    /// Registers an incident the moment the controller becomes aware of it, with the people
    /// affected, in one transaction: the 72-hour clock (Art. 33(1)) runs from `aware`.
    public func openIncident(
        aware: Date, description: String?, _ change: IncidentChange = IncidentChange(), affected: [String] = [],
        by party: Party
    ) async throws -> IncidentView {
        guard let description else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "Beskriv vad som hände.", en: "Say what happened: a description."))
        }
        return try await writing(by: party, needs: .handleIncidents) {
            let id = try await store.incidents.open(aware: aware, description: description, change)
            if !affected.isEmpty { try await store.incidents.linkAffected(id, subjects: affected) }
            return try await incidentView(id)
        }
    }

    /// Adds or corrects facts and links more people affected, in one transaction.
    public func updateIncident(_ id: String, _ change: IncidentChange, affected: [String] = [], by party: Party)
        async throws -> IncidentView
    {
        try await writing(by: party, needs: .handleIncidents) {
            try await store.incidents.update(id, change)
            if !affected.isEmpty { try await store.incidents.linkAffected(id, subjects: affected) }
            return try await incidentView(id)
        }
    }

    /// Records the notification to IMY or why there is none, and the information to the people
    /// affected or the Art. 34(3) exemption, in one transaction.
    public func recordNotification(_ id: String, _ notification: IncidentNotification, by party: Party)
        async throws -> IncidentView
    {
        guard !notification.isEmpty else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv:
                        "Ange vad som ska antecknas: anmälan till IMY, varför ingen görs, när de berörda informerades, eller ett undantag.",
                    en:
                        "Say what to record: the notification to IMY, why there is none, when the people were informed, or an exemption."
                )
            )
        }
        return try await writing(by: party, needs: .handleIncidents) {
            if let notified = notification.authorityNotified {
                try await store.incidents.notifyAuthority(
                    id, at: notified, reference: notification.reference, delayReasons: notification.delayReasons)
            }
            if let reason = notification.noNotificationReason {
                try await store.incidents.recordNoNotification(id, reason: reason)
            }
            if let informed = notification.subjectsInformed {
                try await store.incidents.informSubjects(id, at: informed)
            }
            if let exemption = notification.exemption {
                try await store.incidents.exemptFromInforming(id, exemption, reason: notification.exemptionReason ?? "")
            }
            return try await incidentView(id)
        }
    }

    /// Closes an incident whose handling is complete (assessed, notified or not with the reason,
    /// the people informed or exempted).
    public func closeIncident(_ id: String, by party: Party) async throws -> IncidentView {
        try await writing(by: party, needs: .handleIncidents) {
            try await store.incidents.close(id)
            return try await incidentView(id)
        }
    }

    public func incident(_ id: String, by party: Party) async throws -> IncidentView {
        try await acting(by: party, needs: .handleIncidents) { try await incidentView(id) }
    }

    /// Incidents with the people linked, by urgency; with `openOnly`, those not closed.
    public func incidents(openOnly: Bool = false, by party: Party) async throws -> [IncidentView] {
        try await acting(by: party, needs: .handleIncidents) {
            var views: [IncidentView] = []
            for incident in try await store.incidents.list(openOnly: openOnly) {
                views.append(try await incidentView(incident.id))
            }
            return views
        }
    }

    func incidentView(_ id: String) async throws -> IncidentView {
        let incident = try await store.incidents.incident(id)
        return IncidentView(
            incident: incident, affected: try await store.incidents.affected(id),
            versions: try await store.incidents.versions(id), messages: try await store.incidents.messages(id),
            gaps: incident.closed == nil ? incident.closingGaps(try await store.incidents.messageCounts(id)) : [])
    }
}
