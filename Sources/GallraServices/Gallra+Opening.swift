import GallraCore
import GallraDatabase
import GallraStore

/// Where Gallra keeps its data and keys, as the command line and `gallra serve` are given them.
public struct StoreSettings: Sendable {
    /// `sqlite:PATH` or `postgres://…`.
    public var database: String
    /// Where subjects' data keys are kept, apart from the data; nil: beside an SQLite database.
    public var keyring: String?
    public var keyFile: String
    /// The audit log's signed checkpoints; nil: the key file's path + `.audit-checkpoints`.
    public var auditCheckpoints: String?
    /// What was erased, apart from the data, for a restore; nil: the key file's path + `.erasures`.
    public var erasureJournal: String?
    /// The SQLite writer's page cache: large for the sweep and imports, smaller in a server.
    public var writerCacheMiB = 64
    /// Readers on PostgreSQL, where each caller waits for round trips (SQLite has 4).
    public var readersOnPostgres = 4

    public init(
        database: String, keyring: String? = nil, keyFile: String, auditCheckpoints: String? = nil,
        erasureJournal: String? = nil
    ) {
        self.database = database
        self.keyring = keyring
        self.keyFile = keyFile
        self.auditCheckpoints = auditCheckpoints
        self.erasureJournal = erasureJournal
    }
}

extension Gallra {
    /// Opens (and on first use creates and migrates) the store the settings name.
    public static func open(_ settings: StoreSettings) async throws -> Gallra {
        let location = try DatabaseLocation(parsing: settings.database)
        let keyring = try settings.keyring.map { try DatabaseLocation(parsing: $0, naming: "keyring location") }
        return Gallra(
            store: try await Store.open(
                database: location, keyring: keyring, keyFile: settings.keyFile,
                auditCheckpoints: settings.auditCheckpoints, erasureJournal: settings.erasureJournal,
                readers: location.isPostgres ? settings.readersOnPostgres : 4, writerCacheMiB: settings.writerCacheMiB))
    }

    /// Writes what waits (the reads' audit entries) and closes the connections.
    public func close() async {
        await store.close()
    }

    /// How many migrations the store ran since it was opened, opening included.
    public var migrationsRun: Int { store.migrationsRun }

    /// Where the audit log's signed checkpoints are appended.
    public var auditCheckpointsPath: String { store.auditCheckpointsPath }

    /// Records per transaction of the sweep, unless told otherwise.
    public static var sweepBatchSize: Int { RetentionSweep.sweepBatchSize }
}
