import Foundation
import GallraCore
import GallraStore

/// One entry of the audit chain as a reader of the trail sees it. Entries hold no personal data in
/// clear by design (a person is named by their pseudonymous id), so they are shown as written.
public struct AuditLine: Sendable, Equatable {
    public let seq: Int64
    public let at: Date
    /// Who acted: `user:<login>` for a user of the admin UI, `token:…`, `system:…`, `subject:…`.
    public let actor: String
    public let action: String
    /// The person the entry is about, by their pseudonymous id.
    public let subject: String?
    public let activity: String?
    public let detail: String
}

extension Gallra {
    /// The most entries one page of the trail holds.
    public static let auditTrailPageLimit = 200

    /// The audit trail, the newest first, one page of it: of one person (`subject`, a reference as
    /// elsewhere: e-mail address, phone number, personnummer or subject id), within a time span,
    /// of one action, by one actor (`actor`: a user's login, with or without `user:`, or an actor
    /// as the chain names it, `token:…`, `system:…`), about one activity. For the roles that read
    /// the audit log (admin, privacy officer, auditor). Reading a person's trail is written to the
    /// chain.
    public func auditTrail(
        subject: String?, since: Date?, until: Date?, action: String?, actor: String? = nil, activity: String? = nil,
        limit: Int, offset: Int, by party: Party
    ) async throws -> [AuditLine] {
        guard (1...Self.auditTrailPageLimit).contains(limit) else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Gränsen är ett heltal från 1 till \(Self.auditTrailPageLimit).",
                    en: "The limit is a whole number from 1 to \(Self.auditTrailPageLimit)."))
        }
        guard offset >= 0 else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "Förskjutningen är ett heltal från 0.", en: "The offset is a whole number from 0."))
        }
        if let since, let until, until <= since {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Tidsspannets slut ligger efter dess början.",
                    en: "The end of the time span is after its start."))
        }
        return try await acting(by: party, needs: .readAudit) {
            var id: String?
            if let reference = subject?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
                do {
                    id = try await store.subjects.resolve(reference)
                } catch let unknown as GallraError {
                    guard case .notFound = unknown, UUID(uuidString: reference) == nil else { throw unknown }
                    // A person only the connected systems know is in the trail by the pseudonym
                    // their lookups were audited under; anyone else is not found, as before.
                    let pseudonym = store.subjects.pseudonym(of: try await identifier(reference))
                    let seen = try await store.auditTrail(
                        AuditQuery(subject: pseudonym, since: nil, until: nil, action: nil, limit: 1, offset: 0))
                    guard !seen.isEmpty else { throw unknown }
                    id = pseudonym
                }
            }
            let action = action?.trimmingCharacters(in: .whitespaces)
            let activity = activity?.trimmingCharacters(in: .whitespaces)
            let entries = try await store.auditTrail(
                AuditQuery(
                    subject: id, since: since, until: until, action: action?.isEmpty == false ? action : nil,
                    actor: try await auditActor(actor), activity: activity?.isEmpty == false ? activity : nil,
                    limit: limit, offset: offset))
            var logins = ActorLogins(store: store)
            var lines: [AuditLine] = []
            for entry in entries {
                lines.append(
                    AuditLine(
                        seq: entry.seq, at: Date(timeIntervalSince1970: Double(entry.at) / 1_000),
                        actor: try await logins.named(entry.actor), action: entry.action, subject: entry.subject,
                        activity: entry.activity,
                        detail: entry.detail))
            }
            return lines
        }
    }
}

extension Gallra {
    /// What the trail answers for an actor's login no user has.
    public static let unknownAuditActor = ErrorReason(
        sv: "Ingen användare loggar in med den inloggningen.", en: "No user signs in with that login.")

    /// The actor as the chain names it: a user by their id (given by their login, with or without
    /// `user:`), any other actor as written; nil for none.
    func auditActor(_ given: String?) async throws -> String? {
        guard let given = given?.trimmingCharacters(in: .whitespaces), !given.isEmpty else { return nil }
        let login = given.hasPrefix("user:") ? String(given.dropFirst("user:".count)) : given
        guard login.contains("@") else { return given }
        guard let user = try await store.users.user(email: login) else {
            throw GallraError.notFound(Self.unknownAuditActor)
        }
        return "user:\(user.id)"
    }
}

/// Names the actors of audit entries for a reader: a user of the admin UI acts by their id, and is
/// shown by their login (looked up once per user).
struct ActorLogins {
    let store: Store
    private var logins: [String: String] = [:]

    init(store: Store) { self.store = store }

    /// `user:<id>` as `user:<login>`; any other actor as written.
    mutating func named(_ actor: String) async throws -> String {
        guard actor.hasPrefix("user:") else { return actor }
        let id = String(actor.dropFirst("user:".count))
        if logins[id] == nil { logins[id] = try await store.users.user(id: id)?.email ?? id }
        return "user:" + (logins[id] ?? id)
    }
}
