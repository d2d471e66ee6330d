import Foundation

extension DataSubjectRequest {
    /// A request with its decisions, as `gallra request show --json` and `GET /api/v1/requests/{id}` give it.
    public func json(decisions: [RightsDecision], _ language: Language, _ calendar: ZonedCalendar) -> JSONText {
        let request = self
        return .object([
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
            ("reference", .optional(request.reference)),
            // The activities it names; null: all of them.
            ("activities", request.scope.map { .array($0.map(JSONText.string)) } ?? .null),
            ("scope_reason", .optional(request.scopeReason)),
            (
                "refusal",
                request.refusal.map {
                    .object([
                        ("ground", .string($0.ground.rawValue)), ("article", .string($0.ground.article)),
                        ("reason", .string($0.reason)),
                    ])
                } ?? .null
            ),
        ])
    }

    /// A line of the request list, as `gallra request list --json` and `GET /api/v1/requests` give it.
    public func summaryJSON(on today: CivilDate) -> JSONText {
        let request = self
        return .object([
            ("id", .string(request.id)), ("kind", .string(request.kind.rawValue)),
            ("subject", .string(request.subject)), ("received", .string(request.received.description)),
            ("deadline", .string(request.deadline.description)), ("status", .string(request.status.rawValue)),
            ("days_left", .number(request.daysLeft(on: today))), ("overdue", .bool(request.isOverdue(on: today))),
            ("reference", .optional(request.reference)),
        ])
    }
}
