import Foundation
import GallraCore
import GallraServices

/// A sweep started from the admin UI runs on its own, so that no page waits for it; its page
/// shows how far it has come. One at a time: the sweep lock allows no more.
actor SweepJobs {
    struct Job: Sendable {
        let id: String
        let started: Date
        /// The records expired when it started: about what it will remove.
        let expected: Int
        var done = 0
        var report: SweepReport?
        var failure: ErrorReason?
        var running: Bool { report == nil && failure == nil }
    }

    private var jobs: [String: Job] = [:]

    /// The job running now, if any.
    var running: Job? { jobs.values.first { $0.running } }

    func job(_ id: String) -> Job? { jobs[id] }

    /// Starts a sweep on behalf of `party`; returns its id (or the running one's).
    func start(_ gallra: Gallra, expected: Int, by party: Party) -> String {
        if let running { return running.id }
        let id = UUID().uuidString.lowercased()
        jobs = jobs.filter { $0.value.running || Date().timeIntervalSince($0.value.started) < 3_600 }
        jobs[id] = Job(id: id, started: Date(), expected: expected)
        Task {
            do {
                let report = try await gallra.sweep(
                    now: Date(), by: party, progress: { done in Task { await self.progress(id, done) } })
                finish(id, report: report, failure: nil)
            } catch {
                finish(id, report: nil, failure: UnexpectedError.shown(error))
            }
        }
        return id
    }

    private func progress(_ id: String, _ done: Int) {
        guard var job = jobs[id], job.running else { return }
        job.done = max(job.done, done)
        jobs[id] = job
    }

    private func finish(_ id: String, report: SweepReport?, failure: ErrorReason?) {
        guard var job = jobs[id] else { return }
        job.report = report
        job.failure = failure
        if let report { job.done = report.erased + report.anonymised }
        jobs[id] = job
    }
}
