import ArgumentParser
import Foundation
import GallraCore
import GallraServices

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit log.",
        subcommands: [Verify.self, Checkpoint.self, PublicKey.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                "Check the whole audit chain and every signed checkpoint; names the first entry altered, removed or reordered, or a tail cut since a checkpoint."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let check = try await gallra.checkAudit(by: store.party)
                switch check.verification {
                case .broken(_, let reason): throw CLIError("The audit log is broken: \(reason).")
                case .intact(let entries):
                    guard let checkpoints = check.checkpoints, checkpoints > 0 else {
                        print("The audit log is intact: \(entries) entr\(entries == 1 ? "y" : "ies").")
                        // On standard error: the chain holds, but without an anchor outside the
                        // database a cut tail would go unnoticed.
                        printError(
                            "No audit checkpoints were found in \"\(check.checkpointsPath)\": a tail cut from the log would not be noticed; gallra audit checkpoint writes one."
                        )
                        return
                    }
                    print(
                        "The audit log is intact: \(entries) entr\(entries == 1 ? "y" : "ies"); \(checkpoints) checkpoint\(checkpoints == 1 ? "" : "s") agree\(checkpoints == 1 ? "s" : "") with it."
                    )
                }
            }
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract:
                "Sign the audit log's head and append it to the checkpoints file outside the database (the server does so every 10 minutes), so that audit verify finds a tail cut or a chain rewritten since."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let checkpoint = try await gallra.checkpointAudit(by: store.party)
                print(
                    "Checkpoint of entry \(checkpoint.seq) (hash \(checkpoint.hash.prefix(16))…) appended to \"\(gallra.auditCheckpointsPath)\"."
                )
            }
        }
    }

    struct PublicKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "public-key",
            abstract:
                "Print the Ed25519 public key (base64) that checks the checkpoints' signatures: whoever keeps copies of them can check them with it, and cannot forge one."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in print(try await gallra.auditCheckpointPublicKey(by: store.party)) }
        }
    }
}
