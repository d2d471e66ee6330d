import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Logging
import Testing

@Suite("The server's daily sweep")
struct SweepScheduleTests {
    @Test("At its time of day the schedule sweeps what has expired, and stops when cancelled")
    func sweepsWhenDue() async throws {
        let (store, _) = try await IncidentAPITests.store()
        try await store.work(by: .user("setup")) {
            let subject = try await store.subjects.add(email: "gammal@example.se")
            // collected + 60d, collected a year ago: expired.
            _ = try await store.records.add(
                subject: subject, activity: "product-demo", category: "contact_details", value: "gammal@example.se",
                collected: Date().addingTimeInterval(-365 * 86_400))
        }
        let calendar = try await store.versions.calendar()
        // Far enough ahead that a loaded machine (the other suites, a fuzzer) starts the schedule
        // before its time; a schedule started after it would wait a day.
        let soon = calendar.local(Date().addingTimeInterval(8)).secondOfDay
        let time = try #require(
            DailyTime(hour: Int(soon) / 3_600, minute: Int(soon) % 3_600 / 60, second: Int(soon) % 60))
        let schedule = SweepSchedule(gallra: Gallra(store: store), time: time, logger: Logger(label: "test"))
        let running = Task { try await schedule.run() }
        var gone = false
        // Up to a minute and a half: a loaded machine running the other suites beside it may need it.
        for _ in 0..<900 where !gone {
            try await Task.sleep(nanoseconds: 100_000_000)
            gone = (try? await store.subjects.resolve("gammal@example.se")) == nil
        }
        running.cancel()
        _ = try? await running.value
        #expect(gone, "the subject's only record expired, so the scheduled sweep erased the subject")
        let audit = try await store.verifyAudit()
        guard case .intact = audit else {
            Issue.record("the audit chain broke: \(audit)")
            return
        }
        await store.close()
    }
}
