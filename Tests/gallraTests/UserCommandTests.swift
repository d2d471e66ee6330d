import Foundation
import Testing

/// `gallra user` and `gallra token`, run as an admin at a shell would.
@Suite("CLI: users and tokens")
struct UserCommandTests {
    typealias Workspace = StoreCommandTests.Workspace

    @Test(
        "A user added, listed, given another role, disabled, enabled, reset and signed out; a token listed and revoked")
    func usersAndTokens() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        let password = try work.succeed(["user", "add", "eva@example.se", "--role", "support", "--activity", "support"])
        #expect(password.trimmingCharacters(in: .newlines).count == 20, "a one-time password, once: \(password)")
        let invited = try work.succeed([
            "user", "add", "bo@example.se", "--role", "auditor", "--invite", "--base-url", "https://gallra.example",
        ])
        #expect(invited.hasPrefix("https://gallra.example/invitation/gallra_"), "\(invited)")
        let listed = try work.succeed(["user", "list"])
        #expect(listed.contains("eva@example.se") && listed.contains("support (support)"), "\(listed)")
        #expect(listed.contains("never signed in"))
        #expect(try work.succeed(["user", "role", "eva@example.se", "--role", "auditor"]).contains("role auditor"))
        #expect(try work.succeed(["user", "disable", "eva@example.se"]).contains("is disabled"))
        #expect(try work.succeed(["user", "list"]).contains("disabled"))
        #expect(try work.succeed(["user", "enable", "eva@example.se"]).contains("is enabled"))
        let reset = try work.succeed(["user", "reset-password", "eva@example.se"])
        #expect(reset.trimmingCharacters(in: .newlines) != password.trimmingCharacters(in: .newlines))
        #expect(try work.succeed(["user", "end-sessions", "eva@example.se"]) == "0 sessions ended.")
        let unknown = try work.run(["user", "disable", "nobody@example.se"])
        #expect(unknown.status != 0 && unknown.stderr.contains("No user signs in with that e-mail address."))

        let secret = try work.succeed(["token", "create", "--name", "crm-sync", "--role", "auditor"])
        #expect(secret.hasPrefix("gallra_"))
        #expect(try work.succeed(["token", "list"]).contains("in force"))
        try work.succeed(["token", "revoke", "crm-sync"])
        let tokens = try work.succeed(["token", "list"])
        #expect(tokens.contains("crm-sync") && tokens.contains("revoked"), "\(tokens)")
        #expect(!tokens.contains(secret.trimmingCharacters(in: .newlines)), "never a token's secret")
        let audit = try work.succeed(["audit", "list", "--limit", "200"])
        for action in ["user.add", "user.role", "user.disable", "user.enable", "user.password-reset", "token.revoke"] {
            #expect(audit.contains(action), "\(action) is in the audit chain")
        }
        #expect(!audit.contains("eva@example.se"), "no address in the audit chain")
    }
}
