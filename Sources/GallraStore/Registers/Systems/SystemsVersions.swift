@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// The systems file as applied, one version per change. A file is stored only when it fits the
/// register in force and the live databases; a refused file changes nothing.
public struct SystemsVersions: StoreRegister {
    let store: Store
}

extension SystemsVersions {
    /// Every problem of the file: against the register in force, then in the live databases.
    public func check(yaml: String) async throws -> [RegisterProblem] {
        try await inspected(yaml).problems
    }

    /// The file as read, and its problems against the register and in the live databases.
    private func inspected(_ yaml: String) async throws -> (file: SystemsFile?, problems: [RegisterProblem]) {
        let (file, problems) = SystemsReader.check(yaml: yaml, register: try await requireRegister())
        guard let file else { return (nil, problems) }
        let live = await SystemsInspection(connections: store.connectors).inspect(file)
        return (file, (problems + live.problems).sorted { $0.line < $1.line })
    }

    /// Checks the file and stores it as a new version; returns it with the file's warnings.
    @discardableResult
    public func apply(yaml: String, file name: String) async throws -> (
        version: SystemsVersion, warnings: [RegisterProblem]
    ) {
        let (read, problems) = try await inspected(yaml)
        guard let file = read, !problems.contains(where: { $0.severity == .error }) else {
            throw RegisterError(file: name, problems: problems)
        }
        if let current = try await current(), current.yaml == yaml { return (current, problems) }
        let digest = Hex.encode(SHA256.hash(data: Data(yaml.utf8)))
        let version = try await data.transaction { sql in
            let next =
                (try await sql.raw("SELECT MAX(version) AS v FROM systems_versions").first()?
                    .decode(column: "v", as: Int64?.self) ?? 0) + 1
            try await sql.raw(
                """
                INSERT INTO systems_versions (version, applied_at, actor, digest, yaml)
                VALUES (\(bind: next), \(bind: Clock.nowMillis()), \(bind: try Acting.required().description), \(bind: digest), \(bind: yaml))
                """
            ).run()
            let tables = file.systems.flatMap { system in system.tables.map { "\(system.id).\($0.table)" } }
            try await self.audit(
                [
                    AuditEvent(
                        "systems.apply", detail: "version \(next), sha256 \(digest): \(tables.joined(separator: ", "))")
                ],
                on: sql)
            return next
        }
        return (SystemsVersion(version: version, appliedAt: Date(), file: file, yaml: yaml), problems)
    }

    /// The version in force, read against the register in force; nil when none was applied. Each
    /// version is parsed once per register version; asking costs a look-up of the newest numbers.
    public func current() async throws -> SystemsVersion? {
        try await current(try await store.versions.inForce())
    }

    /// The version `inForce` names, read against the register it names.
    func current(_ inForce: VersionsInForce) async throws -> SystemsVersion? {
        guard let newest = inForce.systems else { return nil }
        let registerVersion = inForce.register ?? 0
        if let cached = store.parsedSystems.withLock({ $0 }), cached.version == newest,
            cached.register == registerVersion
        {
            return cached.systems
        }
        guard
            let row = try await data.read.raw(
                "SELECT version, applied_at, yaml FROM systems_versions WHERE version = \(bind: newest)"
            ).first()
        else { return nil }
        let yaml = try row.decode(column: "yaml", as: String.self)
        let (file, problems) = SystemsReader.check(
            yaml: yaml, register: try await store.versions.requireRegister(inForce))
        guard let file, !problems.contains(where: { $0.severity == .error }) else {
            throw GallraError.conflict(
                ErrorReason(
                    "The systems file in force no longer fits the register: "
                        + problems.filter { $0.severity == .error }.map { $0.formatted(file: "systems") }.joined(
                            separator: "; ")))
        }
        let version = SystemsVersion(
            version: try row.decode(column: "version", as: Int64.self),
            appliedAt: Date(millis: try row.decode(column: "applied_at", as: Int64.self)), file: file, yaml: yaml)
        store.parsedSystems.withLock { $0 = (newest, registerVersion, version) }
        // A new file may name tables anew: their schemas are read again.
        store.connectors.forgetSchemas()
        return version
    }
}
