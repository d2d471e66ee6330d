/// The reserved event vocabulary of the retention language, with its meaning in both languages.
public struct EventDefinition: Hashable, Sendable {
    public let name: EventName
    public let meaning: LocalizedText

    public init(name: EventName, meaning: LocalizedText) {
        self.name = name
        self.meaning = meaning
    }
}

extension EventName {
    public static let collected: EventName = "collected"
    public static let contractEnd: EventName = "contract.end"
    public static let relationshipEnd: EventName = "relationship.end"
    public static let employmentEnd: EventName = "employment.end"
    public static let recruitmentEnd: EventName = "recruitment.end"
    public static let caseClosed: EventName = "case.closed"
    public static let requestClosed: EventName = "request.closed"
    public static let consentWithdrawn: EventName = "consent.withdrawn"
    public static let objection: EventName = "objection"
    public static let eventEnd: EventName = "event.end"
    public static let campaignEnd: EventName = "campaign.end"
    public static let positionEnd: EventName = "position.end"
    public static let download: EventName = "download"
    public static let fiscalYearEnd: EventName = "fiscal-year.end"
    public static let lastActivity: EventName = "last-activity"
    public static let accountClosed: EventName = "account.closed"
    public static let incidentClosed: EventName = "incident.closed"
    public static let membershipEnd: EventName = "membership.end"
}

extension EventDefinition {
    /// The built-in events; a register may declare more, never redefine these.
    public static let builtIn: [EventDefinition] = [
        .init(name: .collected, meaning: .init(sv: "insamlingen", en: "collection")),
        .init(name: .contractEnd, meaning: .init(sv: "avtalets slut", en: "the end of the contract")),
        .init(
            name: .relationshipEnd,
            meaning: .init(sv: "kundförhållandets slut", en: "the end of the customer relationship")),
        .init(name: .employmentEnd, meaning: .init(sv: "anställningens slut", en: "the end of the employment")),
        .init(
            name: .recruitmentEnd,
            meaning: .init(sv: "rekryteringsprocessens slut", en: "the end of the recruitment process")),
        .init(name: .caseClosed, meaning: .init(sv: "att ärendet avslutats", en: "the closing of the case")),
        .init(
            name: .requestClosed,
            meaning: .init(sv: "att begäran avslutats", en: "the completion of the request")),
        .init(
            name: .consentWithdrawn,
            meaning: .init(sv: "att samtycket återkallats", en: "the withdrawal of consent")),
        .init(name: .objection, meaning: .init(sv: "en invändning", en: "an objection")),
        .init(name: .eventEnd, meaning: .init(sv: "evenemanget", en: "the event")),
        .init(name: .campaignEnd, meaning: .init(sv: "kampanjens slut", en: "the end of the campaign")),
        .init(
            name: .positionEnd,
            meaning: .init(sv: "att befattningen upphört", en: "leaving the position")),
        .init(name: .download, meaning: .init(sv: "nedladdningen", en: "the download")),
        .init(
            name: .fiscalYearEnd,
            meaning: .init(sv: "räkenskapsårets slut", en: "the end of the financial year")),
        .init(name: .lastActivity, meaning: .init(sv: "senaste aktivitet", en: "the last activity")),
        .init(name: .accountClosed, meaning: .init(sv: "att kontot avslutats", en: "the closing of the account")),
        .init(
            name: .incidentClosed,
            meaning: .init(sv: "att incidenten avslutats", en: "the closing of the incident")),
        .init(name: .membershipEnd, meaning: .init(sv: "medlemskapets slut", en: "the end of the membership")),
    ]

    public static let builtInNames: Set<EventName> = Set(builtIn.map(\.name))
}
