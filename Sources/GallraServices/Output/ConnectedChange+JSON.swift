import GallraCore

extension ConnectedChange {
    /// A row of a connected table, as `gallra request show|complete --json` give it and the API's
    /// `POST /api/v1/requests/{id}/complete` answers under "connected" (one item, both edges): its
    /// `record` is `TABLE:KEY`, with its `system` and `table` next to its activity (systems.md);
    /// a corrected row names its column.
    public var json: JSONText {
        var fields: [(String, JSONText)] = [
            ("record", .string(record)), ("system", .string(system)),
            ("table", .string(String(record.prefix { $0 != ":" }))), ("activity", .string(activity)),
            ("action", .string(action.rawValue)),
        ]
        if let column { fields.append(("column", .string(column))) }
        return .object(fields)
    }
}
