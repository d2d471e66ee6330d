import Foundation
import FuzzDriver
import GallraCore
import GallraImport

// A ROPA table as a file (`gallra register import`, the admin UI's upload): CSV, TSV or a table
// pasted as text, the first byte choosing which the file is named. Any bytes give a draft or an
// error that says what is wrong.
let names = ["ropa.csv", "ropa.tsv", "ropa.txt", "ropa"]

Fuzzing.run { bytes in
    guard let first = bytes.first else { return }
    do {
        _ = try RopaFile.draft(data: Data(bytes.dropFirst()), fileName: names[Int(first) % names.count])
    } catch let error as RopaImportError {
        if error.description.isEmpty { Fuzzing.violated("an import refused with no reason") }
    } catch {
        Fuzzing.violated("an error that is not RopaImportError: \(error)")
    }
}
