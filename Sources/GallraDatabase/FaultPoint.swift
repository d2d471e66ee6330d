import Foundation
import Synchronization

/// Test-only crash points (docs/crash-points.md): named places in the real steps of an operation
/// (after a transaction's body, after its commit, around a key-file write) where a process can be
/// made to kill itself with SIGKILL, so that a test can stop it at a chosen step instead of at a
/// chosen time. Read once from the environment; with `GALLRA_FAULT_POINT` and
/// `GALLRA_FAULT_TRACE` unset, which is how Gallra always runs outside the crash tests, a pass is
/// one load of a constant and nothing else. A release build ignores both variables.
///
/// - `GALLRA_FAULT_POINT=NAME:N` kills the process at the Nth pass through the point NAME
///   (`any:N`: the Nth pass through any point).
/// - `GALLRA_FAULT_TRACE=FILE` appends each point's name to FILE as it is passed (an
///   uninterrupted run's trace tells the test how many points there are to choose from).
package enum FaultPoint {
    private struct Plan: Sendable {
        let name: String?
        let hit: Int
        let trace: Int32?
    }

    private static let plan: Plan? = {
        #if DEBUG
            return readPlan()
        #else
            // A release build never kills itself: the points serve the crash tests' debug builds.
            return nil
        #endif
    }()

    private static func readPlan() -> Plan? {
        let environment = ProcessInfo.processInfo.environment
        var name: String?
        var hit = 0
        if let text = environment["GALLRA_FAULT_POINT"] {
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let n = Int(parts[1]), n > 0 else { return nil }
            name = String(parts[0])
            hit = n
        }
        let trace = environment["GALLRA_FAULT_TRACE"].map {
            open($0, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }
        if name == nil && trace == nil { return nil }
        return Plan(name: name, hit: hit, trace: trace.flatMap { $0 >= 0 ? $0 : nil })
    }

    private static let passes = Atomic<Int>(0)

    /// Passes the point `name`: a no-op unless a crash test asked for this point.
    package static func pass(_ name: StaticString) {
        guard let plan else { return }
        let text = "\(name)"
        if let trace = plan.trace {
            let line = Array((text + "\n").utf8)
            _ = line.withUnsafeBytes { write(trace, $0.baseAddress, $0.count) }
        }
        guard let wanted = plan.name, wanted == "any" || wanted == text else { return }
        if passes.add(1, ordering: .sequentiallyConsistent).newValue == plan.hit {
            kill(getpid(), SIGKILL)
        }
    }
}
