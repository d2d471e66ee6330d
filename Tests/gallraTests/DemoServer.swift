import Foundation
import Testing

/// `gallra serve --demo` in a directory of its own, on a free loopback port, until stopped.
final class DemoServer: @unchecked Sendable {
    let directory: URL
    let port: Int
    /// What the server printed before it started listening: the URL and the admin's password.
    let banner: String
    private let process: Process

    /// `extra`: more options for `gallra serve`, such as where mail goes.
    init(_ extra: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try GallraProcess.freeLoopbackPort()
        process = Process()
        process.executableURL = GallraProcess.executable
        // No register named: the demo loads the example built into the program, as it must from
        // any folder (this one is a temporary directory outside the checkout).
        process.arguments = ["serve", "--demo", "--port", "\(port)", "--sweep-at", "off"] + extra
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessEnvironment.launch(process)
        var text = ""
        while !text.contains("The JSON API") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        banner = text
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// The admin's one-time password, read from the banner.
    var adminPassword: String? { banner.firstMatch(of: /the password (\S+) \(shown once\)/).map { String($0.1) } }

    /// Runs a `gallra` command on the demo's store, beside the running server.
    func gallra(_ arguments: [String], input: String? = nil) throws -> GallraProcess.Result {
        let store = ["--database", "sqlite:gallra-demo.sqlite", "--key-file", "gallra-demo.key"]
        guard let input else { return try GallraProcess.run(arguments + store, in: directory) }
        let file = directory.appendingPathComponent("input-\(UUID().uuidString)")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try GallraProcess.runTool(
            "/bin/sh", ["-c", "\"$0\" \"$@\" < '\(file.path)'", GallraProcess.executable.path] + arguments + store,
            in: directory)
    }

    /// Waits until the server answers.
    /// Waits until the server answers: up to a minute, as a loaded machine running the other
    /// tests beside it may need, and no longer than the server runs.
    func ready() async throws {
        for _ in 0..<600 {
            let result = try GallraProcess.runTool("/usr/bin/curl", ["-sf", "\(url)/ready"])
            if result.status == 0 { return }
            guard process.isRunning else {
                throw WebDriverError(
                    description: "the demo server exited (\(process.terminationStatus)) before it was ready")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw WebDriverError(description: "the demo server did not become ready within a minute")
    }

    /// The server's process, while it runs.
    var processIdentifier: Int32? { process.isRunning ? process.processIdentifier : nil }
    var isRunning: Bool { process.isRunning }

    /// Kills the server at once (SIGKILL), as a crash would; the directory stays.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Submits the public request form with curl, as a browser would (its cookie and token).
    func submitRequest(kind: String, email: String, lang: String = "sv") throws -> String {
        let jar = directory.appendingPathComponent("cookies-\(UUID().uuidString)").path
        let form = try GallraProcess.runTool("/usr/bin/curl", ["-s", "-c", jar, "\(url)/privacy/request?lang=\(lang)"])
        let token = try #require(form.stdout.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let sent = try GallraProcess.runTool(
            "/usr/bin/curl",
            [
                "-s", "-b", jar, "-X", "POST", "\(url)/privacy/request", "--data-urlencode", "csrf=\(token)",
                "--data-urlencode", "lang=\(lang)", "--data-urlencode", "kind=\(kind)", "--data-urlencode",
                "email=\(email)", "--data-urlencode", "website=",
            ])
        return sent.stdout
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
