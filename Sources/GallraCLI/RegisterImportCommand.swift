import ArgumentParser
import Foundation
import GallraCore
import GallraServices

/// `gallra register import FILE`: the company's ROPA table as a draft register.
struct RegisterImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a draft register from a ROPA spreadsheet or table (.xlsx, .csv, .tsv, pasted text).",
        discussion:
            "Every place not read with confidence is marked \"# TODO:\" in the draft and listed on stderr as FILE:ROW; `gallra register check` refuses the draft until each is decided."
    )

    @Argument(help: "The table: .xlsx, .csv (comma or semicolon), .tsv, or a table pasted as text (.txt).")
    var file: String
    @Option(help: "Write the draft here instead of to stdout.") var out: String?
    @Option(help: "The language of the table: sv or en (default: from its headers).") var lang: Language?
    @Option(help: "Read only this sheet of a workbook.") var sheet: String?

    func run() throws {
        try reportingErrors {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw CLIError("Cannot read \"\(file)\".")
            }
            let draft: RopaDraft
            do {
                let data = try RopaFile.contents(atPath: file)
                draft = try RopaFile.draft(data: data, fileName: file, language: lang, sheet: sheet)
            } catch {
                throw CLIError("\(file): \(error).")
            }
            if let out {
                try OutputFile.write(Data((draft.yaml + "\n").utf8), to: out)
            } else {
                print(draft.yaml)
            }
            printError("\(file): \(draft.summary)")
            printError("\(file): \(draft.recognised)")
            for decision in draft.decisions { printError("\(file):\(decision.reference): \(decision.message)") }
        }
    }
}
