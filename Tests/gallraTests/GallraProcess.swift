import Foundation
@_exported import GallraTestSupport
import Testing

/// Runs the built `gallra` executable as a user would, capturing what it prints.
struct GallraProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `gallra` is built beside the test bundle (`swift build --build-tests` builds both).
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["GALLRA_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let beside = directory.appendingPathComponent("gallra")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "gallra")
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws
        -> Result
    {
        try runTool(executable.path, arguments, environment: environment, in: directory)
    }

    /// Runs any program, capturing what it prints.
    /// A loopback port nothing listens on now, as the system hands out: far less likely to be
    /// taken by another test's server than one picked at random.
    static func freeLoopbackPort() throws -> Int {
        let result = try runTool(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()",
            ])
        guard let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw WebDriverError(description: "no free loopback port: \(result.stdout)")
        }
        return port
    }

    static func runTool(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessEnvironment.current.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try ProcessEnvironment.launch(process)
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `gallra` and kills it with SIGKILL after a while, longer at each attempt, until
    /// `caughtMidRun` says the kill came in the middle of its work; returns whether it ever did.
    static func killMidRun(
        _ arguments: [String], environment: [String: String], in directory: URL, attempts: Int,
        waitMilliseconds first: Int, longerBy step: Int, caughtMidRun: () async throws -> Bool
    ) async throws -> Bool {
        for attempt in 0..<attempts {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessEnvironment.current.merging(environment) { $1 }
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try ProcessEnvironment.launch(process)
            try await Task.sleep(for: .milliseconds(first + step * attempt))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if try await caughtMidRun() { return true }
        }
        return false
    }
}
