import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit
import Synchronization

extension RetentionSweep {
    /// Rows read and changed per transaction in a connected database.
    public static let connectedBatchSize = 10_000

    /// Erases or anonymises, in every table of the systems file in force, the rows whose rule says
    /// they have expired at `now`. Each batch is one transaction in that database, its evidence
    /// (system, table, key, rule, expiry) written to Gallra's audit chain first; a sweep killed
    /// halfway, run again, ends where the whole run would have. With `dryRun`, counts and changes
    /// nothing. With `listing`, each table's report lists its rows (memory then grows with them).
    /// `afterBatch` is told each batch's rows (and may stop the sweep by throwing).
    public func runConnected(
        now: Date, dryRun: Bool, batchSize: Int = connectedBatchSize, listing: Bool = false,
        afterBatch: (@Sendable (Int) throws -> Void)? = nil
    ) async throws -> [ConnectedTableSweep] {
        let evidenced = dryRun ? [] : try await evidencedByLastSweep()
        return try await Self.$evidencedBefore.withValue(evidenced) {
            try await sweepConnected(
                now: now, dryRun: dryRun, batchSize: batchSize, listing: listing, afterBatch: afterBatch)
        }
    }

    private func sweepConnected(
        now: Date, dryRun: Bool, batchSize: Int, listing: Bool, afterBatch: (@Sendable (Int) throws -> Void)?
    ) async throws -> [ConnectedTableSweep] {
        guard let systems = try await store.systems.current() else { return [] }
        let register = try await requireRegister()
        let calendar = try await calendar()
        let held = try await heldRows(at: now)
        let fromStore = try await storeEventRows(calendar: calendar)
        var reports: [ConnectedTableSweep] = []
        for system in systems.file.systems {
            // The passes over the tables wait for the batches' changes while they read: they read
            // on a connection of their own, so that no change ever waits for them.
            // A table's last changes are made while the next table's pass reads (the next
            // table's changes wait for them).
            let (reading, own) = try await store.connectors.ownConnection(for: system)
            var finishing: Task<ConnectedTableSweep, any Error>?
            do {
                for table in system.tables {
                    guard let activity = register.activity(table.activity) else { continue }
                    let next = try await startSweep(
                        table, of: system, reading: reading, activity: activity, now: now, dryRun: dryRun,
                        batchSize: batchSize, held: held,
                        fromStore: fromStore.filter { $0.system == system.id && $0.table == table.table },
                        calendar: calendar, listing: listing, afterBatch: afterBatch, after: finishing)
                    let previous = finishing
                    finishing = next
                    if let previous { reports.append(try await previous.value) }
                }
                if let last = finishing {
                    finishing = nil
                    reports.append(try await last.value)
                }
            } catch {
                // Nothing goes on after the sweep has stopped.
                finishing?.cancel()
                // try?: waiting for the cancelled batch to stop; the sweep's own error is thrown
                _ = try? await finishing?.value
                if own { await reading.close() }
                throw error
            }
            if own { await reading.close() }
        }
        return reports
    }
}

/// A row of a person under a legal hold: on one activity, or (nil) on all of them.
struct HeldRow: Hashable {
    let system: String
    let table: String
    let key: [KeyValue]
    let activity: String?
}

extension RetentionSweep {
    /// The connected rows of every person under a legal hold in force.
    func heldRows(at now: Date) async throws -> Set<HeldRow> {
        var held: Set<HeldRow> = []
        let holds = try await store.holds.allInForce(at: now.millis)
        guard !holds.isEmpty, let systems = try await store.systems.current() else { return [] }
        var people: [String: [SubjectIdentifier]] = [:]
        // Fails closed: without a held person's identifiers their rows cannot be told apart, and
        // the sweep would erase them despite the hold.
        for subject in Set(holds.map(\.subject)) {
            do {
                people[subject] = try await store.subjects.identifiers(of: subject)
            } catch {
                throw GallraError.unavailable(
                    "The sweep of the connected systems stopped: the identifiers of subject \(subject), under a legal hold, could not be read (\(error)), so their rows could not be kept. Nothing in the connected systems was changed."
                )
            }
        }
        let rowsByPerson = try await store.connectedPeople.rows(ofEach: people, in: systems)
        for (subject, rows) in rowsByPerson {
            for hold in holds where hold.subject == subject {
                for row in rows {
                    held.insert(
                        HeldRow(system: row.system, table: row.table.table, key: row.key, activity: hold.activity))
                }
            }
        }
        return held
    }
}
