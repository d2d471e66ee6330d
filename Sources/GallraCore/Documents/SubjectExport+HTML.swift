import Foundation

/// The access report (Art. 15) or portability copy (Art. 20) as a page a person can be sent as it
/// is: what is held, why, on which ground, who receives it, for how long, and the person's rights.
extension SubjectExport {
    public func html(_ language: Language) -> String {
        let sv = language == .sv
        let controller = register.controller
        let title =
            sv ? "Dina personuppgifter hos \(controller.name)" : "Your personal data at \(controller.name)"
        let kind =
            scope == .access
            ? (sv
                ? "Registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR)"
                : "Access report under Article 15 of the General Data Protection Regulation (GDPR)")
            : (sv
                ? "Kopia för dataportabilitet enligt artikel 20 i dataskyddsförordningen (GDPR)"
                : "Data portability copy under Article 20 of the General Data Protection Regulation (GDPR)")
        let date = calendar.localDate(of: generated)
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        body += "<p class=\"lead\">\(HTML.escape(kind)), \(sv ? "upprättat" : "prepared") \(date).</p>\n"
        body += aboutYou(language)
        if records.isEmpty {
            body +=
                "<p>\(sv ? "Vi har inga uppgifter om dig utöver dem ovan." : "We hold no data on you beyond the above.")</p>\n"
        }
        for activity in activities { body += section(activity, language) }
        body += consentsSection(language)
        body += rightsSection(language)
        return HTML.page(title: title, language: language, body: body)
    }

    private func aboutYou(_ language: Language) -> String {
        let sv = language == .sv
        var pairs: [(String, String?)] = [(sv ? "Namn" : "Name", name.map(HTML.escape))]
        for identifier in identifiers {
            pairs.append((Self.identifierLabel(identifier.kind, language), HTML.escape(identifier.value)))
        }
        return "<h2>\(sv ? "Om dig" : "About you")</h2>\n" + HTML.definitions(pairs) + "\n"
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

    private func section(_ activity: ProcessingActivity, _ language: Language) -> String {
        let sv = language == .sv
        var html = "<h2>\(HTML.escape(activity.name[language]))</h2>\n"
        html += "<p>\(HTML.escape(activity.purpose[language]))</p>\n"
        var basis = activity.legalBasis.map { HTML.escape($0.described(language)) }.joined(separator: ", ")
        if let law = activity.law { basis += " — " + HTML.escape(law) }
        if let interest = activity.legitimateInterest {
            basis +=
                "<br>\(sv ? "Vårt berättigade intresse" : "Our legitimate interest"): "
                + HTML.escape(interest[language])
        }
        let recipients = activity.recipients.compactMap(register.recipient).map { recipient in
            var text = HTML.escape(recipient.name)
            if let transfer = recipient.transfer {
                let safeguard = transfer.safeguard.map { "\($0.name[language]), \($0.article)" } ?? "—"
                text +=
                    " (\(sv ? "överföring till" : "transfer to") \(HTML.escape(transfer.country)): \(HTML.escape(safeguard)))"
            }
            return text
        }
        var processing: String?
        if let limit = limit(on: activity.id) {
            let since = calendar.localDate(of: limit.since)
            processing =
                limit.kind == .restriction
                ? (sv
                    ? "Begränsad sedan \(since) på din begäran (art. 18)"
                    : "Restricted since \(since) at your request (Art. 18)")
                : (sv
                    ? "Stoppad sedan \(since) efter din invändning (art. 21)"
                    : "Stopped since \(since) after your objection (Art. 21)")
        }
        html += HTML.definitions([
            (sv ? "Rättslig grund" : "Legal basis", basis),
            (
                sv ? "Lagringstid" : "Retention",
                HTML.escape(activity.peopleWording(declaredEvents: register.events)[language].sentenceCased)
            ),
            (sv ? "Mottagare" : "Recipients", recipients.isEmpty ? nil : recipients.joined(separator: "<br>")),
            (sv ? "Källa" : "Source", HTML.escape(activity.source.described[language])),
            (sv ? "Behandling" : "Processing", processing.map(HTML.escape)),
        ])
        let rows = records(of: activity.id).map { record in
            [
                HTML.escape(register.category(record.category)?.name[language] ?? record.category),
                HTML.escape(record.value),
                "\(calendar.localDate(of: record.collected))",
                record.expires.map { "\(calendar.localDate(of: $0))" }
                    ?? HTML.escape(activity.retention.wording(language, declaredEvents: register.events).sentenceCased),
            ]
        }
        html +=
            "\n"
            + HTML.table(
                headers: sv
                    ? ["Uppgift", "Värde", "Insamlad", "Sparas till"] : ["Data", "Value", "Collected", "Kept until"],
                rows: rows) + "\n"
        return html
    }

    private func consentsSection(_ language: Language) -> String {
        guard !consents.isEmpty else { return "" }
        let sv = language == .sv
        let rows = consents.map { consent in
            [
                HTML.escape(register.activity(consent.activity)?.name[language] ?? consent.activity),
                "\(calendar.localDate(of: consent.given))",
                consent.withdrawn.map { "\(calendar.localDate(of: $0))" } ?? (sv ? "gäller" : "in force"),
            ]
        }
        return "<h2>\(sv ? "Dina samtycken" : "Your consents")</h2>\n"
            + HTML.table(
                headers: sv ? ["Till", "Lämnat", "Återkallat"] : ["To", "Given", "Withdrawn"], rows: rows) + "\n"
    }

    private func rightsSection(_ language: Language) -> String {
        let sv = language == .sv
        let controller = register.controller
        var html = "<h2>\(sv ? "Dina rättigheter" : "Your rights")</h2>\n<ul class=\"rights\">\n"
        for right in RightsWording.rights {
            html +=
                "<li><strong>\(HTML.escape(right.title[language]))</strong> (\(RightsWording.article(right.article, language))). "
                + HTML.escape(right.text[language]) + "</li>\n"
        }
        html += "</ul>\n"
        let contact = [controller.email, controller.phone, controller.address].compactMap { $0 }.map(HTML.escape)
        html +=
            "<p>\(sv ? "Kontakta oss för att använda dina rättigheter" : "To use your rights, contact us"): "
            + "\(HTML.escape(controller.name)), \(contact.joined(separator: ", ")).</p>\n"
        if let dpo = controller.dpo, let email = dpo.email {
            html +=
                "<p>\(sv ? "Vårt dataskyddsombud" : "Our data protection officer"): \(HTML.escape(dpo.name.map { "\($0), " } ?? ""))\(HTML.escape(email)).</p>\n"
        }
        html += "<p>\(HTML.escape(RightsWording.complaint[language]))</p>\n"
        return html
    }
}

extension String {
    /// The text with its first letter in upper case, as at the start of a sentence.
    var sentenceCased: String { prefix(1).uppercased() + dropFirst() }
}
