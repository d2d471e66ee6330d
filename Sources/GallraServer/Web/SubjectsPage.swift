import GallraCore

/// The subjects page (`subjects.mustache`): the search, and the person found.
struct SubjectsPage: Encodable, Sendable {
    let navSubjects = true
    var query: String?
    var subject: Subject?
    var error: String?
    /// Something the page says about the search itself (that it was bounded; that an address is
    /// not searched).
    var notice: String?
    /// The people a name search found; `nameSearched` once one was made, so that "nobody" shows.
    var named: [Named]?
    var nameSearched: Bool?

    struct Named: Encodable, Sendable {
        let id: String
        let name: String
    }

    struct Subject: Encodable, Sendable {
        let id: String
        let name: String
        let identifiers: [Identifier]
        let activities: [Activity]
        var consents: [Consent] = []
        var hasConsents = false
        /// A person only the connected systems know: not registered in the store, found by
        /// `reference`, which their copy is asked for by.
        var connectedOnly = false
        var reference: String?
        /// The holds, shown only to a role that may place them.
        var mayHold: Bool?
        var subjectID: String?
        var holds: [Hold]?
        var activityChoices: [Choice]?
    }

    struct Identifier: Encodable, Sendable {
        let kind: String
        let value: String
    }

    struct Activity: Encodable, Sendable {
        let id: String
        let name: String
        let basis: String
        let retention: String
        let records: [Record]
    }

    struct Record: Encodable, Sendable {
        let category: String
        let value: String
        let collected: String
        /// The day it expires, or the events it waits for.
        let expires: String
    }

    struct Consent: Encodable, Sendable {
        let activity: String
        let wording: String
        let given: String
        let state: String
    }

    struct Hold: Encodable, Sendable {
        let id: String
        let activity: String
        let until: String
    }

    struct Choice: Encodable, Sendable {
        let id: String
        let name: String
    }
}

extension SubjectsPage.Subject {
    init(_ export: SubjectExport, _ language: Language) {
        let calendar = export.calendar
        self.init(
            id: export.subject,
            name: export.name
                ?? (export.registered ? export.subject : export.identifiers.first?.value ?? export.subject),
            identifiers: export.identifiers.map {
                .init(kind: Word.identifier($0.kind).map { Words(language)[$0] } ?? $0.kind, value: $0.value)
            },
            activities: export.activities.map { activity in
                .init(
                    id: activity.id, name: activity.name[language],
                    basis: activity.legalBasis.map(\.article).joined(separator: ", "),
                    retention: activity.retention.wording(language, declaredEvents: export.register.events),
                    records: export.records(of: activity.id).map { record in
                        .init(
                            category: export.register.category(record.category)?.name[language] ?? record.category,
                            value: record.value, collected: "\(calendar.localDate(of: record.collected))",
                            expires: record.expires.map { "\(calendar.localDate(of: $0))" }
                                ?? record.waitingFor.joined(separator: ", "))
                    })
            })
    }
}
