import Foundation
import GallraCore

/// Reads a ROPA file as the company has it — a workbook, a CSV, a TSV or a table pasted as
/// text — and writes the draft register from it.
public enum RopaFile {
    /// - Parameter sheet: the one sheet of a workbook to read; by default every sheet whose rows
    ///   hold a register's header.
    /// - Parameter controller: the controller of the register in force, for what the table
    ///   does not say about it.
    public static func draft(
        data: Data, fileName: String, language: Language? = nil, sheet: String? = nil, controller: Controller? = nil
    ) throws(RopaImportError) -> RopaDraft {
        guard data.count <= RopaLimits.fileBytes else { throw RopaImportError.fileTooLarge() }
        let name = (fileName as NSString).lastPathComponent
        let fileExtension = (fileName as NSString).pathExtension.lowercased()
        guard fileExtension == "xlsx" || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            let grid = try RopaTextTable.grid(text: RopaTextTable.decode(data), fileExtension: fileExtension)
            return try RopaImporter.draft(grid, language: language, source: name, controller: controller)
        }
        let workbook = try XLSXWorkbook(data: data)
        var sheets = workbook.sheets
        if let sheet {
            sheets = sheets.filter { $0.name == sheet }
            guard !sheets.isEmpty else {
                let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw RopaImportError(
                    sv: "arbetsboken har inget blad \"\(sheet)\" (den har \(names))",
                    en: "the workbook has no sheet \"\(sheet)\" (it has \(names))")
            }
        }
        // Every sheet with a register's header is read; the first sheet when none has one, so
        // that the error names what is missing.
        let readable = sheets.filter { RopaImporter.hasHeader($0.grid) }
        return try RopaImporter.draft(
            (readable.isEmpty ? [sheets[0]] : readable).map(\.grid), language: language, source: name,
            controller: controller)
    }

    /// The file at `path`, read no further than `RopaLimits.fileBytes`: a larger file (or a
    /// device that never ends) is refused without being read whole.
    public static func contents(atPath path: String) throws(RopaImportError) -> Data {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw RopaImportError(sv: "kan inte läsas", en: "cannot be read")
        }
        // try?: closing a file only read; what was read, or the refusal, is the answer.
        defer { try? file.close() }
        let data: Data
        do {
            data = try file.read(upToCount: RopaLimits.fileBytes + 1) ?? Data()
        } catch {
            throw RopaImportError(sv: "kan inte läsas", en: "cannot be read")
        }
        guard data.count <= RopaLimits.fileBytes else { throw RopaImportError.fileTooLarge() }
        return data
    }
}
