import Foundation

/// What a sweep did, or (with `dryRun`) would do, at `now`.
public struct SweepReport: Sendable {
    public struct Item: Sendable {
        public let record: String
        public let subject: String
        public let activity: String
        public let rule: String
        public let expired: Date
        /// erase or anonymise
        public let action: ExpiryAction

        public init(
            record: String, subject: String, activity: String, rule: String, expired: Date, action: ExpiryAction
        ) {
            self.record = record
            self.subject = subject
            self.activity = activity
            self.rule = rule
            self.expired = expired
            self.action = action
        }
    }

    /// Why an expired record is kept back.
    public enum HeldBack: String, Sendable {
        /// A legal hold (GDPR Art. 17(3)(e)).
        case legalHold = "legal_hold"
        /// A shorter rule of a new register version made it expire; kept until a dry run has
        /// reported it.
        case awaitingReview = "awaiting_review"
    }

    /// An expired record the sweep keeps, and why.
    public struct Kept: Sendable {
        public let record: String
        public let subject: String
        public let activity: String
        public let expired: Date
        public let reason: HeldBack

        public init(record: String, subject: String, activity: String, expired: Date, reason: HeldBack) {
            self.record = record
            self.subject = subject
            self.activity = activity
            self.expired = expired
            self.reason = reason
        }
    }

    public let now: Date
    public let dryRun: Bool
    public var items: [Item] = []
    /// The expired records kept back (`held` and `awaitingReview` counted), each with its reason.
    public var kept: [Kept] = []
    /// Expired records kept under a legal hold (GDPR Art. 17(3)(e)).
    public var held = 0
    /// Records whose rule is pending on an event.
    public var waiting = 0
    /// Expired records whose expiry a shorter rule moved earlier, kept until a dry run has reported them.
    public var awaitingReview = 0
    /// The register versions this dry run marked reviewed: the records their shorter rules made
    /// expire were reported, and the next sweep may erase them. A dry run erases nothing, but this
    /// it changes.
    public var reviewedVersions: [Int64] = []
    /// Subjects with nothing left, destroyed with their identifiers and data key.
    public var subjectsErased = 0
    /// Completed data subject requests whose own retention expired.
    public var requestsErased = 0
    /// Closed incidents whose own retention expired.
    public var incidentsErased = 0
    /// The tables of the company's own databases the systems file connects.
    public var connected: [ConnectedTableSweep] = []

    public init(now: Date, dryRun: Bool) {
        self.now = now
        self.dryRun = dryRun
    }

    /// Records erased, and rows of the connected tables.
    public var erased: Int { items.count { $0.action == .erase } + connected.reduce(0) { $0 + $1.erased } }
    /// Records anonymised, and rows of the connected tables (those another row still needed included).
    public var anonymised: Int {
        items.count { $0.action == .anonymise } + connected.reduce(0) { $0 + $1.anonymised }
    }
}

/// What the sweep did to one connected table.
public struct ConnectedTableSweep: Sendable {
    public let system: String
    public let table: String
    public let activity: String
    public let action: ExpiryAction
    /// Rows erased or anonymised (with a dry run: that would be).
    public var rows = 0
    /// Rows that had expired but could not be erased (another row still refers to them) and have
    /// nothing to anonymise: kept, and said so.
    public var kept = 0
    /// Expired rows of people under a legal hold (Art. 17(3)(e)): kept.
    public var held = 0
    /// Rows of a table that erases that were anonymised instead: another row still refers to them.
    public var anonymisedInstead = 0
    /// Each row erased or anonymised (with a dry run: to be), when the sweep was asked to list them.
    public var items: [Item] = []

    /// Rows erased (to be, in a dry run), and anonymised (those anonymised instead included).
    public var erased: Int { action == .erase ? rows - anonymisedInstead : 0 }
    public var anonymised: Int { action == .anonymise ? rows : anonymisedInstead }

    /// A row of the table: `TABLE:KEY`, when it expired, and what was done to it.
    public struct Item: Sendable {
        public let record: String
        public let expired: Date?
        public let action: ExpiryAction

        public init(record: String, expired: Date?, action: ExpiryAction) {
            self.record = record
            self.expired = expired
            self.action = action
        }
    }

    public init(system: String, table: String, activity: String, action: ExpiryAction) {
        self.system = system
        self.table = table
        self.activity = activity
        self.action = action
    }
}
