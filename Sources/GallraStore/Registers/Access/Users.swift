import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A person who signs in to the admin UI.
public struct StoredUser: Sendable {
    public let id: String
    public let email: String
    public let passwordHash: String
    public let access: Access
    public let language: String
    public let disabled: Bool
    /// Whether they must choose a new password before anything else (after a reset).
    public let mustChangePassword: Bool
    /// When they last signed in; nil when never (or before this was recorded).
    public let lastSignIn: Date?
    /// The shared secret of their authenticator app (TOTP), sealed; nil when they have none.
    /// Opened only at sign-in (`Users.secondFactor(of:)`), not on every page a session shows.
    let secondFactorSealed: Data?

    /// Whether they sign in with a code from their authenticator app.
    public var hasSecondFactor: Bool { secondFactorSealed != nil }
}

/// The people who sign in, with their role; their passwords only as bcrypt hashes.
public struct Users: StoreRegister {
    let store: Store

    /// Adds a user; the e-mail address is their login and must be new.
    public func add(email: String, passwordHash: String, access: Access, language: String) async throws -> String {
        let login = email.trimmingCharacters(in: .whitespaces).lowercased()
        if try await user(email: login) != nil {
            throw GallraError.conflict("A user with this e-mail address already exists.")
        }
        let id = Store.newID()
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO users (id, email, password_hash, role, activities, lang, created_at)
                VALUES (\(bind: id), \(bind: login), \(bind: passwordHash), \(bind: access.role.rawValue),
                        \(bind: access.activities.sorted().joined(separator: ",")), \(bind: language), \(bind: Clock.nowMillis()))
                """
            ).run()
            try await audit(
                [AuditEvent("user.add", detail: "user \(id) with the role \(access.role.rawValue)\(access.scopeText)")],
                on: sql)
        }
        return id
    }

    /// Audits a sign-in, failed or not: a success under the user's own name, a failure under
    /// `system:sign-in`, naming the user when the login exists (never the address typed).
    public func recordSignIn(user: String?, succeeded: Bool) async throws {
        let party = succeeded && user != nil ? Party.user(user!) : Party.system("sign-in")
        try await Acting.as(party) {
            try await data.transaction { sql in
                if succeeded, let user {
                    try await sql.raw(
                        "UPDATE users SET last_sign_in_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: user)"
                    ).run()
                }
                try await audit(
                    [
                        AuditEvent(
                            succeeded ? "user.sign-in" : "user.sign-in-failed",
                            detail: user.map { "user \($0)" } ?? "an unknown login")
                    ], on: sql)
            }
        }
    }

    /// The user with this login, if any.
    public func user(email: String) async throws -> StoredUser? {
        try await user(where: "email", is: email.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The user with this id, if any.
    public func user(id: String) async throws -> StoredUser? {
        try await user(where: "id", is: id)
    }

    private func user(where column: String, is value: String) async throws -> StoredUser? {
        guard
            let row = try await data.read.select().columns("*").from("users").where(
                SQLIdentifier(column), .equal, value
            )
            .first()
        else { return nil }
        return try Self.user(row)
    }

    static func user(_ row: any SQLRow) throws -> StoredUser {
        StoredUser(
            id: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            access: try Access(
                storedRole: row.decode(column: "role", as: String.self),
                activities: row.decode(column: "activities", as: String.self)),
            language: try row.decode(column: "lang", as: String.self),
            disabled: try row.decode(column: "disabled_at", as: Int64?.self) != nil,
            mustChangePassword: try row.decode(column: "must_change_password", as: Int.self) != 0,
            lastSignIn: try row.decode(column: "last_sign_in_at", as: Int64?.self).map(Date.init(millis:)),
            secondFactorSealed: try row.decode(column: "totp_secret_sealed", as: Data?.self))
    }

    /// The shared secret of a user's authenticator app, opened; nil when they have none.
    public func secondFactor(of user: StoredUser) throws -> String? {
        try user.secondFactorSealed.map { try store.keys.staffCipher().open($0, context: "user/\(user.id)/totp") }
    }

    /// Takes the time step of a code that signs a user in, once: false when that step or a later
    /// one was taken already (RFC 6238 §5.2), so a code seen over a shoulder cannot be used again.
    /// One statement, so that two sign-ins with the same code cannot both be taken.
    public func takeSecondFactorStep(user id: String, step: Int64) async throws -> Bool {
        try await data.transaction { sql in
            try await sql.raw(
                """
                UPDATE users SET totp_last_step = \(bind: step)
                WHERE id = \(bind: id) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
                RETURNING id
                """
            ).first() != nil
        }
    }

    /// Gives a user a second factor: the secret their authenticator app shares, stored sealed.
    public func setSecondFactor(user id: String, secret: String) async throws {
        let sealed = try store.keys.staffCipher().seal(secret, context: "user/\(id)/totp")
        try await data.transaction { sql in
            try await sql.raw("UPDATE users SET totp_secret_sealed = \(bind: sealed) WHERE id = \(bind: id)").run()
            try await audit([AuditEvent("user.second-factor", detail: "user \(id)")], on: sql)
        }
    }
}

extension Access {
    /// Read back from the columns `role` and `activities` (comma-separated).
    init(storedRole role: String, activities: String) throws {
        guard let role = Role(rawValue: role) else {
            throw GallraError.integrity("A stored role \"\(role)\" is unknown to this version of Gallra.")
        }
        self.init(role: role, activities: Set(activities.split(separator: ",").map(String.init)))
    }

    /// ", for activities a, b" for a scoped role; empty otherwise.
    var scopeText: String {
        isScoped ? " for activities \(activities.sorted().joined(separator: ", "))" : ""
    }
}
