import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("The server's daily reminder to the privacy officers", .serialized)
struct ReminderScheduleTests {
    typealias CapturedLog = AuditCheckpointScheduleTests.CapturedLog

    /// A store with a privacy officer (English) and an incident on its 72-hour clock.
    static func store() async throws -> (TestStore, Store) {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        _ = try await gallra.addUser(
            email: "emma.officer@foretaget.se", access: Access(role: .privacyOfficer), language: "en",
            by: .user("setup"))
        _ = try await gallra.openIncident(
            aware: Date().addingTimeInterval(-3_600), description: "A lost laptop", by: .user("setup"))
        return (test, store)
    }

    /// A few seconds from now on the controller's wall clock: a loaded machine still starts the
    /// server before it; one started after it would wait a day.
    static func soon(_ store: Store) async throws -> DailyTime {
        let second = try await store.versions.calendar().local(Date().addingTimeInterval(8)).secondOfDay
        return try #require(
            DailyTime(hour: Int(second) / 3_600, minute: Int(second) % 3_600 / 60, second: Int(second) % 60))
    }

    static func files(in directory: URL) -> [URL] {
        // try?: a directory not made yet holds no mail
        (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
    }

    @Test("At its time of day the server mails the reminder through its mail transport")
    func mailsAtItsTime() async throws {
        let (test, store) = try await Self.store()
        let mail = test.directory.appendingPathComponent("mail")
        var configuration = ServerConfiguration(port: 0)
        configuration.mail = .directory(mail.path)
        configuration.baseURL = "https://gallra.example.se/"
        configuration.mailFrom = "gallra@example.se"
        configuration.auditCheckpointEvery = nil
        configuration.reminders = .daily(at: try await Self.soon(store), within: 7)
        let captured = CapturedLog()
        let app = buildApplication(gallra: Gallra(store: store), configuration: configuration, logger: captured.logger)
        let delivered = try await app.test(.live) { _ in
            // Up to a minute and a half: a loaded machine running the other suites beside it may need it.
            var found: [URL] = []
            for _ in 0..<900 where found.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                found = Self.files(in: mail)
            }
            return found
        }
        let file = try #require(delivered.first, "the reminder reached the mail directory")
        let raw = try String(contentsOf: file, encoding: .utf8)
        #expect(raw.contains("To: emma.officer@foretaget.se"))
        let text =
            raw.components(separatedBy: "\r\n\r\n").dropFirst().compactMap { part -> String? in
                let lines = part.components(separatedBy: "\r\n").prefix { !$0.hasPrefix("--") }
                return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
            }.first { !$0.isEmpty } ?? ""
        #expect(text.contains("Incidents to notify to IMY within 72 hours"), "\(text)")
        #expect(text.contains("hours left"))
        #expect(text.contains("https://gallra.example.se/admin"))
        #expect(!text.contains("laptop"), "the incident's description may name someone; it stays in Gallra")
        let logged = captured.lines.withLock { $0 }
        #expect(logged.contains { $0.hasPrefix("reminder queued") && $0.contains("messages=1") }, "\(logged)")
        #expect(Self.files(in: mail).count == 1, "one officer, one message")
        await store.close()
    }

    @Test("Without a mail transport the server schedules no reminder, and says so once in the log")
    func offWithoutTransport() async throws {
        let (_, store) = try await Self.store()
        var configuration = ServerConfiguration(port: 0)
        configuration.auditCheckpointEvery = nil
        let time = try await Self.soon(store)
        configuration.reminders = .daily(at: time, within: 7)
        let captured = CapturedLog()
        let app = buildApplication(gallra: Gallra(store: store), configuration: configuration, logger: captured.logger)
        let calendar = try await store.versions.calendar()
        try await app.test(.live) { _ in
            // Past the time it would have run, and a little more.
            let due = calendar.next(time, after: Date().addingTimeInterval(-60))
            try await Task.sleep(for: .seconds(max(0, due.timeIntervalSinceNow) + 2))
        }
        let logged = captured.lines.withLock { $0 }
        #expect(
            logged.filter { $0.hasPrefix("daily reminders off") } == ["daily reminders off reason=no mail transport"])
        #expect(!logged.contains { $0.hasPrefix("next reminder") || $0.hasPrefix("reminder") }, "\(logged)")
        let queued = try await Gallra(store: store).mailRecords(state: nil, page: 1, by: .user("setup"))
        #expect(queued.total == 0, "nothing was queued")
        await store.close()
    }
}
