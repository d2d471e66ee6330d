import GallraCore
import GallraStore

extension Gallra {
    /// Every problem of a systems file: against the register in force and in the live databases.
    public func checkSystems(yaml: String, by party: Party) async throws -> [RegisterProblem] {
        try await acting(by: party, needs: .changeRegister) { try await store.systems.check(yaml: yaml) }
    }

    /// Checks a systems file and stores it as the version in force, with its warnings; a refused
    /// file changes nothing.
    public func applySystems(yaml: String, file: String, by party: Party) async throws -> (
        version: SystemsVersion, warnings: [RegisterProblem]
    ) {
        try await acting(by: party, needs: .changeRegister) { try await store.systems.apply(yaml: yaml, file: file) }
    }

    /// The systems file in force, nil when none was applied.
    public func systems(by party: Party) async throws -> SystemsVersion? {
        try await acting(by: party, needs: .readRegister) { try await store.systems.current() }
    }

    /// The systems file in force, for a reader who is not to see its YAML: a 404 when none was
    /// applied. (Its databases are shown through `ConnectedSystem.databaseWithoutSecrets`.)
    public func systemsInForce(by party: Party) async throws -> SystemsVersion {
        guard let version = try await systems(by: party) else {
            throw GallraError.notFound(
                ErrorReason(
                    sv: "Ingen systemfil gäller; gallra systems apply FIL.",
                    en: "No systems file is in force; gallra systems apply FILE."))
        }
        return version
    }
}
