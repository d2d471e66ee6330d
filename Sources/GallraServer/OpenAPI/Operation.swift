import GallraCore
import GallraServices

/// The query parameters the API takes, described once.
enum QueryParameter {
    case lang, portable, status, kind, open, days
    case subject, since, until, action, actor, activity, limit, offset

    var json: JSONText {
        let (name, description, schema): (String, String, JSONText) =
            switch self {
            case .lang:
                (
                    "lang", "The language of texts",
                    .object([("type", .string("string")), ("enum", .array([.string("sv"), .string("en")]))])
                )
            case .portable: ("portable", "Only what Art. 20 covers", Schemas.boolText)
            case .status:
                (
                    "status",
                    "open: not completed; overdue: past the deadline; completed; all (the admin UI's tabs)",
                    .object([
                        ("type", .string("string")),
                        ("enum", .array(RequestTab.allCases.map { .string($0.rawValue) })),
                    ])
                )
            case .kind:
                (
                    "kind", "Only requests of this kind",
                    .object([
                        ("type", .string("string")),
                        ("enum", .array(RequestKind.allCases.map { .string($0.rawValue) })),
                    ])
                )
            case .open: ("open", "Only incidents not closed", Schemas.boolText)
            case .days:
                (
                    "days", "How many days ahead",
                    .object([("type", .string("integer")), ("minimum", .number(1)), ("maximum", .number(366))])
                )
            case .subject:
                (
                    "subject",
                    "Only entries of the person an e-mail address, phone number, personnummer or subject id names",
                    Schemas.string
                )
            case .since: ("since", "Only entries on or after this local day", Schemas.day)
            case .until: ("until", "Only entries on or before this local day", Schemas.day)
            case .action: ("action", "Only entries of this action (subject.export, request.open, …)", Schemas.string)
            case .actor:
                ("actor", "Only entries by this actor: a user's login, token:<name> or system:<job>", Schemas.string)
            case .activity: ("activity", "Only entries about this activity of the register (its id)", Schemas.string)
            case .limit:
                (
                    "limit", "How many entries at most (50 unless given)",
                    .object([
                        ("type", .string("integer")), ("minimum", .number(1)),
                        ("maximum", .number(Gallra.auditTrailPageLimit)),
                    ])
                )
            case .offset:
                (
                    "offset", "How many of the newest entries to pass over",
                    .object([("type", .string("integer")), ("minimum", .number(0))])
                )
            }
        return .object([
            ("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
            ("description", .string(description)), ("schema", schema),
        ])
    }
}

/// An operation of the document: its parameters, body and answers.
enum Operation {
    static func get(
        _ summary: String, _ id: String, path: [String] = [], query: [QueryParameter] = [], schema: String = "Object"
    ) -> JSONText {
        .object([
            ("summary", .string(summary)), ("operationId", .string(id)),
            ("parameters", .array(path.map(pathParameter) + query.map(\.json))),
            ("responses", responses(success: ("200", schema), errors: ["400", "401", "403", "404", "422", "503"])),
        ])
    }

    static func post(
        _ summary: String, _ id: String, path: [String] = [], body: String?, created: String? = nil, ok: String? = nil,
        links: [String] = []
    ) -> JSONText {
        write("post", summary, id, path: path, body: body, created: created, ok: ok, links: links)
    }

    /// `links`: the operations that take the `id` this one answers with, as their path's `id`.
    static func write(
        _ method: String, _ summary: String, _ id: String, path: [String] = [], body: String?, created: String? = nil,
        ok: String? = nil, links: [String] = []
    ) -> JSONText {
        let success: (String, String?) = created.map { ("201", $0) } ?? ok.map { ("200", $0) } ?? ("204", nil)
        var fields: [(String, JSONText)] = [
            ("summary", .string(summary)), ("operationId", .string(id)),
            ("parameters", .array(path.map(pathParameter))),
        ]
        if let body {
            fields.append(
                (
                    "requestBody",
                    .object([
                        ("required", .bool(true)),
                        ("content", .object([("application/json", .object([("schema", Schemas.reference(body))]))])),
                    ])
                ))
        }
        fields.append(
            (
                "responses",
                responses(
                    success: success, errors: ["400", "401", "403", "404", "409", "413", "422", "503"],
                    links: links)
            ))
        return .object(fields)
    }

    static func pathParameter(_ name: String) -> JSONText {
        .object([
            ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
            ("schema", .object([("type", .string("string"))])),
        ])
    }

    static func responses(success: (code: String, schema: String?), errors: [String], links: [String] = [])
        -> JSONText
    {
        var answers: [(String, JSONText)] = []
        if let schema = success.schema {
            var answer: [(String, JSONText)] = [
                ("description", .string("Done")),
                ("content", .object([("application/json", .object([("schema", Schemas.reference(schema))]))])),
            ]
            if !links.isEmpty {
                answer.append(
                    (
                        "links",
                        .object(
                            links.map { operation in
                                (
                                    operation,
                                    .object([
                                        ("operationId", .string(operation)),
                                        ("parameters", .object([("id", .string("$response.body#/id"))])),
                                    ])
                                )
                            })
                    ))
            }
            answers.append((success.code, .object(answer)))
        } else {
            answers.append((success.code, .object([("description", .string("Done"))])))
        }
        for code in errors {
            answers.append((code, .object([("$ref", .string("#/components/responses/Error\(code)"))])))
        }
        return .object(answers)
    }
}
