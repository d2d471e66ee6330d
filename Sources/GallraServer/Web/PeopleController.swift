import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's users (admins only): the list, adding one, and one user's page with what an
/// admin changes of them. Each answer reads the user back as the change left them.
struct PeopleController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    /// Where invitation links lead: the server's base URL, ending in a slash.
    let origin: String

    func add(to admin: RouterGroup<Context>) {
        admin.get("users", use: list)
        admin.post("users", use: create)
        admin.get("users/:id", use: show)
        admin.post("users/:id/role", use: role)
        admin.post("users/:id/disable", use: disable)
        admin.post("users/:id/enable", use: enable)
        admin.post("users/:id/reset", use: reset)
        admin.post("users/:id/end-sessions", use: endSessions)
        admin.post("users/:id/totp-remove", use: removeSecondFactor)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        try await listPage(context, UsersPage.Form())
    }

    private func listPage(
        _ context: Context, _ form: UsersPage.Form, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let words = Words(context.language)
        let calendar = try await gallra.calendar()
        let people = try await gallra.people(by: try context.person().party)
        let page = UsersPage(
            people: people.map { UsersPage.Row($0, words, calendar) }, form: form,
            roles: Self.roles(words, chosen: form.role), error: error)
        return AdminPage.render("users", title: words[.navUsers], page, context, status: status)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let fields = try await context.form(request)
        let words = Words(context.language)
        var form = UsersPage.Form()
        form.email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        form.role = fields["role"] ?? Role.support.rawValue
        form.activities = fields["activities"] ?? ""
        form.english = fields["lang"] == "en"
        form.invite = fields["handover"] == "invite"
        guard let role = Role(rawValue: form.role) else {
            return try await listPage(context, form, error: words[.userBadActivities], status: .unprocessableContent)
        }
        do {
            let (person, handover) = try await gallra.addPerson(
                email: form.email, access: Access(role: role, activities: Self.activities(form.activities)),
                language: form.english ? .en : .sv, invite: form.invite, by: try context.person().party)
            return try await handoverPage(
                person, handover, heading: words.fill(.usersAdded, ["email": person.email]), context)
        } catch let error as GallraError {
            let message: String
            switch error {
            case .conflict: message = words[.userExists]
            case .invalidInput(let text) where text.english.contains("e-mail"): message = words[.userBadEmail]
            case .invalidInput, .notFound: message = words[.userBadActivities]
            default: throw error
            }
            return try await listPage(context, form, error: message, status: error.httpStatus)
        }
    }

    /// The password or the link, shown once, with the user as added or reset.
    private func handoverPage(_ person: Person, _ handover: PasswordHandover, heading: String, _ context: Context)
        async throws -> Response
    {
        let words = Words(context.language)
        var page = HandoverPage(id: person.id, heading: heading)
        switch handover {
        case .oneTimePassword(let password):
            page.intro = words[.usersPasswordOnce]
            page.secret = password
        case .invitation(let token, let until):
            let calendar = try await gallra.calendar()
            page.intro = words.fill(.usersLinkOnce, ["until": AdminPage.moment(until, calendar)])
            page.secret = "\(origin)invitation/\(token)"
        }
        var response = AdminPage.render("handover", title: person.email, page, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        try await userPage(try context.parameters.require("id"), context)
    }

    private func userPage(
        _ id: String, _ context: Context, notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let words = Words(context.language)
        let person: Person
        do {
            person = try await gallra.person(id, by: try context.person().party)
        } catch GallraError.notFound {
            return AdminPage.render(
                "message", title: words[.userNotFound],
                MessagePage(heading: words[.userNotFound], message: words[.userNotFound]), context, status: .notFound)
        }
        let calendar = try await gallra.calendar()
        let sessions = try await gallra.openSessions(user: id, by: try context.person().party)
        let page = UserPage(
            row: UsersPage.Row(person, words, calendar), roles: Self.roles(words, chosen: person.access.role.rawValue),
            activities: person.access.activities.sorted().joined(separator: ", "),
            sessions: words.fill(.userSessionsOpen, ["count": "\(sessions)"]), notice: notice, error: error)
        return AdminPage.render("user", title: person.email, page, context, status: status)
    }

    @Sendable func role(_ request: Request, context: Context) async throws -> Response {
        let fields = try await context.form(request)
        let id = try context.parameters.require("id")
        let words = Words(context.language)
        guard let role = Role(rawValue: fields["role"] ?? "") else {
            return try await userPage(id, context, error: words[.userBadActivities], status: .unprocessableContent)
        }
        return try await changing(id, context) {
            let person = try await gallra.changeAccess(
                user: id, to: Access(role: role, activities: Self.activities(fields["activities"] ?? "")),
                by: try context.person().party)
            return words.fill(.userRoleChanged, ["role": UsersPage.Row.roleText(person.access, words)])
        }
    }

    @Sendable func disable(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let id = try context.parameters.require("id")
        return try await changing(id, context) {
            let person = try await gallra.setDisabled(user: id, true, by: try context.person().party)
            return Words(context.language)[person.disabled ? .userDisabledDone : .userEnabledDone]
        }
    }

    @Sendable func enable(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let id = try context.parameters.require("id")
        return try await changing(id, context) {
            let person = try await gallra.setDisabled(user: id, false, by: try context.person().party)
            return Words(context.language)[person.disabled ? .userDisabledDone : .userEnabledDone]
        }
    }

    @Sendable func reset(_ request: Request, context: Context) async throws -> Response {
        let fields = try await context.form(request)
        let id = try context.parameters.require("id")
        let party = try context.person().party
        let handover = try await gallra.resetPassword(user: id, invite: fields["handover"] == "invite", by: party)
        let person = try await gallra.person(id, by: party)
        return try await handoverPage(person, handover, heading: person.email, context)
    }

    @Sendable func endSessions(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let id = try context.parameters.require("id")
        return try await changing(id, context) {
            let ended = try await gallra.endSessions(user: id, by: try context.person().party)
            return Words(context.language).fill(.userSessionsEnded, ["count": "\(ended)"])
        }
    }

    @Sendable func removeSecondFactor(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let id = try context.parameters.require("id")
        return try await changing(id, context) {
            let person = try await gallra.removeSecondFactor(user: id, by: try context.person().party)
            return Words(context.language)[person.secondFactor ? .usersOn : .userSecondFactorRemoved]
        }
    }

    /// Runs a change and shows the user's page with what it did, or why it was refused.
    private func changing(_ id: String, _ context: Context, _ body: () async throws -> String) async throws
        -> Response
    {
        let words = Words(context.language)
        do {
            return try await userPage(id, context, notice: try await body())
        } catch let error as GallraError {
            let message: String
            switch error {
            case .conflict: message = words[.userLastAdmin]
            case .invalidInput, .notFound: message = words[.userBadActivities]
            default: throw error
            }
            return try await userPage(id, context, error: message, status: error.httpStatus)
        }
    }

    static func activities(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    static func roles(_ words: Words, chosen: String) -> [UsersPage.Choice] {
        Role.allCases.map {
            UsersPage.Choice(
                value: $0.rawValue, label: UsersPage.Row.roleName($0, words), chosen: $0.rawValue == chosen)
        }
    }
}

/// The users page (`users.mustache`).
struct UsersPage: Encodable, Sendable {
    let navUsers = true
    let people: [Row]
    let form: Form
    let roles: [Choice]
    let error: String?

    struct Form: Encodable, Sendable {
        var email = ""
        var role = Role.support.rawValue
        var activities = ""
        var english = false
        var invite = false
    }

    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let chosen: Bool
    }

    struct Row: Encodable, Sendable {
        let id: String
        let email: String
        let role: String
        let enabled: Bool
        let secondFactorOn: Bool
        let state: String
        let secondFactor: String
        let lastSignIn: String

        init(_ person: Person, _ words: Words, _ calendar: ZonedCalendar) {
            id = person.id
            email = person.email
            role = Self.roleText(person.access, words)
            enabled = !person.disabled
            secondFactorOn = person.secondFactor
            state = words[person.disabled ? .usersDisabled : .usersEnabled]
            secondFactor = words[person.secondFactor ? .usersOn : .usersOff]
            lastSignIn = person.lastSignIn.map { AdminPage.moment($0, calendar) } ?? words[.usersNever]
        }

        static func roleName(_ role: Role, _ words: Words) -> String {
            switch role {
            case .admin: words[.roleAdmin]
            case .privacyOfficer: words[.rolePrivacyOfficer]
            case .support: words[.roleSupport]
            case .auditor: words[.roleAuditor]
            }
        }

        /// "Support (customer-support, newsletter)".
        static func roleText(_ access: Access, _ words: Words) -> String {
            let name = roleName(access.role, words)
            return access.isScoped ? "\(name) (\(access.activities.sorted().joined(separator: ", ")))" : name
        }
    }
}

/// One user's page (`user.mustache`).
struct UserPage: Encodable, Sendable {
    let navUsers = true
    let row: UsersPage.Row
    let roles: [UsersPage.Choice]
    let activities: String
    let sessions: String
    let notice: String?
    let error: String?
}

/// A password or invitation link shown once (`handover.mustache`).
struct HandoverPage: Encodable, Sendable {
    let navUsers = true
    let id: String
    let heading: String
    var intro = ""
    var secret = ""
}
