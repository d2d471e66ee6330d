import Foundation

/// People found by name, as far as the search went: a name is sealed under its person's own key
/// and has no lookup index, so a search opens names one by one within a bound, and says when it
/// did not reach everyone.
public struct NameSearch: Sendable {
    /// The subjects whose names match, with their names.
    public let found: [(subject: String, name: String)]
    /// Names compared.
    public let compared: Int
    /// Whether every named person was compared: false when the bound was reached first.
    public let complete: Bool

    public init(found: [(subject: String, name: String)], compared: Int, complete: Bool) {
        self.found = found
        self.compared = compared
        self.complete = complete
    }
}
