import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension RetentionSweep {
    /// The rows the last sweep's connected part named as evidence ("TABLE:KEY (expired …)"),
    /// while a sweep runs its connected part. A batch's evidence is committed before the batch's
    /// rows are changed in their own database; a sweep killed between the two leaves rows that
    /// the next sweep finds again: their evidence is then not written a second time.
    @TaskLocal static var evidencedBefore: Set<String> = []

    /// The evidence of the connected part of the sweep before this one: the entries between the
    /// last two sweep summaries (this sweep's own summary is written before its connected part).
    func evidencedByLastSweep() async throws -> Set<String> {
        let summaries = try await data.read.raw(
            "SELECT seq FROM audit_log WHERE action = 'sweep.summary' ORDER BY seq DESC LIMIT 2"
        ).all().map { try $0.decode(column: "seq", as: Int64.self) }
        guard summaries.count == 2 else { return [] }
        let details = try await data.read.raw(
            """
            SELECT detail FROM audit_log WHERE seq > \(bind: summaries[1]) AND seq < \(bind: summaries[0])
            AND action IN ('connected.erase', 'connected.anonymise')
            """
        ).all().map { try $0.decode(column: "detail", as: String.self) }
        // "system S, rule R: N rows: ITEM, ITEM, …", each item kept with its system (two systems
        // may have a table of the same name); an item that does not split out cleanly is simply
        // not found, and its evidence written again: never less evidence, at worst twice.
        return Set(
            details.flatMap { detail -> [String] in
                guard detail.hasPrefix("system "), let comma = detail.firstIndex(of: ","),
                    let list = detail.firstMatch(of: #/: \d+ rows: /#)
                else { return [] }
                let system = detail[detail.index(detail.startIndex, offsetBy: 7)..<comma]
                return detail[list.range.upperBound...].components(separatedBy: ", ").map {
                    Self.evidenced($0, in: String(system))
                }
            })
    }

    /// How `evidencedBefore` names a row's evidence: its system and the item naming the row.
    static func evidenced(_ item: String, in system: String) -> String {
        "\(system) \(item)"
    }
}
