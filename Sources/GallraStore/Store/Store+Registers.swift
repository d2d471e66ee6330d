import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Store {
    /// The data subjects and their identifiers.
    public var subjects: Subjects { Subjects(store: self) }
    /// Personal data records and the events their retention counts from.
    public var records: Records { Records(store: self) }
    /// Data subject requests (GDPR Art. 15–22) and the restrictions and objections they place.
    public var requests: Requests { Requests(store: self) }
    /// Consents given and withdrawn (Art. 7).
    public var consents: Consents { Consents(store: self) }
    /// Personal data breaches (Art. 33–34).
    public var incidents: Incidents { Incidents(store: self) }
    /// Legal holds that keep data past its retention (Art. 17(3)(e)).
    public var holds: Holds { Holds(store: self) }
    /// The versions of the register of processing activities.
    public var versions: RegisterVersions { RegisterVersions(store: self) }
    /// The master keys and the subjects' data keys.
    public var keys: Keys { Keys(store: self) }
    /// The people who sign in to the admin UI.
    public var users: Users { Users(store: self) }
    /// The programs' API tokens.
    public var tokens: Tokens { Tokens(store: self) }
    /// The admin UI's sessions.
    public var sessions: Sessions { Sessions(store: self) }
    /// E-mail waiting to be sent.
    public var outbox: Outbox { Outbox(store: self) }
    /// The public pages' single-use e-mail tokens.
    public var publicTokens: PublicTokens { PublicTokens(store: self) }
    /// The versions of the systems file: how the company's own databases are reached.
    public var systems: SystemsVersions { SystemsVersions(store: self) }
    /// A person's rows in the company's own databases.
    public var connectedPeople: ConnectedPeople { ConnectedPeople(store: self) }
    /// The retention sweep and its forecast.
    public var sweep: RetentionSweep { RetentionSweep(store: self) }
}

/// One register of the store: a type of its own over the store's shared connections, keys and
/// audit log.
protocol StoreRegister: Sendable {
    var store: Store { get }
}

extension StoreRegister {
    var data: StoreConnection { store.data }
    var keyring: StoreConnection { store.keyring }
    var index: IdentifierIndex { store.index }

    func audit(_ events: [AuditEvent], on sql: any SQLDatabase) async throws {
        try await store.audit(events, on: sql)
    }

    func auditRead(_ events: [AuditEvent]) async throws {
        try await store.auditRead(events)
    }

    func cipher(for subject: String) async throws -> SubjectCipher {
        try await store.keys.cipher(for: subject)
    }

    func requireRegister() async throws -> Register {
        try await store.versions.requireRegister()
    }

    func calendar() async throws -> ZonedCalendar {
        try await store.versions.calendar()
    }

    func resolveSubject(_ reference: String) async throws -> String {
        try await store.subjects.resolve(reference)
    }
}
