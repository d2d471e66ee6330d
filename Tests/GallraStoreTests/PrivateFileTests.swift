import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

/// The store's files on disk are its owner's alone, and a key file others can read is refused.
@Suite("Private files", .acting())
struct PrivateFileTests {
    static func mode(_ path: String) throws -> mode_t {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return mode_t((attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o777)
    }

    @Test("The SQLite store, its keyring, their WAL and SHM files and the key file are created 0600")
    func createdPrivate() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        _ = try await store.subjects.add(email: "anna.andersson@example.se")
        // While the store is open, SQLite's -wal and -shm files are there too.
        let files = try FileManager.default.contentsOfDirectory(atPath: test.directory.path)
        for suffix in ["", "-wal", "-shm", ".keyring", ".keyring-wal", ".keyring-shm"] {
            #expect(files.contains("gallra.sqlite" + suffix), "gallra.sqlite\(suffix) is there")
        }
        for file in files {
            let mode = try Self.mode(test.directory.appendingPathComponent(file).path)
            #expect(mode & 0o077 == 0, "\(file) has mode \(String(mode, radix: 8))")
        }
        await store.close()
    }

    @Test("A key file its group or others may read is refused, naming the file, its mode and the fix")
    func openKeyFileRefused() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.open()
        await store.close()
        #expect(try Self.mode(test.keyFile) == 0o600)
        chmod(test.keyFile, 0o644)
        let error = await #expect(throws: GallraError.self) { _ = try await test.open() }
        let message = error?.description ?? ""
        #expect(message.contains("\"\(test.keyFile)\""), "\(message)")
        #expect(message.contains("0644"), "\(message)")
        #expect(message.contains("chmod 600 \(test.keyFile)"), "\(message)")
        chmod(test.keyFile, 0o660)
        await #expect(throws: GallraError.self) { _ = try await test.open() }
        chmod(test.keyFile, 0o600)
        await try test.open().close()
    }
}
