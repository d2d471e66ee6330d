import Crypto
import Foundation
import GallraCore
import GallraStore

/// A user as created: their id and the password to give them, shown once.
public struct CreatedUser: Sendable {
    public let id: String
    public let password: String
}

extension Gallra {
    /// Adds a user who signs in to the admin UI; without a password, one is generated and
    /// returned (shown once). Support users are given the activities they work with.
    public func addUser(
        email: String, access: Access, language: String = "sv", password: String? = nil, by party: Party
    ) async throws -> CreatedUser {
        try party.access.require(.manageAccess)
        // try?: a login that is not an e-mail address is refused just below
        guard (try? SubjectIdentifier.normalisedEmail(email)) != nil else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Inloggningen är ingen e-postadress; en användare loggar in med sin.",
                    en: "The login given is not an e-mail address; a user signs in with theirs."))
        }
        guard language == "sv" || language == "en" else {
            throw GallraError.invalidInput(ErrorReason(sv: "Språket är sv eller en.", en: "The language is sv or en."))
        }
        try await requireKnownActivities(access)
        let password = password ?? Secret.password()
        try Self.checkStrength(password)
        let hash = try await PasswordHashing.hash(password)
        let id = try await acting(by: party, needs: .manageAccess) {
            try await store.users.add(email: email, passwordHash: hash, access: access, language: language)
        }
        return CreatedUser(id: id, password: password)
    }

    /// Creates an API token for a program; returns the secret, shown once (only its SHA-256 is kept).
    public func createToken(name: String, access: Access, by party: Party) async throws -> String {
        guard name.range(of: "^[a-z0-9][a-z0-9._-]{0,62}$", options: .regularExpression) != nil else {
            throw GallraError.invalidInput(
                "A token's name is 1–63 lower-case letters, digits, dots, hyphens or underscores, such as \"crm-sync\"."
            )
        }
        try party.access.require(.manageAccess)
        try await requireKnownActivities(access)
        let secret = Secret.token()
        try await acting(by: party, needs: .manageAccess) {
            try await store.tokens.add(name: name, digest: Secret.digest(secret), access: access)
        }
        return secret
    }

    /// Revokes a token: its calls are refused from now on.
    public func revokeToken(name: String, by party: Party) async throws {
        try await acting(by: party, needs: .manageAccess) { try await store.tokens.revoke(name: name) }
    }

    /// Every API token, in force or revoked (admins only); never a secret.
    public func tokens(by party: Party) async throws -> [APIToken] {
        try await acting(by: party, needs: .manageAccess) {
            try await store.tokens.list().map {
                APIToken(name: $0.name, access: $0.access, created: $0.created, revoked: $0.revoked)
            }
        }
    }

    /// The party a bearer token acts as; nil when it is unknown or revoked.
    public func party(forToken secret: String) async throws -> Party? {
        guard let token = try await store.tokens.token(digest: Secret.digest(secret)) else { return nil }
        return .token(token.name, access: token.access)
    }

    /// A support role needs at least one activity, and every one must be in the register.
    func requireKnownActivities(_ access: Access) async throws {
        guard access.isScoped else { return }
        guard !access.activities.isEmpty else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "En supportroll arbetar med vissa aktiviteter: ange minst en aktivitet.",
                    en: "A support role works with some activities: give at least one --activity."))
        }
        guard let register = try await store.versions.current()?.register else {
            throw GallraError.notFound(
                ErrorReason(
                    sv: "Inget register har tillämpats än; en supportroll behöver sina aktiviteter.",
                    en: "No register has been applied yet; a support role needs its activities."))
        }
        for activity in access.activities.sorted() where register.activity(activity) == nil {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Registret har ingen aktivitet \"\(activity)\".",
                    en: "The register has no activity \"\(activity)\"."))
        }
    }

    /// At least 12 characters (OWASP ASVS 2.1.1) and at most 72 bytes, all that bcrypt reads.
    static func checkStrength(_ password: String) throws {
        guard password.count >= 12 else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "Ett lösenord har minst 12 tecken.", en: "A password has at least 12 characters."))
        }
        guard password.utf8.count <= 72 else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Ett lösenord har högst 72 byte; resten ignoreras.",
                    en: "A password has at most 72 bytes; bcrypt ignores the rest."))
        }
    }
}

/// An API token as admins see it: its name, role and dates, never its secret.
public struct APIToken: Sendable, Equatable {
    public let name: String
    public let access: Access
    public let created: Date
    public let revoked: Date?
}

/// Random secrets: generated passwords, API tokens, and how they are kept.
enum Secret {
    /// 20 characters from an alphabet without look-alikes: about 115 bits.
    static func password() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// "gallra_" and 32 random bytes, base64url.
    static func token() -> String {
        "gallra_" + base64URL(randomBytes(32))
    }

    /// What is stored of a token: its SHA-256, hex.
    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
