import ArgumentParser
import Foundation
import GallraCore
import GallraServices

/// Where an invitation link leads: the server's address as people reach it.
struct InvitationLink: ParsableArguments {
    @Option(help: "The server's address as people reach it, for invitation links.") var baseURL =
        "http://127.0.0.1:8080/"

    /// A one-time password, or the invitation's link and until when it holds.
    func text(_ handover: PasswordHandover) -> String {
        switch handover {
        case .oneTimePassword(let password):
            return password
        case .invitation(let token, let until):
            let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            return "\(base)invitation/\(token)  (single use, until \(ISO8601DateFormatter().string(from: until)))"
        }
    }
}

extension UserCommand {
    /// "support (activities a, b)", "admin".
    static func roleText(_ access: Access) -> String {
        access.isScoped
            ? "\(access.role.rawValue) (\(access.activities.sorted().joined(separator: ", ")))" : access.role.rawValue
    }

    static func day(_ date: Date, _ calendar: ZonedCalendar) -> String {
        String(calendar.rfc3339(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract:
                "The users: login, role (and activities), whether they may sign in, their second factor, their last sign-in."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                for person in try await gallra.people(by: store.party) {
                    print(
                        [
                            person.email.padded(to: 32), UserCommand.roleText(person.access).padded(to: 28),
                            (person.disabled ? "disabled" : "enabled").padded(to: 8),
                            (person.secondFactor ? "2fa" : "no 2fa").padded(to: 6),
                            person.lastSignIn.map { "last sign-in \(UserCommand.day($0, calendar))" }
                                ?? "never signed in",
                        ].joined(separator: "  "))
                }
            }
        }
    }

    struct ChangeRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role", abstract: "Give a user another role (and a support user their activities).")

        @Argument(help: "Their e-mail address.") var email: String
        @Option(help: "admin, privacy_officer, support or auditor.") var role: Role
        @Option(help: "An activity a support user works with (repeat for more).") var activity: [String] = []
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if role != .support && !activity.isEmpty {
                throw ValidationError("Only a support user is limited to activities; leave out --activity.")
            }
        }

        func run() async throws {
            try await store.withGallra { gallra in
                let person = try await gallra.person(email: email, by: store.party)
                let changed = try await gallra.changeAccess(
                    user: person.id, to: Access(role: role, activities: Set(activity)), by: store.party)
                print("User \(changed.id) now has the role \(UserCommand.roleText(changed.access)).")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable", abstract: "Stop a user from signing in; their open sessions end at once.")

        @Argument(help: "Their e-mail address.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let person = try await gallra.person(email: email, by: store.party)
                let changed = try await gallra.setDisabled(user: person.id, true, by: store.party)
                print(changed.disabled ? "User \(changed.id) is disabled." : "User \(changed.id) is still enabled.")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable", abstract: "Let a disabled user sign in again.")

        @Argument(help: "Their e-mail address.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let person = try await gallra.person(email: email, by: store.party)
                let changed = try await gallra.setDisabled(user: person.id, false, by: store.party)
                print(changed.disabled ? "User \(changed.id) is still disabled." : "User \(changed.id) is enabled.")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract:
                "Reset a user's password: prints a one-time password, to be changed at their next sign-in (or, with --invite, a link); their sessions end."
        )

        @Argument(help: "Their e-mail address.") var email: String
        @Flag(help: "Print an invitation link (single use, three days) instead of a password.") var invite = false
        @OptionGroup var link: InvitationLink
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let person = try await gallra.person(email: email, by: store.party)
                print(link.text(try await gallra.resetPassword(user: person.id, invite: invite, by: store.party)))
            }
        }
    }

    struct EndSessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end-sessions",
            abstract: "Sign a user out everywhere: their open pages go to the sign-in page at their next request.")

        @Argument(help: "Their e-mail address.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let person = try await gallra.person(email: email, by: store.party)
                let ended = try await gallra.endSessions(user: person.id, by: store.party)
                print("\(ended) \(ended == 1 ? "session" : "sessions") ended.")
            }
        }
    }

    struct RemoveSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "totp-remove",
            abstract:
                "Remove a user's second factor and recovery codes (a lost phone); they enrol a new one after signing in."
        )

        @Argument(help: "Their e-mail address.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let person = try await gallra.person(email: email, by: store.party)
                _ = try await gallra.removeSecondFactor(user: person.id, by: store.party)
                print("User \(person.id) has no second factor now.")
            }
        }
    }
}
