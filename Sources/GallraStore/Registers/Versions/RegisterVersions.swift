@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// The register of processing activities as applied, one version per change: what the
/// register says now and said on any given day, each version parsed once.
public struct RegisterVersions: StoreRegister {
    let store: Store
}

extension RegisterVersions {
    /// Checks the register and stores it as a new version. A refused register changes nothing.
    /// A changed retention rule is audited and the expiries of its records are computed again.
    @discardableResult
    public func apply(yaml: String, file: String) async throws -> RegisterVersion {
        let register = try RegisterReader.read(yaml: yaml, file: file)
        let previous = try await current()
        // The same file again is not a new version; what the version shortened is carried to the
        // records, should an apply killed after its commit have left that undone.
        if let previous, previous.yaml == yaml {
            try await finishShortening(previous)
            return previous
        }
        let digest = Hex.encode(SHA256.hash(data: Data(yaml.utf8)))
        let held = try await activitiesHoldingRecords()
        let removed = held.subtracting(register.activities.map(\.id))
        if let activity = removed.sorted().first {
            throw GallraError.invalidInput(
                "The new register has no activity \"\(activity)\", but records are held under it; erase or move them first."
            )
        }
        let previousActivities = previous?.register.activitiesByID ?? [:]
        let changed = register.activities.filter { activity in
            previousActivities[activity.id]?.retention != activity.retention
        }
        let version = try await data.transaction { sql in
            let next =
                (try await sql.raw("SELECT MAX(version) AS v FROM register_versions").first()?
                    .decode(column: "v", as: Int64?.self) ?? 0) + 1
            try await sql.raw(
                """
                INSERT INTO register_versions (version, applied_at, actor, digest, yaml)
                VALUES (\(bind: next), \(bind: Clock.nowMillis()), \(bind: try Acting.required().description), \(bind: digest), \(bind: yaml))
                """
            ).run()
            var events = [AuditEvent("register.apply", detail: "version \(next), sha256 \(digest)")]
            for activity in changed where previous != nil {
                let old = previousActivities[activity.id]?.retention.description ?? "(new activity)"
                events.append(
                    AuditEvent(
                        "register.retention-changed", activity: activity.id, detail: "\(old) -> \(activity.retention)"))
            }
            try await self.audit(events, on: sql)
            return next
        }
        let stored = RegisterVersion(version: version, appliedAt: Date(), register: register, yaml: yaml)
        store.parsedRegister.withLock { $0 = (version, register) }
        for activity in changed where held.contains(activity.id) {
            try await store.records.recomputeExpiries(activity: activity.id, version: version)
        }
        return stored
    }

    /// Recomputes the expiries of the records under the activities whose rule `version` changed
    /// from the version before it, as its apply does after its commit. Safe to repeat: an expiry
    /// is only ever moved earlier, and marked with the version that shortened it.
    private func finishShortening(_ version: RegisterVersion) async throws {
        guard version.version > 1, let before = try await self.version(version.version - 1) else { return }
        let held = try await activitiesHoldingRecords()
        let earlier = before.register.activitiesByID
        for activity in version.register.activities
        where earlier[activity.id]?.retention != activity.retention && held.contains(activity.id) {
            try await store.records.recomputeExpiries(activity: activity.id, version: version.version)
        }
    }

    /// The register in force, or nil before any has been applied.
    public func current() async throws -> RegisterVersion? {
        try await registerVersion(
            "SELECT version, applied_at, yaml FROM register_versions ORDER BY version DESC LIMIT 1")
    }

    /// The register that was in force at `instant` (what did the register say on a given day?).
    public func version(at instant: Date) async throws -> RegisterVersion? {
        let millis = instant.millis
        return try await registerVersion(
            "SELECT version, applied_at, yaml FROM register_versions WHERE applied_at <= \(bind: millis) ORDER BY version DESC LIMIT 1"
        )
    }

    public func version(_ version: Int64) async throws -> RegisterVersion? {
        try await registerVersion(
            "SELECT version, applied_at, yaml FROM register_versions WHERE version = \(bind: version)")
    }

    /// The register in force; an error when none has been applied. Each version is parsed once and
    /// kept; asking costs one look-up of the newest version number, so that a version applied by
    /// another process (a second server on the same database) is seen at once.
    func requireRegister() async throws -> Register {
        try await requireRegister(try await inForce())
    }

    /// The numbers of the register and the systems file in force, read in one statement: what a
    /// use case that needs both (an export reads the person's connected rows) asks once.
    func inForce() async throws -> VersionsInForce {
        let row = try await data.read.raw(
            """
            SELECT (SELECT MAX(version) FROM register_versions) AS r, (SELECT MAX(version) FROM systems_versions) AS s
            """
        ).first()
        return VersionsInForce(
            register: try row?.decode(column: "r", as: Int64?.self),
            systems: try row?.decode(column: "s", as: Int64?.self))
    }

    /// The calendar of the register parsed last, without asking the database whether it is still
    /// in force (Stockholm's before any): for work done beside that question, checked after it.
    func lastParsedCalendar() -> ZonedCalendar {
        guard let register = store.parsedRegister.withLock({ $0?.register }) else { return .stockholm }
        // try?: a guess, checked against the register in force, which reports the unknown zone
        return (try? Self.calendar(of: register)) ?? .stockholm
    }

    /// The register of the version `inForce` names, parsed once per version.
    func requireRegister(_ inForce: VersionsInForce) async throws -> Register {
        guard let newest = inForce.register else {
            throw GallraError.notFound("No register has been applied yet; run gallra register apply FILE first.")
        }
        if let cached = store.parsedRegister.withLock({ $0 }) {
            if cached.version == newest { return cached.register }
            // A version parsed in a transaction that was rolled back (a register's dry run).
            if cached.version > newest { store.parsedRegister.withLock { $0 = nil } }
        }
        guard let current = try await version(newest) else {
            throw GallraError.integrity("Register version \(newest) vanished while it was read.")
        }
        return current.register
    }

    private func registerVersion(_ query: SQLQueryString) async throws -> RegisterVersion? {
        guard let row = try await data.read.raw(query).first() else { return nil }
        let yaml = try row.decode(column: "yaml", as: String.self)
        let version = try row.decode(column: "version", as: Int64.self)
        let register: Register
        if let cached = store.parsedRegister.withLock({ $0 }), cached.version == version {
            register = cached.register
        } else {
            register = try RegisterReader.read(yaml: yaml, file: "register version \(version)")
            store.parsedRegister.withLock { cached in
                if version >= cached?.version ?? 0 { cached = (version, register) }
            }
        }
        let applied = try row.decode(column: "applied_at", as: Int64.self)
        return RegisterVersion(
            version: version, appliedAt: Date(millis: applied), register: register,
            yaml: yaml)
    }

    private func activitiesHoldingRecords() async throws -> Set<String> {
        let rows = try await data.read.raw("SELECT DISTINCT activity FROM records").all()
        return Set(try rows.map { try $0.decode(column: "activity", as: String.self) })
    }

    /// The controller's calendar: the register's time zone. Before any register is applied it is
    /// Stockholm's, the documented default; a register whose time zone cannot be read is an error,
    /// never a silent default.
    public func calendar() async throws -> ZonedCalendar {
        let register: Register
        do {
            register = try await requireRegister()
        } catch GallraError.notFound {
            return .stockholm
        }
        return try Self.calendar(of: register)
    }

    /// The controller's calendar by a register already read.
    static func calendar(of register: Register) throws -> ZonedCalendar {
        guard let calendar = ZonedCalendar(timeZoneIdentifier: register.controller.timeZone) else {
            throw GallraError.integrity(
                "The register's time zone \"\(register.controller.timeZone)\" is unknown to this system; the controller's dates cannot be computed."
            )
        }
        return calendar
    }
}

/// The newest version numbers of the register and the systems file; nil where none was applied.
struct VersionsInForce: Sendable {
    let register: Int64?
    let systems: Int64?
}
