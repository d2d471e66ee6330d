import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Restore {
    /// The rows of a company's own databases the journal says were erased or anonymised, found
    /// again (by key; a text key by its HMAC, reading the table's keys) and changed again by the row
    /// policy the sweep and the requests share, each table's evidence in the audit log first. A
    /// row anonymised instead of erased, as the policy does when other rows still refer to it,
    /// counts as done.
    func replayConnected(
        _ entries: [ErasureJournal.Entry], into report: inout RestoreReport, replayed: inout Set<Int>
    ) async throws {
        guard !entries.isEmpty else { return }
        // One pass per table and action, whatever the number of entries.
        var groups: [String: (system: String, table: String, action: String, keys: [[ErasureJournal.KeyPart]: Int])] =
            [:]
        for entry in entries {
            guard let system = entry.system, let table = entry.table, let action = entry.action else { continue }
            let name = "\(system)\u{0}\(table)\u{0}\(action)"
            var group = groups[name] ?? (system, table, action, [:])
            for key in entry.keys ?? [] where group.keys[key] == nil { group.keys[key] = entry.seq }
            groups[name] = group
        }
        let systems = try await store.systems.current()
        for name in groups.keys.sorted() {
            guard let group = groups[name] else { continue }
            let action: RowAction = group.action == "anonymise" ? .anonymise : .erase
            guard let system = systems?.file.systems.first(where: { $0.id == group.system }),
                let table = system.tables.first(where: { $0.table == group.table })
            else {
                report.failures.append(
                    "\(group.system).\(group.table): not in the systems file in force; \(group.keys.count) rows it erased could not be looked for"
                )
                continue
            }
            let connection = try await store.connectors.connection(for: system)
            guard let schema = try await store.connectors.schema(of: table, in: system, on: connection) else {
                report.failures.append(
                    "\(group.system).\(group.table): the table is not in its database; \(group.keys.count) rows it erased could not be looked for"
                )
                continue
            }
            let rows = ConnectedRows(table: table, schema: schema, connection: connection)
            let back = try await rowsBack(group.keys, of: rows)
            var done = RestoreReport.ConnectedRows(
                system: group.system, table: group.table, action: action == .anonymise ? .anonymise : .erase)
            guard !back.isEmpty else { continue }
            for key in back { if let seq = group.keys[store.erasureJournal.parts(key)] { replayed.insert(seq) } }
            let named = back.allSatisfy { $0.allSatisfy { if case .number = $0 { true } else { false } } }
            let seqs = Set(back.compactMap { group.keys[store.erasureJournal.parts($0)] }).sorted()
            let evidence =
                "restore from a backup: erasure journal entries \(seqs.map(String.init).joined(separator: ", ")): "
                + "system \(group.system): \(back.count) rows"
                + (named ? ": " + back.map(table.reference).joined(separator: ", ") : " (keys not named: text)")
            try await data.transaction { sql in
                try await self.audit(
                    [AuditEvent("connected.\(done.action.rawValue)", activity: table.activity, detail: evidence)],
                    on: sql)
            }
            let plan = RowPlan([RowChange(table: table, schema: schema, keys: back, action: action)])
            let outcomes = try await plan.carryOut(on: connection)[0]
            for (key, outcome) in zip(back, outcomes) {
                switch outcome {
                case .done:
                    done.changed += 1
                    if named { done.references.append(table.reference(key)) }
                case .anonymisedInstead: done.anonymisedInstead += 1
                case .kept: done.kept += 1
                }
            }
            if done.kept > 0 {
                report.failures.append(
                    "\(group.system).\(group.table): \(done.kept) rows could not be erased again: other rows still refer to them and the table says nothing to anonymise"
                )
            }
            report.connected.append(done)
        }
    }

    /// The rows of `keys` the database holds and has not yet changed as the journal says: for an
    /// erasure, present (and, where the table anonymises rows the database refuses to erase, not
    /// anonymised); for an anonymisation, not anonymised.
    private func rowsBack(_ keys: [[ErasureJournal.KeyPart]: Int], of rows: ConnectedRows) async throws
        -> [[KeyValue]]
    {
        let journal = store.erasureJournal
        let pending: RowCondition? = rows.table.anonymise.isEmpty ? nil : .notAnonymised
        var numbers: [[KeyValue]] = []
        var hashed = false
        for key in keys.keys {
            let values = key.compactMap { part in part.n.map(KeyValue.number) }
            if values.count == key.count { numbers.append(values) } else { hashed = true }
        }
        var back: [[KeyValue]] = []
        if hashed {
            // A text key is found by its HMAC: every key of the table is read.
            for row in try await rows.connection.sql.raw(
                try rows.select(where: pending ?? .all([]), limit: nil, ordered: true)
            ).all() {
                let key = try rows.typedKey(of: row)
                if keys[journal.parts(key)] != nil { back.append(key) }
            }
            return back
        }
        for chunk in numbers.sorted(by: { "\($0)" < "\($1)" }).chunked(into: Restore.batchSize).map(Array.init) {
            let condition = pending.map { RowCondition.keys(chunk) && $0 } ?? .keys(chunk)
            for row in try await rows.connection.sql.raw(try rows.select(where: condition, limit: nil, ordered: true))
                .all()
            {
                back.append(try rows.typedKey(of: row))
            }
        }
        return back
    }
}
