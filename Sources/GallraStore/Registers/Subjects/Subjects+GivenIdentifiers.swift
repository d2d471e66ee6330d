import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Which of a person's identifiers a write under an activity makes them findable by, for a party
/// limited to that activity (support): what was given under it, never what was given elsewhere.
public enum IdentifiersGiven: Sendable, Equatable {
    /// All the subject has: a write by a party that reaches every activity, and so knows the
    /// person whole, says which activity holds them.
    case all
    /// Per subject id, the one identifier the writer named them by; a subject named by id, none.
    case named([String: SubjectIdentifier])
}

extension Subjects {
    /// Notes, in the writer's transaction, under which activity the identifiers were given.
    func give(_ given: IdentifiersGiven, _ pairs: [(subject: String, activity: String)], on sql: any SQLDatabase)
        async throws
    {
        switch given {
        case .all:
            var subjects: [String: Set<String>] = [:]
            for pair in pairs { subjects[pair.activity, default: []].insert(pair.subject) }
            for (activity, ids) in subjects.sorted(by: { $0.key < $1.key }) {
                for chunk in ids.sorted().chunked(into: 500) {
                    try await sql.raw(
                        """
                        INSERT INTO identifier_activities (kind, lookup, activity, subject_id)
                        SELECT kind, lookup, \(bind: activity), subject_id FROM subject_identifiers
                        WHERE subject_id IN \(SQLBind.group(Array(chunk)))
                        ON CONFLICT DO NOTHING
                        """
                    ).run()
                }
            }
        case .named(let identifiers):
            var seen: Set<[String]> = []
            for pair in pairs where seen.insert([pair.subject, pair.activity]).inserted {
                guard let identifier = identifiers[pair.subject] else { continue }
                let kind = identifier.kind.rawValue
                try await sql.raw(
                    """
                    INSERT INTO identifier_activities (kind, lookup, activity, subject_id)
                    VALUES (\(bind: kind), \(bind: index.lookup(kind, identifier.value)), \(bind: pair.activity),
                            \(bind: pair.subject))
                    ON CONFLICT DO NOTHING
                    """
                ).run()
            }
        }
    }

    /// The activities an identifier was given under.
    public func activities(givenFor identifier: SubjectIdentifier) async throws -> Set<String> {
        let kind = identifier.kind.rawValue
        let rows = try await data.read.raw(
            """
            SELECT activity FROM identifier_activities
            WHERE kind = \(bind: kind) AND lookup = \(bind: index.lookup(kind, identifier.value))
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "activity", as: String.self) })
    }
}
