import GallraCore

/// The users and API tokens of `/api/v1` (admins), described for the OpenAPI document.
extension OpenAPIDocument {
    static let peoplePaths: [(String, JSONText)] = [
        (
            "/api/v1/users",
            .object([
                ("get", Operation.get("The users who sign in to the admin UI", "listUsers", schema: "UserList")),
                (
                    "post",
                    Operation.post(
                        "Add a user: a one-time password in the answer, or with invite an invitation link, once",
                        "addUser", body: "NewUser", created: "UserHandover", links: ["showUser"])
                ),
            ])
        ),
        (
            "/api/v1/users/{id}",
            .object([
                ("get", Operation.get("A user", "showUser", path: ["id"], schema: "User")),
                (
                    "patch",
                    Operation.write(
                        "patch", "Change a user's role and activities, or disable or enable them (their sessions end)",
                        "changeUser", path: ["id"], body: "UserChange", ok: "User")
                ),
            ])
        ),
        (
            "/api/v1/users/{id}/reset-password",
            .object([
                (
                    "post",
                    Operation.post(
                        "Reset a user's password: a one-time password (changed at the next sign-in) or an invitation link; their sessions end",
                        "resetPassword", path: ["id"], body: "PasswordReset", ok: "UserHandover")
                )
            ])
        ),
        (
            "/api/v1/users/{id}/end-sessions",
            .object([
                (
                    "post",
                    Operation.post(
                        "End every session of a user", "endSessions", path: ["id"], body: nil, ok: "SessionsEnded")
                )
            ])
        ),
        (
            "/api/v1/tokens",
            .object([
                (
                    "get",
                    Operation.get(
                        "The API tokens, in force or revoked; never a secret", "listTokens", schema: "TokenList")
                ),
                (
                    "post",
                    Operation.post(
                        "Create an API token: its secret in the answer, once", "createToken", body: "NewToken",
                        created: "CreatedToken")
                ),
            ])
        ),
        (
            "/api/v1/tokens/{name}",
            .object([
                (
                    "delete",
                    Operation.write("delete", "Revoke a token", "revokeToken", path: ["name"], body: nil)
                )
            ])
        ),
    ]
}

extension Schemas {
    static let role = enumeration(Role.allCases.map(\.rawValue))
    static let instantOrNull: JSONText = .object([
        ("type", .string("string")), ("format", .string("date-time")), ("nullable", .bool(true)),
    ])

    static let people: [(String, JSONText)] = [
        (
            "User",
            answer(
                [
                    ("id", string), ("email", string), ("role", role), ("activities", strings),
                    ("language", enumeration(["sv", "en"])), ("disabled", boolean), ("second_factor", boolean),
                    ("must_change_password", boolean), ("last_sign_in", instantOrNull),
                ],
                required: ["id", "email", "role", "activities", "disabled", "second_factor"])
        ),
        ("UserList", .object([("type", .string("array")), ("items", reference("User"))])),
        (
            "UserHandover",
            answer(
                [
                    ("id", string), ("email", string), ("password", string), ("invitation", string), ("until", string),
                ], required: ["id", "email"])
        ),
        (
            "NewUser",
            closed(
                [
                    ("email", .object([("type", .string("string")), ("format", .string("email"))])), ("role", role),
                    ("activities", strings), ("language", enumeration(["sv", "en"])), ("invite", boolean),
                ], required: ["email", "role"])
        ),
        ("UserChange", closed([("role", role), ("activities", strings), ("disabled", boolean)])),
        ("PasswordReset", closed([("invite", boolean)])),
        ("SessionsEnded", answer([("ended", integer)], required: ["ended"])),
        (
            "Token",
            answer(
                [
                    ("name", string), ("role", role), ("activities", strings),
                    ("created", .object([("type", .string("string")), ("format", .string("date-time"))])),
                    ("revoked", instantOrNull),
                ], required: ["name", "role", "activities", "created", "revoked"])
        ),
        ("TokenList", .object([("type", .string("array")), ("items", reference("Token"))])),
        (
            "NewToken",
            closed(
                [
                    (
                        "name",
                        .object([
                            ("type", .string("string")), ("pattern", .string("^[a-z0-9][a-z0-9._-]{0,62}$")),
                        ])
                    ),
                    ("role", role), ("activities", strings),
                ], required: ["name", "role"])
        ),
        (
            "CreatedToken",
            answer([("name", string), ("token", string), ("role", role)], required: ["name", "token", "role"])
        ),
    ]
}
