import GallraDatabase

/// Batches handed from a pass over a table to the task that changes them, at most `limit` waiting:
/// a pass that reads faster than the changes are made waits for them, instead of holding in memory
/// what it has read. Once the taker gives up (its change failed), handing over returns at once.
package actor BatchHandover<Batch: Sendable> {
    private var waiting: [Batch] = []
    private var finished = false
    private var abandoned = false
    private var taker: CheckedContinuation<Batch?, Never>?
    private var givers: [CheckedContinuation<Void, Never>] = []
    package let limit: Int

    package init(limit: Int) {
        self.limit = limit
    }

    /// Hands `batch` over; waits while `limit` batches wait already.
    package func give(_ batch: Batch) async {
        while waiting.count >= limit && !abandoned {
            await withCheckedContinuation { givers.append($0) }
        }
        guard !abandoned else { return }
        if let taker {
            self.taker = nil
            taker.resume(returning: batch)
        } else {
            waiting.append(batch)
        }
    }

    /// No more batches: the taker gets nil once it has taken what waits.
    package func finish() {
        finished = true
        taker?.resume(returning: nil)
        taker = nil
    }

    /// The next batch, or nil when the pass has finished and nothing waits.
    package func take() async -> Batch? {
        if !waiting.isEmpty {
            let batch = waiting.removeFirst()
            if !givers.isEmpty { givers.removeFirst().resume() }
            return batch
        }
        if finished { return nil }
        return await withCheckedContinuation { taker = $0 }
    }

    /// The taker stops: what waits is dropped and givers return at once.
    package func abandon() {
        abandoned = true
        waiting = []
        for giver in givers { giver.resume() }
        givers = []
    }
}
