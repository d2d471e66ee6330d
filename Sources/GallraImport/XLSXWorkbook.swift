import Foundation
import GallraCore
import ZIPFoundation

/// The sheets of an .xlsx workbook as tables of text: shared and inline strings, numbers,
/// booleans, and merged cells (the value of a merged range is in each of its cells). Read within
/// `RopaLimits` and `XLSXWorkbook.Limits`: a workbook is a ZIP archive of XML, and a small one can
/// inflate to gigabytes or name a cell a billion columns away.
public struct XLSXWorkbook: Sendable {
    public struct Sheet: Sendable {
        public let name: String
        public let grid: RopaGrid
    }

    public let sheets: [Sheet]

    public init(data: Data) throws(RopaImportError) {
        guard data.count <= RopaLimits.fileBytes else { throw RopaImportError.fileTooLarge() }
        let parts: [String: ZIPPart]
        do {
            guard Self.hasEndOfCentralDirectory(data), let sound = Self.zipParts(data) else {
                throw Archive.ArchiveError.missingEndOfCentralDirectoryRecord
            }
            // ZIPFoundation checks the archive as a whole; its parts are read as `inflate` says.
            _ = try Archive(data: data, accessMode: .read)
            parts = sound
        } catch {
            throw RopaImportError(
                sv: "ingen .xlsx-arbetsbok: filen är inget ZIP-arkiv",
                en: "not an .xlsx workbook: the file is not a ZIP archive")
        }
        var inflated = 0
        var budget = XMLElement.Budget()
        func part(_ path: String) throws(RopaImportError) -> XMLElement? {
            guard let entry = parts[path], let bytes = try Self.inflate(entry, named: path, in: data, total: &inflated)
            else { return nil }
            return try XMLElement.parse(bytes, part: path, budget: &budget)
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw RopaImportError(
                sv: "ingen .xlsx-arbetsbok: den har ingen xl/workbook.xml",
                en: "not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let relations = try part("xl/_rels/workbook.xml.rels")?.all("Relationship") ?? []
        let targets = Dictionary(
            relations.compactMap { relation in
                relation.attributes["Id"].map { ($0, relation.attributes["Target"] ?? "") }
            },
            uniquingKeysWith: { first, _ in first })
        let shared = try part("xl/sharedStrings.xml")?.all("si").map(\.runs) ?? []
        var cells = 0
        var sheets: [Sheet] = []
        for (number, sheet) in workbook.all("sheet").enumerated() {
            let name = sheet.attributes["name"] ?? "Sheet\(number + 1)"
            let relation = sheet.attributes.first { $0.key.hasSuffix(":id") }?.value
            let target = relation.flatMap { targets[$0] } ?? "worksheets/sheet\(number + 1).xml"
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let document = try part(path) else { continue }
            sheets.append(Sheet(name: name, grid: try Self.grid(document, sheet: name, shared: shared, cells: &cells)))
        }
        guard !sheets.isEmpty else {
            throw RopaImportError(
                sv: "arbetsboken har inga blad som kan läsas", en: "the workbook has no sheets that can be read")
        }
        self.sheets = sheets
    }
}
