import GallraCore

/// The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`. It is the contract:
/// the test command runs schemathesis against the live server with it.
enum OpenAPIDocument {
    static let json: JSONText = .object([
        ("openapi", .string("3.0.3")),
        (
            "info",
            .object([
                ("title", .string("Gallra")),
                ("version", .string("1")),
                (
                    "description",
                    .string(
                        "The GDPR register that enforces itself: subjects, records, consents, legal holds, requests, incidents, the register, its systems and its sweep. Programs send `Authorization: Bearer TOKEN` (gallra token create). Errors are {\"error\": {\"message\": …}}."
                    )
                ),
            ])
        ),
        ("servers", .array([.object([("url", .string("/"))])])),
        ("security", .array([.object([("bearer", .array([]))])])),
        ("paths", paths),
        (
            "components",
            .object([
                (
                    "securitySchemes",
                    .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])
                ),
                ("schemas", Schemas.all),
                ("responses", Schemas.errorResponses),
            ])
        ),
    ])

    static let paths: JSONText = .object(corePaths + incidentPaths + peoplePaths)

    static let corePaths: [(String, JSONText)] =
        [
            (
                "/api/v1/register",
                .object([("get", Operation.get("The register in force", "register", query: [.lang]))])
            ),
            (
                "/api/v1/subjects",
                .object([
                    ("post", Operation.post("Add a data subject", "addSubject", body: "NewSubject", created: "Created"))
                ])
            ),
            (
                "/api/v1/subjects/{ref}",
                .object([
                    (
                        "get",
                        Operation.get(
                            "Everything held on a subject (Art. 15), or with portable=true what Art. 20 covers",
                            "exportSubject", path: ["ref"], query: [.portable], schema: "SubjectExport")
                    )
                ])
            ),
            (
                "/api/v1/subjects/{ref}/consents",
                .object([
                    (
                        "get",
                        Operation.get(
                            "A person's consents, given and withdrawn, the oldest first (by subject id, e-mail address, phone number or personnummer)",
                            "listConsents", path: ["ref"], schema: "ConsentList")
                    )
                ])
            ),
            (
                "/api/v1/subjects/{ref}/holds",
                .object([
                    (
                        "get",
                        Operation.get(
                            "The legal holds in force on a person", "listSubjectHolds", path: ["ref"],
                            schema: "HoldList")
                    )
                ])
            ),
            (
                "/api/v1/records",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Store a piece of personal data", "addRecord", body: "NewRecord", created: "Created")
                    )
                ])
            ),
            (
                "/api/v1/events",
                .object([
                    (
                        "post",
                        Operation.post("Record events retention counts from", "addEvents", body: "Events", created: nil)
                    )
                ])
            ),
            (
                "/api/v1/requests",
                .object([
                    (
                        "get",
                        Operation.get(
                            "Requests in a tab of the queue (not yet completed by default), the nearest deadline first",
                            "listRequests", query: [.status, .kind],
                            schema: "RequestList")
                    ),
                    (
                        "post",
                        Operation.post(
                            "Register a data subject request", "openRequest", body: "NewRequest", created: "Request")
                    ),
                ])
            ),
            (
                "/api/v1/requests/{id}",
                .object([
                    (
                        "get",
                        Operation.get(
                            "A request and its decisions", "showRequest", path: ["id"], query: [.lang],
                            schema: "Request")
                    )
                ])
            ),
            (
                "/api/v1/requests/{id}/verify",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Record the verified identity (Art. 12(6))", "verifyRequest", path: ["id"], body: "Verify",
                            ok: "Request")
                    )
                ])
            ),
            (
                "/api/v1/requests/{id}/extend",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Extend the deadline by two months (Art. 12(3))", "extendRequest", path: ["id"],
                            body: "Extend",
                            ok: "Request")
                    )
                ])
            ),
            (
                "/api/v1/requests/{id}/complete",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Carry the decisions out", "completeRequest", path: ["id"], body: "Complete",
                            ok: "Completion")
                    )
                ])
            ),
            (
                "/api/v1/requests/{id}/refuse",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Refuse the request with its reason, the person told (Art. 12(4))", "refuseRequest",
                            path: ["id"], body: "Refuse", ok: "Request")
                    )
                ])
            ),
            (
                "/api/v1/requests/{id}/scope",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Narrow or widen the activities the request names, with the reason", "scopeRequest",
                            path: ["id"], body: "Scope", ok: "Request")
                    )
                ])
            ),
            (
                "/api/v1/incidents",
                .object([
                    (
                        "get",
                        Operation.get(
                            "Incidents, the newest first", "listIncidents", query: [.open], schema: "IncidentList")
                    ),
                    (
                        "post",
                        Operation.post(
                            "Register an incident (Art. 33)", "openIncident", body: "IncidentFacts", created: "Incident"
                        )
                    ),
                ])
            ),
            (
                "/api/v1/incidents/{id}",
                .object([
                    (
                        "get",
                        Operation.get(
                            "An incident and its 72-hour clock", "showIncident", path: ["id"], schema: "Incident")
                    ),
                    (
                        "patch",
                        Operation.write(
                            "patch", "Add or correct facts", "updateIncident", path: ["id"], body: "IncidentFacts",
                            ok: "Incident")
                    ),
                ])
            ),
            (
                "/api/v1/incidents/{id}/notification",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Record the notification to IMY and the information to the people affected",
                            "notifyIncident",
                            path: ["id"], body: "Notification", ok: "Incident")
                    )
                ])
            ),
            (
                "/api/v1/incidents/{id}/close",
                .object([
                    (
                        "post",
                        Operation.post(
                            "Close a handled incident", "closeIncident", path: ["id"], body: nil, ok: "Incident")
                    )
                ])
            ),
            (
                "/api/v1/forecast",
                .object([
                    (
                        "get",
                        Operation.get("What expires over the next days", "forecast", query: [.days], schema: "Forecast")
                    )
                ])
            ),
            (
                "/api/v1/sweep",
                .object([("post", Operation.post("Sweep now, or a dry run", "sweep", body: "Sweep", ok: "SweepReport"))]
                )
            ),
            (
                "/api/v1/audit",
                .object([
                    (
                        "get",
                        Operation.get(
                            "The audit trail, the newest first", "auditTrail",
                            query: [.subject, .actor, .action, .activity, .since, .until, .limit, .offset],
                            schema: "AuditTrail")
                    )
                ])
            ),
            (
                "/api/v1/audit/verify",
                .object([
                    (
                        "get",
                        Operation.get("Whether the audit chain is intact", "verifyAudit", schema: "AuditVerification")
                    )
                ])
            ),
        ]
}
