import GallraCore
import GallraServices

/// The schemas of the bodies the API takes (closed: no other field) and gives.
enum Schemas {
    static func reference(_ name: String) -> JSONText {
        .object([("$ref", .string("#/components/schemas/\(name)"))])
    }

    static let string: JSONText = .object([("type", .string("string"))])
    static let nullableString: JSONText = .object([("type", .string("string")), ("nullable", .bool(true))])
    static let integer: JSONText = .object([("type", .string("integer"))])
    static let boolean: JSONText = .object([("type", .string("boolean"))])
    static let boolText: JSONText = .object([
        ("type", .string("string")), ("enum", .array([.string("true"), .string("false")])),
    ])
    static let strings: JSONText = .object([("type", .string("array")), ("items", string)])
    /// A count of people or records: whole, never negative, 64-bit (`ApproximateCount`).
    static let count: JSONText = .object([
        ("type", .string("integer")), ("format", .string("int64")), ("minimum", .number(0)),
        ("maximum", .number(Int(Int64.max))),
    ])

    /// An instant as `ZonedCalendar.parseInstant` reads it; `note` says more where a field needs it.
    static func instant(_ note: String = "") -> JSONText {
        .object([
            ("type", .string("string")),
            ("description", .string("An RFC 3339 instant, or YYYY-MM-DD for local midnight.\(note)")),
        ])
    }

    static let dateTime: JSONText = .object([("type", .string("string")), ("format", .string("date-time"))])

    static let day: JSONText = .object([
        ("type", .string("string")), ("format", .string("date")), ("description", .string("YYYY-MM-DD.")),
    ])

    static func enumeration(_ values: [String]) -> JSONText {
        .object([("type", .string("string")), ("enum", .array(values.map { .string($0) }))])
    }

    /// A body the API takes: these fields, `required` among them, and no other.
    static func closed(_ properties: [(String, JSONText)], required: [String] = []) -> JSONText {
        var fields: [(String, JSONText)] = [
            ("type", .string("object")), ("properties", .object(properties)), ("additionalProperties", .bool(false)),
        ]
        if !required.isEmpty { fields.append(("required", .array(required.map { .string($0) }))) }
        return .object(fields)
    }

    /// An answer: an object with at least these fields.
    static func answer(_ properties: [(String, JSONText)], required: [String]) -> JSONText {
        .object([
            ("type", .string("object")), ("properties", .object(properties)),
            ("required", .array(required.map { .string($0) })),
        ])
    }

    static let all: JSONText = .object(core + people)

    static let core: [(String, JSONText)] = [
        ("Object", .object([("type", .string("object"))])),
        ("Created", answer([("id", string)], required: ["id"])),
        (
            "NewSubject",
            closed([("email", string), ("name", string), ("phone", string), ("personal_number", string)])
        ),
        (
            "NewRecord",
            closed(
                [
                    ("subject", string), ("activity", string), ("category", string), ("value", string),
                    ("collected", instant()), ("system", string),
                ], required: ["subject", "activity", "category", "value"])
        ),
        (
            "Events",
            closed(
                [
                    ("subject", string), ("activity", string), ("record", string),
                    ("events", .object([("type", .string("object")), ("additionalProperties", instant())])),
                ], required: ["subject", "events"])
        ),
        (
            "NewRequest",
            closed(
                [
                    ("kind", enumeration(RequestKind.allCases.map(\.rawValue))), ("subject", string),
                    ("received", day), ("channel", string), ("activities", strings), ("verified_how", string),
                ], required: ["kind", "subject"])
        ),
        ("Verify", closed([("how", string)], required: ["how"])),
        ("Extend", closed([("reason", string)], required: ["reason"])),
        ("Complete", closed([("via", string), ("lang", enumeration(["sv", "en"]))])),
        (
            "Refuse",
            closed(
                [
                    ("ground", enumeration(RequestRefusal.Ground.allCases.map(\.rawValue))), ("reason", string),
                    ("via", enumeration(RequestChannel.allCases.map(\.rawValue))),
                ], required: ["ground", "reason"])
        ),
        (
            "Scope",
            closed(
                [
                    (
                        "activities",
                        .object([("type", .string("array")), ("items", string), ("nullable", .bool(true))])
                    ),
                    ("reason", string),
                ], required: ["reason"])
        ),
        ("Sweep", closed([("dry_run", boolean)])),
        (
            "IncidentFacts",
            closed([
                ("aware", instant(" Only when the incident is opened: a PATCH that gives it is refused.")),
                ("occurred", instant()), ("ended", instant()), ("description", string),
                ("subject_categories", strings), ("data_categories", strings), ("approximate_subjects", count),
                ("approximate_records", count), ("consequences", string), ("measures", string),
                ("risk", enumeration(["none", "risk", "high"])), ("affected", strings),
                ("discovered_how", string),
                (
                    "nature",
                    .object([
                        ("type", .string("array")), ("items", enumeration(Incident.Nature.allCases.map(\.rawValue))),
                    ])
                ),
                ("contact_point", string), ("risk_reasoning", string),
            ])
        ),
        (
            "Notification",
            closed([
                ("imy", instant()), ("reference", string), ("delay_reasons", string), ("no_imy_reason", string),
                ("subjects_informed", instant()), ("exemption", enumeration(["a", "b", "c"])),
                ("exemption_reason", string),
            ])
        ),
        (
            "Request",
            answer(
                [
                    ("id", string), ("kind", string), ("received", string), ("deadline", string), ("status", string),
                    ("subject", string), ("decisions", .object([("type", .string("array"))])),
                    ("verified", nullableString), ("message", nullableString),
                    // The short reference people quote (`2026-0042`); null for none.
                    ("reference", nullableString),
                    // The activities it names; null: all of them.
                    (
                        "activities",
                        .object([("type", .string("array")), ("items", string), ("nullable", .bool(true))])
                    ),
                    ("scope_reason", nullableString),
                    (
                        "refusal",
                        .object([
                            ("type", .string("object")), ("nullable", .bool(true)),
                            ("properties", .object([("ground", string), ("article", string), ("reason", string)])),
                        ])
                    ),
                    (
                        "duplicates",
                        .object([
                            ("type", .string("array")),
                            ("items", answer([("id", string), ("reference", nullableString)], required: ["id"])),
                        ])
                    ),
                ], required: ["id", "kind", "received", "deadline", "status", "decisions"])
        ),
        (
            "RequestList",
            .object([
                ("type", .string("array")),
                (
                    "items",
                    answer(
                        [
                            ("id", string), ("deadline", string), ("days_left", integer), ("overdue", boolean),
                            ("reference", nullableString),
                        ],
                        required: ["id", "deadline", "days_left", "overdue"])
                ),
            ])
        ),
        (
            "Completion",
            answer(
                [
                    ("request", reference("Request")), ("subject_erased", boolean),
                    ("connected", .object([("type", .string("array")), ("items", reference("ConnectedChange"))])),
                    ("copy", reference("SubjectExport")),
                ],
                required: ["request", "subject_erased", "connected"])
        ),
        (
            // The item `gallra request show|complete --json` give too (`ConnectedChange.json`).
            "ConnectedChange",
            answer(
                [
                    ("record", string), ("system", string), ("table", string), ("activity", string),
                    ("action", enumeration(ConnectedChange.Action.allCases.map(\.rawValue))),
                    ("column", string),
                ],
                required: ["record", "system", "table", "activity", "action"])
        ),
        (
            "SubjectExport",
            answer([("schema", string), ("subject", string)], required: ["schema", "subject"])
        ),
        (
            "GiveConsent",
            closed(
                [
                    ("subject", string), ("activity", string),
                    (
                        "wording_version",
                        .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9._-]{1,64}$"))])
                    ),
                    ("channel", enumeration(Gallra.consentChannels)), ("given", instant(" Now unless given.")),
                ], required: ["subject", "activity", "wording_version", "channel"])
        ),
        (
            "WithdrawConsent",
            closed(
                [
                    ("subject", string), ("activity", string), ("channel", enumeration(Gallra.consentChannels)),
                    ("withdrawn", instant(" Now unless given.")),
                ], required: ["subject", "activity", "channel"])
        ),
        (
            "Consent",
            answer(
                [
                    ("id", string), ("subject", string), ("activity", string), ("wording_version", string),
                    ("channel", string), ("given", dateTime), ("withdrawn", nullableString), ("in_force", boolean),
                ],
                required: ["id", "subject", "activity", "wording_version", "channel", "given", "withdrawn", "in_force"])
        ),
        ("ConsentList", .object([("type", .string("array")), ("items", reference("Consent"))])),
        (
            "NewHold",
            closed(
                [
                    ("subject", string), ("activity", string), ("reason", string),
                    ("until", instant(" Until released unless given.")),
                ], required: ["subject", "reason"])
        ),
        (
            "Hold",
            answer(
                [
                    ("id", string), ("subject", string), ("activity", nullableString), ("until", nullableString),
                    ("released", nullableString), ("in_force", boolean),
                    // Read only where one hold is read by id.
                    ("reason", nullableString),
                ],
                required: ["id", "subject", "activity", "until", "released", "in_force", "reason"])
        ),
        ("HoldList", .object([("type", .string("array")), ("items", reference("Hold"))])),
        (
            "SystemsInForce",
            answer(
                [
                    ("version", integer), ("applied_at", dateTime),
                    (
                        "systems",
                        .object([
                            ("type", .string("array")),
                            (
                                "items",
                                answer(
                                    [
                                        ("id", string),
                                        // A password in it is shown as ***; ${NAME} placeholders as written.
                                        ("database", string),
                                        ("tables", .object([("type", .string("array"))])),
                                    ], required: ["id", "database", "tables"])
                            ),
                        ])
                    ),
                ], required: ["version", "applied_at", "systems"])
        ),
        ("Incident", answer([("id", string), ("affected_subjects", integer)], required: ["id", "affected_subjects"])),
        ("IncidentList", .object([("type", .string("array")), ("items", reference("Incident"))])),
        ("PeopleDecision", OpenAPIDocument.peopleDecisionSchema),
        ("IncidentVersions", OpenAPIDocument.incidentVersionsSchema),
        ("Forecast", answer([("days", integer), ("overdue", integer)], required: ["days", "overdue"])),
        ("SweepReport", answer([("erased", integer), ("anonymised", integer)], required: ["erased", "anonymised"])),
        ("AuditVerification", answer([("intact", boolean)], required: ["intact"])),
        (
            "AuditEntry",
            answer(
                [
                    ("seq", integer), ("at", .object([("type", .string("string")), ("format", .string("date-time"))])),
                    ("actor", string), ("action", string), ("subject", nullableString), ("activity", nullableString),
                    ("detail", string),
                ],
                required: ["seq", "at", "actor", "action", "subject", "activity", "detail"])
        ),
        ("AuditTrail", .object([("type", .string("array")), ("items", reference("AuditEntry"))])),
        (
            "Error",
            answer(
                [("error", answer([("message", string)], required: ["message"]))], required: ["error"])
        ),
    ]

    static let errorResponses: JSONText = .object(
        [
            ("400", "The body is not a JSON object in UTF-8"), ("401", "No valid token"),
            ("403", "The role may not do this"),
            ("404", "Not found"), ("409", "A conflict, such as an identifier already registered"),
            ("413", "The body is too large"),
            (
                "422",
                "Invalid input, such as an unknown field or one given twice; the message names the field and what it takes"
            ),
            ("503", "The store is unavailable, or the sweep runs elsewhere"),
        ].map { code, text in
            (
                "Error\(code)",
                .object([
                    ("description", .string(text)),
                    ("content", .object([("application/json", .object([("schema", reference("Error"))]))])),
                ])
            )
        })
}
