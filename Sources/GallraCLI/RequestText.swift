import Foundation
import GallraCore

/// How requests are printed for people (their JSON is in GallraCore, shared with the API).
enum RequestText {
    static func text(
        _ request: DataSubjectRequest, _ decisions: [RightsDecision], grounds: [String: String], _ language: Language,
        _ calendar: ZonedCalendar
    ) -> String {
        let today = calendar.localDate(of: Date())
        var lines = [
            "Request \(request.reference.map { "\($0) (\(request.id))" } ?? request.id): \(request.kind.rawValue) (\(request.kind.article)), received \(request.received) via \(request.channel)",
            "Deadline \(request.deadline)\(request.status == .completed ? "" : " (\(left(request, today)))") · \(request.status.rawValue)",
        ]
        if let verified = request.verifiedAt {
            lines.append("Identity verified \(calendar.rfc3339(verified)): \(request.verifiedHow ?? "")")
        } else {
            lines.append("Identity not yet verified (Art. 12(6)).")
        }
        if let reason = request.extensionReason { lines.append("Extended: \(reason)") }
        if let scope = request.scope {
            lines.append(
                "Concerns: \(scope.joined(separator: ", "))\(request.scopeReason.map { " (changed: \($0))" } ?? "")")
        }
        if let refusal = request.refusal {
            lines.append("Refused: \(refusal.ground.rawValue) (\(refusal.ground.article)): \(refusal.reason)")
        }
        if let completed = request.completedAt {
            lines.append("Completed \(calendar.rfc3339(completed)); answer: \(request.sent ?? "—")")
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

    /// The messages about a request, each as its outbox row says; or that Gallra sent nothing.
    static func mail(_ mail: [MailRecord], _ calendar: ZonedCalendar) -> String {
        guard !mail.isEmpty else { return "Mail to the person: none from Gallra.\n" }
        return mail.map { message in
            let state =
                switch message.state {
                case .queued(let next):
                    "queued \(calendar.rfc3339(message.queuedAt))"
                        + (message.attempts > 0
                            ? ", \(message.attempts) failed attempts, next \(calendar.rfc3339(next))" : "")
                case .sent(let at): "sent \(calendar.rfc3339(at))"
                case .failed(let at): "given up \(calendar.rfc3339(at)) after \(message.attempts) attempts"
                }
            let why = message.state.isSent ? "" : message.lastError.map { " (\($0))" } ?? ""
            return "Mail to the person (\(message.purpose)): \(state)\(why)\n"
        }.joined()
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
}
