import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The outbox", .acting())
struct OutboxTests {
    @Test(
        "A message that cannot be read back is marked failed, never sent empty; the others go",
        arguments: TestBackend.available)
    func unreadableMessageFails(_ backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.open()
        defer { Task { await store.close() } }
        try await store.outbox.enqueue(Data("Subject: ok\r\n\r\nHej".utf8), purpose: "receipt")
        // A row whose sealed text is not the base64 of a message (written by a damaged or older
        // sender): sealed under the outbox's key, so that only its content is wrong.
        let id = Store.newID()
        let sealed = try store.keys.selfServiceCipher().seal("not base64 at all", context: "outbox/\(id)")
        let now = Clock.nowMillis()
        try await store.data.sql.raw(
            """
            INSERT INTO outbox (id, purpose, message_sealed, created_at, next_attempt_at, attempts)
            VALUES (\(bind: id), 'receipt', \(bind: sealed), \(bind: now), \(bind: now - 1), 0)
            """
        ).run()

        let due = try await store.outbox.due()
        #expect(due.count == 1)
        #expect(due.first.map { String(decoding: $0.message, as: UTF8.self) } == "Subject: ok\r\n\r\nHej")
        #expect(try await store.outbox.depth() == (waiting: 1, failed: 1))
        let failed = try await test.rows("SELECT last_error FROM outbox WHERE id = \(bind: id)")
        #expect(
            try failed.first?.decode(column: "last_error", as: String?.self)
                == "The message in the outbox could not be read back; it was not sent.")
        // Asked again, the failed one is not tried again.
        #expect(try await store.outbox.due().count == 1)
    }
}
