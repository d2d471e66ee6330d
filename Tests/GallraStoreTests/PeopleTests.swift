import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraServices
@testable import GallraStore

/// The people who sign in, managed by an admin (issue 32, item 3), on both backends: what each
/// change does to signing in and to the sessions open, and what the audit chain keeps of it.
@Suite("People: users added, changed, disabled, reset, signed out", .serialized)
struct PeopleTests {
    static let admin = Party.user("root-admin")

    static func open(_ backend: TestBackend) async throws -> (Gallra, TestStore) {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister(by: admin)
        return (Gallra(store: store), test)
    }

    @Test("A one-time password signs in once it is changed; the last admin stays", arguments: TestBackend.available)
    func addAndDemote(backend: TestBackend) async throws {
        let (gallra, test) = try await Self.open(backend)
        let (eva, handover) = try await gallra.addPerson(
            email: "Eva.Admin@example.se", access: Access(role: .admin), language: .en, invite: false, by: Self.admin)
        guard case .oneTimePassword(let password) = handover else {
            Issue.record("a one-time password was asked for")
            return
        }
        #expect(eva.email == "eva.admin@example.se")
        #expect(eva.mustChangePassword)
        let signedIn = try #require(try await gallra.signIn(email: "eva.admin@example.se", password: password))
        #expect(signedIn.mustChangePassword, "the session knows the password must be changed first")
        try await gallra.changeOwnPassword(current: password, new: "ett nytt långt lösenord", signedIn: signedIn)
        #expect(try await gallra.session(cookie: signedIn.cookie)?.mustChangePassword == false)
        let listed = try await gallra.people(by: Self.admin)
        #expect(listed.map(\.email) == ["eva.admin@example.se"])
        #expect(listed.first?.lastSignIn != nil)

        // Eva is the only admin: she cannot be demoted or disabled until another is.
        await #expect(throws: GallraError.self) {
            _ = try await gallra.changeAccess(user: eva.id, to: Access(role: .auditor), by: Self.admin)
        }
        await #expect(throws: GallraError.self) { _ = try await gallra.setDisabled(user: eva.id, true, by: Self.admin) }
        _ = try await gallra.addPerson(
            email: "olle@example.se", access: Access(role: .admin), language: .sv, invite: true, by: Self.admin)
        let demoted = try await gallra.changeAccess(
            user: eva.id, to: Access(role: .support, activities: ["support"]), by: Self.admin)
        #expect(demoted.access == Access(role: .support, activities: ["support"]))
        #expect(try await gallra.session(cookie: signedIn.cookie)?.party.access.role == .support, "at her next request")
        await #expect(throws: GallraError.self) {
            _ = try await gallra.people(by: .user(eva.id, access: demoted.access))
        }
        let audit = try await test.auditText()
        #expect(audit.contains("user.role"))
        #expect(!audit.contains("eva.admin@example.se"), "no address in the audit log")
        #expect(!audit.contains(password), "no password in the audit log")
        await gallra.store.close()
    }

    @Test("Disabling, a reset and ending sessions each end the user's open sessions", arguments: TestBackend.available)
    func sessionsEnd(backend: TestBackend) async throws {
        let (gallra, test) = try await Self.open(backend)
        let sara = try await gallra.addUser(
            email: "sara@example.se", access: Access(role: .support, activities: ["support"]),
            password: "saras långa lösenord", by: Self.admin)
        func signIn(_ password: String = "saras långa lösenord") async throws -> SignedIn? {
            try await gallra.signIn(email: "sara@example.se", password: password)
        }
        var session = try #require(try await signIn())
        _ = try await gallra.setDisabled(user: sara.id, true, by: Self.admin)
        #expect(try await gallra.session(cookie: session.cookie) == nil, "disabling ends her session")
        #expect(try await signIn() == nil, "and she cannot sign in")
        _ = try await gallra.setDisabled(user: sara.id, false, by: Self.admin)
        session = try #require(try await signIn(), "enabled again, she signs in")

        #expect(try await gallra.endSessions(user: sara.id, by: Self.admin) == 1)
        #expect(try await gallra.session(cookie: session.cookie) == nil)

        session = try #require(try await signIn())
        let reset = try await gallra.resetPassword(user: sara.id, invite: false, by: Self.admin)
        #expect(try await gallra.session(cookie: session.cookie) == nil, "a reset ends her session")
        #expect(try await signIn() == nil, "the old password no longer works")
        guard case .oneTimePassword(let temporary) = reset else {
            Issue.record("a one-time password was asked for")
            return
        }
        let fresh = try #require(try await signIn(temporary))
        #expect(fresh.mustChangePassword)

        // Her own change keeps the session she makes it in and ends the others.
        let other = try #require(try await signIn(temporary))
        await #expect(throws: GallraError.self) {
            try await gallra.changeOwnPassword(current: "fel lösenord", new: "ännu ett långt lösenord", signedIn: fresh)
        }
        try await gallra.changeOwnPassword(current: temporary, new: "ännu ett långt lösenord", signedIn: fresh)
        #expect(try await gallra.session(cookie: fresh.cookie) != nil)
        #expect(try await gallra.session(cookie: other.cookie) == nil)
        let actions = try await test.rows("SELECT action FROM audit_log ORDER BY seq").map {
            try $0.decode(column: "action", as: String.self)
        }
        for action in [
            "user.disable", "user.enable", "user.sessions-end", "user.password-reset", "user.password-change",
        ] {
            #expect(actions.contains(action), "\(action) is in the audit chain")
        }
        try await expectIntactAudit(gallra.store)
        await gallra.store.close()
    }

    @Test("An invitation sets a password once, and not after it expired", arguments: TestBackend.available)
    func invitation(backend: TestBackend) async throws {
        let (gallra, test) = try await Self.open(backend)
        let (bo, handover) = try await gallra.addPerson(
            email: "bo@example.se", access: Access(role: .auditor), language: .sv, invite: true, by: Self.admin)
        guard case .invitation(let token, let until) = handover else {
            Issue.record("an invitation was asked for")
            return
        }
        #expect(until > Date().addingTimeInterval(2 * 86_400))
        #expect(try await gallra.invitation(token: token)?.id == bo.id)
        await #expect(throws: GallraError.self) {
            _ = try await gallra.acceptInvitation(token: token, password: "kort")
        }
        #expect(try await gallra.acceptInvitation(token: token, password: "bos egna långa lösenord"))
        #expect(try await gallra.acceptInvitation(token: token, password: "ett annat långt lösenord") == false)
        #expect(try await gallra.signIn(email: "bo@example.se", password: "bos egna långa lösenord") != nil)

        // A second invitation, expired in the database: refused.
        guard case .invitation(let late, _) = try await gallra.resetPassword(user: bo.id, invite: true, by: Self.admin)
        else {
            Issue.record("an invitation was asked for")
            return
        }
        try await test.raw("UPDATE user_invitations SET expires_at = 1 WHERE used_at IS NULL")
        #expect(try await gallra.invitation(token: late) == nil)
        #expect(try await gallra.acceptInvitation(token: late, password: "ett tredje långt lösenord") == false)
        let stored = try await test.rows("SELECT digest FROM user_invitations").map {
            try $0.decode(column: "digest", as: String.self)
        }
        #expect(!stored.contains(token) && !stored.contains(late), "only digests are kept")
        await gallra.store.close()
    }

    @Test("A recovery code signs in once, in place of the app's code", arguments: TestBackend.available)
    func recoveryCodes(backend: TestBackend) async throws {
        let (gallra, test) = try await Self.open(backend)
        let ida = try await gallra.addUser(
            email: "ida@example.se", access: Access(role: .privacyOfficer), password: "idas långa lösenord",
            by: Self.admin)
        let codes = ["abcde-fghij", "kmnpq-rstuv"]
        try await gallra.store.work(by: .user(ida.id)) {
            try await gallra.store.users.confirmSecondFactor(
                user: ida.id, secret: "hemligheten-ar-lang", step: 1, recoveryDigests: codes.map(Secret.recoveryDigest))
        }
        #expect(try await gallra.signIn(email: "ida@example.se", password: "idas långa lösenord") == nil)
        #expect(try await gallra.signIn(email: "ida@example.se", password: "fel lösenord", code: codes[0]) == nil)
        #expect(
            try await gallra.signIn(email: "ida@example.se", password: "idas långa lösenord", code: "ABCDE FGHIJ")
                != nil,
            "typed in capitals with a space, it is the same code")
        #expect(
            try await gallra.signIn(email: "ida@example.se", password: "idas långa lösenord", code: codes[0]) == nil,
            "a recovery code works once")
        #expect(
            try await gallra.ownAccount(
                signedIn: try #require(
                    try await gallra.signIn(email: "ida@example.se", password: "idas långa lösenord", code: codes[1]))
            ).recoveryCodesLeft == 0)
        let audit = try await test.auditText()
        #expect(!audit.contains("abcde"), "no code in the audit log")
        #expect(audit.contains("user.recovery-code-use"))
        await gallra.store.close()
    }
}
