@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import Logging
import SQLKit
import Synchronization

/// The store of personal data whose lifecycle Gallra enforces: subjects, their identifiers, records
/// and events, encrypted per subject, with every write and read in the audit log.
///
/// Each register has a type of its own, reached from the store: ``subjects``, ``records``,
/// ``requests``, ``consents``, ``incidents``, ``holds``, ``versions`` (the register of processing
/// activities), ``keys`` and the ``sweep``. They share the store's connections, keys and audit log.
///
/// The subjects' data keys live in a keyring apart from the data (by default a file beside an
/// SQLite database), so that a backup of the data holds no key: destroying a key reaches every
/// backup of the data.
public final class Store: Sendable {
    let data: StoreConnection
    let keyring: StoreConnection
    /// The master keys: the key file, changed by rotation.
    let masterKeys: Mutex<KeyFile>
    let index: IdentifierIndex
    /// The audit chain's key and the checkpoints' signing key, derived from the key file.
    let auditKeys: AuditKeys
    /// Where the audit log's signed checkpoints are appended, outside the database.
    public let auditCheckpointsPath: String
    /// What was erased, outside the database, for a restore from a backup to erase again.
    public let erasureJournal: ErasureJournal
    /// The newest register version parsed so far.
    let parsedRegister = Mutex<(version: Int64, register: Register)?>(nil)
    /// Subjects' data keys unwrapped so far.
    let dataKeyCache = Mutex<[String: UnwrappedKey]>([:])
    /// Reads' audit entries that wait for a transaction holding the log.
    let accessLog: AccessLog
    /// Writes of the moment (new records, reads' audit entries) committed together.
    let groupCommit: GroupCommit
    /// This store's name on the sweep lock.
    let lockOwner = RetentionSweep.makeLockOwner()
    /// The company's own databases, reached as the systems file in force says.
    public let connectors = ConnectedSystems()
    /// The systems file in force as last parsed, with the register version it was read against.
    let parsedSystems = Mutex<(version: Int64, register: Int64, systems: SystemsVersion)?>(nil)
    private let migrationCount = Mutex(0)

    init(
        data: StoreConnection, keyring: StoreConnection, keys: KeyFile, auditCheckpoints: String? = nil,
        erasureJournal: String? = nil
    ) {
        self.data = data
        self.keyring = keyring
        self.masterKeys = Mutex(keys)
        self.index = IdentifierIndex(key: keys.indexKey)
        let auditKeys = AuditKeys(indexKey: keys.indexKey)
        self.auditKeys = auditKeys
        self.auditCheckpointsPath = auditCheckpoints ?? keys.path + ".audit-checkpoints"
        self.erasureJournal = ErasureJournal(path: erasureJournal ?? keys.path + ".erasures", indexKey: keys.indexKey)
        self.groupCommit = GroupCommit(on: data)
        self.accessLog = AccessLog(
            append: { batch in
                try await data.transaction { sql in
                    try await AuditChain.append(
                        batch, key: auditKeys.chain, on: sql, copyingInto: data.postgres, logger: data.logger)
                }
            },
            failed: { error in
                data.logger.error(
                    "the audit entries of reads wait: the log cannot be written", metadata: ["error": "\(error)"])
            })
    }

    /// Opens (and on first use creates and migrates) the store. Reads of personal data outside a
    /// transaction use up to `readers` connections of their own, opened as needed, so that they do
    /// not wait for a sweep batch.
    /// `writerCacheMiB`: the SQLite writer's page cache (a server under load peaked at 100 MiB with
    /// 64 and 4 readers; `gallra serve` asks for 16).
    /// `auditCheckpoints`: the file of the audit log's signed checkpoints (default: beside the key
    /// file, `<key file>.audit-checkpoints`).
    /// `erasureJournal`: the file of what was erased, for a restore (default: `<key file>.erasures`).
    public static func open(
        database: DatabaseLocation, keyring: DatabaseLocation? = nil, keyFile: String, auditCheckpoints: String? = nil,
        erasureJournal: String? = nil,
        readers: Int = 4, writerCacheMiB: Int = 64, logger: Logger = Logger(label: "gallra.store")
    ) async throws -> Store {
        for location in [database, keyring] {
            if case .mariadb = location {
                throw GallraError.invalidInput(
                    "Gallra keeps its own store in SQLite or PostgreSQL; MariaDB and MySQL are reached as a company's systems, through a systems file."
                )
            }
        }
        let keys = try KeyFile.openOrCreate(path: keyFile)
        let data = try await StoreConnection.open(
            database, logger: logger, readers: readers, writerCacheMiB: writerCacheMiB)
        let keyringLocation = keyring ?? database.defaultKeyring
        let keyringConnection =
            keyringLocation == database ? data : try await StoreConnection.open(keyringLocation, logger: logger)
        let store = Store(
            data: data, keyring: keyringConnection, keys: keys, auditCheckpoints: auditCheckpoints,
            erasureJournal: erasureJournal)
        try await store.migrate()
        try await store.requests.sealLegacyText()
        return store
    }

    /// Runs the migrations not yet run, on the data and on the keyring (opening the store does).
    public func migrate() async throws {
        let ranData = try await Migrations.run(Migrations.data, table: SQLName(trusted: "gallra_schema"), on: data)
        let ranKeyring = try await Migrations.run(
            Migrations.keyring, table: SQLName(trusted: "gallra_keyring_schema"), on: keyring)
        migrationCount.withLock { $0 += ranData.count + ranKeyring.count }
    }

    /// How many migrations this store ran since it was opened, opening included.
    public var migrationsRun: Int { migrationCount.withLock { $0 } }

    /// Writes the reads' audit entries still waiting and closes the connections.
    public func close() async {
        await accessLog.drain()
        await connectors.close()
        await data.close()
        if keyring !== data { await keyring.close() }
    }

    /// A unit of work on behalf of `party`: every audit entry the store writes within `body` names
    /// it. Reads stay outside a transaction, each on a reader of its own, so that they do not wait
    /// for a sweep batch; each write is a transaction of its own.
    nonisolated(nonsending) public func work<T>(by party: Party, _ body: () async throws -> T) async throws -> T {
        try await Acting.as(party) { try await body() }
    }

    /// A unit of work on behalf of `party` in one transaction on the data: the registers' writes
    /// inside it join it, so that a use case of several steps is written whole or not at all.
    nonisolated(nonsending) public func transaction<T>(by party: Party, _ body: () async throws -> T) async throws
        -> T
    {
        try await Acting.as(party) { try await transaction { try await body() } }
    }

    /// One transaction within the unit of work already under way (a dry run inside a use case).
    nonisolated(nonsending) public func transaction<T>(_ body: () async throws -> T) async throws -> T {
        _ = try Acting.required()
        return try await erasureJournal.aborting { try await data.transaction { _ in try await body() } }
    }

    // MARK: - Audit

    /// Appends the audit entries of a read of personal data. When another task's transaction (a
    /// sweep batch) holds the log, they are queued and written as it commits, so that the read does
    /// not wait for it; otherwise they are written, with the writes of the same moment (a group
    /// commit), before the read's answer is given.
    func auditRead(_ events: [AuditEvent]) async throws {
        let party = try Acting.required()
        if data.gate.isHeld {
            try await data.transaction { sql in try await self.audit(events, on: sql) }
        } else if data.gate.isBusy {
            await accessLog.enqueue(events, by: party)
        } else {
            try await groupCommit.commit { sql in try await self.audit(events, on: sql) }
        }
    }

    /// Appends to the audit log in the caller's transaction on the data connection, naming the
    /// acting party on every entry.
    func audit(_ events: [AuditEvent], on sql: any SQLDatabase) async throws {
        let party = try Acting.required()
        try await AuditChain.append(
            events, actor: party.description, key: auditKeys.chain, on: sql, copyingInto: data.postgres,
            logger: data.logger)
    }

    /// A person's pseudonym: a random UUID (version 4). Unlike `newID` it does not say when it was
    /// made: shown to a caller limited to some activities, a person's id must not tell that they
    /// were registered, under other activities, before that caller ever wrote of them.
    static func newSubjectID() -> String {
        UUID().uuidString.lowercased()
    }

    /// A new id: a UUID version 7 (RFC 9562), time-ordered so that new rows land at the end of
    /// the indexes instead of all over them. It says nothing about the person.
    static func newID() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in 6..<16 { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let millis = UInt64(clamping: Date().millis)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0f)
        bytes[8] = 0x80 | (bytes[8] & 0x3f)
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            hex[
                hex.index(
                    hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)]
        }
        return parts.joined(separator: "-")
    }
}
