import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// The five operations the crash points stop, each as the commands a person would run.
enum CrashOperation: String, CaseIterable, CustomStringConvertible, Sendable {
    case sweep, requestCompletion, keyRotation, connectedSweep, registerApply

    var description: String { rawValue }
    var index: Int { Self.allCases.firstIndex(of: self)! }

    /// The commands, run one after the other in `copy`.
    func commands(_ copy: CrashCopy) -> [[String]] {
        switch self {
        case .sweep, .connectedSweep: return [["sweep", "--now", "2030-01-01", "--batch-size", "10"]]
        case .requestCompletion: return [["request", "complete", copy.request, "--sent-via", "letter"]]
        case .keyRotation: return [["keys", "rotate"], ["keys", "remove-retired"]]
        case .registerApply:
            return [["register", "apply", copy.directory.appendingPathComponent("shortened.yaml").path]]
        }
    }

    /// The example register with two rules shortened, for activities that hold records.
    static func shortenedRegister() throws -> String {
        try exampleRegister()
            .replacingOccurrences(of: "retention: \"collected + 365d\"", with: "retention: \"collected + 180d\"")
            .replacingOccurrences(of: "retention: \"collected + 2y\"", with: "retention: \"collected + 1y\"")
    }

    /// Whether running it again after it finished changes nothing more: a rotation run again
    /// rotates again, so a rotation killed after its last step is not run again.
    var repeatable: Bool { self != .keyRotation }

    /// Whether the store holds people with records before the operation.
    var hasPeople: Bool { self != .connectedSweep }
    /// Whether a shop is connected through the systems file.
    var hasShop: Bool { self == .connectedSweep || self == .requestCompletion }
}

/// A directory with a store (an SQLite file there, or a database of the test PostgreSQL), its key
/// file, and for the connected operations a shop (an SQLite file there).
struct CrashCopy {
    let directory: URL
    let backend: TestBackend
    /// The PostgreSQL database's name.
    let name: String?
    let operation: CrashOperation

    var database: String {
        guard let name, let url = TestBackend.postgresURL else {
            return "sqlite:" + directory.appendingPathComponent("gallra.sqlite").path
        }
        return url.replacingOccurrences(of: "/gallra_test?", with: "/\(name)?")
    }

    var shop: String { "sqlite:" + directory.appendingPathComponent("shop.sqlite").path }

    var environment: [String: String] {
        [
            "GALLRA_DATABASE": database, "GALLRA_KEY_FILE": directory.appendingPathComponent("gallra.key").path,
            "GALLRA_ACTOR": "test", "GALLRA_SHOP": shop,
        ]
    }

    var request: String {
        // try?: no request file means the operation completes no request
        (try? String(contentsOf: directory.appendingPathComponent("request-id"), encoding: .utf8)) ?? ""
    }

    func run(_ arguments: [String], extra: [String: String] = [:]) throws -> GallraProcess.Result {
        try GallraProcess.run(arguments, environment: environment.merging(extra) { $1 }, in: directory)
    }

    /// The prepared state the operation starts from: people with records due by 2030, a shop
    /// with tickets, an erasure request verified and ready to complete.
    static func prepare(_ operation: CrashOperation, on backend: TestBackend) async throws -> CrashCopy {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-points-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var name: String?
        if backend == .postgres, let url = TestBackend.postgresURL {
            let created = "points_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            let admin = try await StoreConnection.open(.postgres(url: url))
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: String(created))").run()
            await admin.close()
            name = String(created)
        }
        let copy = CrashCopy(directory: directory, backend: backend, name: name, operation: operation)
        let store = try await Store.open(
            database: try DatabaseLocation(parsing: copy.database),
            keyFile: directory.appendingPathComponent("gallra.key").path)
        if operation.hasPeople {
            try await store.versions.apply(yaml: try exampleRegister(), file: "register")
            let subjects = try await store.subjects.add(
                (0..<30).map { NewSubject(email: "p\($0)@example.se", name: "P \($0)") })
            let collected = ZonedCalendar.stockholm.parseInstant("2025-01-01")!
            let kinds = [
                ("product-demo", "contact_details", "demo"), ("website-visits", "ip_address", "10.0.0.1"),
                ("phone-contact", "recordings", "samtal.wav"), ("support", "case_content", "ärende"),
            ]
            _ = try await store.records.add(
                subjects.flatMap { subject in
                    kinds.map {
                        NewRecord(subject: subject, activity: $0.0, category: $0.1, value: $0.2, collected: collected)
                    }
                })
        }
        await store.close()
        if operation.hasShop {
            try await copy.makeShop()
            if !operation.hasPeople {
                let register = packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path
                try copy.succeed(["register", "apply", register])
            }
            try copy.succeed(["systems", "apply", directory.appendingPathComponent("systems.yaml").path])
        }
        if operation == .registerApply {
            try CrashOperation.shortenedRegister().write(
                to: directory.appendingPathComponent("shortened.yaml"), atomically: true, encoding: .utf8)
        }
        if operation == .requestCompletion {
            let id = try copy.succeed([
                "request", "open", "erasure", "--subject", "p1@example.se", "--received", "2026-03-31",
                "--channel", "letter", "--verified", "BankID",
            ])
            // The work by hand the register asks for in the systems no file connects.
            for system in ["cloud", "crm", "economy", "telephony", "website"] {
                try copy.succeed(["request", "task-done", id, system])
            }
            try id.write(to: directory.appendingPathComponent("request-id"), atomically: true, encoding: .utf8)
        }
        return copy
    }

    @discardableResult
    func succeed(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw TestSetupError(description: "gallra \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 120 tickets of 30 people: three in four opened in 2026 (gone by 2030 under the 12-month
    /// cap), the rest in the autumn of 2029 and still open.
    func makeShop() async throws {
        let shop = try await StoreConnection.open(.sqlite(path: directory.appendingPathComponent("shop.sqlite").path))
        try await shop.sql.raw(
            "CREATE TABLE ticket (id INTEGER PRIMARY KEY, requester_email TEXT, body TEXT, opened_at TEXT, closed_at TEXT)"
        ).run()
        try await shop.transaction { sql in
            for id in 1...120 {
                let opened = id % 4 == 0 ? "2029-10-01 10:00:00" : "2026-03-01 10:00:00"
                try await sql.raw(
                    "INSERT INTO ticket VALUES (\(bind: id), \(bind: "p\(id % 30)@example.se"), 'Text', \(bind: opened), NULL)"
                ).run()
            }
        }
        await shop.close()
        try ConnectedSweepCrashTests.systems.write(
            to: directory.appendingPathComponent("systems.yaml"), atomically: true, encoding: .utf8)
    }

    /// Another directory with the same files, and on PostgreSQL a database made from this one.
    func copy() async throws -> CrashCopy {
        let other = directory.deletingLastPathComponent().appendingPathComponent(
            "gallra-points-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent(file), to: other.appendingPathComponent(file))
        }
        var copied: String?
        if let name, let url = TestBackend.postgresURL {
            let created = "points_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            let admin = try await StoreConnection.open(.postgres(url: url))
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: String(created)) TEMPLATE \(unsafeRaw: name)").run()
            await admin.close()
            copied = String(created)
        }
        return CrashCopy(directory: other, backend: backend, name: copied, operation: operation)
    }

    func remove() async throws {
        try FileManager.default.removeItem(at: directory)
        if let name, let url = TestBackend.postgresURL {
            let admin = try await StoreConnection.open(.postgres(url: url))
            try await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run()
            await admin.close()
        }
    }

    /// Runs the commands uninterrupted, each tracing its fault points; returns how many each passed.
    func runTraced(_ commands: [[String]]) throws -> [Int] {
        try commands.enumerated().map { index, command in
            let trace = directory.appendingPathComponent("trace-\(index)")
            let result = try run(command, extra: ["GALLRA_FAULT_TRACE": trace.path])
            guard result.status == 0 else {
                throw TestSetupError(description: "gallra \(command.joined(separator: " ")): \(result.stderr)")
            }
            let text = try String(contentsOf: trace, encoding: .utf8)
            try FileManager.default.removeItem(at: trace)
            return text.split(separator: "\n").count
        }
    }

    /// Runs the commands, the one holding pass `point` killed there, and then, as after a
    /// restart, that command again and the rest; returns whether the kill came.
    func runKilled(_ commands: [[String]], passes: [Int], at point: Int) throws -> Bool {
        var before = 0
        var index = 0
        while index < passes.count - 1 && before + passes[index] < point {
            before += passes[index]
            index += 1
        }
        for command in commands[..<index] {
            let result = try run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let killed = try run(commands[index], extra: ["GALLRA_FAULT_POINT": "any:\(point - before)"])
        let wasKilled = killed.status == SIGKILL
        #expect(wasKilled || killed.status == 0, "\(commands[index]): \(killed.stderr)")
        let finished = !wasKilled || (!operation.repeatable && point - before == passes[index])
        for command in commands[(finished ? index + 1 : index)...] {
            let result = try run(command)
            // A completion killed after its commit is completed: run again, it is refused as such.
            let completed = command.starts(with: ["request", "complete"]) && result.stderr.contains("is completed")
            #expect(result.status == 0 || completed, "after a kill at \(point): \(command): \(result.stderr)")
        }
        return wasKilled
    }
}
