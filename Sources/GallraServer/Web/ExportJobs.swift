import Foundation
import GallraCore
import GallraServices

/// A subject's copy prepared from the admin UI on its own, so that no page waits for it; its page
/// shows how far it has come. The finished copy (personal data) is held in memory for the person
/// who asked, until they download it or ten minutes pass.
actor ExportJobs {
    struct Job: Sendable {
        let owner: String
        /// The reference the copy is prepared for: an id, or for a person only the connected
        /// systems know, the identifier they were found by.
        let subject: String
        /// How the page names the person: their id (a pseudonym for a person the store does not
        /// hold, read from the finished copy); empty until known.
        var shown: String
        let started: Date
        var progress: ExportProgress?
        var body: String?
        var failure: ErrorReason?
        var running: Bool { body == nil && failure == nil }
    }

    private var jobs: [String: Job] = [:]
    static let kept: TimeInterval = 600

    func job(_ id: String, owner: String) -> Job? {
        forgetOld()
        guard let job = jobs[id], job.owner == owner else { return nil }
        return job
    }

    /// Starts preparing the copy of `subject` (already checked to be within reach) for `owner`.
    func start(_ gallra: Gallra, subject: String, shown: String? = nil, owner: String, by party: Party) -> String {
        forgetOld()
        let id = UUID().uuidString.lowercased()
        jobs[id] = Job(owner: owner, subject: subject, shown: shown ?? subject, started: Date())
        Task {
            do {
                let export = try await gallra.exportSubject(
                    subject, by: party, progress: { step in Task { await self.progress(id, step) } })
                finish(id, body: export.json.description, failure: nil, shown: export.subject)
            } catch {
                finish(id, body: nil, failure: UnexpectedError.shown(error))
            }
        }
        return id
    }

    /// The finished copy, handed over once: it is not kept after.
    func take(_ id: String, owner: String) -> (subject: String, body: String)? {
        guard let job = job(id, owner: owner), let body = job.body else { return nil }
        jobs[id] = nil
        return (job.shown, body)
    }

    private func progress(_ id: String, _ step: ExportProgress) {
        guard var job = jobs[id], job.running else { return }
        job.progress = step
        jobs[id] = job
    }

    private func finish(_ id: String, body: String?, failure: ErrorReason?, shown: String? = nil) {
        guard var job = jobs[id] else { return }
        if let shown { job.shown = shown }
        job.body = body
        job.failure = failure
        jobs[id] = job
    }

    private func forgetOld() {
        jobs = jobs.filter { $0.value.running || Date().timeIntervalSince($0.value.started) < Self.kept }
    }
}
