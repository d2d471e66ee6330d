import GallraConnectors
import GallraDatabase
import Synchronization
import Testing

@testable import GallraStore

@Suite("Batches handed from a pass to its changes")
struct BatchHandoverTests {
    final class Given: Sendable {
        let count = Mutex(0)
    }

    @Test("The pass waits while two batches wait; each batch taken lets it go on; all arrive, in order")
    func bounded() async throws {
        let handover = BatchHandover<Int>(limit: 2)
        let given = Given()
        let pass = Task {
            for batch in 1...5 {
                await handover.give(batch)
                given.count.withLock { $0 += 1 }
            }
            await handover.finish()
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(given.count.withLock { $0 } == 2, "two batches wait; the third waits to be given")
        var taken: [Int] = []
        while let batch = await handover.take() { taken.append(batch) }
        await pass.value
        #expect(taken == [1, 2, 3, 4, 5])
    }

    @Test("Once the changes give up, the pass is let go and what waits is dropped")
    func abandoned() async throws {
        let handover = BatchHandover<Int>(limit: 1)
        let pass = Task {
            for batch in 1...4 { await handover.give(batch) }
            await handover.finish()
        }
        try await Task.sleep(for: .milliseconds(100))
        await handover.abandon()
        // Returns: a pass waiting to give is not left hanging.
        await pass.value
        #expect(await handover.take() == nil)
    }
}
