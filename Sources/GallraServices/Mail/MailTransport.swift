import Foundation

/// Where the outbox's messages go.
public enum MailTransport: Sendable {
    /// Each message an RFC 5322 file `DIR/<id>.eml` (the embedded default, for development).
    case directory(String)
    /// Each message piped to a sendmail-compatible command, such as `msmtp -t`.
    case sendmail(String)

    /// Delivers one message; throws with what went wrong.
    func deliver(_ message: Data, id: String) async throws {
        switch self {
        case .directory(let path):
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let file = URL(fileURLWithPath: path).appendingPathComponent("\(id).eml")
            try message.write(to: file, options: .atomic)
        case .sendmail(let command):
            try await Self.pipe(message, to: command)
        }
    }

    private static func pipe(_ message: Data, to command: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        // What the command says may name the recipient; it is not kept.
        process.standardError = FileHandle.nullDevice
        _ = brokenPipesFail
        try process.run()
        // A command that exits before it has read the message closes the pipe: the write fails
        // (EPIPE) and the message counts as not sent.
        var unread: (any Error)?
        do {
            try input.fileHandleForWriting.write(contentsOf: message)
        } catch {
            unread = error
        }
        // try?: closing a pipe the command already closed changes nothing; the status decides
        try? input.fileHandleForWriting.close()
        // Polled: waitUntilExit() spins a run loop on a cooperative thread.
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        guard process.terminationStatus == 0 else {
            throw MailError(description: "the mail command exited with status \(process.terminationStatus)")
        }
        if unread != nil { throw MailError(description: "the mail command exited before it read the message") }
    }

    /// Writing to a command that has exited must fail with EPIPE, not end the server with SIGPIPE.
    private static let brokenPipesFail: Void = { signal(SIGPIPE, SIG_IGN) }()
}

struct MailError: Error, CustomStringConvertible {
    let description: String
}
