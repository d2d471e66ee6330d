import GallraCore

/// The incident register's operations beyond the first ones: the Art. 34 decision, the versions
/// of the facts, and the register as documentation (Art. 33(5)).
extension OpenAPIDocument {
    static let incidentPaths: [(String, JSONText)] = [
        (
            "/api/v1/incidents/{id}/people",
            .object([
                (
                    "post",
                    Operation.post(
                        "Decide whether the people affected are told (Art. 34); telling them queues a message to each",
                        "decideIncidentPeople", path: ["id"], body: "PeopleDecision", ok: "Incident")
                )
            ])
        ),
        (
            "/api/v1/incidents/{id}/versions",
            .object([
                (
                    "get",
                    Operation.get(
                        "Each version of an incident's facts (Art. 33(4))", "incidentVersions", path: ["id"],
                        schema: "IncidentVersions")
                )
            ])
        ),
        ("/api/v1/incident-register", .object([("get", registerOperation)])),
    ]

    /// The register as CSV or as a printable HTML document, in the language asked for.
    static let registerOperation: JSONText = {
        let format = JSONText.object([
            ("name", .string("format")), ("in", .string("query")), ("required", .bool(false)),
            ("description", .string("csv or html (html unless given)")),
            ("schema", Schemas.enumeration(["csv", "html"])),
        ])
        var answers: [(String, JSONText)] = [
            (
                "200",
                .object([
                    ("description", .string("The register")),
                    (
                        "content",
                        .object([
                            ("text/csv", .object([("schema", Schemas.string)])),
                            ("text/html", .object([("schema", Schemas.string)])),
                        ])
                    ),
                ])
            )
        ]
        for code in ["400", "401", "403", "422", "503"] {
            answers.append((code, .object([("$ref", .string("#/components/responses/Error\(code)"))])))
        }
        return .object([
            ("summary", .string("The incident register as documentation (Art. 33(5))")),
            ("operationId", .string("incidentRegister")),
            ("parameters", .array([format, QueryParameter.lang.json])),
            ("responses", .object(answers)),
        ])
    }()

    static let peopleDecisionSchema: JSONText = Schemas.closed([
        ("decision", Schemas.enumeration(Incident.PeopleDecision.allCases.map(\.rawValue))),
        ("exemption", Schemas.enumeration(Incident.Exemption.allCases.map(\.rawValue))),
        ("reason", Schemas.string), ("told", Schemas.instant(" When they were told another way.")),
    ])

    static let incidentVersionsSchema: JSONText = .object([
        ("type", .string("array")),
        (
            "items",
            Schemas.answer(
                [
                    ("version", Schemas.integer), ("at", Schemas.string), ("actor", Schemas.string),
                    ("changed", Schemas.strings), ("facts", .object([("type", .string("object"))])),
                ], required: ["version", "at", "actor", "changed", "facts"])
        ),
    ])
}
