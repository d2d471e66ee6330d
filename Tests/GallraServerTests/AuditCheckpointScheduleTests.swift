import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("The server's audit checkpoints")
struct AuditCheckpointScheduleTests {
    /// Log lines as the server wrote them: the message and its metadata, as text.
    final class CapturedLog: Sendable {
        let lines = Mutex<[String]>([])

        struct Handler: LogHandler {
            let log: CapturedLog
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .info
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) {
                let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                log.lines.withLock { $0.append(([event.message.description] + fields).joined(separator: " ")) }
            }
        }

        var logger: Logger { Logger(label: "test") { _ in Handler(log: self) } }
    }

    @Test(
        "Every interval and at shutdown the head is signed into the file and logged, each head once",
        arguments: TestBackend.available)
    func checkpointsWhileServing(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let captured = CapturedLog()
        let schedule = AuditCheckpointSchedule(
            gallra: Gallra(store: store), interval: .milliseconds(100), logger: captured.logger)
        let group = ServiceGroup(services: [schedule], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        func lines() throws -> [Substring] {
            guard FileManager.default.fileExists(atPath: store.auditCheckpointsPath) else { return [] }
            return try String(contentsOfFile: store.auditCheckpointsPath, encoding: .utf8).split(separator: "\n")
        }
        func waitFor(_ count: Int) async throws {
            for _ in 0..<100 where try lines().count < count { try await Task.sleep(for: .milliseconds(50)) }
        }
        try await waitFor(1)
        _ = try await store.work(by: .user("setup")) { try await store.subjects.add(email: "anna@example.se") }
        try await waitFor(2)
        try await Task.sleep(for: .milliseconds(300))  // idle: the same head is not written again
        _ = try await store.work(by: .user("setup")) { try await store.subjects.add(email: "bertil@example.se") }
        await group.triggerGracefulShutdown()
        try await running.value

        let written = try lines()
        #expect(written.map { $0.prefix(6) } == ["seq=1 ", "seq=2 ", "seq=3 "])
        let check = try await store.checkAudit()
        #expect(check.verification == .intact(entries: 3))
        #expect(check.checkpoints == 3)
        let logged = captured.lines.withLock { $0 }.filter { $0.hasPrefix("audit checkpoint ") }
        #expect(logged.count == 3)
        #expect(logged.last?.contains("seq=3") == true)
        #expect(logged.allSatisfy { line in written.contains { line.contains("checkpoint=\($0)") } })
        for line in captured.lines.withLock({ $0 }) { #expect(!line.contains("example.se")) }
        await store.close()
    }
}
