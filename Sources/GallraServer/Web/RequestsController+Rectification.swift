import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Art. 16 on a rectification's page: the corrected values, confirmed by the officer, noted on
/// the request and written when it is completed.
extension RequestsController {
    /// The longest corrected value taken from the form.
    static let correctionLimit = 1_000

    /// POST /admin/requests/{id}/corrections: notes each corrected value the form changed
    /// (`target-N`, `value-N`); a field left empty or as the value now changes nothing. A value
    /// that does not fit its field is refused with the page and what was entered, nothing noted.
    @Sendable func corrections(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        let words = Words(context.language)
        var entered: [(key: String, text: String)] = []
        for index in 0..<10_000 {
            guard let key = form["target-\(index)"] else { break }
            entered.append((key, form["value-\(index)"] ?? ""))
        }
        let shown = Dictionary(entered.map { ($0.key, $0.text) }, uniquingKeysWith: { _, last in last })
        do {
            let party = try context.person().party
            let values = try await gallra.correctableValues(ofRequest: id, by: party)
            let today = try await gallra.calendar().localDate(of: Date())
            let register = try await AdminPage.allowed({ try await gallra.register(by: party).register })
            var corrections: [NotedCorrection] = []
            for (key, text) in entered {
                guard let target = CorrectionTarget(key: key), let value = values.first(where: { $0.target == target })
                else { throw GallraError.conflict(ErrorReason(words[.correctionErrorGone])) }
                let new = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !new.isEmpty, new != value.value, new != value.noted else { continue }
                // Named with its activity: the same category may be held under several.
                let activity = register?.activity(value.activity)?.name[context.language] ?? value.activity
                let what = "\(RectificationView.what(value, register: register, words: words)) (\(activity))"
                guard new.count <= Self.correctionLimit else {
                    throw GallraError.invalidInput(
                        ErrorReason(
                            words.fill(.correctionErrorLong, ["what": what, "limit": "\(Self.correctionLimit)"])))
                }
                if let kind = CorrectionProposal.kind(of: value.category) {
                    do {
                        _ = try SubjectIdentifier(kind, new, today: today)
                    } catch {
                        throw GallraError.invalidInput(
                            ErrorReason(
                                words.fill(
                                    kind == .email ? .correctionErrorEmail : .correctionErrorPhone, ["what": what])))
                    }
                }
                corrections.append(NotedCorrection(target: target, value: new))
            }
            guard !corrections.isEmpty else { throw GallraError.invalidInput(ErrorReason(words[.correctionErrorNone])) }
            try await gallra.noteCorrections(id, corrections, by: party)
            return Response.redirect(to: "/admin/requests/\(id)#corrections", type: .normal)
        } catch let error as GallraError {
            return try await requestPage(id, context: context, error: error, entered: shown)
        }
    }
}
