import Foundation
import GallraCore
import GallraStore

/// Subject look-up + export from many concurrent callers, first alone, then while a sweep erases
/// what has expired: how much a sweep delays the reads of personal data.
struct ConcurrentLookups {
    let store: Store
    let subjects: Int
    let callers: Int

    func run(lookups: Int) async throws {
        let alone = try await measure(lookups: lookups, until: nil)
        report("alone", alone)
        let sweepStart = ContinuousClock.now
        let sweep = Task {
            try await store.work(by: .sweep) { try await store.sweep.run(now: Date()) }
        }
        let during = try await measure(lookups: nil, until: sweep)
        let report = try await sweep.value
        let sweepSeconds = seconds(sweepStart)
        self.report("during a sweep", during)
        print(
            String(
                format: "  the sweep: %d records erased in %.2f s while the callers read", report.erased,
                sweepSeconds))
        let ratio = percentile(during, 0.99) / max(percentile(alone, 0.99), 0.001)
        print(String(format: "  p99 during the sweep / p99 alone: %.2fx", ratio))
    }

    /// Each caller repeats look-up + export, `lookups` in all or until `task` finishes.
    private func measure(lookups: Int?, until task: Task<SweepReport, any Error>?) async throws -> [Double] {
        let finished = Finished()
        if let task {
            Task {
                // try?: a benchmark: a failed lookup is counted by its absence
                _ = try? await task.value
                await finished.set()
            }
        }
        let each = (lookups ?? 0) / callers
        let timings = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<callers {
                group.addTask {
                    try await store.work(by: .system("bench")) {
                        var timings: [Double] = []
                        var generator = SystemRandomNumberGenerator()
                        var done = 0
                        while lookups == nil ? !(await finished.value) : done < each {
                            let n = Int.random(in: 0..<subjects, using: &generator)
                            let start = ContinuousClock.now
                            do {
                                _ = try await store.subjects.export("person\(n)@example.se")
                            } catch GallraError.notFound {
                                // erased by the sweep meanwhile: still a look-up answered
                            }
                            timings.append(seconds(start) * 1000)
                            done += 1
                        }
                        return timings
                    }
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all
        }
        return timings.sorted()
    }

    private func report(_ what: String, _ timings: [Double]) {
        guard !timings.isEmpty else { return print("  \(what): no look-ups") }
        print(
            String(
                format: "lookup + export, %d callers, %@: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d look-ups)",
                callers, what, percentile(timings, 0.5), percentile(timings, 0.99), timings.last ?? 0,
                timings.count))
    }
}

actor Finished {
    private(set) var value = false
    func set() { value = true }
}
