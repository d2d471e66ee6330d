import Foundation

/// What a request did to one row of a connected database.
public struct ConnectedChange: Sendable {
    public enum Action: String, CaseIterable, Sendable {
        case erased
        case anonymised
        /// Could not be erased: another row that must be kept refers to it, and the table says
        /// nothing to anonymise.
        case kept
        /// Marked restricted (Art. 18) in the table's `restrict` column: kept, not used.
        case restricted
        /// To be restricted, but the table names no `restrict` column: done by hand there.
        case restrictByHand = "restrict-by-hand"
        /// A column corrected (Art. 16) to the value noted on the request.
        case corrected
    }

    public let system: String
    /// `TABLE:KEY`.
    public let record: String
    /// The column a correction changes.
    public var column: String? = nil
    public let activity: String
    public let action: Action

    public init(system: String, record: String, column: String? = nil, activity: String, action: Action) {
        self.system = system
        self.record = record
        self.column = column
        self.activity = activity
        self.action = action
    }

    /// `TABLE:KEY`, and the column a correction changes after a space.
    public var row: String { column.map { "\(record) \($0)" } ?? record }
}
