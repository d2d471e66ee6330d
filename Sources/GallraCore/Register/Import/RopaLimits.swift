/// How much of a ROPA file the import reads. A register of processing activities is a table of
/// some hundred rows, so each bound is generous for one and small enough that a hostile file is
/// refused, naming the bound, before it costs more than a moment and some megabytes.
public enum RopaLimits {
    /// The file as it is read or uploaded.
    public static let fileBytes = 10 * 1024 * 1024
    /// Rows of one table, or of one sheet of a workbook (Excel's own maximum is 1,048,576).
    public static let rows = 100_000
    /// Columns of one table (Excel's own maximum is 16,384, column XFD).
    public static let columns = 1_000
    /// Cells of one table, rows times its widest row, merged cells counted each.
    public static let cells = 1_000_000
    /// Characters of one cell: Excel's own limit.
    public static let cellCharacters = 32_767
    /// Rows of a table in which its header is looked for: a template's header sits below its
    /// title and the controller's details, within its first rows.
    public static let headerRows = 200
    /// Characters of a retention cell given to the phrase reader; a longer one is left to a person
    /// to decide (no retention phrase of the corpora is a tenth as long).
    public static let retentionCharacters = 2_000

    /// A limit in bytes as a person reads it: "10 MiB", "512 KiB", "300 bytes".
    public static func bytes(_ count: Int) -> String {
        if count >= 1024 * 1024 && count % (1024 * 1024) == 0 { return "\(number(count / (1024 * 1024))) MiB" }
        if count >= 1024 && count % 1024 == 0 { return "\(number(count / 1024)) KiB" }
        return "\(number(count)) bytes"
    }

    /// "1,000,000".
    public static func number(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (count < 0 ? "-" : "") + grouped
    }
}
