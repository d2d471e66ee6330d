import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// Carries the decisions to erase or anonymise out on the subject's rows in the connected
    /// databases, the rows that belong to others first: each row in a transaction of its own, so
    /// that an interrupted request, completed again, finishes the rest. A row that must go but is
    /// still referred to by a row that stays is anonymised instead, and the change says so.
    public func carryOutConnected(
        _ decisions: [RightsDecision], subject: String, request id: String, rows: [ConnectedRow],
        systems: SystemsVersion?
    ) async throws -> [ConnectedChange] {
        let actions = Dictionary(
            decisions.filter { [.erase, .anonymise, .restrict].contains($0.action) }.map { ($0.activity, $0.action) },
            uniquingKeysWith: { first, _ in first })
        guard !actions.isEmpty, let systems else { return [] }
        let planned = Self.plan(rows, actions: actions.mapValues { $0 })
        let changes = zip(rows, planned).filter { $0.1 != nil }.map { ($0.0, $0.1!) }
        guard !changes.isEmpty else { return [] }
        // The evidence first, so that no change goes unrecorded: it is written while the first
        // database's statements run, and that transaction commits only once the evidence has.
        let detail =
            "request \(id): "
            + changes.map { "\($0.0.system) \($0.0.reference) \($0.1.rawValue)" }.joined(separator: ", ")
        let evidence = Task { try await recordConnectedEvidence(subject: subject, detail: detail) }
        // Per system, one plan carried out by the row policy the sweep shares: the rows that
        // belong to others first, in one transaction, each row on its own only should the
        // database refuse (a reference the file does not name).
        var done: [ConnectedChange] = []
        for system in systems.file.systems {
            let mine = changes.filter { $0.0.system == system.id }
            guard !mine.isEmpty else { continue }
            let connection = try await store.connectors.connection(for: system)
            var plan = RowPlan()
            var planned: [(row: ConnectedRow, action: ConnectedChange.Action)] = []
            for (row, action) in mine.reversed() {
                guard let rowAction = action.rowAction else { continue }
                guard
                    let schema = try await store.connectors.schema(
                        of: row.table.table, system: system.id, on: connection)
                else {
                    throw GallraError.unavailable(
                        "System \"\(system.id)\" has no table \"\(row.table.table)\" any more; nothing in it was changed."
                    )
                }
                plan.add(row.key, of: row.table, schema: schema, action: rowAction)
                planned.append((row, action))
            }
            // Write-ahead, apart from the data: a restored backup of this database is told to erase again.
            let journal = store.erasureJournal
            let outcomes = try await journal.aborting(apart: true) {
                try journal.recordConnected(
                    plan.changes.map { ($0.table.table, $0.action, $0.keys) }, system: system.id, by: "request \(id)")
                return try await plan.carryOut(on: connection, beforeCommit: { try await evidence.value })
            }
            var outcome: [String: ConnectedChange.Action] = [:]
            for (change, results) in zip(plan.changes, outcomes) {
                for (key, result) in zip(change.keys, results) {
                    let reference = change.table.reference(key)
                    let action = planned.first { $0.row.reference == reference }?.action
                    switch result {
                    case .done: outcome[reference] = action
                    case .anonymisedInstead: outcome[reference] = .anonymised
                    case .kept: outcome[reference] = .kept
                    }
                }
            }
            done += mine.map {
                ConnectedChange(
                    system: system.id, record: $0.0.reference, activity: $0.0.table.activity,
                    action: outcome[$0.0.reference] ?? $0.1)
            }
        }
        try await evidence.value
        return done
    }

    /// What each row comes to under the decisions: nil when its activity's decision leaves it be;
    /// erased; anonymised when a row that stays still refers to it (or when its activity is
    /// anonymised); kept when it must go but cannot and the table says nothing to anonymise.
    static func plan(_ rows: [ConnectedRow], actions: [String: DecisionAction]) -> [ConnectedChange.Action?] {
        func goes(_ row: ConnectedRow) -> Bool { actions[row.table.activity] == .erase }
        return rows.map { row in
            switch actions[row.table.activity] {
            case .restrict:
                return row.table.restrict == nil ? .restrictByHand : .restricted
            case .erase:
                let referred = rows.contains { $0.system == row.system && $0.parent == row.reference && !goes($0) }
                return referred ? (row.table.anonymise.isEmpty ? .kept : .anonymised) : .erased
            case .anonymise:
                return row.table.anonymise.isEmpty ? .kept : .anonymised
            default:
                return nil
            }
        }
    }
}

extension Requests {
    /// What a request is about to do in the connected databases, in the audit chain and
    /// committed before any of it is done (rows and columns, never values).
    func recordConnectedEvidence(subject: String, detail: String) async throws {
        try await data.transaction { sql in
            // A completion killed after its evidence and before the rows changed finds the same
            // rows when run again: their evidence is there already, and is not written twice.
            let written = try await sql.raw(
                "SELECT 1 AS one FROM audit_log WHERE action = 'connected.request' AND detail = \(bind: detail)"
            ).first()
            if written != nil { return }
            try await self.audit([AuditEvent("connected.request", subject: subject, detail: detail)], on: sql)
        }
    }
}

extension ConnectedChange.Action {
    /// What carrying the action out does to the row in its database (nil: nothing).
    var rowAction: RowAction? {
        switch self {
        case .erased: .erase
        case .anonymised: .anonymise
        case .restricted: .restrict(true)
        default: nil
        }
    }
}

extension Requests {
    /// Lifting a restriction (Art. 18(3)) clears the mark on the subject's rows in the tables of
    /// the activities it restricted (nil: every activity); returns the rows cleared. The evidence
    /// goes first.
    func liftConnectedRestriction(subject: String, request id: String, activities: Set<String>?) async throws -> Int {
        guard let systems = try await store.systems.current() else { return 0 }
        let rows = try await store.connectedPeople.rows(of: try await store.subjects.identifiers(of: subject))
            .filter { (activities?.contains($0.table.activity) ?? true) && $0.table.restrict != nil }
        guard !rows.isEmpty else { return 0 }
        try await recordConnectedEvidence(
            subject: subject,
            detail: "request \(id): restriction lifted on "
                + rows.map { "\($0.system) \($0.reference)" }.joined(separator: ", "))
        for system in systems.file.systems {
            let mine = rows.filter { $0.system == system.id }
            guard !mine.isEmpty else { continue }
            let connection = try await store.connectors.connection(for: system)
            var plan = RowPlan()
            for row in mine {
                guard
                    let schema = try await store.connectors.schema(
                        of: row.table.table, system: system.id, on: connection)
                else { continue }
                plan.add(row.key, of: row.table, schema: schema, action: .restrict(false))
            }
            _ = try await plan.carryOut(on: connection)
        }
        return rows.count
    }
}

extension Requests {
    /// What completing the request would do to the subject's rows in the connected databases,
    /// changing nothing: each row to be erased, anonymised, or kept (by the rights engine's
    /// decision for its activity, or because a row that is kept refers to it).
    /// `decisions`: the request's, when the caller has them already.
    public func connectedPlan(_ id: String, decisions known: [RightsDecision]? = nil) async throws -> [ConnectedChange]
    {
        // Without a systems file there is nothing connected to plan for.
        guard try await store.systems.current() != nil else { return [] }
        let request = try await request(id)
        let rows = try await store.connectedPeople.rows(of: try await store.subjects.identifiers(of: request.subject))
        var decisions = known ?? []
        if known == nil {
            decisions = RightsEngine(try await rightsContext(for: request, connected: { rows })).decide(request.kind)
        }
        let actions = Dictionary(decisions.map { ($0.activity, $0.action) }, uniquingKeysWith: { first, _ in first })
        let planned = zip(rows, Self.plan(rows, actions: actions)).map { row, action in
            ConnectedChange(
                system: row.system, record: row.reference, activity: row.table.activity, action: action ?? .kept)
        }
        let corrections = try await connectedCorrections(of: request).map {
            ConnectedChange(
                system: $0.system, record: $0.row, column: $0.column, activity: $0.activity, action: .corrected)
        }
        return planned + corrections
    }
}
