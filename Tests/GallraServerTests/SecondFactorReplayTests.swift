import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import Testing

/// RFC 6238 §5.2: a code that signed someone in is spent, even within its 30 seconds.
@Suite("A second-factor code signs in once")
struct SecondFactorReplayTests {
    @Test(
        "The same code three times: in once, refused twice; an older step is refused too",
        arguments: TestBackend.available)
    func replay(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: SignInTests.password,
            by: .user("setup"))
        _ = try await gallra.enrollSecondFactor(email: "officer@example.se", by: .user("setup"))
        let officer = try #require(try await store.users.user(email: "officer@example.se"))
        let secret = try #require(try store.users.secondFactor(of: officer))
        let now = Date()
        let code = String(format: "%06ld", TOTP(secret: secret).compute(date: now))
        let earlier = String(format: "%06ld", TOTP(secret: secret).compute(date: now.addingTimeInterval(-30)))
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                statuses.append(
                    try await SignInTests.form(
                        client, email: "officer@example.se", password: SignInTests.password, code: code
                    ).status)
            }
            #expect(statuses == [.seeOther, .unauthorized, .unauthorized])
            if earlier != code {
                let older = try await SignInTests.form(
                    client, email: "officer@example.se", password: SignInTests.password, code: earlier)
                #expect(older.status == .unauthorized, "a step before the one taken is refused")
            }
        }
        await store.close()
    }

    @Test("Ten sign-ins with one code at the same moment: exactly one gets in", arguments: TestBackend.available)
    func concurrentReplay(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: SignInTests.password,
            by: .user("setup"))
        _ = try await gallra.enrollSecondFactor(email: "officer@example.se", by: .user("setup"))
        let officer = try #require(try await store.users.user(email: "officer@example.se"))
        let secret = try #require(try store.users.secondFactor(of: officer))
        let code = String(format: "%06ld", TOTP(secret: secret).compute())
        let signedIn = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await gallra.signIn(email: "officer@example.se", password: SignInTests.password, code: code)
                        != nil
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(signedIn == 1)
        await store.close()
    }
}
