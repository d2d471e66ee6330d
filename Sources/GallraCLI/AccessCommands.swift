import ArgumentParser
import Foundation
import GallraCore
import GallraServices

extension Role: ExpressibleByArgument {}

/// `gallra user add`: people who sign in to the admin UI (`shared/spec/server.md`).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "People who sign in to the admin UI.",
        subcommands: [
            List.self, Add.self, ChangeRole.self, Disable.self, Enable.self, ResetPassword.self, EndSessions.self,
            SecondFactor.self, RemoveSecondFactor.self,
        ])

    struct SecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "totp",
            abstract:
                "Give a user a second factor: prints the otpauth:// address for their authenticator app, once; from then on they sign in with its code."
        )

        @Argument(help: "Their e-mail address.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                print(try await gallra.enrollSecondFactor(email: email, by: store.party))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract:
                "Add a user; prints a one-time password once, to be changed at their first sign-in (or, with --invite, a link where they choose their own; or reads one with --password-stdin)."
        )

        @Argument(help: "Their e-mail address, their login.") var email: String
        @Option(help: "admin, privacy_officer, support or auditor.") var role: Role
        @Option(help: "An activity a support user works with (repeat for more).") var activity: [String] = []
        @Option(help: "The language of their UI: sv or en.") var lang = "sv"
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false
        @Flag(help: "Print an invitation link (single use, three days) instead of a password.") var invite = false
        @OptionGroup var link: InvitationLink
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if role != .support && !activity.isEmpty {
                throw ValidationError("Only a support user is limited to activities; leave out --activity.")
            }
            if invite && passwordStdin { throw ValidationError("Either --invite or --password-stdin, not both.") }
        }

        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            if passwordStdin && password == nil { throw ValidationError("No password on standard input.") }
            guard let language = Language(rawValue: lang) else { throw ValidationError("--lang is sv or en.") }
            if !passwordStdin {
                try await store.withGallra { gallra in
                    let (_, handover) = try await gallra.addPerson(
                        email: email, access: Access(role: role, activities: Set(activity)), language: language,
                        invite: invite, by: store.party)
                    print(link.text(handover))
                }
                return
            }
            try await store.withGallra { gallra in
                let user = try await gallra.addUser(
                    email: email, access: Access(role: role, activities: Set(activity)), language: lang,
                    password: password, by: store.party)
                print(passwordStdin ? "User \(user.id) added." : user.password)
            }
        }
    }
}

/// `gallra token list|create|revoke`: API tokens for programs.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for programs.", subcommands: [List.self, Create.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The tokens, in force or revoked: name, role, activities, dates; never a secret.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let tokens = try await gallra.tokens(by: store.party)
                if tokens.isEmpty { print("No tokens.") }
                for token in tokens {
                    let state = token.revoked.map { "revoked \(UserCommand.day($0, calendar))" } ?? "in force"
                    print(
                        [
                            token.name.padded(to: 20), UserCommand.roleText(token.access).padded(to: 28),
                            "created \(UserCommand.day(token.created, calendar))", state,
                        ].joined(separator: "  "))
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a token; prints it once (only its hash is stored).")

        @Option(help: "What the program is, e.g. crm-sync; named on the audit entries of its calls.") var name: String
        @Option(help: "admin, privacy_officer, support or auditor.") var role: Role
        @Option(help: "An activity a support token works with (repeat for more).") var activity: [String] = []
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if role != .support && !activity.isEmpty {
                throw ValidationError("Only a support token is limited to activities; leave out --activity.")
            }
        }

        func run() async throws {
            try await store.withGallra { gallra in
                print(
                    try await gallra.createToken(
                        name: name, access: Access(role: role, activities: Set(activity)), by: store.party))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token: its calls are refused from now on.")

        @Argument(help: "The token's name.") var name: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                try await gallra.revokeToken(name: name, by: store.party)
                print("Token \(name) is revoked.")
            }
        }
    }
}
