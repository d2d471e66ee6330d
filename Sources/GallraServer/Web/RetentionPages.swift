import GallraCore

/// The retention page (`retention.mustache`): the forecast chart and its table, what waits for an
/// event, the last sweeps, and a dry run's totals.
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
    /// A dry run's totals, after one.
    let report: SweepTotals?
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
    let waiting: Int
    let subjectsErased: Int
    /// A dry run's register versions it reports, and so marks reviewed.
    let hasReviewed: Bool?
    let reviewed: String?

    init(_ report: SweepReport, reviewed: Bool = false) {
        erased = report.erased
        anonymised = report.anonymised
        held = report.held
        waiting = report.waiting
        subjectsErased = report.subjectsErased
        hasReviewed = reviewed ? !report.reviewedVersions.isEmpty : nil
        self.reviewed = reviewed ? report.reviewedVersions.map(String.init).joined(separator: ", ") : nil
    }
}
