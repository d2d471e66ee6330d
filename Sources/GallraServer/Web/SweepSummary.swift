import Foundation

/// A sweep's summary as the audit log keeps it (in English, the log's language: "12 erased,
/// 3 anonymised, …"), read back into its counts so that the page says it in the reader's
/// language. A summary of another shape (an older version's) is not read: nil.
struct SweepSummary: Sendable, Equatable {
    let erased: Int
    let anonymised: Int
    let subjects: Int
    let held: Int
    let awaitingReview: Int
    let waiting: Int
    let requests: Int
    let incidents: Int

    init?(_ detail: String) {
        let pattern =
            /(\d+) erased, (\d+) anonymised, (\d+) subjects erased, (\d+) held, (\d+) awaiting review, (\d+) waiting, (\d+) requests and (\d+) incidents past retention erased/
        guard let match = detail.firstMatch(of: pattern),
            let erased = Int(match.1), let anonymised = Int(match.2), let subjects = Int(match.3),
            let held = Int(match.4), let awaitingReview = Int(match.5), let waiting = Int(match.6),
            let requests = Int(match.7), let incidents = Int(match.8)
        else { return nil }
        (self.erased, self.anonymised, self.subjects, self.held) = (erased, anonymised, subjects, held)
        (self.awaitingReview, self.waiting, self.requests, self.incidents) = (
            awaitingReview, waiting, requests, incidents
        )
    }

    /// The summary in `words`' language.
    func said(_ words: Words) -> String {
        words.fill(
            .sweepSummary,
            [
                "erased": "\(erased)", "anonymised": "\(anonymised)", "subjects": "\(subjects)", "held": "\(held)",
                "review": "\(awaitingReview)", "waiting": "\(waiting)", "requests": "\(requests)",
                "incidents": "\(incidents)",
            ])
    }
}
