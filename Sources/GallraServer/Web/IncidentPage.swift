import Foundation
import GallraCore
import GallraServices

/// One incident's page (`incident.mustache`): where it stands, what is still to settle before it
/// can be closed, the forms for each duty, the messages to the people affected as the outbox rows
/// record them, and every version of the description.
struct IncidentPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct Message: Encodable, Sendable {
        let subject: String
        let language: String
        let state: String
        let failed: Bool
    }

    struct Version: Encodable, Sendable {
        let heading: String
        let changes: [Fact]
    }

    struct Fact: Encodable, Sendable {
        let label: String
        let value: String
    }

    let navIncidents = true
    let id: String
    let description: String
    let aware: String
    let clock: String
    let late: Bool
    let open: Bool
    let closed: String?
    let state: [Fact]
    let gaps: [String]
    let hasGaps: Bool
    // The description form.
    let discoveredHow: String
    let occurred: String
    let ended: String
    let nature: [Choice]
    let subjectCategories: [Choice]
    let dataCategories: [Choice]
    /// The categories chosen, named: the long lists stay folded once some are chosen.
    let subjectsChosen: String
    let dataChosen: String
    let foldSubjects: Bool
    let foldData: Bool
    let approximateSubjects: String
    let approximateRecords: String
    let consequences: String
    let measures: String
    let contactPoint: String
    let affectedCount: Int
    // The risk form.
    let risks: [Choice]
    let riskReasoning: String
    // IMY.
    let awaits: Bool
    let mayGoUnreported: Bool
    let now: String
    // Art. 34.
    let decisions: [Choice]
    let exemptions: [Choice]
    let decisionReason: String
    let messages: [Message]
    let hasMessages: Bool
    let unreachable: String?
    let versions: [Version]
    var error: String?

    init(
        _ view: IncidentView, vocabulary: IncidentVocabulary, calendar: ZonedCalendar, now: Date, words: Words,
        language: Language, error: String?
    ) {
        let incident = view.incident
        func moment(_ date: Date?) -> String { date.map { AdminPage.moment($0, calendar) } ?? "" }
        func field(_ date: Date?) -> String { date.map { LocalTime.field($0, calendar) } ?? "" }
        let row = IncidentRow(incident, now: now, calendar: calendar, words: words)
        id = incident.id
        description = incident.description
        aware = moment(incident.aware)
        clock = row.clock
        late = row.late
        open = incident.closed == nil
        closed = incident.closed.map { moment($0) }
        state = Self.state(view, calendar: calendar, words: words, language: language)
        gaps = view.gaps.map { words[Self.gapWord($0)] }
        hasGaps = !view.gaps.isEmpty
        discoveredHow = incident.discoveredHow ?? ""
        occurred = field(incident.occurred)
        ended = field(incident.ended)
        nature = Self.natureChoices(incident.nature, words)
        subjectCategories = vocabulary.subjectCategories.map {
            Choice(value: $0.id, label: $0.name[language], checked: incident.subjectCategories.contains($0.id))
        }
        dataCategories = vocabulary.dataCategories.map {
            Choice(value: $0.id, label: $0.name[language], checked: incident.dataCategories.contains($0.id))
        }
        subjectsChosen = subjectCategories.filter(\.checked).map(\.label).joined(separator: ", ")
        dataChosen = dataCategories.filter(\.checked).map(\.label).joined(separator: ", ")
        foldSubjects = !incident.subjectCategories.isEmpty
        foldData = !incident.dataCategories.isEmpty
        approximateSubjects = incident.approximateSubjects.map(String.init) ?? ""
        approximateRecords = incident.approximateRecords.map(String.init) ?? ""
        consequences = incident.consequences ?? ""
        measures = incident.measures ?? ""
        contactPoint = incident.contactPoint ?? vocabulary.contactPoint ?? ""
        affectedCount = view.affected.count
        risks = Incident.Risk.allCases.map {
            Choice(value: $0.rawValue, label: Self.riskName($0, words), checked: incident.risk == $0)
        }
        riskReasoning = incident.riskReasoning ?? ""
        awaits = incident.awaitsNotification
        mayGoUnreported = incident.risk == Incident.Risk.none
        self.now = LocalTime.field(now, calendar)
        decisions = Incident.PeopleDecision.allCases.filter { $0 != .notRequired || incident.risk != .high }.map {
            Choice(value: $0.rawValue, label: words[Self.decisionWord($0)], checked: incident.peopleDecision == $0)
        }
        exemptions = Incident.Exemption.allCases.map {
            Choice(value: $0.rawValue, label: words[Self.exemptionWord($0)], checked: incident.exemption == $0)
        }
        decisionReason = incident.exemptionReason ?? ""
        messages = view.messages.map { message in
            let state: String
            let mail = message.mail
            switch mail.state {
            case .queued: state = "\(words[.mailQueued]) \(AdminPage.moment(mail.queuedAt, calendar))"
            case .sent(let at): state = "\(words[.sent]) \(AdminPage.moment(at, calendar))"
            case .failed(let at):
                state =
                    "\(words[mail.wasInterrupted ? .mailInterrupted : .mailGivenUp]) \(AdminPage.moment(at, calendar))"
            }
            let failed = if case .failed = mail.state { true } else { false }
            return Message(
                subject: message.subject, language: words[message.language == .sv ? .languageSv : .languageEn],
                state: state,
                failed: failed)
        }
        hasMessages = !messages.isEmpty
        let reached = Set(view.messages.map(\.subject))
        let unreached = view.affected.filter { !reached.contains($0) }.count
        unreachable =
            incident.peopleDecision == .tell && unreached > 0 && incident.subjectsInformed == nil
            ? words.fill(.incidentUnreachable, ["count": "\(unreached)"]) : nil
        versions = Array(Self.versionsList(view, vocabulary: vocabulary, calendar: calendar, words: words).reversed())
        self.error = error
    }

    /// Each version of the description, the first first: the first with every fact given, each
    /// later one with what it changed.
    static func versionsList(
        _ view: IncidentView, vocabulary: IncidentVocabulary, calendar: ZonedCalendar, words: Words
    ) -> [Version] {
        view.versions.enumerated().map { index, version in
            let earlier = index > 0 ? view.versions[index - 1].facts : nil
            let heading = words.fill(
                .incidentVersion,
                ["number": "\(version.number)", "at": AdminPage.moment(version.at, calendar), "actor": version.actor])
            let names = earlier == nil ? Self.factNames : version.facts.changed(from: earlier)
            let changes = names.compactMap { name -> Fact? in
                let value = Self.factValue(
                    name, version.facts, calendar: calendar, words: words, vocabulary: vocabulary)
                guard earlier != nil || !value.isEmpty else { return nil }
                return Fact(label: words[Self.factWord(name)], value: value.isEmpty ? "–" : value)
            }
            return Version(
                heading: heading + " · " + words[earlier == nil ? .incidentVersionFirst : .incidentVersionChanged],
                changes: changes)
        }
    }

    static let factNames = [
        "description", "discovered_how", "nature", "occurred", "ended", "subject_categories", "data_categories",
        "approximate_subjects", "approximate_records", "consequences", "measures", "contact_point", "risk",
        "risk_reasoning",
    ]

    static func factWord(_ name: String) -> Word {
        switch name {
        case "description": .description
        case "discovered_how": .incidentDiscoveredHow
        case "nature": .incidentNature
        case "occurred": .incidentOccurred
        case "ended": .incidentEnded
        case "subject_categories": .incidentSubjectCategories
        case "data_categories": .incidentDataCategories
        case "approximate_subjects": .incidentApproxSubjects
        case "approximate_records": .incidentApproxRecords
        case "consequences": .incidentConsequences
        case "measures": .incidentMeasures
        case "contact_point": .incidentContactPoint
        case "risk": .incidentRiskHeading
        default: .incidentRiskReasoning
        }
    }

    static func factValue(
        _ name: String, _ facts: IncidentFacts, calendar: ZonedCalendar, words: Words, vocabulary: IncidentVocabulary
    ) -> String {
        switch name {
        case "description": facts.description
        case "discovered_how": facts.discoveredHow ?? ""
        case "nature": facts.nature.map { words[natureWord($0)] }.joined(separator: "; ")
        case "occurred": facts.occurred.map { AdminPage.moment($0, calendar) } ?? ""
        case "ended": facts.ended.map { AdminPage.moment($0, calendar) } ?? ""
        case "subject_categories":
            facts.subjectCategories.map { id in
                vocabulary.subjectCategories.first { $0.id == id }?.name[words.language] ?? id
            }.joined(separator: ", ")
        case "data_categories":
            facts.dataCategories.map { id in
                vocabulary.dataCategories.first { $0.id == id }?.name[words.language] ?? id
            }.joined(separator: ", ")
        case "approximate_subjects": facts.approximateSubjects.map(String.init) ?? ""
        case "approximate_records": facts.approximateRecords.map(String.init) ?? ""
        case "consequences": facts.consequences ?? ""
        case "measures": facts.measures ?? ""
        case "contact_point": facts.contactPoint ?? ""
        case "risk": facts.risk.flatMap(Incident.Risk.init(rawValue:)).map { riskName($0, words) } ?? ""
        default: facts.riskReasoning ?? ""
        }
    }

    /// Where the incident stands on each duty, in words.
    static func state(_ view: IncidentView, calendar: ZonedCalendar, words: Words, language: Language) -> [Fact] {
        let incident = view.incident
        func moment(_ date: Date) -> String { AdminPage.moment(date, calendar) }
        var facts = [Fact(label: words[.incidentRiskHeading], value: riskName(incident.risk, words))]
        if let notified = incident.authorityNotified {
            var value = moment(notified)
            if let reference = incident.authorityReference { value += " · \(words[.imyReference]) \(reference)" }
            if let reasons = incident.delayReasons { value += " · \(words[.incidentImyLate]): \(reasons)" }
            facts.append(Fact(label: words[.incidentImyDone], value: value))
        } else if let reason = incident.authorityNotNeeded {
            facts.append(Fact(label: words[.incidentNoImy], value: reason))
        } else {
            facts.append(Fact(label: words[.incidentImyHeading], value: words[.incidentNotNotifiedYet]))
        }
        var decision = incident.peopleDecision.map { words[decisionWord($0)] } ?? words[.incidentDecisionNone]
        if let exemption = incident.exemption { decision += " · \(words[exemptionWord(exemption)])" }
        if let reason = incident.exemptionReason { decision += " · \(reason)" }
        if let told = incident.subjectsInformed { decision += " · \(words[.incidentToldAt]) \(moment(told))" }
        facts.append(Fact(label: words[.incidentPeopleHeading], value: decision))
        facts.append(Fact(label: words[.incidentAffectedCount], value: "\(view.affected.count)"))
        return facts
    }

    static func natureChoices(_ chosen: [Incident.Nature], _ words: Words) -> [Choice] {
        Incident.Nature.allCases.map {
            Choice(value: $0.rawValue, label: words[natureWord($0)], checked: chosen.contains($0))
        }
    }

    static func riskName(_ risk: Incident.Risk?, _ words: Words) -> String {
        switch risk {
        case nil: words[.riskNotAssessed]
        case .none?: words[.riskNone]
        case .risk?: words[.riskRisk]
        case .high?: words[.riskHigh]
        }
    }

    static func natureWord(_ nature: Incident.Nature) -> Word {
        switch nature {
        case .confidentiality: .natureConfidentiality
        case .integrity: .natureIntegrity
        case .availability: .natureAvailability
        }
    }

    static func decisionWord(_ decision: Incident.PeopleDecision) -> Word {
        switch decision {
        case .tell: .decisionTell
        case .exempt: .decisionExempt
        case .notRequired: .decisionNotRequired
        }
    }

    static func exemptionWord(_ exemption: Incident.Exemption) -> Word {
        switch exemption {
        case .a: .exemptionA
        case .b: .exemptionB
        case .c: .exemptionC
        }
    }

    static func gapWord(_ gap: IncidentGap) -> Word {
        switch gap {
        case .nature: .gapNature
        case .discovery: .gapDiscovery
        case .categories: .gapCategories
        case .numbers: .gapNumbers
        case .consequences: .gapConsequences
        case .measures: .gapMeasures
        case .contactPoint: .gapContactPoint
        case .risk: .gapRisk
        case .authority: .gapAuthority
        case .peopleDecision: .gapPeopleDecision
        case .peopleUnreached: .gapPeopleUnreached
        case .messagesPending: .gapMessagesPending
        }
    }
}
