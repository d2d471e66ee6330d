import Foundation
import GallraCore
import GallraDatabase
import SQLKit

// A name is sealed under its person's own key, like all their data, and has no lookup index
// (an index of names would need a table of its own, a migration): a search opens names one by
// one, so it is bounded, and says when it did not reach everyone.
extension Subjects {
    /// At most this many names are opened for one search.
    public static let nameSearchBound = 5_000

    /// The subjects whose name holds every word of `query` (case and accents aside), at most
    /// `limit` of them, comparing at most `bound` names; the names read are audited.
    public func named(_ query: String, limit: Int = 25, bound: Int = Subjects.nameSearchBound) async throws
        -> NameSearch
    {
        let words = Self.folded(query).split(separator: " ").map(String.init)
        guard !words.isEmpty else { throw GallraError.invalidInput("Give a name to search for.") }
        var found: [(subject: String, name: String)] = []
        var compared = 0
        var after = ""
        var complete = false
        scan: while compared < bound {
            let rows = try await data.read.raw(
                """
                SELECT id, name_sealed FROM subjects WHERE name_sealed IS NOT NULL AND id > \(bind: after)
                ORDER BY id LIMIT \(bind: min(500, bound - compared))
                """
            ).all()
            if rows.isEmpty {
                complete = true
                break
            }
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                after = id
                compared += 1
                let name = try await cipher(for: id).open(
                    try row.decode(column: "name_sealed", as: Data.self), context: "\(id)/name")
                let folded = Self.folded(name)
                if words.allSatisfy({ folded.contains($0) }) {
                    found.append((id, name))
                    if found.count >= limit { break scan }
                }
            }
        }
        try await auditRead(
            [AuditEvent("subject.search", detail: "by name: \(compared) names compared, \(found.count) found")]
                + found.map { AuditEvent("subject.name", subject: $0.subject, detail: "name read: found by a search") })
        return NameSearch(found: found, compared: compared, complete: complete)
    }

    /// The names of `subjects` that have one; the names read are audited.
    public func names(of subjects: [String]) async throws -> [String: String] {
        guard !subjects.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for chunk in Array(Set(subjects)).sorted().chunked(into: 500) {
            let rows = try await data.read.raw(
                """
                SELECT id, name_sealed FROM subjects
                WHERE \(data.read.member("id", of: Array(chunk))) AND name_sealed IS NOT NULL
                """
            ).all()
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                names[id] = try await cipher(for: id).open(
                    try row.decode(column: "name_sealed", as: Data.self), context: "\(id)/name")
            }
        }
        try await auditRead(names.keys.sorted().map { AuditEvent("subject.name", subject: $0, detail: "name read") })
        return names
    }

    /// Lower case, without accents, spaces for anything not a letter or digit.
    static func folded(_ text: String) -> String {
        let plain = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(plain.map { $0.isLetter || $0.isNumber ? $0 : " " })
    }
}
