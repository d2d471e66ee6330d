import ArgumentParser
import Foundation
import GallraCore
import GallraStore

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

    @Option(help: "Who is acting, written to the audit log (env GALLRA_ACTOR; default cli:$USER).")
    var actor: String?

    func open() async throws -> Store {
        let environment = ProcessInfo.processInfo.environment
        let location = try DatabaseLocation(
            parsing: database ?? environment["GALLRA_DATABASE"] ?? "sqlite:gallra.sqlite")
        let keyringLocation = try (keyring ?? environment["GALLRA_KEYRING"]).map { try DatabaseLocation(parsing: $0) }
        let who = actor ?? environment["GALLRA_ACTOR"] ?? "cli:\(environment["USER"] ?? "unknown")"
        return try await Store.open(
            database: location, keyring: keyringLocation,
            keyFile: keyFile ?? environment["GALLRA_KEY_FILE"] ?? "gallra.key",
            actor: who)
    }

    /// Opens the store, runs `body`, closes the store, and turns errors into one sentence.
    func withStore(_ body: (Store) async throws -> Void) async throws {
        try await reportingStoreErrors {
            let store = try await open()
            do {
                try await body(store)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}

/// Store, register and identifier errors as one sentence on standard error (a register's problems
/// one per line), with a non-zero exit status.
func reportingStoreErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        printError(error.description)
        throw ExitCode(error.exitCode)
    } catch let error as StoreError {
        printError(error.description)
        throw ExitCode.failure
    } catch let error as RegisterError {
        printError(error.description)
        printError("\(error.file): refused; nothing was stored.")
        throw ExitCode.failure
    } catch let error as IdentifierError {
        printError(error.description)
        throw ExitCode.failure
    }
}
