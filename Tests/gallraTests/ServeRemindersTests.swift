import Foundation
import Testing

/// `gallra serve`'s daily reminder as an operator meets it: in the log when the server starts, and
/// `gallra reminders send` for those who run it from cron.
@Suite("gallra serve: the privacy officers' daily reminder")
struct ServeRemindersTests {
    /// Starts `gallra serve --demo` with `extra` in a directory of its own and returns what it logs
    /// (standard error) until a line contains `until`, or after a minute; the server is stopped.
    static func log(_ extra: [String], until: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = GallraProcess.executable
        process.arguments =
            ["serve", "--demo", "--port", "\(try GallraProcess.freeLoopbackPort())", "--sweep-at", "off"] + extra
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try ProcessEnvironment.launch(process)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var text = ""
        let end = Date().addingTimeInterval(60)
        while !text.contains(until) && Date() < end && process.isRunning {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    @Test("Without --mail-dir or --sendmail the reminder is off, and the log says why, once")
    func offWithoutTransport() throws {
        let log = try Self.log([], until: "daily reminders off")
        let lines = log.split(separator: "\n").filter { $0.contains("daily reminders off") }
        #expect(lines.count == 1, "\(log)")
        #expect(lines.first?.contains("no mail transport: give --mail-dir or --sendmail") == true, "\(log)")
        #expect(!log.contains("next reminder"))
    }

    @Test("With a mail directory the reminder is scheduled at its local time")
    func scheduledWithTransport() throws {
        let log = try Self.log(["--mail-dir", "mail", "--reminders-at", "07:45"], until: "next reminder")
        let line = try #require(log.split(separator: "\n").first { $0.contains("next reminder") }, "\(log)")
        #expect(line.contains("T07:45:00+01:00") || line.contains("T07:45:00+02:00"), "\(line)")
        #expect(!log.contains("daily reminders off"))
    }

    @Test("A reminder time that is not HH:MM is refused before the server starts")
    func badTime() throws {
        let result = try GallraProcess.run(["serve", "--reminders-at", "7.30", "--database", "sqlite:/nonexistent/x"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--reminders-at takes a local time HH:MM, such as 07:30, or off."))
    }

    @Test("gallra reminders send queues one message per privacy officer, once a day, and says so")
    func sendFromTheCommandLine() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        _ = try server.gallra(["user", "add", "emma.officer@example.se", "--role", "privacy_officer", "--lang", "en"])
        let first = try server.gallra(["reminders", "send", "--base-url", "https://gallra.example.se/"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("overdue"), "the demo has overdue requests: \(first.stdout)")
        #expect(first.stdout.contains("Queued 1 message to the privacy officers"), "\(first.stdout)")
        let second = try server.gallra(["reminders", "send"])
        #expect(second.stdout.contains("was queued already; nothing more was queued"), "\(second.stdout)")
    }
}
