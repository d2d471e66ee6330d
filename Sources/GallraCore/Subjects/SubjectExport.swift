import Foundation

/// Everything held on one subject, decrypted, with the GDPR Art. 15(1)-(2) information for each
/// activity: purpose, legal basis, categories, recipients and transfers, retention and source.
/// The portability copy (Art. 20) is the same document narrowed to the activities it covers.
public struct SubjectExport: Sendable {
    public struct Identifier: Sendable {
        public let kind: String
        public let value: String

        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public struct Record: Sendable {
        public let id: String
        public let activity: ProcessingActivity
        public let category: String
        public let system: String?
        public let value: String
        public let collected: Date
        public let expires: Date?
        public let waitingFor: [String]
        /// For a row of a connected database: its table (the id is `TABLE:KEY`).
        public let table: String?
        /// For a row of a connected database: the column holding the value.
        public let column: String?

        public init(
            id: String, activity: ProcessingActivity, category: String, system: String?, value: String, collected: Date,
            expires: Date?, waitingFor: [String], table: String? = nil, column: String? = nil
        ) {
            self.table = table
            self.column = column
            self.id = id
            self.activity = activity
            self.category = category
            self.system = system
            self.value = value
            self.collected = collected
            self.expires = expires
            self.waitingFor = waitingFor
        }
    }

    public struct Event: Sendable {
        public let name: String
        public let activity: String?
        public let record: String?
        public let occurred: Date

        public init(name: String, activity: String?, record: String?, occurred: Date) {
            self.name = name
            self.activity = activity
            self.record = record
            self.occurred = occurred
        }
    }

    public struct Consent: Sendable {
        public let activity: String
        public let wordingVersion: String
        public let channel: String
        public let given: Date
        public let withdrawn: Date?

        public init(activity: String, wordingVersion: String, channel: String, given: Date, withdrawn: Date?) {
            self.activity = activity
            self.wordingVersion = wordingVersion
            self.channel = channel
            self.given = given
            self.withdrawn = withdrawn
        }
    }

    /// Processing of an activity's data that has been restricted (Art. 18) or stopped (Art. 21).
    public struct Limit: Sendable {
        public enum Kind: String, Sendable {
            case restriction
            case objection
        }

        /// nil: every activity of the subject.
        public let activity: String?
        public let kind: Kind
        public let since: Date

        public init(activity: String?, kind: Kind, since: Date) {
            self.activity = activity
            self.kind = kind
            self.since = since
        }
    }

    /// Art. 15 (everything) or Art. 20 (what the person provided, on consent or contract).
    public enum Scope: String, Sendable {
        case access
        case portability
    }

    public let scope: Scope
    public let generated: Date
    public let register: Register
    public let subject: String
    public let name: String?
    public let identifiers: [Identifier]
    public let records: [Record]
    public let events: [Event]
    public let consents: [Consent]
    public let limits: [Limit]
    /// Personal data incidents that affected the person (Art. 34, and Art. 15 on request).
    public let incidents: [Incident]
    public let calendar: ZonedCalendar
    /// Whether the store holds the person. False for a person only the company's connected
    /// systems know, found by the identifier looked up: they are not registered by being looked up,
    /// `subject` is then a pseudonym (`connected-…`, from that identifier) and the export holds
    /// only the connected rows.
    public var registered = true

    public init(
        scope: Scope = .access, generated: Date, register: Register, subject: String, name: String?,
        identifiers: [Identifier], records: [Record], events: [Event], consents: [Consent] = [], limits: [Limit] = [],
        incidents: [Incident] = [], calendar: ZonedCalendar
    ) {
        self.scope = scope
        self.generated = generated
        self.register = register
        self.subject = subject
        self.name = name
        self.identifiers = identifiers
        self.records = records
        self.events = events
        self.consents = consents
        self.limits = limits
        self.incidents = incidents
        self.calendar = calendar
    }

    /// The activities holding records, in the register's order.
    public var activities: [ProcessingActivity] {
        let held = Set(records.map(\.activity.id))
        return register.activities.filter { held.contains($0.id) }
    }

    public func records(of activity: String) -> [Record] { records.filter { $0.activity.id == activity } }

    /// The limit on an activity's processing, if any: a restriction wins over an objection.
    public func limit(on activity: String) -> Limit? {
        let applying = limits.filter { $0.activity == nil || $0.activity == activity }
        return applying.first { $0.kind == .restriction } ?? applying.first
    }

    /// The copy for a portability request: only what Art. 20(1) covers.
    public func narrowedToPortable() -> SubjectExport {
        let portable = Set(register.activities.filter(\.isPortable).map(\.id))
        var narrowed = SubjectExport(
            scope: .portability, generated: generated, register: register, subject: subject, name: name,
            identifiers: identifiers, records: records.filter { portable.contains($0.activity.id) },
            events: events.filter { $0.activity.map(portable.contains) ?? true },
            consents: consents.filter { portable.contains($0.activity) }, limits: [], incidents: [], calendar: calendar)
        narrowed.registered = registered
        return narrowed
    }

    /// What a caller limited to some activities (support) may see: the records, events, consents
    /// and limits of those activities; no incidents, which span every activity. The name and the
    /// identifiers belong to the person, not to an activity, and may have been given under
    /// others: only the identifier the caller named them by (`known`) is shown.
    public func narrowed(to reach: Set<String>, known reference: String) -> SubjectExport {
        let given = reference.trimmingCharacters(in: .whitespaces).lowercased()
        let today = calendar.localDate(of: generated)
        let named = SubjectIdentifier(guessing: given, today: today)
        var narrowed = SubjectExport(
            scope: scope, generated: generated, register: register, subject: subject, name: nil,
            identifiers: identifiers.filter { identifier in
                guard let named, identifier.kind == named.kind.rawValue else { return false }
                // try?: an identifier that does not read as the kind named is not shown
                return (try? SubjectIdentifier(named.kind, identifier.value, today: today)) == named
            }, records: records.filter { reach.contains($0.activity.id) },
            events: events.filter { $0.activity.map(reach.contains) ?? true },
            consents: consents.filter { reach.contains($0.activity) },
            limits: limits.filter { $0.activity.map(reach.contains) ?? true }, incidents: [], calendar: calendar)
        narrowed.registered = registered
        return narrowed
    }
}
