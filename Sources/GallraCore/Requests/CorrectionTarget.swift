/// What a rectification (Art. 16) corrects: one record in Gallra's store, or one column of one
/// of the person's rows in a connected database (`row` as `TABLE:KEY`).
public enum CorrectionTarget: Sendable, Hashable {
    case record(String)
    case connected(system: String, row: String, column: String)

    /// The target as one line, for a form's field (`record|ID`, `connected|SYSTEM|COLUMN|ROW`):
    /// no personal data beyond what the row's key is.
    public var key: String {
        switch self {
        case .record(let id): "record|\(id)"
        case .connected(let system, let row, let column): "connected|\(system)|\(column)|\(row)"
        }
    }

    /// The target a form's field names; nil for any other text.
    public init?(key: String) {
        let parts = key.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "record" where parts.count == 2 && !parts[1].isEmpty:
            self = .record(parts[1])
        case "connected" where parts.count == 4 && !parts[1...].contains(where: \.isEmpty):
            self = .connected(system: parts[1], row: parts[3], column: parts[2])
        default:
            return nil
        }
    }
}

/// A corrected value noted on a rectification request, to be written when it is completed.
public struct NotedCorrection: Sendable, Equatable {
    public let target: CorrectionTarget
    public let value: String

    public init(target: CorrectionTarget, value: String) {
        self.target = target
        self.value = value
    }
}
