/// How an event is said in Swedish and English: after it ("efter att avtalet upphört"), until it
/// ("tills avtalet upphör"), as a moment in a list ("att avtalet upphör") and as the clause of a
/// calendar year ("då räkenskapsåret avslutades").
struct EventWording: Sendable {
    let after: LocalizedText
    let until: LocalizedText
    let moment: LocalizedText
    let clause: LocalizedText

    static func of(_ event: EventName, declared: [EventDefinition]) -> EventWording {
        if let known = builtIn[event] { return known }
        var meaning = declared.first { $0.name == event }?.meaning ?? LocalizedText(event.rawValue)
        // "end of the warranty period" reads as "the end of the warranty period" in a sentence.
        if let en = meaning.en, !["the ", "a ", "an ", "your "].contains(where: en.lowercased().hasPrefix) {
            meaning.en = "the " + en
        }
        return EventWording(
            after: .init(sv: "efter \(meaning[.sv])", en: "after \(meaning[.en])"),
            until: .init(sv: "fram till \(meaning[.sv])", en: "until \(meaning[.en])"),
            moment: .init(sv: meaning[.sv], en: meaning[.en]),
            clause: .init(sv: "\(meaning[.sv]) inträffade", en: "\(meaning[.en]) occurred"))
    }

    private static func wording(
        _ afterSv: String, _ afterEn: String, _ untilSv: String, _ untilEn: String, _ clauseSv: String,
        _ clauseEn: String, moment: (String, String)
    ) -> EventWording {
        EventWording(
            after: .init(sv: afterSv, en: afterEn), until: .init(sv: untilSv, en: untilEn),
            moment: .init(sv: moment.0, en: moment.1), clause: .init(sv: clauseSv, en: clauseEn))
    }

    static let builtIn: [EventName: EventWording] = [
        .collected: wording(
            "efter att uppgifterna samlades in", "after the data was collected", "tills uppgifterna samlas in",
            "until the data is collected", "uppgifterna samlades in", "the data was collected",
            moment: ("att uppgifterna samlas in", "the data is collected")),
        .contractEnd: wording(
            "efter att avtalet upphört", "after the contract has ended", "tills avtalet upphör",
            "until the contract ends", "avtalet upphörde", "the contract ended",
            moment: ("att avtalet upphör", "the contract ends")),
        .relationshipEnd: wording(
            "efter att kundförhållandet upphört", "after the customer relationship has ended",
            "så länge kundförhållandet pågår", "as long as the customer relationship lasts",
            "kundförhållandet upphörde", "the customer relationship ended",
            moment: ("att kundförhållandet upphör", "the customer relationship ends")),
        .employmentEnd: wording(
            "efter att anställningen upphört", "after the employment has ended", "så länge anställningen pågår",
            "as long as the employment lasts", "anställningen upphörde", "the employment ended",
            moment: ("att anställningen upphör", "the employment ends")),
        .recruitmentEnd: wording(
            "efter att rekryteringsprocessen avslutats", "after the recruitment process has ended",
            "under rekryteringsprocessen", "during the recruitment process", "rekryteringsprocessen avslutades",
            "the recruitment process ended",
            moment: ("att rekryteringsprocessen avslutas", "the recruitment process ends")),
        .caseClosed: wording(
            "efter att ärendet avslutats", "after the case has been closed", "så länge ärendet är öppet",
            "as long as the case is open", "ärendet avslutades", "the case was closed",
            moment: ("att ärendet avslutas", "the case is closed")),
        .requestClosed: wording(
            "efter att begäran avslutats", "after the request has been completed", "tills begäran avslutats",
            "until the request has been completed", "begäran avslutades", "the request was completed",
            moment: ("att begäran avslutas", "the request is completed")),
        .consentWithdrawn: wording(
            "efter att samtycket återkallats", "after consent has been withdrawn", "tills samtycket återkallas",
            "until consent is withdrawn", "samtycket återkallades", "consent was withdrawn",
            moment: ("att samtycket återkallas", "consent is withdrawn")),
        .objection: wording(
            "efter en invändning", "after an objection", "tills du invänder", "until you object",
            "en invändning gjordes", "an objection was made", moment: ("att du invänder", "you object")),
        .eventEnd: wording(
            "efter evenemanget", "after the event", "fram till evenemanget", "until the event",
            "evenemanget ägde rum", "the event took place", moment: ("evenemanget", "the event")),
        .campaignEnd: wording(
            "efter att kampanjen avslutats", "after the campaign has ended", "så länge marknadsföringen pågår",
            "as long as the marketing campaign runs", "kampanjen avslutades", "the campaign ended",
            moment: ("att kampanjen avslutas", "the campaign ends")),
        .positionEnd: wording(
            "efter att du lämnat befattningen", "after you have left the position", "så länge du har befattningen",
            "as long as you hold the position", "du lämnade befattningen", "you left the position",
            moment: ("att du lämnar befattningen", "you leave the position")),
        .download: wording(
            "efter nedladdningen", "after the download", "fram till nedladdningen", "until the download",
            "filen laddades ned", "the file was downloaded", moment: ("nedladdningen", "the download")),
        .fiscalYearEnd: wording(
            "efter räkenskapsårets slut", "after the end of the financial year", "till räkenskapsårets slut",
            "until the end of the financial year", "räkenskapsåret avslutades", "the financial year ended",
            moment: ("räkenskapsårets slut", "the end of the financial year")),
        .lastActivity: wording(
            "efter din senaste aktivitet", "after your last activity", "så länge du är aktiv",
            "as long as you are active", "du senast var aktiv", "you were last active",
            moment: ("din senaste aktivitet", "your last activity")),
        .accountClosed: wording(
            "efter att kontot avslutats", "after the account has been closed", "så länge kontot finns",
            "as long as the account exists", "kontot avslutades", "the account was closed",
            moment: ("att kontot avslutas", "the account is closed")),
        .incidentClosed: wording(
            "efter att incidenten avslutats", "after the incident has been closed", "tills incidenten avslutats",
            "until the incident has been closed", "incidenten avslutades", "the incident was closed",
            moment: ("att incidenten avslutas", "the incident is closed")),
        .membershipEnd: wording(
            "efter att medlemskapet upphört", "after the membership has ended", "så länge medlemskapet pågår",
            "as long as the membership lasts", "medlemskapet upphörde", "the membership ended",
            moment: ("att medlemskapet upphör", "the membership ends")),
    ]
}
