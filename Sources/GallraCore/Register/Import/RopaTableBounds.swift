/// Counts a table as it is read and refuses it as soon as it passes a bound of `RopaLimits`, so
/// that no table is ever held larger than them.
struct RopaTableBounds {
    private var rows = 0
    private var cells = 0

    /// A row of `count` cells, the row `reference` names ("12").
    mutating func row(cells count: Int, at reference: String) throws(RopaImportError) {
        rows += 1
        cells += count
        guard rows <= RopaLimits.rows else { throw RopaImportError.tooManyRows() }
        guard count <= RopaLimits.columns else { throw RopaImportError.tooManyColumns(row: reference) }
        guard cells <= RopaLimits.cells else { throw RopaImportError.tooManyCells() }
    }
}

extension RopaImportError {
    static func tooManyRows() -> RopaImportError {
        RopaImportError(
            "the table has more than \(RopaLimits.number(RopaLimits.rows)) rows; the limit is \(RopaLimits.number(RopaLimits.rows)) rows"
        )
    }

    static func tooManyColumns(row reference: String) -> RopaImportError {
        RopaImportError(
            "row \(reference) has more than \(RopaLimits.number(RopaLimits.columns)) cells; the limit is \(RopaLimits.number(RopaLimits.columns)) columns"
        )
    }

    static func tooManyCells() -> RopaImportError {
        RopaImportError(
            "the table has more than \(RopaLimits.number(RopaLimits.cells)) cells; the limit is \(RopaLimits.number(RopaLimits.cells)) cells"
        )
    }

    /// - Parameter reference: the row the cell starts on ("12", "Sheet!12").
    public static func cellTooLong(row reference: String) -> RopaImportError {
        RopaImportError(
            "a cell of row \(reference) has more than \(RopaLimits.number(RopaLimits.cellCharacters)) characters; the limit is \(RopaLimits.number(RopaLimits.cellCharacters)) characters, as in Excel"
        )
    }

    public static func fileTooLarge() -> RopaImportError {
        RopaImportError(
            "the file is larger than \(RopaLimits.bytes(RopaLimits.fileBytes)); the limit is \(RopaLimits.bytes(RopaLimits.fileBytes))"
        )
    }
}
