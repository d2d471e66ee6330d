import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Users and API tokens over HTTP (admins): the same use cases as the admin UI's users page and
/// `gallra user` / `gallra token`. A password, invitation link or token is in the answer that
/// made it, once, and never again.
struct PeopleAPIController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    /// Where invitation links lead: the server's base URL, ending in a slash.
    let origin: String

    func add(to api: RouterGroup<Context>) {
        api.get("users", use: list)
        api.post("users", use: create)
        api.get("users/:id", use: show)
        api.patch("users/:id", use: update)
        api.post("users/:id/reset-password", use: resetPassword)
        api.post("users/:id/end-sessions", use: endSessions)
        api.get("tokens", use: tokens)
        api.post("tokens", use: createToken)
        api.delete("tokens/:name", use: revokeToken)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> JSONResponse {
        let calendar = try await gallra.calendar()
        let people = try await gallra.people(by: try context.actingParty())
        return JSONResponse(.array(people.map { Self.json($0, calendar) }))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> JSONResponse {
        let person = try await gallra.person(try context.parameters.require("id"), by: try context.actingParty())
        return JSONResponse(Self.json(person, try await gallra.calendar()))
    }

    /// POST /api/v1/users: a one-time password in the answer, or with `"invite": true` a link.
    @Sendable func create(_ request: Request, context: Context) async throws -> JSONResponse {
        let party = try context.actingParty()
        let body = try await request.decodeStrictly(NewUserRequest.self)
        let access = try Self.access(body.role, body.activities)
        let language = try Self.language(body.language)
        let (person, handover) = try await gallra.addPerson(
            email: body.email, access: access, language: language, invite: body.invite ?? false, by: party)
        let calendar = try await gallra.calendar()
        return JSONResponse(
            .object(Self.fields(person, calendar) + handoverFields(handover, calendar)), status: .created)
    }

    /// PATCH /api/v1/users/{id}: a new role (with its activities), or `disabled`.
    @Sendable func update(_ request: Request, context: Context) async throws -> JSONResponse {
        let party = try context.actingParty()
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(UserChangeRequest.self)
        guard body.role != nil || body.activities != nil || body.disabled != nil else {
            throw GallraError.invalidInput("Give a role (with activities for support), or disabled, or both.")
        }
        if body.activities != nil && body.role == nil {
            throw GallraError.invalidInput("Activities come with a role: give \"role\": \"support\" beside them.")
        }
        var person = try await gallra.person(id, by: party)
        if let role = body.role {
            person = try await gallra.changeAccess(user: id, to: try Self.access(role, body.activities), by: party)
        }
        if let disabled = body.disabled {
            person = try await gallra.setDisabled(user: id, disabled, by: party)
        }
        return JSONResponse(Self.json(person, try await gallra.calendar()))
    }

    /// POST /api/v1/users/{id}/reset-password: a one-time password, or with `"invite": true` a link.
    @Sendable func resetPassword(_ request: Request, context: Context) async throws -> JSONResponse {
        let party = try context.actingParty()
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(ResetPasswordRequest.self)
        let handover = try await gallra.resetPassword(user: id, invite: body.invite ?? false, by: party)
        let calendar = try await gallra.calendar()
        let person = try await gallra.person(id, by: party)
        return JSONResponse(.object(Self.fields(person, calendar) + handoverFields(handover, calendar)))
    }

    @Sendable func endSessions(_ request: Request, context: Context) async throws -> JSONResponse {
        let ended = try await gallra.endSessions(
            user: try context.parameters.require("id"), by: try context.actingParty())
        return JSONResponse(.object([("ended", .number(ended))]))
    }

    @Sendable func tokens(_ request: Request, context: Context) async throws -> JSONResponse {
        let calendar = try await gallra.calendar()
        let tokens = try await gallra.tokens(by: try context.actingParty())
        return JSONResponse(
            .array(
                tokens.map { token in
                    .object(
                        Self.accessFields(token.access) + [
                            ("name", .string(token.name)), ("created", .string(calendar.rfc3339(token.created))),
                            ("revoked", .optional(token.revoked.map { calendar.rfc3339($0) })),
                        ])
                }))
    }

    /// POST /api/v1/tokens: the token's secret in the answer, once.
    @Sendable func createToken(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(NewTokenRequest.self)
        let access = try Self.access(body.role, body.activities)
        let secret = try await gallra.createToken(name: body.name, access: access, by: try context.actingParty())
        return JSONResponse(
            .object([("name", .string(body.name)), ("token", .string(secret))] + Self.accessFields(access)),
            status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: Context) async throws -> Response {
        try await gallra.revokeToken(name: try context.parameters.require("name"), by: try context.actingParty())
        return Response(status: .noContent)
    }

    private func handoverFields(_ handover: PasswordHandover, _ calendar: ZonedCalendar) -> [(String, JSONText)] {
        switch handover {
        case .oneTimePassword(let password):
            return [("password", .string(password))]
        case .invitation(let token, let until):
            return [
                ("invitation", .string("\(origin)invitation/\(token)")), ("until", .string(calendar.rfc3339(until))),
            ]
        }
    }

    static func access(_ role: String, _ activities: [String]?) throws -> Access {
        guard let role = Role(rawValue: role) else {
            throw GallraError.invalidInput(
                "\"role\" is one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if role != .support && !(activities ?? []).isEmpty {
            throw GallraError.invalidInput("Only a support role is limited to activities; leave out \"activities\".")
        }
        return Access(role: role, activities: Set(activities ?? []))
    }

    static func language(_ text: String?) throws -> Language {
        guard let text else { return .sv }
        guard let language = Language(rawValue: text) else {
            throw GallraError.invalidInput("\"language\" is sv or en.")
        }
        return language
    }

    static func accessFields(_ access: Access) -> [(String, JSONText)] {
        [
            ("role", .string(access.role.rawValue)),
            ("activities", .array(access.activities.sorted().map { .string($0) })),
        ]
    }

    static func fields(_ person: Person, _ calendar: ZonedCalendar) -> [(String, JSONText)] {
        [("id", .string(person.id)), ("email", .string(person.email))] + accessFields(person.access) + [
            ("language", .string(person.language.rawValue)), ("disabled", .bool(person.disabled)),
            ("second_factor", .bool(person.secondFactor)), ("must_change_password", .bool(person.mustChangePassword)),
            ("last_sign_in", .optional(person.lastSignIn.map { calendar.rfc3339($0) })),
        ]
    }

    static func json(_ person: Person, _ calendar: ZonedCalendar) -> JSONText {
        .object(fields(person, calendar))
    }
}

struct NewUserRequest: JSONBody {
    static let fields: Set<String> = ["email", "role", "activities", "language", "invite"]
    var email: String
    var role: String
    var activities: [String]?
    var language: String?
    var invite: Bool?
}

struct UserChangeRequest: JSONBody {
    static let fields: Set<String> = ["role", "activities", "disabled"]
    var role: String?
    var activities: [String]?
    var disabled: Bool?
}

struct ResetPasswordRequest: JSONBody {
    static let fields: Set<String> = ["invite"]
    var invite: Bool?
}

struct NewTokenRequest: JSONBody {
    static let fields: Set<String> = ["name", "role", "activities"]
    var name: String
    var role: String
    var activities: [String]?
}
