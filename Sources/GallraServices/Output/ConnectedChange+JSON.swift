import GallraCore
import GallraStore

extension ConnectedChange {
    /// A row of a connected table, as `gallra request show|complete --json` give it: its `record`
    /// is `TABLE:KEY`, with its `system` and `table` next to its activity (systems.md); a corrected
    /// row names its column.
    public var json: JSONText {
        let parts = row.split(separator: " ", maxSplits: 1).map(String.init)
        let record = parts.first ?? row
        var fields: [(String, JSONText)] = [
            ("record", .string(record)), ("system", .string(system)),
            ("table", .string(String(record.prefix { $0 != ":" }))), ("activity", .string(activity)),
            ("action", .string(action.rawValue)),
        ]
        if parts.count > 1 { fields.append(("column", .string(parts[1]))) }
        return .object(fields)
    }
}
