import Foundation
import GallraCore
import GallraStore

/// One value of the person's that a rectification (Art. 16) may correct, as a party that may
/// write personal data sees it.
public struct CorrectableValue: Sendable {
    public let target: CorrectionTarget
    public let activity: String
    public let category: String
    /// For a row of a connected database: its system and table; nil for a record in the store.
    public let system: String?
    public let table: String?
    /// The value held now.
    public let value: String
    /// The corrected value noted on the request; nil while none is.
    public let noted: String?
    /// A value proposed from what the person wrote (`CorrectionProposal`); nil when the text
    /// names none for this value.
    public let proposed: String?
}

extension Gallra {
    /// What a rectification may correct: the person's records in the store and the personal
    /// columns of their rows in the connected databases, within the request's activities and the
    /// party's reach, each with its value now, the corrected value noted, and a value proposed
    /// from the person's text. Only for a party that may write personal data.
    public func correctableValues(ofRequest id: String, by party: Party) async throws -> [CorrectableValue] {
        try await acting(by: party, needs: .writePersonalData) {
            let request = try await reachableRequest(id, by: party)
            guard request.kind == .rectification else {
                throw GallraError.invalidInput(
                    ErrorReason(
                        sv: "Ärende \(id) är ingen begäran om rättelse.",
                        en: "Request \(id) is not a rectification request."))
            }
            let export = try await store.subjects.export(request.subject)
            let asked = request.scope.map(Set.init)
            let noted = Dictionary(
                try await store.requests.notedCorrections(id).map { ($0.target, $0.value) },
                uniquingKeysWith: { _, last in last })
            let message = try await store.requests.contact(of: id)?.message
            let today = export.calendar.localDate(of: export.generated)
            return export.records.compactMap { record in
                let activity = record.activity.id
                guard asked?.contains(activity) ?? true, party.access.reaches(activity: activity) else { return nil }
                let target: CorrectionTarget
                if let system = record.system, record.table != nil {
                    guard let column = record.column else { return nil }
                    target = .connected(system: system, row: record.id, column: column)
                } else {
                    target = .record(record.id)
                }
                return CorrectableValue(
                    target: target, activity: activity, category: record.category,
                    system: record.table == nil ? nil : record.system, table: record.table, value: record.value,
                    noted: noted[target],
                    proposed: CorrectionProposal.value(
                        for: record.category, current: record.value, in: message, today: today))
            }
        }
    }

    /// Notes corrected values on a rectification, each for a value `correctableValues` lists for
    /// the party (anything else is refused before any is noted); they are written when the
    /// request is completed.
    public func noteCorrections(_ id: String, _ corrections: [NotedCorrection], by party: Party) async throws {
        let listed = Set(try await correctableValues(ofRequest: id, by: party).map(\.target))
        guard corrections.allSatisfy({ listed.contains($0.target) }) else {
            throw GallraError.forbidden(
                ErrorReason(
                    sv: "Bara ett värde som listas för det här ärendet kan rättas.",
                    en: "Only a value listed for this request can be corrected."))
        }
        for correction in corrections {
            switch correction.target {
            case .record(let record):
                try await addCorrection(id, record: record, value: correction.value, by: party)
            case .connected(let system, let row, let column):
                try await addConnectedCorrection(
                    id, system: system, row: row, column: column, value: correction.value, by: party)
            }
        }
    }
}
