import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A person's copy from the admin UI is prepared on its own while its page shows how far it has
/// come, then handed to the person who asked for it, once.
@Suite("The admin UI: a subject's copy prepared with its progress shown")
struct SubjectExportPageTests {
    @Test("Start, follow the progress page until it is ready, download once; nobody else gets it")
    func exportJob() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let password = "a password of some length"
        for email in ["officer@example.se", "other@example.se"] {
            _ = try await gallra.addUser(
                email: email, access: Access(role: .privacyOfficer), password: password, by: setup)
        }
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: setup)
        let records = (0..<1_200).map { index in
            NewRecord(
                subject: anna, activity: "support", category: "case_content", value: "Ärende \(index)",
                collected: Date().addingTimeInterval(Double(-index) * 60))
        }
        _ = try await gallra.addRecords(records, by: setup)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            let started = try await client.execute(
                uri: "/admin/subjects/\(anna)/export", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(started.status == .seeOther)
            let page = try #require(started.headers[.location])
            #expect(page.hasPrefix("/admin/exports/"))
            var ready = false
            var sawProgress = false
            for _ in 0..<200 where !ready {
                let shown = try await client.execute(uri: page, method: .get, headers: [.cookie: cookie])
                #expect(shown.status == .ok)
                let text = String(buffer: shown.body)
                ready = text.contains("\(page)/download")
                if !ready {
                    #expect(text.contains(#"data-reload-after="1""#), "the page reads itself again while it works")
                    #expect(!text.contains("http-equiv"), "without a meta refresh")
                    sawProgress = sawProgress || text.contains("<progress") || text.contains("role=\"status\"")
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            #expect(ready, "the copy became ready")
            _ = sawProgress

            // Another officer does not get it, not even by its address.
            let other = try await AuthorizationTests.signIn(client, email: "other@example.se", password: password)
            let theirs = try await client.execute(uri: "\(page)/download", method: .get, headers: [.cookie: other])
            #expect(theirs.status == .notFound)

            let download = try await client.execute(uri: "\(page)/download", method: .get, headers: [.cookie: cookie])
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"subject-\(anna).json\"")
            #expect(download.headers[.cacheControl] == "no-store")
            let json = try JSONSerialization.jsonObject(with: Data(buffer: download.body)) as? [String: Any]
            let activities = json?["activities"] as? [[String: Any]] ?? []
            #expect(activities.flatMap { $0["records"] as? [Any] ?? [] }.count == 1_200, "every record is in the copy")
            let again = try await client.execute(uri: "\(page)/download", method: .get, headers: [.cookie: cookie])
            #expect(again.status == .notFound, "handed over once, then not kept")
        }
        let audit = try await test.rows("SELECT detail FROM audit_log WHERE action = 'subject.export'")
        #expect(audit.count == 1, "the read is audited once")
        await store.close()
    }
}
