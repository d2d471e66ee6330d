import Foundation
import GallraCore
import SQLKit
import Synchronization

/// What the sweep did to one connected table.
public struct ConnectedTableSweep: Sendable {
    public let system: String
    public let table: String
    public let activity: String
    public let action: ExpiryAction
    /// Rows erased or anonymised (with a dry run: that would be).
    public var rows = 0
    /// Rows that had expired but could not be erased (another row still refers to them) and have
    /// nothing to anonymise: kept, and said so.
    public var kept = 0
    /// Expired rows of people under a legal hold (Art. 17(3)(e)): kept.
    public var held = 0
}

/// A key value of a connected table, bound with its own type.
enum KeyValue: Encodable, Hashable, Sendable, CustomStringConvertible {
    case number(Int64)
    case text(String)

    /// Values of one type, to bind as one array.
    enum Homogeneous {
        case numbers([Int64])
        case texts([String])
    }

    /// The values as one array of their type; nil when the types are mixed.
    static func homogeneous(_ values: [KeyValue]) -> Homogeneous? {
        var numbers: [Int64] = []
        var texts: [String] = []
        for value in values {
            switch value {
            case .number(let number): numbers.append(number)
            case .text(let text): texts.append(text)
            }
        }
        if texts.isEmpty { return .numbers(numbers) }
        return numbers.isEmpty ? .texts(texts) : nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    var description: String {
        switch self {
        case .number(let value): return String(value)
        case .text(let value): return value
        }
    }
}

extension RetentionSweep {
    /// Rows read and changed per transaction in a connected database.
    public static let connectedBatchSize = 10_000

    /// Erases or anonymises, in every table of the systems file in force, the rows whose rule says
    /// they have expired at `now`. Each batch is one transaction in that database, its evidence
    /// (system, table, key, rule, expiry) written to Gallra's audit chain first; a sweep killed
    /// halfway, run again, ends where the whole run would have. With `dryRun`, counts and changes
    /// nothing. `afterBatch` is told each batch's rows (and may stop the sweep by throwing).
    public func runConnected(
        now: Date, dryRun: Bool, batchSize: Int = connectedBatchSize,
        afterBatch: (@Sendable (Int) throws -> Void)? = nil
    ) async throws -> [ConnectedTableSweep] {
        guard let systems = try await store.systems.current() else { return [] }
        let register = try await requireRegister()
        let calendar = try await calendar()
        let held = try await heldRows(at: now)
        var reports: [ConnectedTableSweep] = []
        for system in systems.file.systems {
            let connection = try await store.connectors.connection(for: system)
            for table in system.tables {
                guard let activity = register.activity(table.activity) else { continue }
                guard let schema = try await store.connectors.schema(of: table, in: system, on: connection)
                else {
                    throw GallraError.unavailable("System \"\(system.id)\" has no table \"\(table.table)\" any more.")
                }
                let rows = ConnectedRows(table: table, schema: schema, connection: connection)
                var report = ConnectedTableSweep(
                    system: system.id, table: table.table, activity: activity.id, action: table.onExpiry)
                var condition = try activity.retention.expiryPredicate(at: now, calendar: calendar)
                    .sql(for: table, schema: schema, dialect: connection.dialect, calendar: calendar)
                if table.onExpiry == .anonymise { condition = condition + " AND " + (try rows.notAnonymised()) }
                // The rows of people under a legal hold are left out of the sweep, and counted.
                let heldKeys = Array(
                    Set(
                        held.filter {
                            $0.system == system.id && $0.table == table.table
                                && ($0.activity == nil || $0.activity == activity.id)
                        }.map(\.key)))
                if !heldKeys.isEmpty {
                    let heldCondition = try rows.keyCondition(heldKeys)
                    report.held =
                        try await connection.sql.raw(try rows.count(where: heldCondition + " AND " + condition))
                        .first()?.decode(column: "n", as: Int.self) ?? 0
                    condition = condition + " AND NOT " + (SQLQueryString("(") + heldCondition + ")")
                }
                // One pass over the table for what has expired (as the hand-written DELETE would make),
                // each row kept only as its key and expiry and handed on in batches as it streams
                // in. The batches are changed by key, each re-checked, on another connection of the
                // system's pool while the pass goes on (on SQLite, with its one connection, after
                // it). On PostgreSQL the pass waits while two batches wait for their change, so that
                // memory holds a few batches, not what has expired.
                let handover = BatchHandover<[ExpiredRow]>(limit: 2)
                let systemID = system.id
                let predicate = condition
                let changes = Task { () -> (changed: Int, kept: Int) in
                    var total = (changed: 0, kept: 0)
                    do {
                        while let batch = await handover.take() {
                            // A dry run counts what the sweep would take, and changes nothing.
                            if dryRun {
                                total.changed += batch.count
                                continue
                            }
                            let connection = try await store.connectors.connection(for: system)
                            let (changed, kept) = try await sweepBatch(
                                batch, rows: ConnectedRows(table: table, schema: schema, connection: connection),
                                system: systemID, activity: activity, condition: predicate, calendar: calendar)
                            total.changed += changed
                            total.kept += kept
                            try afterBatch?(changed)
                        }
                    } catch {
                        await handover.abandon()
                        throw error
                    }
                    return total
                }
                // Rows read, and the full batches not yet handed over.
                let read = Mutex<(batch: [ExpiredRow], full: [[ExpiredRow]])>(([], []))
                let retention = activity.retention
                let handOverFull: @Sendable () async -> Void = {
                    for batch in read.withLock({ read in
                        defer { read.full = [] }; return read.full
                    }) {
                        await handover.give(batch)
                    }
                }
                do {
                    try await rows.keysAndEvents(
                        try rows.select(where: predicate, limit: nil, ordered: false), calendar: calendar,
                        pace: handOverFull
                    ) { key, events in
                        let expired = ExpiredRow(
                            key: key, expiry: retention.outcome(events: events, calendar: calendar).expiry)
                        return read.withLock { read in
                            read.batch.append(expired)
                            guard read.batch.count >= batchSize else { return false }
                            read.full.append(read.batch)
                            read.batch = []
                            return true
                        }
                    }
                    await handOverFull()
                    let rest = read.withLock { $0.batch }
                    if !rest.isEmpty { await handover.give(rest) }
                    await handover.finish()
                } catch {
                    await handover.finish()
                    changes.cancel()
                    _ = try? await changes.value
                    throw error
                }
                let (changed, kept) = try await changes.value
                report.rows += changed
                report.kept += kept
                reports.append(report)
            }
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
        for subject in Set(holds.map(\.subject)) {
            let identifiers = (try? await store.subjects.identifiers(of: subject)) ?? []
            guard !identifiers.isEmpty else { continue }
            let rows = try await store.connectedPeople.rows(of: identifiers)
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
