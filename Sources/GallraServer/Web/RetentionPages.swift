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
        /// "1 post", "3 poster".
        let records: String
    }

    struct Sweep: Encodable, Sendable {
        let at: String
        let actor: String
        let detail: String
    }

    let navRetention = true
    /// The chart as SVG, written by `ForecastChart` (escaped there).
    let chart: String
    /// "Past their retention, waiting for the sweep: 3 records".
    let overdue: String
    /// "Kept under a legal hold: 1 record".
    let held: String
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
    /// "12 / 40 records".
    let progress: String
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
    /// What was done, one line for each count, in the page's words.
    let lines: [String]

    init(_ report: SweepReport, reviewed: Bool = false, words: Words) {
        lines = [
            words.fill(.erasedPast, ["records": words.count(report.erased, .record)]),
            words.fill(.anonymisedPast, ["records": words.count(report.anonymised, .record)]),
            words.fill(.subjectsErasedPast, ["people": words.count(report.subjectsErased, .person)]),
            words.fill(.held, ["records": words.count(report.held, .record)]),
            words.fill(.waitingRecords, ["records": words.count(report.waiting, .record)]),
        ]
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
