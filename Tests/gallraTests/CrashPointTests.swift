import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// kill -9 at 100 points chosen at random among the real steps (the fault points of
/// docs/crash-points.md) of the sweep, a request's completion, key rotation, the connected sweep
/// and a register apply, on SQLite and on PostgreSQL; then the operation is run again and the state
/// compared with an uninterrupted twin's: the records, the connected rows, the keys, the audit chain.
/// The seed is printed with every failure: `GALLRA_CRASH_SEED=N` runs the same points again.
@Suite("kill -9 at any point, then a rerun: the state of an uninterrupted run", .serialized, .acting())
struct CrashPointTests {
    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["GALLRA_CRASH_SEED"], let seed = UInt64(text) {
            return seed
        }
        return UInt64.random(in: 1...999_999)
    }()

    static let cases: [(CrashOperation, TestBackend)] = CrashOperation.allCases.flatMap { operation in
        TestBackend.available.map { (operation, $0) }
    }

    /// 100 points in all, shared out between the operations and the backends.
    static var pointsEach: Int { 100 / cases.count }

    @Test("Killed at random points and run again: the uninterrupted run's state", arguments: cases)
    func killAtPoints(operation: CrashOperation, backend: TestBackend) async throws {
        var random = SeededRandom(seed: Self.seed &+ UInt64(operation.index * 2 + (backend == .sqlite ? 0 : 1)))
        let base = try await CrashCopy.prepare(operation, on: backend)
        let twin = try await base.copy()
        let passes = try twin.runTraced(operation.commands(twin))
        let expected = try await twin.state(operation)
        let total = passes.reduce(0, +)
        try #require(total > 0, "\(operation) passes no fault point")
        var killed = 0
        for _ in 0..<Self.pointsEach {
            let point = Int.random(in: 1...total, using: &random)
            let note = "GALLRA_CRASH_SEED=\(Self.seed) \(operation) on \(backend): kill at pass \(point) of \(total)"
            let copy = try await base.copy()
            if try copy.runKilled(operation.commands(copy), passes: passes, at: point) { killed += 1 }
            let state = try await copy.state(operation)
            #expect(
                state.problems(comparedWith: expected).isEmpty, "\(note): \(state.problems(comparedWith: expected))")
            try await copy.remove()
        }
        #expect(killed >= Self.pointsEach * 8 / 10, "GALLRA_CRASH_SEED=\(Self.seed): most kills land")
        try await twin.remove()
        try await base.remove()
    }
}

/// A small generator with a seed, so that a failure's points can be chosen again.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        // splitmix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
