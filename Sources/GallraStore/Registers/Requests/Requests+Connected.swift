import Foundation
import GallraCore
import SQLKit

/// What a request did to one row of a connected database.
public struct ConnectedChange: Sendable {
    public enum Action: String, Sendable {
        case erased
        case anonymised
        /// Could not be erased: another row that must be kept refers to it, and the table says
        /// nothing to anonymise.
        case kept
    }

    public let system: String
    /// `TABLE:KEY`.
    public let row: String
    public let activity: String
    public let action: Action
}

extension Requests {
    /// Carries the decisions to erase or anonymise out on the subject's rows in the connected
    /// databases, the rows that belong to others first: each row in a transaction of its own, so
    /// that an interrupted request, completed again, finishes the rest. A row that must go but is
    /// still referred to by a row that stays is anonymised instead, and the change says so.
    func carryOutConnected(_ decisions: [RightsDecision], subject: String, request id: String) async throws
        -> [ConnectedChange]
    {
        let actions = Dictionary(
            decisions.filter { $0.action == .erase || $0.action == .anonymise }.map { ($0.activity, $0.action) },
            uniquingKeysWith: { first, _ in first })
        guard !actions.isEmpty, let systems = try await store.systems.current() else { return [] }
        let identifiers = try await store.subjects.identifiers(of: subject)
        let rows = try await store.connectedPeople.rows(of: identifiers)
        var changes: [ConnectedChange] = []
        for row in rows.reversed() {
            guard let decided = actions[row.table.activity],
                let system = systems.file.systems.first(where: { $0.id == row.system })
            else { continue }
            let connection = try await store.connectors.connection(for: system)
            guard let schema = try await TableSchema.read(row.table.table, on: connection) else { continue }
            let rows = ConnectedRows(table: row.table, schema: schema, connection: connection)
            let which = try rows.keyCondition([row.key])
            var action: ConnectedChange.Action = .kept
            if decided == .erase {
                do {
                    try await connection.transaction { sql in try await sql.raw(try rows.delete(where: which)).run() }
                    action = .erased
                } catch {
                    // Referred to by a row that stays: anonymised, when the table says how.
                }
            }
            if action == .kept && !row.table.anonymise.isEmpty {
                try await connection.transaction { sql in try await sql.raw(try rows.anonymise(where: which)).run() }
                action = .anonymised
            }
            changes.append(
                ConnectedChange(system: row.system, row: row.reference, activity: row.table.activity, action: action))
        }
        if !changes.isEmpty {
            try await data.transaction { sql in
                try await self.audit(
                    [
                        AuditEvent(
                            "connected.request", subject: subject,
                            detail: "request \(id): "
                                + changes.map { "\($0.system) \($0.row) \($0.action.rawValue)" }.joined(separator: ", ")
                        )
                    ], on: sql)
            }
        }
        return changes.reversed()
    }
}

extension Subjects {
    /// The subject's identifiers, opened, as the store normalised them.
    public func identifiers(of subject: String) async throws -> [SubjectIdentifier] {
        let cipher = try await cipher(for: subject)
        let today = try await calendar().localDate(of: Date())
        return try await data.read.raw(
            "SELECT kind, value_sealed FROM subject_identifiers WHERE subject_id = \(bind: subject) ORDER BY kind"
        ).all().compactMap { row in
            let kind = try row.decode(column: "kind", as: String.self)
            let value = try cipher.open(
                try row.decode(column: "value_sealed", as: Data.self), context: "\(subject)/\(kind)")
            return SubjectIdentifier.Kind(rawValue: kind).flatMap { try? SubjectIdentifier($0, value, today: today) }
        }
    }
}

extension Requests {
    /// What completing the request would do to the subject's rows in the connected databases,
    /// changing nothing: each row to be erased, anonymised, or kept (by the rights engine's
    /// decision for its activity, or because a row that is kept refers to it).
    public func connectedPlan(_ id: String) async throws -> [ConnectedChange] {
        let request = try await request(id)
        let decisions = RightsEngine(try await rightsContext(for: request)).decide(request.kind)
        let actions = Dictionary(decisions.map { ($0.activity, $0.action) }, uniquingKeysWith: { first, _ in first })
        let rows = try await store.connectedPeople.rows(of: try await store.subjects.identifiers(of: request.subject))
        // A row goes only when no row that stays still refers to it.
        func goes(_ row: ConnectedRow) -> Bool { actions[row.table.activity] == .erase }
        return rows.map { row in
            let action: ConnectedChange.Action
            switch actions[row.table.activity] {
            case .erase:
                let referred = rows.contains { child in
                    child.system == row.system && child.parent == row.reference && !goes(child)
                }
                action = referred ? (row.table.anonymise.isEmpty ? .kept : .anonymised) : .erased
            case .anonymise:
                action = row.table.anonymise.isEmpty ? .kept : .anonymised
            default:
                action = .kept
            }
            return ConnectedChange(system: row.system, row: row.reference, activity: row.table.activity, action: action)
        }
    }
}
