import Foundation
import GallraServices
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
        let server = try DemoServer()
        defer { server.stop() }
        let banner = server.banner
        let port = server.port
        #expect(banner.contains("303 fictional people"))
        #expect(!server.directory.path.hasPrefix(packageRoot.path), "it runs outside the checkout")
        #expect(banner.contains("http://127.0.0.1:\(port)/"))
        let password = try #require(banner.firstMatch(of: /the password (\S+) \(shown once\)/)?.1)
        #expect(password.count >= 12)

        let officer = try server.gallra(["token", "create", "--name", "officer", "--role", "privacy_officer"])
        #expect(officer.status == 0, "\(officer.stderr)")
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

    @Test("The example register built into the program is examples/exempel-programvara.yaml word for word")
    func builtInRegister() throws {
        let file = try String(
            contentsOf: packageRoot.appendingPathComponent("examples/exempel-programvara.yaml"), encoding: .utf8)
        #expect(DemoRegister.yaml + "\n" == file, "copy the file into Sources/GallraServices/Demo/DemoRegister.swift")
    }
}
