import GallraCore

/// The retention page (`retention.mustache`): the forecast chart and its table, what waits for an
/// event, and the last sweeps (a dry run has a page of its own, `DryRunPage`).
struct RetentionPage: Encodable, Sendable {
    struct Week: Encodable, Sendable {
        let start: String
        let total: Int
        /// "Activity: N; …".
        let detail: String
    }

    struct Waiting: Encodable, Sendable {
        let events: String
        let records: Int
    }

    struct Sweep: Encodable, Sendable {
        let at: String
        let actor: String
        let detail: String
    }

    let navRetention = true
    /// The chart as SVG, written by `ForecastChart` (escaped there).
    let chart: String
    let overdue: Int
    let held: Int
    let weeks: [Week]
    let waiting: [Waiting]
    let hasWaiting: Bool
    let lastSweeps: [Sweep]
}

/// The sweep's progress page (`sweep.mustache`), renewed until the sweep is done.
struct SweepPage: Encodable, Sendable {
    let navRetention = true
    let running: Bool
    let done: Int
    let expected: Int
    let report: SweepTotals?
    let error: String?
}

/// What a sweep did, or a dry run would do.
struct SweepTotals: Encodable, Sendable {
    let erased: Int
    let anonymised: Int
    let held: Int
    /// Expired records a shorter rule made expire, kept until a dry run has shown them.
    let awaitingReview: Int
    let anyKeptBack: Bool
    let waiting: Int
    let subjectsErased: Int
    /// A dry run's register versions it reports, and so marks reviewed.
    let hasReviewed: Bool?
    let reviewed: String?

    init(_ report: SweepReport, reviewed: Bool = false) {
        erased = report.erased
        anonymised = report.anonymised
        held = report.held
        awaitingReview = report.awaitingReview
        anyKeptBack = report.held + report.awaitingReview > 0
        waiting = report.waiting
        subjectsErased = report.subjectsErased
        hasReviewed = reviewed ? !report.reviewedVersions.isEmpty : nil
        self.reviewed = reviewed ? report.reviewedVersions.map(String.init).joined(separator: ", ") : nil
    }
}
