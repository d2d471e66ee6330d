import ArgumentParser
import Foundation
import GallraCore
import GallraServices

/// The global options of the commands that use the store (`shared/spec/cli.md`).
struct StoreOptions: ParsableArguments {
    @Option(help: "sqlite:PATH or postgres://… (env GALLRA_DATABASE; default sqlite:gallra.sqlite).")
    var database: String?

    @Option(help: "The key file (env GALLRA_KEY_FILE; default gallra.key); created with mode 0600 when absent.")
    var keyFile: String?

    @Option(
        help:
            "Where subjects' data keys are kept, apart from the data (env GALLRA_KEYRING; default: beside an SQLite database)."
    )
    var keyring: String?

    @Option(
        help:
            "The file of the audit log's signed checkpoints, outside the database (env GALLRA_AUDIT_CHECKPOINTS; default: the key file's path + .audit-checkpoints)."
    )
    var auditCheckpoints: String?

    @Option(
        help:
            "The erasure journal, apart from the data, that `gallra restore` replays after a restore from a backup (env GALLRA_ERASURE_JOURNAL; default: the key file's path + .erasures)."
    )
    var erasureJournal: String?

    @Option(
        help:
            "Who is acting, written on every audit entry: user:NAME, token:NAME or system:NAME (env GALLRA_ACTOR; default user:$USER)."
    )
    var actor: String?

    /// The party on whose behalf the command acts; an actor that names no acting party is refused.
    var party: Party {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            if let named = actor ?? environment["GALLRA_ACTOR"], !named.isEmpty { return try Party(parsing: named) }
            return .user(environment["USER"] ?? "unknown")
        }
    }

    /// Where the store is, by option, else by environment, else by default.
    var settings: StoreSettings {
        let environment = ProcessInfo.processInfo.environment
        return StoreSettings(
            database: database ?? environment["GALLRA_DATABASE"] ?? "sqlite:gallra.sqlite",
            keyring: keyring ?? environment["GALLRA_KEYRING"],
            keyFile: keyFile ?? environment["GALLRA_KEY_FILE"] ?? "gallra.key",
            auditCheckpoints: auditCheckpoints ?? environment["GALLRA_AUDIT_CHECKPOINTS"],
            erasureJournal: erasureJournal ?? environment["GALLRA_ERASURE_JOURNAL"])
    }

    /// Opens the store, runs `body` with the use cases on behalf of the command's party, closes the
    /// store, and turns errors into one sentence.
    func withGallra(_ body: (Gallra) async throws -> Void) async throws {
        try await reportingGallraErrors {
            let gallra = try await Gallra.open(settings)
            do {
                try await body(gallra)
            } catch {
                await gallra.close()
                throw error
            }
            await gallra.close()
        }
    }
}

/// Store, register and identifier errors as one sentence on standard error (a register's problems
/// one per line), with a non-zero exit status.
func reportingGallraErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        printError(error.description)
        throw ExitCode(error.exitCode)
    } catch let error as GallraError {
        printError(error.description)
        throw ExitCode(error.exitCode)
    } catch let error as RegisterError {
        printError(error.description)
        printError("\(error.file): refused; nothing was stored.")
        throw ExitCode.failure
    } catch let error as IdentifierError {
        printError(error.description)
        throw ExitCode.failure
    }
}

extension GallraError {
    /// The command line's exit status for each kind of error (shared/spec/cli.md: 1 for a refusal).
    var exitCode: Int32 {
        switch self {
        case .notFound, .conflict, .invalidInput, .forbidden: return 1
        case .unavailable: return 3
        case .integrity: return 4
        }
    }
}
