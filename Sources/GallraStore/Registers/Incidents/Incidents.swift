import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Personal data breaches (Art. 33–34): what happened, the 72-hour clock, the notification to
/// IMY, the information to the people affected, and who they are.
public struct Incidents: StoreRegister {
    let store: Store
}

extension Incidents {
    /// Registers an incident the moment the controller becomes aware of it: the 72-hour clock runs
    /// from `aware`.
    public func open(aware: Date, description: String, _ change: IncidentChange = IncidentChange())
        async throws -> String
    {
        guard aware <= Date().addingTimeInterval(60) else {
            throw GallraError.invalidInput("The moment of awareness cannot be in the future.")
        }
        var incident = Incident(id: Store.newID(), aware: aware, description: description)
        incident = change.applied(to: incident)
        try await validate(incident)
        let calendar = try await calendar()
        try await data.transaction { sql in
            try await sql.raw(
                "INSERT INTO incidents (id, aware_at, description, subject_categories, data_categories, created_at) VALUES (\(bind: incident.id), \(bind: aware.millis), '', '', '', \(bind: Clock.nowMillis()))"
            ).run()
            try await self.save(incident, on: sql)
            try await self.keepVersion(incident, previous: nil, on: sql)
            try await self.audit(
                [
                    AuditEvent(
                        "incident.open",
                        detail:
                            "incident \(incident.id): aware \(calendar.rfc3339(aware)), notify IMY by \(calendar.rfc3339(incident.notificationDue))"
                    )
                ], on: sql)
        }
        return incident.id
    }

    /// Adds or corrects facts as they become known (Art. 33(4)); a change of the facts is kept as a
    /// new version, the earlier ones stay.
    public func update(_ id: String, _ change: IncidentChange) async throws {
        let before = try await unclosedIncident(id)
        let incident = change.applied(to: before)
        try await validate(incident)
        let changed = incident.facts.changed(from: before.facts)
        guard !changed.isEmpty else { return }
        try await write(incident, "incident.update", detail: "facts updated: " + changed.joined(separator: ", ")) {
            sql in
            try await self.keepVersion(incident, previous: before, on: sql)
        }
    }

    /// Links the people affected, so that each one's access report shows the incident.
    public func linkAffected(_ id: String, subjects references: [String]) async throws {
        let incident = try await unclosedIncident(id)
        var subjects: [String] = []
        for reference in references { subjects.append(try await resolveSubject(reference)) }
        try await data.transaction { sql in
            for subject in Set(subjects) {
                try await sql.raw(
                    "DELETE FROM incident_subjects WHERE incident_id = \(bind: id) AND subject_id = \(bind: subject)"
                ).run()
                try await sql.raw(
                    "INSERT INTO incident_subjects (incident_id, subject_id) VALUES (\(bind: id), \(bind: subject))"
                ).run()
            }
            try await self.audit(
                Set(subjects).sorted().map {
                    AuditEvent("incident.affect", subject: $0, detail: "affected by incident \(incident.id)")
                }, on: sql)
        }
    }

    /// Art. 33(1): IMY notified at `instant`; past 72 hours, the reasons for the delay are required.
    public func notifyAuthority(_ id: String, at instant: Date, reference: String?, delayReasons: String?) async throws
    {
        var incident = try await unclosedIncident(id)
        guard incident.authorityNotified == nil else {
            throw GallraError.conflict("IMY was already notified of this incident.")
        }
        guard instant >= incident.aware else {
            throw GallraError.invalidInput("IMY cannot be notified before the incident was known.")
        }
        let reasons = delayReasons?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if incident.isLate(instant) && reasons == nil {
            let calendar = try await calendar()
            throw GallraError.invalidInput(
                "The notification comes after the 72 hours that ended \(calendar.rfc3339(incident.notificationDue)); give the reasons for the delay (Art. 33(1))."
            )
        }
        incident.authorityNotified = instant
        incident.authorityReference = reference
        incident.delayReasons = reasons
        incident.authorityNotNeeded = nil
        try await write(
            incident, "incident.notify",
            detail: "IMY notified\(incident.isLate(instant) ? " late, reasons given" : " in time")")
    }

    /// IMY is not notified: the incident is unlikely to result in a risk (Art. 33(1)), and why.
    public func recordNoNotification(_ id: String, reason: String) async throws {
        var incident = try await unclosedIncident(id)
        guard incident.risk == Incident.Risk.none else {
            throw GallraError.invalidInput(
                "Only an incident assessed as unlikely to result in a risk (risk none) may go unreported to IMY (Art. 33(1))."
            )
        }
        guard let reason = reason.trimmingCharacters(in: .whitespaces).nilIfEmpty else {
            throw GallraError.invalidInput("Say why IMY is not notified.")
        }
        incident.authorityNotNeeded = reason
        try await write(incident, "incident.notify", detail: "IMY not notified: unlikely to result in a risk")
    }

    /// Art. 34(1): the people affected were told at `instant` by other means than Gallra's messages.
    public func informSubjects(_ id: String, at instant: Date) async throws {
        var incident = try await unclosedIncident(id)
        guard instant >= incident.aware, instant <= Date().addingTimeInterval(60) else {
            throw GallraError.invalidInput(
                "The people cannot have been told before the incident was known, nor in the future.")
        }
        incident.subjectsInformed = instant
        incident.peopleDecision = .tell
        try await write(incident, "incident.inform", detail: "the people affected were informed")
    }

    /// Art. 34(3): why the people affected are not told.
    public func exemptFromInforming(_ id: String, _ exemption: Incident.Exemption, reason: String) async throws {
        var incident = try await unclosedIncident(id)
        guard let reason = reason.trimmingCharacters(in: .whitespaces).nilIfEmpty else {
            throw GallraError.invalidInput("Say why \(exemption.article) applies.")
        }
        incident.peopleDecision = .exempt
        incident.exemption = exemption
        incident.exemptionReason = reason
        try await write(incident, "incident.inform", detail: "people not informed under \(exemption.article)")
    }

    /// Closes an incident whose handling is complete; from then it follows the retention rule of
    /// the activity that keeps the incidents.
    public func close(_ id: String, at instant: Date = Date()) async throws {
        var incident = try await unclosedIncident(id)
        let gaps = incident.closingGaps(try await messageCounts(id))
        guard gaps.isEmpty else {
            throw GallraError.invalidInput(
                ErrorReason(
                    "The incident cannot be closed yet; still missing: " + gaps.map(\.english).joined(separator: "; ")
                        + "."))
        }
        incident.closed = instant
        let register = try await requireRegister()
        let calendar = try await calendar()
        let expires = register.activity(keeping: .incidents)?.retention.outcome(
            events: [.collected: incident.aware, .incidentClosed: instant], calendar: calendar
        ).expiry
        try await write(incident, "incident.close", detail: "closed") { sql in
            try await sql.raw("UPDATE incidents SET expires_at = \(bind: expires?.millis) WHERE id = \(bind: id)").run()
        }
    }

    public func incident(_ id: String) async throws -> Incident {
        guard let row = try await data.read.raw("SELECT * FROM incidents WHERE id = \(bind: id)").first() else {
            throw GallraError.notFound("No incident has this id.")
        }
        return try Incident(row: row)
    }

    /// Incidents by urgency (`Incident.byUrgency`): open ones owing IMY's notification first, the
    /// nearest deadline first; with `openOnly`, those not closed.
    public func list(openOnly: Bool = false) async throws -> [Incident] {
        try await data.read.raw(
            "SELECT * FROM incidents \(unsafeRaw: openOnly ? "WHERE closed_at IS NULL " : "")ORDER BY aware_at DESC, id"
        ).all().map { try Incident(row: $0) }.sorted(by: Incident.byUrgency)
    }

    /// The incidents that affected a subject (for the access report).
    func list(affecting subject: String) async throws -> [Incident] {
        try await data.read.raw(
            """
            SELECT incidents.* FROM incidents JOIN incident_subjects ON incident_subjects.incident_id = incidents.id
            WHERE incident_subjects.subject_id = \(bind: subject) ORDER BY incidents.aware_at
            """
        ).all().map { try Incident(row: $0) }
    }

    /// The people affected by an incident.
    public func affected(_ id: String) async throws -> [String] {
        try await data.read.raw(
            "SELECT subject_id FROM incident_subjects WHERE incident_id = \(bind: id) ORDER BY subject_id"
        ).all().map { try $0.decode(column: "subject_id", as: String.self) }
    }

    func unclosedIncident(_ id: String) async throws -> Incident {
        let incident = try await incident(id)
        guard incident.closed == nil else { throw GallraError.conflict("The incident is closed; it cannot change.") }
        return incident
    }

    private func validate(_ incident: Incident) async throws {
        guard !incident.description.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GallraError.invalidInput("Describe what happened.")
        }
        let register = try await requireRegister()
        for category in incident.dataCategories where register.category(category) == nil {
            throw GallraError.invalidInput("The register knows no data category \"\(category)\".")
        }
        for category in incident.subjectCategories
        where !register.knownSubjectCategories.contains(where: { $0.id == category }) {
            throw GallraError.invalidInput("The register knows no data subject category \"\(category)\".")
        }
        if let occurred = incident.occurred, let ended = incident.ended, ended < occurred {
            throw GallraError.invalidInput("An incident cannot end before it happened.")
        }
    }

    func write(
        _ incident: Incident, _ action: String, detail: String,
        also: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) async throws {
        try await data.transaction { sql in
            try await self.save(incident, on: sql)
            try await also?(sql)
            try await self.audit([AuditEvent(action, detail: "incident \(incident.id): \(detail)")], on: sql)
        }
    }

    private func save(_ incident: Incident, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE incidents SET occurred_at = \(bind: incident.occurred?.millis), ended_at = \(bind: incident.ended?.millis),
            description = \(bind: incident.description), discovered_how = \(bind: incident.discoveredHow),
            nature = \(bind: incident.nature.map(\.rawValue).joined(separator: ",")),
            contact_point = \(bind: incident.contactPoint), risk_reasoning = \(bind: incident.riskReasoning),
            people_decision = \(bind: incident.peopleDecision?.rawValue),
            subject_categories = \(bind: incident.subjectCategories.joined(separator: ",")),
            data_categories = \(bind: incident.dataCategories.joined(separator: ",")),
            approximate_subjects = \(bind: incident.approximateSubjects.map(Int64.init)),
            approximate_records = \(bind: incident.approximateRecords.map(Int64.init)),
            consequences = \(bind: incident.consequences), measures = \(bind: incident.measures),
            risk = \(bind: incident.risk?.rawValue), authority_notified_at = \(bind: incident.authorityNotified?.millis),
            authority_reference = \(bind: incident.authorityReference), delay_reasons = \(bind: incident.delayReasons),
            authority_not_needed = \(bind: incident.authorityNotNeeded),
            subjects_informed_at = \(bind: incident.subjectsInformed?.millis),
            exemption = \(bind: incident.exemption?.rawValue), exemption_reason = \(bind: incident.exemptionReason),
            closed_at = \(bind: incident.closed?.millis)
            WHERE id = \(bind: incident.id)
            """
        ).run()
    }
}

extension Incident {
    init(row: any SQLRow) throws {
        func instant(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Int64?.self).map(Date.init(millis:))
        }
        func list(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: ",").map(String.init)
        }
        self.init(
            id: try row.decode(column: "id", as: String.self),
            aware: Date(millis: try row.decode(column: "aware_at", as: Int64.self)),
            description: try row.decode(column: "description", as: String.self))
        occurred = try instant("occurred_at")
        discoveredHow = try row.decode(column: "discovered_how", as: String?.self)
        nature = (try row.decode(column: "nature", as: String?.self) ?? "").split(separator: ",").compactMap {
            Nature(rawValue: String($0))
        }
        contactPoint = try row.decode(column: "contact_point", as: String?.self)
        riskReasoning = try row.decode(column: "risk_reasoning", as: String?.self)
        peopleDecision = try row.decode(column: "people_decision", as: String?.self).flatMap(
            PeopleDecision.init(rawValue:))
        ended = try instant("ended_at")
        subjectCategories = try list("subject_categories")
        dataCategories = try list("data_categories")
        approximateSubjects = try row.decode(column: "approximate_subjects", as: Int64?.self).map(Int.init)
        approximateRecords = try row.decode(column: "approximate_records", as: Int64?.self).map(Int.init)
        consequences = try row.decode(column: "consequences", as: String?.self)
        measures = try row.decode(column: "measures", as: String?.self)
        risk = try row.decode(column: "risk", as: String?.self).flatMap(Risk.init(rawValue:))
        authorityNotified = try instant("authority_notified_at")
        authorityReference = try row.decode(column: "authority_reference", as: String?.self)
        delayReasons = try row.decode(column: "delay_reasons", as: String?.self)
        authorityNotNeeded = try row.decode(column: "authority_not_needed", as: String?.self)
        subjectsInformed = try instant("subjects_informed_at")
        exemption = try row.decode(column: "exemption", as: String?.self).flatMap(Exemption.init(rawValue:))
        exemptionReason = try row.decode(column: "exemption_reason", as: String?.self)
        closed = try instant("closed_at")
    }
}
