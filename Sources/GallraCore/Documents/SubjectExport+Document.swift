import Foundation

/// The access report (Art. 15) or portability copy (Art. 20) as a document a person can be sent as
/// it is: what is held, why, on which ground, who receives it, for how long, and the person's rights.
extension SubjectExport {
    public func html(_ language: Language) -> String { document(language).html }

    public func markdown(_ language: Language) -> String { document(language).markdown }

    public func document(_ language: Language) -> TextDocument {
        let sv = language == .sv
        let controller = register.controller
        var document = TextDocument(
            title: sv ? "Dina personuppgifter hos \(controller.name)" : "Your personal data at \(controller.name)",
            language: language)
        let kind =
            scope == .access
            ? (sv
                ? "Registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR)"
                : "Access report under Article 15 of the General Data Protection Regulation (GDPR)")
            : (sv
                ? "Kopia för dataportabilitet enligt artikel 20 i dataskyddsförordningen (GDPR)"
                : "Data portability copy under Article 20 of the General Data Protection Regulation (GDPR)")
        document.add(.lead("\(kind), \(sv ? "upprättat" : "prepared") \(calendar.localDate(of: generated))."))
        document.add(.heading(level: 2, sv ? "Om dig" : "About you"))
        document.define(
            [(sv ? "Namn" : "Name", name.map { [$0] } ?? [])]
                + identifiers.map { (Self.identifierLabel($0.kind, language), [$0.value]) })
        if records.isEmpty {
            document.add(
                .paragraph(
                    sv ? "Vi har inga uppgifter om dig utöver dem ovan." : "We hold no data on you beyond the above."))
        }
        for activity in activities { section(activity, language, into: &document) }
        consentsSection(language, into: &document)
        incidentsSection(language, into: &document)
        RegisterDocuments.rightsSection(register, language, into: &document)
        return document
    }

    static func identifierLabel(_ kind: String, _ language: Language) -> String {
        switch (kind, language) {
        case ("email", .sv): return "E-post"
        case ("email", .en): return "E-mail"
        case ("phone", .sv): return "Telefon"
        case ("phone", .en): return "Phone"
        case ("personnummer", .sv): return "Personnummer"
        case ("personnummer", .en): return "Personal identity number"
        default: return kind
        }
    }

    private func section(_ activity: ProcessingActivity, _ language: Language, into document: inout TextDocument) {
        let sv = language == .sv
        document.add(.heading(level: 2, activity.name[language]))
        document.add(.paragraph(activity.purpose[language]))
        var processing: [String] = []
        if let limit = limit(on: activity.id) {
            let since = calendar.localDate(of: limit.since)
            processing.append(
                limit.kind == .restriction
                    ? (sv
                        ? "Begränsad sedan \(since) på din begäran (art. 18)"
                        : "Restricted since \(since) at your request (Art. 18)")
                    : (sv
                        ? "Stoppad sedan \(since) efter din invändning (art. 21)"
                        : "Stopped since \(since) after your objection (Art. 21)"))
        }
        document.define([
            (sv ? "Rättslig grund" : "Legal basis", RegisterDocuments.basis(activity, language)),
            (
                sv ? "Lagringstid" : "Retention",
                [activity.peopleWording(declaredEvents: register.events)[language].sentenceCased]
            ),
            (sv ? "Mottagare" : "Recipients", RegisterDocuments.recipients(activity, register, language)),
            (sv ? "Källa" : "Source", [activity.source.described[language]]),
            (sv ? "Behandling" : "Processing", processing),
        ])
        let rows = records(of: activity.id).map { record in
            [
                register.category(record.category)?.name[language] ?? record.category,
                record.value,
                "\(calendar.localDate(of: record.collected))",
                record.expires.map { keptUntil($0, onExpiry: activity.onExpiry, language) }
                    ?? activity.retention.wording(language, declaredEvents: register.events).sentenceCased,
            ]
        }
        document.add(
            .table(
                headers: sv
                    ? ["Uppgift", "Värde", "Insamlad", "Sparas till"] : ["Data", "Value", "Collected", "Kept until"],
                rows: rows))
    }

    /// "Kept until" a day still to come, or, for a day already passed when the copy was prepared,
    /// what is true of it: the retention ended and the next sweep removes it (unless a legal claim
    /// holds it, which the copy does not show), never a date in the past as if it were to come.
    func keptUntil(_ expires: Date, onExpiry: ExpiryAction, _ language: Language) -> String {
        let day = calendar.localDate(of: expires)
        guard expires <= generated else { return "\(day)" }
        let anonymise = onExpiry == .anonymise
        return language == .sv
            ? "Lagringstiden gick ut \(day); uppgiften \(anonymise ? "anonymiseras" : "raderas") vid nästa gallring, "
                + "om den inte måste sparas för ett rättsligt anspråk"
            : "Its retention ended on \(day); it is \(anonymise ? "anonymised" : "erased") at the next sweep, "
                + "unless it must be kept for a legal claim"
    }

    private func incidentsSection(_ language: Language, into document: inout TextDocument) {
        guard !incidents.isEmpty else { return }
        let sv = language == .sv
        document.add(
            .heading(
                level: 2, sv ? "Personuppgiftsincidenter som berör dig" : "Personal data incidents that concern you"))
        for incident in incidents {
            let date = calendar.localDate(of: incident.occurred ?? incident.aware)
            document.add(.heading(level: 3, sv ? "Incident \(date)" : "Incident of \(date)"))
            document.add(.paragraph(incident.description))
            document.define([
                (
                    sv ? "Berörda uppgifter" : "Data concerned",
                    [
                        incident.dataCategories.map { register.category($0)?.name[language] ?? $0 }.joined(
                            separator: ", ")
                    ]
                ),
                (sv ? "Troliga följder" : "Likely consequences", incident.consequences.map { [$0] } ?? []),
                (sv ? "Vidtagna åtgärder" : "Measures taken", incident.measures.map { [$0] } ?? []),
            ])
        }
    }

    private func consentsSection(_ language: Language, into document: inout TextDocument) {
        guard !consents.isEmpty else { return }
        let sv = language == .sv
        document.add(.heading(level: 2, sv ? "Dina samtycken" : "Your consents"))
        document.add(
            .table(
                headers: sv ? ["Till", "Lämnat", "Återkallat"] : ["To", "Given", "Withdrawn"],
                rows: consents.map { consent in
                    [
                        register.activity(consent.activity)?.name[language] ?? consent.activity,
                        "\(calendar.localDate(of: consent.given))",
                        consent.withdrawn.map { "\(calendar.localDate(of: $0))" } ?? (sv ? "gäller" : "in force"),
                    ]
                }))
    }
}

extension String {
    /// The text with its first letter in upper case, as at the start of a sentence.
    var sentenceCased: String { prefix(1).uppercased() + dropFirst() }
}
