import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `gallra serve --demo`, run as the README tells a newcomer to: a fresh store with people,
/// requests and an incident, an admin login printed once, the server answering on loopback.
@Suite("gallra serve --demo")
struct ServeDemoTests {
    @Test("A fresh demo store: overdue requests, an incident on its clock, a one-time admin password")
    func demo() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = GallraProcess.executable
        server.arguments = [
            "serve", "--demo", "--port", "\(port)", "--sweep-at", "off", "--demo-register",
            packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ]
        server.currentDirectoryURL = work
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        // The banner, then the server.
        var banner = ""
        while !banner.contains("The JSON API") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        #expect(banner.contains("303 fictional people"))
        #expect(banner.contains("http://127.0.0.1:\(port)/"))
        let password = try #require(banner.firstMatch(of: /the password (\S+) \(shown once\)/)?.1)
        #expect(password.count >= 12)

        let store = ["--database", "sqlite:gallra-demo.sqlite", "--key-file", "gallra-demo.key"]
        let token = try GallraProcess.run(["token", "create", "--name", "test", "--role", "auditor"] + store, in: work)
        #expect(token.status == 0, "\(token.stderr)")
        let officer = try GallraProcess.run(
            ["token", "create", "--name", "officer", "--role", "privacy_officer"] + store, in: work)
        let bearer = officer.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        func get(_ path: String) async throws -> Any {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
            for _ in 0..<50 {
                if let (data, _) = try? await URLSession.shared.data(for: request) {
                    return try JSONSerialization.jsonObject(with: data)
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw URLError(.cannotConnectToHost)
        }
        let requests = try #require(try await get("/api/v1/requests") as? [[String: Any]])
        #expect(requests.count == 9, "eight from the population and Anna's")
        #expect(requests.contains { $0["overdue"] as? Bool == true }, "some are overdue")
        let incidents = try #require(try await get("/api/v1/incidents?open=true") as? [[String: Any]])
        #expect(incidents.count == 1)
        #expect((incidents.first?["seconds_left"] as? Int ?? 0) > 0, "its 72-hour clock runs")
        let anna = try #require(try await get("/api/v1/subjects/anna.andersson@example.se") as? [String: Any])
        #expect(anna["name"] as? String == "Anna Andersson")
    }
}
