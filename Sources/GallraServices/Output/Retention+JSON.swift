import GallraCore
import GallraStore

extension SweepReport {
    /// What a sweep did, as `gallra sweep --json` and `POST /api/v1/sweep` give it.
    public func json(_ calendar: ZonedCalendar) -> JSONText {
        let report = self
        return .object([
            ("now", .string(calendar.rfc3339(report.now))),
            ("erased", .number(report.erased)),
            ("anonymised", .number(report.anonymised)),
            ("waiting", .number(report.waiting)),
            ("held", .number(report.held)),
            ("awaiting_review", .number(report.awaitingReview)),
            // What a dry run changed: the register versions it marked reviewed.
            ("reviewed_versions", .array(report.reviewedVersions.map { .number(Int($0)) })),
            (
                "items",
                .array(
                    report.items.map {
                        .object([
                            ("record", .string($0.record)), ("activity", .string($0.activity)),
                            ("expired", .string(calendar.rfc3339($0.expired))), ("action", .string($0.action.rawValue)),
                        ])
                    }
                        // A connected table's rows: `TABLE:KEY`, with their system and table (systems.md).
                        + report.connected.flatMap { table in
                            table.items.map {
                                .object([
                                    ("record", .string($0.record)), ("activity", .string(table.activity)),
                                    ("expired", $0.expired.map { .string(calendar.rfc3339($0)) } ?? .null),
                                    ("action", .string($0.action.rawValue)), ("system", .string(table.system)),
                                    ("table", .string(table.table)),
                                ])
                            }
                        })
            ),
            (
                "connected",
                .array(
                    report.connected.map {
                        .object([
                            ("system", .string($0.system)), ("table", .string($0.table)),
                            ("activity", .string($0.activity)), ("action", .string($0.action.rawValue)),
                            ("rows", .number($0.rows)), ("kept", .number($0.kept)),
                        ])
                    })
            ),
        ])
    }
}

extension Forecast {
    /// What will expire, as `gallra forecast --json` and `GET /api/v1/forecast` give it.
    public func json(_ calendar: ZonedCalendar) -> JSONText {
        let forecast = self
        return JSONText.object([
            ("from", .string(calendar.rfc3339(forecast.from))), ("days", .number(forecast.days)),
            ("overdue", .number(forecast.overdue)), ("held", .number(forecast.held)),
            (
                "expiring",
                .array(
                    forecast.expiring.map {
                        .object([
                            ("date", .string($0.date.description)), ("activity", .string($0.activity)),
                            ("records", .number($0.records)),
                        ])
                    })
            ),
            (
                "waiting",
                .array(
                    forecast.waiting.map {
                        .object([("events", .string($0.events)), ("records", .number($0.records))])
                    })
            ),
        ])
    }
}
