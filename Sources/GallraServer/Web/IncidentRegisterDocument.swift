import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The incident register as documentation (Art. 33(5): the controller documents any personal data
/// breach, its effects and the remedial action taken, so that IMY can verify compliance): a
/// printable HTML document and a CSV table, in one language, every label from the word catalogue.
public enum IncidentRegisterDocument {
    /// The columns, in order: a label and the incident's value.
    static func columns(
        _ view: IncidentView, vocabulary: IncidentVocabulary, calendar: ZonedCalendar, words: Words
    ) -> [(String, String)] {
        let incident = view.incident
        let facts = incident.facts
        func moment(_ date: Date?) -> String { date.map { AdminPage.moment($0, calendar) } ?? "" }
        func fact(_ name: String) -> (String, String) {
            (
                words[IncidentPage.factWord(name)],
                IncidentPage.factValue(name, facts, calendar: calendar, words: words, vocabulary: vocabulary)
            )
        }
        let sent = view.messages.filter { if case .sent = $0.mail.state { true } else { false } }.count
        var decision = incident.peopleDecision.map { words[IncidentPage.decisionWord($0)] } ?? ""
        if let exemption = incident.exemption { decision += " · " + words[IncidentPage.exemptionWord(exemption)] }
        return [
            ("ID", incident.id), (words[.aware], moment(incident.aware)),
            (words[.notifyBy], moment(incident.notificationDue)),
            fact("description"), fact("discovered_how"), fact("nature"), fact("occurred"), fact("ended"),
            fact("subject_categories"), fact("data_categories"), fact("approximate_subjects"),
            fact("approximate_records"), fact("consequences"), fact("measures"), fact("contact_point"),
            (words[.incidentRiskHeading], IncidentPage.riskName(incident.risk, words)), fact("risk_reasoning"),
            (words[.incidentImyDone], moment(incident.authorityNotified)),
            (words[.imyReference], incident.authorityReference ?? ""),
            (words[.delayReasons], incident.delayReasons ?? ""),
            (words[.incidentNoImy], incident.authorityNotNeeded ?? ""),
            (words[.incidentPeopleHeading], decision),
            (words[.incidentDecisionReason], incident.exemptionReason ?? ""),
            (words[.incidentToldOtherwise], moment(incident.subjectsInformed)),
            (words[.incidentMessagesHeading], view.messages.isEmpty ? "" : "\(sent) / \(view.messages.count)"),
            (words[.incidentAffectedCount], "\(view.affected.count)"),
            (words[.incidentHistoryHeading], "\(view.versions.count)"),
            (words[.status], incident.closed.map { "\(words[.closed]) \(moment($0))" } ?? words[.incidentOpenState]),
        ]
    }

    /// One row per incident, the labels as the header; a field a spreadsheet would read as a
    /// formula is neutralised.
    public static func csv(
        _ views: [IncidentView], vocabulary: IncidentVocabulary, calendar: ZonedCalendar, language: Language
    ) -> String {
        let words = Words(language)
        let rows = views.map { columns($0, vocabulary: vocabulary, calendar: calendar, words: words) }
        let header =
            rows.first?.map(\.0)
            ?? columns(
                IncidentView(incident: Incident(id: "", aware: Date(), description: ""), affected: []),
                vocabulary: vocabulary, calendar: calendar, words: words
            ).map(\.0)
        let lines = [header] + rows.map { $0.map(\.1) }
        return lines.map { $0.map(Register.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A printable document: each incident with its facts, decisions and versions.
    public static func html(
        _ views: [IncidentView], vocabulary: IncidentVocabulary, calendar: ZonedCalendar, language: Language,
        at now: Date
    ) -> String {
        let words = Words(language)
        var document = TextDocument(
            title: "\(words[.incidentRegisterTitle]) – \(vocabulary.controller)", language: language)
        document.blocks.append(.lead("\(words[.incidentRegisterLead]). \(AdminPage.moment(now, calendar))."))
        if views.isEmpty { document.blocks.append(.paragraph(words[.noIncidents])) }
        for view in views {
            document.blocks.append(
                .heading(level: 2, "\(AdminPage.moment(view.incident.aware, calendar)): \(view.incident.description)"))
            let pairs = columns(view, vocabulary: vocabulary, calendar: calendar, words: words).filter {
                !$0.1.isEmpty
            }
            document.blocks.append(.definitions(pairs.map { (term: $0.0, value: $0.1.components(separatedBy: "\n")) }))
            if view.versions.count > 1 {
                document.blocks.append(.heading(level: 3, words[.incidentHistoryHeading]))
                let page = IncidentPage.versionsList(view, vocabulary: vocabulary, calendar: calendar, words: words)
                for version in page {
                    let changes = version.changes.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
                    document.blocks.append(.paragraph("\(version.heading). \(changes)"))
                }
            }
        }
        return document.html
    }
}

extension IncidentsController {
    /// GET /admin/incident-register.csv: the register as a table, in the user's language.
    @Sendable func exportCSV(_ request: Request, context: Context) async throws -> Response {
        let party = try context.person().party
        let calendar = try await gallra.calendar()
        let csv = IncidentRegisterDocument.csv(
            try await gallra.incidents(by: party), vocabulary: try await gallra.incidentVocabulary(by: party),
            calendar: calendar, language: context.language)
        let today = calendar.localDate(of: Date())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"incidents-\(today).csv\"", .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// GET /admin/incident-register.html: the register as a document to print, in the user's language.
    @Sendable func exportHTML(_ request: Request, context: Context) async throws -> Response {
        let party = try context.person().party
        let calendar = try await gallra.calendar()
        let html = IncidentRegisterDocument.html(
            try await gallra.incidents(by: party), vocabulary: try await gallra.incidentVocabulary(by: party),
            calendar: calendar, language: context.language, at: Date())
        return DocumentResponse.html(html, language: context.language)
    }
}
