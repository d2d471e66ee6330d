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
            sv:
                "tabellen har fler än \(RopaLimits.number(RopaLimits.rows)) rader; gränsen är \(RopaLimits.number(RopaLimits.rows)) rader",
            en:
                "the table has more than \(RopaLimits.number(RopaLimits.rows)) rows; the limit is \(RopaLimits.number(RopaLimits.rows)) rows"
        )
    }

    static func tooManyColumns(row reference: String) -> RopaImportError {
        RopaImportError(
            sv:
                "rad \(reference) har fler än \(RopaLimits.number(RopaLimits.columns)) celler; gränsen är \(RopaLimits.number(RopaLimits.columns)) kolumner",
            en:
                "row \(reference) has more than \(RopaLimits.number(RopaLimits.columns)) cells; the limit is \(RopaLimits.number(RopaLimits.columns)) columns"
        )
    }

    static func tooManyCells() -> RopaImportError {
        RopaImportError(
            sv:
                "tabellen har fler än \(RopaLimits.number(RopaLimits.cells)) celler; gränsen är \(RopaLimits.number(RopaLimits.cells)) celler",
            en:
                "the table has more than \(RopaLimits.number(RopaLimits.cells)) cells; the limit is \(RopaLimits.number(RopaLimits.cells)) cells"
        )
    }

    /// - Parameter reference: the row the cell starts on ("12", "Sheet!12").
    public static func cellTooLong(row reference: String) -> RopaImportError {
        RopaImportError(
            sv:
                "en cell på rad \(reference) har fler än \(RopaLimits.number(RopaLimits.cellCharacters)) tecken; gränsen är \(RopaLimits.number(RopaLimits.cellCharacters)) tecken, som i Excel",
            en:
                "a cell of row \(reference) has more than \(RopaLimits.number(RopaLimits.cellCharacters)) characters; the limit is \(RopaLimits.number(RopaLimits.cellCharacters)) characters, as in Excel"
        )
    }

    public static func fileTooLarge() -> RopaImportError {
        RopaImportError(
            sv:
                "filen är större än \(RopaLimits.bytes(RopaLimits.fileBytes)); gränsen är \(RopaLimits.bytes(RopaLimits.fileBytes))",
            en:
                "the file is larger than \(RopaLimits.bytes(RopaLimits.fileBytes)); the limit is \(RopaLimits.bytes(RopaLimits.fileBytes))"
        )
    }
}
