import Foundation
import GallraCore
import Testing

@Suite("The daily reminder's digest: what is due")
struct ReminderDigestTests {
    static let today = CivilDate(year: 2026, month: 12, day: 2)!
    static let now = Date(timeIntervalSince1970: 1_796_193_000)

    static func request(_ reference: String, deadline: Int, status: RequestStatus = .open) -> DataSubjectRequest {
        var request = DataSubjectRequest(
            id: "id-\(reference)", kind: .erasure, subject: "s", channel: "email", scope: nil,
            received: today.adding(days: -20), deadline: today.adding(days: deadline), verifiedAt: nil,
            verifiedHow: nil, extendedAt: nil, extensionReason: nil, status: status, completedAt: nil, sent: nil,
            completedDecisions: nil)
        request.reference = reference
        return request
    }

    static func incident(_ id: String, awareHoursAgo hours: Double, _ change: (inout Incident) -> Void = { _ in })
        -> Incident
    {
        var incident = Incident(id: id, aware: now.addingTimeInterval(-hours * 3_600), description: "x")
        change(&incident)
        return incident
    }

    @Test(
        "A request is listed when overdue or due within the window, the day of the window's end included",
        arguments: [(-30, true), (-1, true), (0, true), (7, true), (8, false), (40, false)])
    func requestWindow(daysLeft: Int, listed: Bool) {
        let digest = ReminderDigest(
            day: Self.today, now: Self.now, window: 7, pending: [Self.request("2026-0001", deadline: daysLeft)],
            open: [])
        #expect(digest.requests.map(\.daysLeft) == (listed ? [daysLeft] : []))
        #expect(digest.isEmpty == !listed)
    }

    @Test("A completed request is never listed; the most overdue comes first")
    func order() {
        let digest = ReminderDigest(
            day: Self.today, now: Self.now, window: 7,
            pending: [
                Self.request("2026-0003", deadline: 5), Self.request("2026-0001", deadline: -4),
                Self.request("2026-0002", deadline: -1, status: .completed),
                Self.request("2026-0004", deadline: 2, status: .extended),
            ], open: [])
        #expect(digest.requests.map(\.reference) == ["2026-0001", "2026-0004", "2026-0003"])
        #expect(digest.overdueRequests == 1)
    }

    @Test("An incident is on the clock until IMY is notified or it is recorded why not, or it is closed")
    func incidentsOnTheClock() {
        let digest = ReminderDigest(
            day: Self.today, now: Self.now, window: 7, pending: [],
            open: [
                Self.incident("running", awareHoursAgo: 30),
                Self.incident("late-by-ten-minutes", awareHoursAgo: 72 + 1.0 / 6),
                Self.incident("notified", awareHoursAgo: 10) { $0.authorityNotified = Self.now },
                Self.incident("not-needed", awareHoursAgo: 10) { $0.authorityNotNeeded = "no risk" },
                Self.incident("closed", awareHoursAgo: 100) { $0.closed = Self.now },
            ])
        #expect(digest.incidents.map(\.id) == ["late-by-ten-minutes", "running"])
        #expect(digest.incidents.map(\.hoursLeft) == [-1, 42], "late by ten minutes is late by an hour, never by none")
        #expect(digest.lateIncidents == 1)
    }
}
