import Foundation
import GallraCore
import GallraStore

/// How requests are printed: the JSON of cli.md, and lines for people.
enum RequestText {
    static func json(
        _ request: DataSubjectRequest, _ decisions: [RightsDecision], _ language: Language, _ calendar: ZonedCalendar
    ) -> JSONText {
        .object([
            ("id", .string(request.id)),
            ("kind", .string(request.kind.rawValue)),
            ("received", .string(request.received.description)),
            ("deadline", .string(request.deadline.description)),
            ("status", .string(request.status.rawValue)),
            (
                "decisions",
                .array(
                    decisions.map {
                        .object([
                            ("activity", .string($0.activity)), ("action", .string($0.action.rawValue)),
                            ("article", .string($0.article)), ("until", .optional($0.until?.description)),
                            ("reason", .string($0.reason[language])),
                        ])
                    })
            ),
            ("subject", .string(request.subject)),
            ("channel", .string(request.channel)),
            ("verified", .optional(request.verifiedAt.map(calendar.rfc3339))),
            ("verified_how", .optional(request.verifiedHow)),
            ("extended", .optional(request.extendedAt.map(calendar.rfc3339))),
            ("extension_reason", .optional(request.extensionReason)),
            ("completed", .optional(request.completedAt.map(calendar.rfc3339))),
            ("sent", .optional(request.sent)),
        ])
    }

    static func text(
        _ request: DataSubjectRequest, _ decisions: [RightsDecision], grounds: [String: String], _ language: Language,
        _ calendar: ZonedCalendar
    ) -> String {
        let today = calendar.localDate(of: Date())
        var lines = [
            "Request \(request.id): \(request.kind.rawValue) (\(request.kind.article)), received \(request.received) via \(request.channel)",
            "Deadline \(request.deadline)\(request.status == .completed ? "" : " (\(left(request, today)))") · \(request.status.rawValue)",
        ]
        if let verified = request.verifiedAt {
            lines.append("Identity verified \(calendar.rfc3339(verified)): \(request.verifiedHow ?? "")")
        } else {
            lines.append("Identity not yet verified (Art. 12(6)).")
        }
        if let reason = request.extensionReason { lines.append("Extended: \(reason)") }
        if let completed = request.completedAt {
            lines.append("Completed \(calendar.rfc3339(completed)); sent: \(request.sent ?? "—")")
        }
        lines.append(decisions.isEmpty ? "No activity holds data on the subject." : "Decisions:")
        let width = decisions.map(\.activity.count).max() ?? 0
        for decision in decisions {
            let until = decision.until.map { " until \($0)" } ?? ""
            lines.append(
                "  \(decision.activity.padded(to: width))  \(decision.action.rawValue.padded(to: 9)) \(decision.article)\(until)"
            )
            lines.append("      \(decision.reason[language])")
            if let text = grounds[decision.activity] { lines.append("      Grounds: \(text)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func left(_ request: DataSubjectRequest, _ today: CivilDate) -> String {
        let days = request.daysLeft(on: today)
        if days < 0 { return "OVERDUE by \(-days) day\(days == -1 ? "" : "s")" }
        if days == 0 { return "due today" }
        return "\(days) day\(days == 1 ? "" : "s") left"
    }

    static func line(_ request: DataSubjectRequest, _ today: CivilDate) -> String {
        "\(request.deadline)  \(left(request, today).padded(to: 18))  \(request.kind.rawValue.padded(to: 16))  \(request.id)  \(request.status.rawValue)\(request.verifiedAt == nil ? ", identity not verified" : "")"
    }

    static func summary(_ request: DataSubjectRequest, _ today: CivilDate) -> JSONText {
        .object([
            ("id", .string(request.id)), ("kind", .string(request.kind.rawValue)),
            ("subject", .string(request.subject)), ("received", .string(request.received.description)),
            ("deadline", .string(request.deadline.description)), ("status", .string(request.status.rawValue)),
            ("days_left", .number(request.daysLeft(on: today))), ("overdue", .bool(request.isOverdue(on: today))),
        ])
    }
}
