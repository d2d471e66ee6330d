import ArgumentParser
import Foundation
import GallraCore
import GallraServices
import GallraStore

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract:
            "After restoring the database from a backup: erase again everyone erased since (docs/backup-restore.md).",
        discussion: """
            Reads the erasure journal (kept apart from the data, by default beside the key file: KEY_FILE.erasures), \
            and carries out again every erasure and sweep it holds that the restored database does not reflect, in \
            Gallra's store and in the connected systems; then lists what it erased again. Run it after every restore, \
            before `gallra serve`; run again, it finds nothing to do. Exits 5 when something could not be erased again.
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withGallra { gallra in
            let report = try await gallra.restore(by: try store.party)
            print(Self.text(report, journal: gallra.erasureJournalPath))
            if !report.failures.isEmpty { throw ExitCode(5) }
        }
    }

    static func text(_ report: RestoreReport, journal: String) -> String {
        var lines = [
            "Erasure journal \(journal): \(report.journalEntries) erasures, "
                + (report.replayedEntries.isEmpty
                    ? "all reflected in the database."
                    : "\(report.replayedEntries.count) not reflected in the database, carried out again "
                        + "(entries \(report.replayedEntries.map(String.init).joined(separator: ", "))).")
        ]
        if report.isEmpty && report.failures.isEmpty {
            lines.append("Nothing was erased again: no one erased since the backup is back.")
        }
        if !report.subjectsErased.isEmpty {
            lines.append("Subjects erased again: \(report.subjectsErased.count)")
            lines += report.subjectsErased.map { "  \($0)" }
        }
        if report.recordsErased + report.recordsAnonymised > 0 {
            lines.append(
                "Records erased again: \(report.recordsErased); anonymised again: \(report.recordsAnonymised)")
        }
        for table in report.connected {
            let verb = table.action == .anonymise ? "anonymised" : "erased"
            var line = "\(table.system).\(table.table): \(table.changed) rows \(verb) again"
            if table.anonymisedInstead > 0 {
                line += ", \(table.anonymisedInstead) anonymised instead: other rows still refer to them"
            }
            if table.kept > 0 { line += ", \(table.kept) kept" }
            lines.append(line)
            lines += table.references.map { "  \($0)" }
        }
        if !report.failures.isEmpty {
            lines.append("Could not be erased again:")
            lines += report.failures.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
