import Foundation
import GallraCore
import GallraStore
import HummingbirdOTP

/// A user as people managing users see them: no password hash, no secret.
public struct Person: Sendable, Equatable {
    public let id: String
    public let email: String
    public let access: Access
    public let language: Language
    public let disabled: Bool
    public let secondFactor: Bool
    public let mustChangePassword: Bool
    public let lastSignIn: Date?

    init(_ user: StoredUser) {
        id = user.id
        email = user.email
        access = user.access
        language = Language(rawValue: user.language) ?? .sv
        disabled = user.disabled
        secondFactor = user.hasSecondFactor
        mustChangePassword = user.mustChangePassword
        lastSignIn = user.lastSignIn
    }
}

/// How a new or reset user gets their password: one generated and shown once, or a link to a
/// page where they choose it themselves.
public enum PasswordHandover: Sendable, Equatable {
    case oneTimePassword(String)
    /// The invitation's token, for the link `/invitation/TOKEN`; it expires at `until`.
    case invitation(token: String, until: Date)
}

/// A second factor being enrolled: the secret as text and as the address an authenticator app
/// scans (in the QR code).
public struct SecondFactorEnrolment: Sendable {
    public let secret: String
    public let address: String
}

extension Gallra {
    /// An invitation to choose a password lasts three days.
    public static let invitationLifetime: TimeInterval = 3 * 86_400
    /// How many recovery codes a second factor comes with.
    static let recoveryCodeCount = 10

    /// Every user (admins only).
    public func people(by party: Party) async throws -> [Person] {
        try await acting(by: party, needs: .manageAccess) { try await store.users.list().map(Person.init) }
    }

    /// One user (admins only).
    public func person(_ id: String, by party: Party) async throws -> Person {
        try await acting(by: party, needs: .manageAccess) { Person(try await requireUser(id)) }
    }

    /// A user found by their login (admins only), for the CLI.
    public func person(email: String, by party: Party) async throws -> Person {
        try await acting(by: party, needs: .manageAccess) {
            guard let user = try await store.users.user(email: email) else {
                throw GallraError.notFound(
                    ErrorReason(
                        sv: "Ingen användare loggar in med den e-postadressen.",
                        en: "No user signs in with that e-mail address."))
            }
            return Person(user)
        }
    }

    /// Adds a user and hands over their first password: one generated (`invite` false, shown
    /// once; they must change it at their first sign-in) or an invitation link.
    public func addPerson(email: String, access: Access, language: Language, invite: Bool, by party: Party)
        async throws -> (Person, PasswordHandover)
    {
        let created = try await addUser(email: email, access: access, language: language.rawValue, by: party)
        let handover = try await handOver(user: created.id, invite: invite, mustChange: true, by: party, first: true)
        return (try await person(created.id, by: party), handover)
    }

    /// Resets a user's password: a new one-time password (to be changed at their next sign-in) or
    /// an invitation link; either way their sessions end and the old password no longer works.
    public func resetPassword(user id: String, invite: Bool, by party: Party) async throws -> PasswordHandover {
        try party.access.require(.manageAccess)
        _ = try await person(id, by: party)
        return try await handOver(user: id, invite: invite, mustChange: true, by: party, first: false)
    }

    private func handOver(user id: String, invite: Bool, mustChange: Bool, by party: Party, first: Bool)
        async throws -> PasswordHandover
    {
        if invite {
            let token = Secret.token()
            let until = Date().addingTimeInterval(Self.invitationLifetime)
            // The old password stops working at once: a random one nobody sees.
            let unknowable = first ? "" : try await PasswordHashing.hash(Secret.password())
            try await acting(by: party, needs: .manageAccess) {
                if !first {
                    _ = try await store.users.setPassword(
                        user: id, hash: unknowable, mustChange: true, event: "user.password-reset")
                }
                try await store.users.invite(user: id, digest: Secret.digest(token), expires: until)
            }
            return .invitation(token: token, until: until)
        }
        let password = Secret.password()
        let hash = try await PasswordHashing.hash(password)
        try await acting(by: party, needs: .manageAccess) {
            _ = try await store.users.setPassword(
                user: id, hash: hash, mustChange: mustChange,
                event: first ? "user.first-password" : "user.password-reset")
        }
        return .oneTimePassword(password)
    }

    /// Gives a user another role and activities. The last admin who may sign in stays an admin.
    public func changeAccess(user id: String, to access: Access, by party: Party) async throws -> Person {
        try party.access.require(.manageAccess)
        try await requireKnownActivities(access)
        return try await acting(by: party, needs: .manageAccess) {
            let user = try await requireUser(id)
            if user.access.role == .admin, !user.disabled, access.role != .admin,
                try await store.users.enabledAdmins() <= 1
            {
                throw GallraError.conflict(
                    ErrorReason(
                        sv:
                            "Det här är den sista administratören som kan logga in; gör först en annan användare till administratör.",
                        en: "This is the last admin who can sign in; make another user admin first."))
            }
            return Person(try await store.users.setAccess(user: id, access: access))
        }
    }

    /// Disables a user (their sessions end at once) or enables them again. The last admin who
    /// may sign in is never disabled.
    public func setDisabled(user id: String, _ disabled: Bool, by party: Party) async throws -> Person {
        try await acting(by: party, needs: .manageAccess) {
            let user = try await requireUser(id)
            if disabled, user.access.role == .admin, !user.disabled, try await store.users.enabledAdmins() <= 1 {
                throw GallraError.conflict(
                    ErrorReason(
                        sv:
                            "Det här är den sista administratören som kan logga in; gör först en annan användare till administratör.",
                        en: "This is the last admin who can sign in; make another user admin first."))
            }
            return Person(try await store.users.setDisabled(user: id, disabled))
        }
    }

    /// Ends every session of a user; returns how many ended.
    public func endSessions(user id: String, by party: Party) async throws -> Int {
        try await acting(by: party, needs: .manageAccess) { try await store.users.endSessions(user: id) }
    }

    /// How many sessions of a user are open now.
    public func openSessions(user id: String, by party: Party) async throws -> Int {
        try await acting(by: party, needs: .manageAccess) { try await store.users.openSessions(user: id) }
    }

    /// Removes a user's second factor and recovery codes (they lost their phone).
    public func removeSecondFactor(user id: String, by party: Party) async throws -> Person {
        try await acting(by: party, needs: .manageAccess) { Person(try await store.users.clearSecondFactor(user: id)) }
    }

    /// Changes the password of the person signed in: their current one is required; every other
    /// session of theirs ends, the one in use (`cookie`) goes on.
    public func changeOwnPassword(current: String, new: String, signedIn: SignedIn) async throws {
        guard signedIn.party.kind == .user, let user = try await store.users.user(id: signedIn.party.name) else {
            throw GallraError.forbidden(
                ErrorReason(
                    sv: "Bara en inloggad person byter sitt eget lösenord.",
                    en: "Only a person signed in changes their own password."))
        }
        guard try await PasswordHashing.verify(current, against: user.passwordHash) else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "Det nuvarande lösenordet stämmer inte.", en: "The current password is not right."))
        }
        guard current != new else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Det nya lösenordet är detsamma som det nuvarande.",
                    en: "The new password is the same as the current one."))
        }
        try Self.checkStrength(new)
        let hash = try await PasswordHashing.hash(new)
        _ = try await store.work(by: signedIn.party) {
            try await store.users.setPassword(
                user: user.id, hash: hash, mustChange: false, keeping: Secret.digest(signedIn.cookie),
                event: "user.password-change")
        }
    }

    /// The person an invitation is for, while it is in force; nil otherwise.
    public func invitation(token: String) async throws -> Person? {
        try await store.users.invitation(digest: Secret.digest(token)).map(Person.init)
    }

    /// Sets the password an invitation asks for, once; false when the invitation is no longer in force.
    public func acceptInvitation(token: String, password: String) async throws -> Bool {
        try Self.checkStrength(password)
        guard let user = try await store.users.invitation(digest: Secret.digest(token)) else { return false }
        let hash = try await PasswordHashing.hash(password)
        return try await store.work(by: .user(user.id)) {
            try await store.users.acceptInvitation(digest: Secret.digest(token), hash: hash) != nil
        }
    }

    /// Starts enrolling a second factor for the person signed in: a new secret, kept until a code
    /// from it confirms it.
    public func beginSecondFactor(signedIn: SignedIn) async throws -> SecondFactorEnrolment {
        let user = try await ownUser(signedIn)
        let secret = Secret.password()
        try await store.work(by: signedIn.party) {
            try await store.users.setPendingSecondFactor(user: user.id, secret: secret)
        }
        return enrolment(secret, user)
    }

    /// The second factor waiting for its code, to show again; nil when none waits.
    public func pendingSecondFactor(signedIn: SignedIn) async throws -> SecondFactorEnrolment? {
        let user = try await ownUser(signedIn)
        return try await store.users.pendingSecondFactor(user: user.id).map { enrolment($0, user) }
    }

    /// Confirms the waiting second factor with a code from the app; returns the recovery codes,
    /// shown once (only their SHA-256 is kept). Nil when the code is not the app's.
    public func confirmSecondFactor(code: String, signedIn: SignedIn) async throws -> [String]? {
        let user = try await ownUser(signedIn)
        guard let secret = try await store.users.pendingSecondFactor(user: user.id) else {
            throw GallraError.conflict(
                ErrorReason(
                    sv: "Ingen andra faktor väntar på att bekräftas; börja om.",
                    en: "No second factor waits to be confirmed; start again."))
        }
        guard let step = Self.matchingStep(code, secret: secret, at: Date()) else { return nil }
        let codes = (0..<Self.recoveryCodeCount).map { _ in Secret.recoveryCode() }
        try await store.work(by: signedIn.party) {
            try await store.users.confirmSecondFactor(
                user: user.id, secret: secret, step: step, recoveryDigests: codes.map(Secret.recoveryDigest))
        }
        return codes
    }

    /// New recovery codes for the person signed in, the old ones void; shown once.
    public func newRecoveryCodes(signedIn: SignedIn) async throws -> [String] {
        let user = try await ownUser(signedIn)
        guard user.hasSecondFactor else {
            throw GallraError.conflict(
                ErrorReason(
                    sv: "Återställningskoder hör till en andra faktor; lägg till en först.",
                    en: "Recovery codes come with a second factor; enrol one first."))
        }
        let codes = (0..<Self.recoveryCodeCount).map { _ in Secret.recoveryCode() }
        try await store.work(by: signedIn.party) {
            try await store.users.newRecoveryCodes(user: user.id, digests: codes.map(Secret.recoveryDigest))
        }
        return codes
    }

    /// What the person signed in sees of themselves: their user, and how many recovery codes are left.
    public func ownAccount(signedIn: SignedIn) async throws -> (Person, recoveryCodesLeft: Int) {
        let user = try await ownUser(signedIn)
        return (Person(user), try await store.users.recoveryCodesLeft(user: user.id))
    }

    private func ownUser(_ signedIn: SignedIn) async throws -> StoredUser {
        guard signedIn.party.kind == .user, let user = try await store.users.user(id: signedIn.party.name) else {
            throw GallraError.forbidden(
                ErrorReason(
                    sv: "Bara en inloggad person har ett konto här.", en: "Only a person signed in has an account here."
                ))
        }
        return user
    }

    private func enrolment(_ secret: String, _ user: StoredUser) -> SecondFactorEnrolment {
        let totp = TOTP(secret: secret)
        return SecondFactorEnrolment(
            secret: Self.base32(secret), address: totp.createAuthenticatorURL(label: user.email, issuer: "Gallra"))
    }

    /// The secret as an authenticator app takes it typed in: RFC 4648 base32 of its bytes, in
    /// groups of four.
    static func base32(_ secret: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var value = 0
        var text = ""
        for byte in secret.utf8 {
            value = (value << 8 | Int(byte)) & 0xFFFF
            bits += 8
            while bits >= 5 {
                text.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { text.append(alphabet[(value << (5 - bits)) & 31]) }
        return stride(from: 0, to: text.count, by: 4).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<text.index(from, offsetBy: min(4, text.count - start))])
        }.joined(separator: " ")
    }

    func requireUser(_ id: String) async throws -> StoredUser {
        guard let user = try await store.users.user(id: id) else {
            throw GallraError.notFound(ErrorReason(sv: "Användaren finns inte.", en: "No such user."))
        }
        return user
    }
}

extension Secret {
    /// A recovery code: ten characters without look-alikes, as "abcde-fghij" (about 55 bits).
    static func recoveryCode() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let letters = String((0..<10).map { _ in alphabet.randomElement(using: &generator)! })
        return String(letters.prefix(5)) + "-" + String(letters.suffix(5))
    }

    /// What is kept of a recovery code: the SHA-256 of its letters, without case, spaces or hyphens.
    static func recoveryDigest(_ code: String) -> String {
        digest(String(code.lowercased().filter { $0.isLetter || $0.isNumber }))
    }
}
