import Dispatch
import HummingbirdBcrypt

/// bcrypt, off Swift's cooperative pool: a hash takes a quarter of a second or so of a core by
/// design, and the pool has one thread per core. Run on it, a burst of sign-ins would hold every
/// thread and stall all other requests (the throttle's refusals and every page) until the hashes
/// were done; on Dispatch's threads they wait only for each other.
enum PasswordHashing {
    static func hash(_ password: String, cost: UInt8) async -> String {
        await offPool { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await offPool { Bcrypt.verify(password, hash: hash) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
