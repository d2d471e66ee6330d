import Foundation
import Testing

/// `gallra serve` stops when told to, even with a request that never finishes: an operator's
/// SIGTERM (systemd, a deploy) is never ignored.
@Suite("The server stops when told to")
struct ServeShutdownTests {
    @Test("SIGTERM with a request in flight whose body never ends: the process exits within seconds")
    func boundedShutdown() async throws {
        let server = try DemoServer()
        try await server.ready()
        // A client that starts a form and never finishes sending it, as a stalled upstream would.
        let stalled = Process()
        stalled.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        stalled.arguments = [
            "-s", "-o", "/dev/null", "-X", "POST", "-T", "-", "-H", "Content-Type: application/x-www-form-urlencoded",
            "\(server.url)/privacy/request",
        ]
        let body = Pipe()
        stalled.standardInput = body
        stalled.standardOutput = FileHandle.nullDevice
        stalled.standardError = FileHandle.nullDevice
        try ProcessEnvironment.launch(stalled)
        body.fileHandleForWriting.write(Data("kind=access&email=".utf8))
        try await Task.sleep(for: .seconds(1))
        let started = ContinuousClock.now
        let stopped = try await server.terminate(within: .seconds(40))
        #expect(stopped, "the server was still running 40 s after SIGTERM")
        #expect(ContinuousClock.now - started < .seconds(40))
        stalled.terminate()
        try? body.fileHandleForWriting.close()
    }
}

extension DemoServer {
    /// Sends SIGTERM and waits for the process to end; false if it is still running after `limit`
    /// (it is then killed).
    func terminate(within limit: Duration) async throws -> Bool {
        guard let pid = processIdentifier else { return true }
        Foundation.kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if !isRunning { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        kill()
        return false
    }
}
