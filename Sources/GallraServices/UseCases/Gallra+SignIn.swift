import Foundation
import GallraCore
import GallraStore
import HummingbirdOTP

/// A person signed in to the admin UI: who they are, what they may do, and their session.
public struct SignedIn: Sendable {
    public let party: Party
    public let email: String
    public let language: Language
    /// The session cookie's value: given to the browser, stored only as its SHA-256.
    public let cookie: String
    /// The anti-forgery token every form of the session sends back.
    public let csrf: String
    /// They must choose a new password before anything else (after a reset by an admin).
    public var mustChangePassword = false
}

extension Gallra {
    /// A session ends after 30 minutes without use, and 12 hours after sign-in whatever happens.
    public static let sessionIdle: TimeInterval = 30 * 60
    public static let sessionLimit: TimeInterval = 12 * 3_600

    /// Signs a person in with their e-mail address, password and, when they have a second factor,
    /// the code their authenticator app shows; nil when any of them is wrong (the same answer for
    /// every one). With `adminsNeedSecondFactor`, an admin without a second factor is refused.
    /// Every attempt is audited.
    public func signIn(email: String, password: String, code: String = "", adminsNeedSecondFactor: Bool = false)
        async throws -> SignedIn?
    {
        let user = try await store.users.user(email: email)
        let matches = try await PasswordHashing.verify(password, against: user?.passwordHash)
        var secondFactorHolds = false
        if let user {
            if let secret = try store.users.secondFactor(of: user) {
                // The step is taken only with the right password, so that a wrong one cannot use
                // up the owner's code.
                if let step = Self.matchingStep(code, secret: secret, at: Date()), matches {
                    secondFactorHolds = try await store.users.takeSecondFactorStep(user: user.id, step: step)
                } else if matches, !user.disabled, Self.mayBeRecoveryCode(code) {
                    // A recovery code instead, taken once (only with the right password).
                    secondFactorHolds = try await store.users.takeRecoveryCode(
                        user: user.id, digest: Secret.recoveryDigest(code))
                }
            } else {
                secondFactorHolds = !(adminsNeedSecondFactor && user.access.role == .admin)
            }
        }
        guard let user, matches, secondFactorHolds, !user.disabled else {
            try await store.users.recordSignIn(user: user?.id, succeeded: false)
            return nil
        }
        try await store.users.recordSignIn(user: user.id, succeeded: true)
        let cookie = Secret.token()
        let csrf = Secret.base64URL(Secret.randomBytes(32))
        try await store.sessions.start(
            digest: Secret.digest(cookie), user: user.id, csrf: csrf,
            expires: Date().addingTimeInterval(Self.sessionIdle))
        var signedIn = SignedIn(
            party: .user(user.id, access: user.access), email: user.email,
            language: Language(rawValue: user.language) ?? .sv, cookie: cookie, csrf: csrf)
        signedIn.mustChangePassword = user.mustChangePassword
        return signedIn
    }

    /// Ten letters or digits, perhaps with a hyphen or spaces: the shape of a recovery code.
    static func mayBeRecoveryCode(_ code: String) -> Bool {
        code.lowercased().filter { $0.isLetter || $0.isNumber }.count == 10
    }

    /// The person a session cookie belongs to, while the session lasts; each use extends it.
    public func session(cookie: String) async throws -> SignedIn? {
        guard
            let session = try await store.sessions.session(
                digest: Secret.digest(cookie), extendingTo: Date().addingTimeInterval(Self.sessionIdle),
                absoluteLimit: Self.sessionLimit)
        else { return nil }
        var signedIn = SignedIn(
            party: .user(session.user.id, access: session.user.access), email: session.user.email,
            language: Language(rawValue: session.user.language) ?? .sv, cookie: cookie, csrf: session.csrf)
        signedIn.mustChangePassword = session.user.mustChangePassword
        return signedIn
    }

    /// Gives a user a second factor (TOTP, RFC 6238): returns the otpauth:// address to enter in
    /// their authenticator app, shown once.
    public func enrollSecondFactor(email: String, by party: Party) async throws -> String {
        try await acting(by: party, needs: .manageAccess) {
            guard let user = try await store.users.user(email: email) else {
                throw GallraError.notFound(
                    ErrorReason(
                        sv: "Ingen användare loggar in med den e-postadressen.",
                        en: "No user signs in with that e-mail address."))
            }
            let secret = Secret.password()
            try await store.users.setSecondFactor(user: user.id, secret: secret)
            return TOTP(secret: secret).createAuthenticatorURL(label: user.email, issuer: "Gallra")
        }
    }

    /// The 30-second step (RFC 6238) whose six-digit code was given: this one or a neighbour
    /// (clocks drift); nil when none.
    static func matchingStep(_ code: String, secret: String, at now: Date) -> Int64? {
        let digits = code.filter { $0.isASCII && $0.isNumber }
        guard digits.count == 6, let given = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        for offset in [-30.0, 0, 30] where totp.compute(date: now.addingTimeInterval(offset)) == given {
            return Int64((now.timeIntervalSince1970 + offset) / 30)
        }
        return nil
    }

    /// Ends a session.
    public func signOut(cookie: String) async throws {
        try await store.sessions.end(digest: Secret.digest(cookie))
    }
}
