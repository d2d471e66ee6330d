import Foundation

/// What will expire over the coming days, per activity and per day, what waits for which events,
/// and what is held.
public struct Forecast: Sendable {
    public struct Day: Sendable {
        public let date: CivilDate
        public let activity: String
        public let records: Int

        public init(date: CivilDate, activity: String, records: Int) {
            self.date = date
            self.activity = activity
            self.records = records
        }
    }

    public let from: Date
    public let days: Int
    /// Records already expired at `from` (the next sweep takes them).
    public var overdue: Int = 0
    public var expiring: [Day] = []
    /// Records waiting for events, by the events they wait for ("contract.end", "campaign.end, consent.withdrawn").
    public var waiting: [(events: String, records: Int)] = []
    /// Records under a legal hold that are expired or expire within the period.
    public var held: Int = 0

    public init(from: Date, days: Int) {
        self.from = from
        self.days = days
    }
}
