import ArgumentParser
import Foundation
import GallraCore

/// The `gallra` command line (`shared/spec/cli.md`). Argument parsing only; the work is done by
/// the libraries.
@available(macOS 10.15, *)
public struct GallraCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gallra",
        abstract: "A GDPR register that enforces itself.",
        subcommands: [
            RetentionCommand.self, DeadlineCommand.self, RegisterCommand.self, NoticeCommand.self, SubjectCommand.self,
            RecordCommand.self, EventCommand.self, SweepCommand.self, ForecastCommand.self, HoldCommand.self,
            ConsentCommand.self, RequestCommand.self, IncidentCommand.self, AuditCommand.self, KeysCommand.self,
            MigrateCommand.self, DemoCommand.self, ServeCommand.self, UserCommand.self, TokenCommand.self,
            SystemsCommand.self, RemindersCommand.self, RestoreCommand.self,
        ]
    )

    public init() {}
}

/// A one-sentence error for standard error, with a non-zero exit status.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    var exitCode: Int32 = 1

    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIError` into its message on standard error and its exit status.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// `--time-zone`, shared by the commands that read or print instants.
struct TimeZoneOption: ParsableArguments {
    @Option(help: "The controller's time zone (IANA name).")
    var timeZone: String = "Europe/Stockholm"

    func calendar() throws -> ZonedCalendar {
        guard let calendar = ZonedCalendar(timeZoneIdentifier: timeZone) else {
            throw CLIError("Unknown time zone \"\(timeZone)\"; use an IANA name such as Europe/Stockholm.")
        }
        return calendar
    }
}
