import Foundation

/// Work a request needs in a system of the register that Gallra does not reach (no connector in
/// the systems file): a person does it there and marks it done.
public struct ManualTask: Sendable {
    public let system: String
    public let name: LocalizedText
    public let doneAt: Date?
    public let doneBy: String?

    /// What a person must do there, for a request of this kind.
    public func instruction(for kind: RequestKind) -> String {
        let place = "\(name[.en]) (\(system))"
        switch kind {
        case .access, .portability:
            return "Find the person's data in \(place) and add it to the copy for them."
        case .erasure:
            return "Erase the person's data in \(place), except what the decisions keep."
        case .rectification:
            return "Correct the person's data in \(place)."
        case .restriction:
            return "Mark the person's data in \(place) as restricted: kept, not used."
        case .objection, .withdrawConsent:
            return "Stop the processing the decisions stop, in \(place)."
        }
    }

    public init(system: String, name: LocalizedText, doneAt: Date?, doneBy: String?) {
        self.system = system
        self.name = name
        self.doneAt = doneAt
        self.doneBy = doneBy
    }
}
