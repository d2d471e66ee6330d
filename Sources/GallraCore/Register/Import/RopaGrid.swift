/// A register of processing activities as the company keeps it: a table of cells, each row with
/// where it came from, so that every decision left can point at it ("FILE:ROW").
public struct RopaGrid: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var cells: [String]
        /// The row as a person finds it: a line number, or "Sheet!12" in a workbook.
        public var reference: String

        public init(cells: [String], reference: String) {
            self.cells = cells
            self.reference = reference
        }

        var isBlank: Bool { cells.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }
}

/// Why a file could not be read as a table at all. What is read but not with confidence is a
/// decision left in the draft, never an error.
public struct RopaImportError: Error, Sendable, CustomStringConvertible {
    /// Why, in Swedish and English.
    public let text: LocalizedText

    public init(sv: String, en: String) { text = LocalizedText(sv: sv, en: en) }

    /// A reason said the same way in each language (what a malformed XML part breaks, say).
    public init(_ description: String) { text = LocalizedText(description) }

    /// Why, in English (the command line's language).
    public var description: String { text[.en] }
}
