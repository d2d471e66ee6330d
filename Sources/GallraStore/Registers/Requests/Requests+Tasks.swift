import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// The register's systems that the request's activities use and the systems file in force does
    /// not connect: each one a task. Without a systems file, Gallra's own store is the record and
    /// there are none.
    func manualSystems(for activities: [String]?) async throws -> [String] {
        guard let connected = try await store.systems.current()?.file.systems.map(\.id) else { return [] }
        let register = try await requireRegister()
        let concerned = register.activities.filter { activities?.contains($0.id) ?? true }
        var systems: [String] = []
        for system in concerned.flatMap(\.systems) where !connected.contains(system) && !systems.contains(system) {
            systems.append(system)
        }
        return systems
    }

    /// Adds the request's tasks; inside a transaction, it joins it.
    func addTasks(_ id: String, systems: [String], on sql: any SQLDatabase) async throws {
        for system in systems {
            try await sql.raw("INSERT INTO request_tasks (request_id, system_id) VALUES (\(bind: id), \(bind: system))")
                .run()
        }
    }

    public func tasks(of id: String) async throws -> [ManualTask] {
        let register = try await requireRegister()
        return try await data.read.raw(
            "SELECT system_id, done_at, done_by FROM request_tasks WHERE request_id = \(bind: id) ORDER BY system_id"
        ).all().map { row in
            let system = try row.decode(column: "system_id", as: String.self)
            return ManualTask(
                system: system, name: register.systems.first { $0.id == system }?.name ?? LocalizedText(system),
                doneAt: try row.decode(column: "done_at", as: Int64?.self).map(Date.init(millis:)),
                doneBy: try row.decode(column: "done_by", as: String?.self))
        }
    }

    /// Marks the work in one system done, by the acting party, now.
    public func markTaskDone(_ id: String, system: String) async throws {
        let request = try await pendingRequest(id)
        guard try await tasks(of: id).contains(where: { $0.system == system && $0.doneAt == nil }) else {
            throw GallraError.notFound("Request \(id) has no open task in system \"\(system)\".")
        }
        let party = try Acting.required().description
        try await data.transaction { sql in
            try await sql.raw(
                """
                UPDATE request_tasks SET done_at = \(bind: Clock.nowMillis()), done_by = \(bind: party)
                WHERE request_id = \(bind: id) AND system_id = \(bind: system)
                """
            ).run()
            try await self.audit(
                [
                    AuditEvent(
                        "request.task-done", subject: request.subject,
                        detail: "request \(id): work in \(system) done by hand")
                ],
                on: sql)
        }
    }

    /// Refuses to complete while work by hand is left.
    func requireTasksDone(_ id: String) async throws {
        let open = try await tasks(of: id).filter { $0.doneAt == nil }
        guard open.isEmpty else {
            let english = open.map { "\($0.name[.en]) (\($0.system))" }.joined(separator: ", ")
            let swedish = open.map { "\($0.name[.sv]) (\($0.system))" }.joined(separator: ", ")
            throw GallraError.conflict(
                ErrorReason(
                    sv: "Ärende \(id) väntar på arbete för hand i \(swedish); markera varje del som klar",
                    en:
                        "Request \(id) waits for work done by hand in \(english); mark each done: gallra request task-done \(id) SYSTEM"
                ))
        }
    }
}
