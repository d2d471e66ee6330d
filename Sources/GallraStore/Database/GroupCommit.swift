import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Writes that arrive while others are being committed wait, and are then committed together in
/// one transaction (group commit): under load, many callers cost one commit and one hold of the
/// writing connection, not one each. Each write runs as the party that asked for it, so its audit
/// entries name that party. Should the shared transaction fail, each write of the group is tried
/// again alone, so that one caller's failure is never another's.
actor GroupCommit {
    typealias Write = @Sendable (any SQLDatabase) async throws -> Void

    private var waiting: [(write: Write, done: CheckedContinuation<Void, any Error>)] = []
    private var committing = false
    private let connection: StoreConnection

    init(on connection: StoreConnection) {
        self.connection = connection
    }

    /// Runs `write` in a transaction shared with the writes waiting at the same moment; returns
    /// once it is committed.
    func commit(_ write: @escaping Write) async throws {
        let party = Acting.party
        let member: Write = { sql in try await Acting.$party.withValue(party) { try await write(sql) } }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append((member, done))
            if !committing {
                committing = true
                Task { await self.commitWaiting() }
            }
        }
    }

    private func commitWaiting() async {
        while !waiting.isEmpty {
            let group = waiting
            waiting = []
            do {
                try await connection.transaction { sql in
                    for member in group { try await member.write(sql) }
                }
                for member in group { member.done.resume() }
            } catch {
                // The database lost (a failover): each write hears so, none is tried again here —
                // a COMMIT cut off may have gone through, and a write tried again would be done twice.
                if case GallraError.unavailable = error {
                    for member in group { member.done.resume(throwing: error) }
                    continue
                }
                guard group.count > 1 else {
                    group[0].done.resume(throwing: error)
                    continue
                }
                for member in group {
                    do {
                        try await connection.transaction { sql in try await member.write(sql) }
                        member.done.resume()
                    } catch {
                        member.done.resume(throwing: error)
                    }
                }
            }
        }
        committing = false
    }
}
