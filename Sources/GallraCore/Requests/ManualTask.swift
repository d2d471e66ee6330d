import Foundation

/// Work a request needs in a system of the register that Gallra does not reach (no connector in
/// the systems file): a person does it there and marks it done.
public struct ManualTask: Sendable {
    public let system: String
    public let name: LocalizedText
    public let doneAt: Date?
    public let doneBy: String?

    /// What a person must do there, for a request of this kind.
    public func instruction(for kind: RequestKind, _ language: Language = .en) -> String {
        let place = "\(name[language]) (\(system))"
        let sv = language == .sv
        switch kind {
        case .access, .portability:
            return sv
                ? "Leta upp personens uppgifter i \(place) och lägg dem i kopian till personen."
                : "Find the person's data in \(place) and add it to the copy for them."
        case .erasure:
            return sv
                ? "Radera personens uppgifter i \(place), utom det som besluten sparar."
                : "Erase the person's data in \(place), except what the decisions keep."
        case .rectification:
            return sv ? "Rätta personens uppgifter i \(place)." : "Correct the person's data in \(place)."
        case .restriction:
            return sv
                ? "Märk personens uppgifter i \(place) som begränsade: sparas, används inte."
                : "Mark the person's data in \(place) as restricted: kept, not used."
        case .objection, .withdrawConsent:
            return sv
                ? "Upphör i \(place) med den behandling som besluten stoppar."
                : "Stop the processing the decisions stop, in \(place)."
        }
    }

    public init(system: String, name: LocalizedText, doneAt: Date?, doneBy: String?) {
        self.system = system
        self.name = name
        self.doneAt = doneAt
        self.doneBy = doneBy
    }
}
