import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("Personal data is encrypted at rest", .serialized, .acting())
struct EncryptionTests {
    static let secrets = [
        "anna.andersson@example.se", "Anna Andersson", "198112189876", "19811218-9876", "Skrivaren fungerar inte",
        "+46701234567",
    ]

    func populate(_ store: Store) async throws -> String {
        let subject = try await store.subjects.add(
            email: "Anna.Andersson@example.se", name: "Anna Andersson", phone: "070-123 45 67",
            personalNumber: "19811218-9876")
        _ = try await store.records.add(
            subject: subject, activity: "support", category: "case_content", value: "Skrivaren fungerar inte")
        return subject
    }

    @Test("The raw SQLite files hold none of the stored values")
    func sqliteFile() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        _ = try await populate(store)
        await store.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: test.directory.path)
        #expect(files.contains("gallra.sqlite"))
        for file in files where file.hasPrefix("gallra.sqlite") {
            let bytes = try Data(contentsOf: test.directory.appendingPathComponent(file))
            for secret in Self.secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds \(secret)")
                #expect(bytes.range(of: Data(secret.lowercased().utf8)) == nil, "\(file) holds \(secret)")
            }
        }
    }

    @Test(
        "A pg_dump of the PostgreSQL tables holds none of the stored values",
        .enabled(if: TestBackend.postgresURL != nil))
    func postgresDump() async throws {
        let test = try await TestStore.make(.postgres)
        let store = try await test.openWithRegister()
        _ = try await populate(store)
        await store.close()
        guard case .postgres(let url) = test.location else { return }
        let bindir = try shell("/usr/bin/pg_config", ["--bindir"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let dump = try shell(
            bindir + "/pg_dump", ["--data-only", url.replacingOccurrences(of: "?tlsmode=disable", with: "")])
        #expect(dump.contains("COPY public.records"))
        for secret in Self.secrets {
            #expect(!dump.lowercased().contains(secret.lowercased()), "the dump holds \(secret)")
        }
    }

    @Test(
        "Destroying a subject's key makes their data unreadable in a backup taken before",
        arguments: TestBackend.available)
    func cryptoShredding(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await populate(store)
        await store.close()
        // The backup: a copy of the data, taken while the subject's data was held.
        let backup = try await backupOf(test)
        let live = try await test.open()
        try await live.keys.destroyDataKey(subject: subject)
        await live.close()

        // Restored elsewhere with the same key file and keyring: the values are there, encrypted, but unreadable.
        let restored = try await Store.open(
            database: backup, keyring: test.location.defaultKeyring, keyFile: test.keyFile)
        await #expect {
            _ = try await restored.subjects.export(subject)
        } throws: { error in
            "\(error)".contains("has been destroyed")
        }
        await restored.close()
    }

    @Test(
        "Key rotation: every subject stays readable, and the old master key can be removed",
        arguments: TestBackend.available)
    func rotation(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        var store = try await test.openWithRegister()
        var subjects: [String] = []
        for n in 1...25 {
            let subject = try await store.subjects.add(email: "p\(n)@example.se", name: "Person \(n)")
            _ = try await store.records.add(
                subject: subject, activity: "support", category: "case_content", value: "Ärende \(n)")
            subjects.append(subject)
        }
        let result = try await store.keys.rotate()
        #expect(result.from == 1 && result.to == 2 && result.rewrapped == 25)
        #expect(try await store.keys.removeRetired() == [1])
        await store.close()
        #expect(try KeyFile.read(path: test.keyFile).masterKeys.map(\.version) == [2])

        // A new process, with only the new key: everything still reads.
        store = try await test.open()
        for (n, subject) in subjects.enumerated() {
            let export = try await store.subjects.export(subject)
            #expect(export.name == "Person \(n + 1)")
            #expect(export.records.map(\.value) == ["Ärende \(n + 1)"])
        }
        #expect(try await store.verifyAudit() == .intact(entries: 1 + 50 + 2 + 25))
        await store.close()
    }

    @Test("The key file is created with mode 0600")
    func keyFileMode() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.open()
        await store.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: test.keyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    /// A copy of the data (not of the keyring), as a nightly backup would take.
    func backupOf(_ test: TestStore) async throws -> DatabaseLocation {
        switch test.location {
        case .sqlite(let path):
            let copy = path + ".backup"
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            return .sqlite(path: copy)
        case .postgres(let url):
            let name = String(url.split(separator: "/").last!.split(separator: "?").first!)
            let connection = try await StoreConnection.open(.postgres(url: try #require(TestBackend.postgresURL)))
            try await connection.sql.raw("CREATE DATABASE \(unsafeRaw: name)_backup TEMPLATE \(unsafeRaw: name)").run()
            await connection.close()
            return .postgres(url: url.replacingOccurrences(of: "/\(name)?", with: "/\(name)_backup?"))
        case .mariadb:
            throw TestSetupError(description: "Gallra keeps no store in MariaDB")
        }
    }
}

func shell(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try ProcessEnvironment.launch(process)
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
