import Foundation

extension Incident {
    /// The incident's fields as the command line's `--json` and the API give them: snake_case keys,
    /// instants in RFC 3339 in the controller's zone, absent facts as null.
    public func jsonFields(_ calendar: ZonedCalendar, now: Date) -> [(String, JSONText)] {
        func instant(_ date: Date?) -> JSONText { .optional(date.map(calendar.rfc3339)) }
        return [
            ("id", .string(id)), ("aware", instant(aware)), ("notify_by", instant(notificationDue)),
            ("seconds_left", awaitsNotification ? .number(Int(timeLeft(at: now))) : .null),
            ("occurred", instant(occurred)), ("ended", instant(ended)), ("description", .string(description)),
            ("discovered_how", .optional(discoveredHow)),
            ("nature", .array(nature.map { JSONText.string($0.rawValue) })),
            ("subject_categories", .array(subjectCategories.map(JSONText.string))),
            ("data_categories", .array(dataCategories.map(JSONText.string))),
            ("approximate_subjects", approximateSubjects.map(JSONText.number) ?? .null),
            ("approximate_records", approximateRecords.map(JSONText.number) ?? .null),
            ("consequences", .optional(consequences)), ("measures", .optional(measures)),
            ("contact_point", .optional(contactPoint)), ("risk", .optional(risk?.rawValue)),
            ("risk_reasoning", .optional(riskReasoning)), ("imy_notified", instant(authorityNotified)),
            ("imy_reference", .optional(authorityReference)), ("delay_reasons", .optional(delayReasons)),
            ("imy_not_notified_reason", .optional(authorityNotNeeded)),
            ("people_decision", .optional(peopleDecision?.rawValue)), ("subjects_informed", instant(subjectsInformed)),
            ("exemption", .optional(exemption?.article)),
            ("exemption_reason", .optional(exemptionReason)), ("closed", instant(closed)),
        ]
    }
}
