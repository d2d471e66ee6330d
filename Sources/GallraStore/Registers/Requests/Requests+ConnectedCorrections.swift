import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Art. 16 where the person's rows are: the corrected value of a column of one of their rows in
/// the company's own database, noted on the request (sealed with the subject's key) and written
/// there when the request is completed.
extension Requests {
    /// Notes the corrected value of `column` in the subject's row `row` (`TABLE:KEY`) of `system`.
    public func addConnectedCorrection(_ id: String, system: String, row: String, column: String, value: String)
        async throws
    {
        let request = try await pendingRequest(id)
        guard request.kind == .rectification else {
            throw GallraError.invalidInput("Request \(id) is not a rectification request.")
        }
        guard let file = try await store.systems.current()?.file,
            let connected = file.systems.first(where: { $0.id == system })
        else { throw GallraError.notFound("No system \"\(system)\" is connected by the systems file in force.") }
        let tableName = String(row.prefix { $0 != ":" })
        guard let table = connected.table(tableName) else {
            throw GallraError.notFound("System \"\(system)\" has no table \"\(tableName)\" in the systems file.")
        }
        let personal = Set(table.columns.keys).union(table.person.map(\.column))
        guard personal.contains(column) else {
            throw GallraError.invalidInput(
                "\"\(column)\" is not a personal column of \(tableName) (the systems file names \(personal.sorted().joined(separator: ", ")))."
            )
        }
        let rows = try await store.connectedPeople.rows(of: try await store.subjects.identifiers(of: request.subject))
        guard rows.contains(where: { $0.system == system && $0.reference == row }) else {
            throw GallraError.notFound("The subject has no row \(row) in system \"\(system)\".")
        }
        let sealed = try await cipher(for: request.subject).seal(
            value, context: Self.correctionContext(id, system, row, column))
        try await update(
            request, "request.correct", activity: table.activity,
            detail: "correction of \(system) \(row) \(column) noted"
        ) { sql in
            try await sql.raw(
                """
                DELETE FROM request_connected_corrections WHERE request_id = \(bind: id) \
                AND system_id = \(bind: system) AND row_ref = \(bind: row) AND column_name = \(bind: column)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO request_connected_corrections
                (request_id, system_id, row_ref, column_name, activity, subject_id, value_sealed)
                VALUES (\(bind: id), \(bind: system), \(bind: row), \(bind: column), \(bind: table.activity),
                \(bind: request.subject), \(bind: sealed))
                """
            ).run()
        }
    }

    struct ConnectedCorrection {
        let system: String
        let row: String
        let column: String
        let activity: String
        let value: String
    }

    /// The request's corrections in connected rows, opened.
    func connectedCorrections(of request: DataSubjectRequest) async throws -> [ConnectedCorrection] {
        let rows = try await data.read.raw(
            """
            SELECT system_id, row_ref, column_name, activity, value_sealed FROM request_connected_corrections
            WHERE request_id = \(bind: request.id) ORDER BY system_id, row_ref, column_name
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        let cipher = try await cipher(for: request.subject)
        return try rows.map { row in
            let system = try row.decode(column: "system_id", as: String.self)
            let reference = try row.decode(column: "row_ref", as: String.self)
            let column = try row.decode(column: "column_name", as: String.self)
            return ConnectedCorrection(
                system: system, row: reference, column: column,
                activity: try row.decode(column: "activity", as: String.self),
                value: try cipher.open(
                    try row.decode(column: "value_sealed", as: Data.self),
                    context: Self.correctionContext(request.id, system, reference, column)))
        }
    }

    /// Writes the corrected values into the connected rows, one transaction per system, the
    /// evidence first (which row and column, never the value); a row gone meanwhile is skipped.
    public func correctConnected(_ request: DataSubjectRequest, rows: [ConnectedRow], systems: SystemsVersion?)
        async throws
        -> [ConnectedChange]
    {
        guard let systems, request.kind == .rectification else { return [] }
        let corrections = try await connectedCorrections(of: request)
        guard !corrections.isEmpty else { return [] }
        try await recordConnectedEvidence(
            subject: request.subject,
            detail: "request \(request.id): "
                + corrections.map { "\($0.system) \($0.row) \($0.column) corrected" }.joined(separator: ", ")
                + " (Art. 16; old values not kept)")
        var done: [ConnectedChange] = []
        for system in systems.file.systems {
            let mine = corrections.filter { $0.system == system.id }
            guard !mine.isEmpty else { continue }
            let connection = try await store.connectors.connection(for: system)
            var plan = RowPlan()
            var planned: [ConnectedCorrection] = []
            for correction in mine {
                guard let row = rows.first(where: { $0.system == system.id && $0.reference == correction.row }),
                    let schema = try await store.connectors.schema(
                        of: row.table.table, system: system.id, on: connection)
                else { continue }
                plan.add(
                    row.key, of: row.table, schema: schema,
                    action: .correct(column: correction.column, value: correction.value))
                planned.append(correction)
            }
            // A correction the database refuses stops the request; the others are made together.
            _ = try await plan.carryOut(on: connection)
            done += planned.map {
                ConnectedChange(
                    system: system.id, record: $0.row, column: $0.column, activity: $0.activity, action: .corrected)
            }
        }
        return done
    }

    static func correctionContext(_ id: String, _ system: String, _ row: String, _ column: String) -> String {
        "correction/\(id)/\(system)/\(row)/\(column)"
    }
}

extension Requests {
    /// How many corrected values a rectification has noted, in the store and in connected rows.
    public func correctionsNoted(_ id: String) async throws -> Int {
        let row = try await data.read.raw(
            """
            SELECT (SELECT count(*) FROM request_corrections WHERE request_id = \(bind: id))
                + (SELECT count(*) FROM request_connected_corrections WHERE request_id = \(bind: id)) AS n
            """
        ).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension Requests {
    /// The corrected values a rectification has noted, opened: in the store's records, then in
    /// connected rows.
    public func notedCorrections(_ id: String) async throws -> [NotedCorrection] {
        let request = try await request(id)
        let rows = try await data.read.raw(
            """
            SELECT record_id, value_sealed FROM request_corrections WHERE request_id = \(bind: id) ORDER BY record_id
            """
        ).all()
        var noted: [NotedCorrection] = []
        if !rows.isEmpty {
            let cipher = try await cipher(for: request.subject)
            for row in rows {
                let record = try row.decode(column: "record_id", as: String.self)
                noted.append(
                    NotedCorrection(
                        target: .record(record),
                        value: try cipher.open(
                            try row.decode(column: "value_sealed", as: Data.self), context: "correction/\(id)/\(record)"
                        )))
            }
        }
        return noted
            + (try await connectedCorrections(of: request)).map {
                NotedCorrection(target: .connected(system: $0.system, row: $0.row, column: $0.column), value: $0.value)
            }
    }
}
