import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import SQLKit
import Testing

/// Several `gallra serve` processes on one PostgreSQL database (issue 35, item 1), set up as an
/// operator would: a register, people whose records have expired, an admin and an API token,
/// then the servers, each on a loopback port of its own.
final class ServerFleet: @unchecked Sendable {
    let directory: URL
    let database: String
    let keyFile: String
    let ports: [Int]
    private let processes: [Process]
    static let admin = "admin@example.se"
    static let password = "ett lösenord som är långt nog"
    /// The subjects added, each with records collected long ago.
    static let people = 1_000

    static var postgresURL: String? { ProcessInfo.processInfo.environment["GALLRA_TEST_POSTGRES_URL"] }

    /// `count` servers with `options` (a mail command, trusted proxies) on a fresh database.
    init(count: Int, options: [String]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard case .postgres(let url) = try await TestStore.freshDatabase(.postgres, in: directory) else {
            throw FleetError(description: "no PostgreSQL database")
        }
        database = url
        keyFile = directory.appendingPathComponent("gallra.key").path
        try await Self.fill(database: url, keyFile: keyFile)
        _ = try Self.command(
            ["user", "add", Self.admin, "--role", "admin", "--password-stdin"], database: url, keyFile: keyFile,
            input: Self.password)
        var ports: [Int] = []
        var processes: [Process] = []
        for n in 0..<count {
            let port = try GallraProcess.freeLoopbackPort()
            let process = Process()
            process.executableURL = GallraProcess.executable
            process.arguments =
                [
                    "serve", "--port", "\(port)", "--sweep-at", "off", "--reminders-at", "off", "--database", url,
                    "--key-file", keyFile,
                ] + options
            let log = directory.appendingPathComponent("server-\(n).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            process.environment = ProcessEnvironment.current.merging(["GALLRA_ACTOR": "test"]) { $1 }
            try ProcessEnvironment.launch(process)
            ports.append(port)
            processes.append(process)
        }
        self.ports = ports
        self.processes = processes
        do {
            for port in ports { try await Self.ready(port) }
        } catch {
            stop()
            throw error
        }
    }

    func url(_ n: Int) -> String { "http://127.0.0.1:\(ports[n])" }

    /// Runs a `gallra` command on the fleet's database.
    func gallra(_ arguments: [String], input: String? = nil) throws -> String {
        try Self.command(arguments, database: database, keyFile: keyFile, input: input)
    }

    static func command(_ arguments: [String], database: String, keyFile: String, input: String? = nil) throws
        -> String
    {
        let store = ["--database", database, "--key-file", keyFile]
        let result: GallraProcess.Result
        if let input {
            result = try GallraProcess.runTool(
                "/bin/sh",
                ["-c", "printf '%s' \"$GALLRA_INPUT\" | \"$0\" \"$@\"", GallraProcess.executable.path]
                    + arguments + store,
                environment: ["GALLRA_INPUT": input, "GALLRA_ACTOR": "test"])
        } else {
            result = try GallraProcess.run(arguments + store, environment: ["GALLRA_ACTOR": "test"])
        }
        guard result.status == 0 else {
            throw FleetError(description: "gallra \(arguments.first ?? ""): \(result.stderr)")
        }
        return result.stdout
    }

    /// The example register, and people whose records were collected ten years ago: most have
    /// expired, so that a sweep has work for some seconds.
    static func fill(database: String, keyFile: String) async throws {
        let store = try await Store.open(database: .postgres(url: database), keyFile: keyFile)
        do {
            try await store.work(by: .user("setup")) {
                _ = try await store.versions.apply(yaml: try exampleRegister(), file: "exempel-programvara.yaml")
                let subjects = try await store.subjects.add(
                    (0..<people).map { NewSubject(email: "p\($0)@example.se", name: "P \($0)") })
                let collected = ZonedCalendar.stockholm.parseInstant("2016-01-01")!
                let kinds = [
                    ("product-demo", "contact_details", "demo"), ("website-visits", "ip_address", "10.0.0.1"),
                    ("phone-contact", "recordings", "samtal.wav"),
                ]
                let records = subjects.flatMap { subject in
                    kinds.map {
                        NewRecord(subject: subject, activity: $0.0, category: $0.1, value: $0.2, collected: collected)
                    }
                }
                for chunk in stride(from: 0, to: records.count, by: 1_000) {
                    _ = try await store.records.add(Array(records[chunk..<min(chunk + 1_000, records.count)]))
                }
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// Waits until the server on `port` answers: up to a minute.
    static func ready(_ port: Int) async throws {
        for _ in 0..<600 {
            if try GallraProcess.runTool("/usr/bin/curl", ["-sf", "http://127.0.0.1:\(port)/ready"]).status == 0 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FleetError(description: "the server on port \(port) did not become ready within a minute")
    }

    /// Rows of a query on the fleet's database.
    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        let connection = try await StoreConnection.open(.postgres(url: database))
        do {
            let rows = try await connection.sql.raw(query).all()
            await connection.close()
            return rows
        } catch {
            await connection.close()
            throw error
        }
    }

    func count(_ query: SQLQueryString) async throws -> Int {
        try await rows(query).first?.decode(column: "n", as: Int.self) ?? -1
    }

    /// What a server wrote to its log.
    func log(_ n: Int) -> String {
        // try?: a log that cannot be read reads as empty, and the test's expectation on it fails
        (try? String(contentsOf: directory.appendingPathComponent("server-\(n).log"), encoding: .utf8)) ?? ""
    }

    func stop() {
        for process in processes where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        // try?: a temporary directory left behind changes no test's outcome
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Several curl commands run at the same moment (processes of their own, so that none waits for
/// another): each answer's status and body.
enum Curls {
    static func atOnce(_ commands: [[String]]) throws -> [(status: Int, body: String)] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // try?: a temporary directory left behind changes no test's outcome
        defer { try? FileManager.default.removeItem(at: directory) }
        var running: [(Process, URL, Pipe)] = []
        for (n, arguments) in commands.enumerated() {
            let body = directory.appendingPathComponent("\(n)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-s", "-o", body.path, "-w", "%{http_code}"] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try ProcessEnvironment.launch(process)
            running.append((process, body, out))
        }
        return try running.map { process, body, out in
            let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            // try?: an answer without a body (curl wrote none) reads as empty
            return (Int(status) ?? 0, (try? String(contentsOf: body, encoding: .utf8)) ?? "")
        }
    }
}

/// Why a fleet, or the proxy in front of it, could not be set up.
struct FleetError: Error, CustomStringConvertible {
    let description: String
}
