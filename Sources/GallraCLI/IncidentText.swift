import Foundation
import GallraCore

/// How incidents are printed.
enum IncidentText {
    static func state(_ incident: Incident, _ calendar: ZonedCalendar, now: Date) -> String {
        if incident.closed != nil { return "closed" }
        if let notified = incident.authorityNotified { return "IMY notified \(calendar.rfc3339(notified))" }
        if incident.authorityNotNeeded != nil { return "IMY not notified (no risk)" }
        return "notify IMY by \(calendar.rfc3339(incident.notificationDue)): \(incident.clock(at: now))"
    }

    static func line(_ incident: Incident, _ calendar: ZonedCalendar, now: Date) -> String {
        "\(calendar.rfc3339(incident.aware))  \(incident.id)  \(incident.risk?.rawValue ?? "risk not assessed")  \(state(incident, calendar, now: now))"
    }

    static func text(
        _ incident: Incident, affected: [String], gaps: [IncidentGap], messages: [IncidentMessage],
        _ calendar: ZonedCalendar, now: Date
    ) -> String {
        var lines = [
            "Incident \(incident.id): \(state(incident, calendar, now: now))",
            "Aware \(calendar.rfc3339(incident.aware))"
                + (incident.occurred.map { "; happened \(calendar.rfc3339($0))" } ?? "")
                + (incident.ended.map { "; ended \(calendar.rfc3339($0))" } ?? ""),
            "What happened: \(incident.description)",
        ]
        if !incident.dataCategories.isEmpty { lines.append("Data: \(incident.dataCategories.joined(separator: ", "))") }
        if !incident.subjectCategories.isEmpty {
            lines.append("People: \(incident.subjectCategories.joined(separator: ", "))")
        }
        if let count = incident.approximateSubjects { lines.append("About \(count) people") }
        if let count = incident.approximateRecords { lines.append("About \(count) records") }
        if let text = incident.consequences { lines.append("Likely consequences: \(text)") }
        if let text = incident.measures { lines.append("Measures: \(text)") }
        lines.append("Risk: \(incident.risk?.rawValue ?? "not assessed")")
        if let reasons = incident.delayReasons { lines.append("Reasons for the delay: \(reasons)") }
        if let reason = incident.authorityNotNeeded { lines.append("IMY not notified: \(reason)") }
        if let informed = incident.subjectsInformed { lines.append("People informed \(calendar.rfc3339(informed))") }
        if let exemption = incident.exemption {
            lines.append("People not informed, \(exemption.article): \(incident.exemptionReason ?? "")")
        }
        if !affected.isEmpty { lines.append("Linked people: \(affected.count)") }
        if let how = incident.discoveredHow { lines.append("Discovered: \(how)") }
        if !incident.nature.isEmpty {
            lines.append("Nature: " + incident.nature.map(\.rawValue).joined(separator: ", "))
        }
        if let point = incident.contactPoint { lines.append("Contact point: \(point)") }
        if let reasoning = incident.riskReasoning { lines.append("Risk reasoning: \(reasoning)") }
        if let decision = incident.peopleDecision { lines.append("Art. 34 decision: \(decision.rawValue)") }
        if !messages.isEmpty {
            let sent = messages.filter { if case .sent = $0.mail.state { true } else { false } }.count
            lines.append("Messages to the people affected: \(messages.count) queued, \(sent) sent")
        }
        if incident.closed == nil, !gaps.isEmpty {
            lines.append("Before closing: " + gaps.map(\.english).joined(separator: "; ") + ".")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ incident: Incident, affected: [String]?, _ calendar: ZonedCalendar, now: Date) -> JSONText {
        var fields = incident.jsonFields(calendar, now: now)
        if let affected { fields.append(("affected_subjects", .array(affected.map(JSONText.string)))) }
        return .object(fields)
    }
}
