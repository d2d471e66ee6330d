import Foundation
import GallraCore

/// The e-mails Gallra writes to a person (the self-service pages' confirmations and receipts, and a
/// request's outcome), in the person's language, from the controller's name.
enum PersonMail {
    static func kindName(_ kind: PublicRequestKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.access, .sv): return "ett utdrag av dina personuppgifter"
        case (.access, .en): return "a copy of your personal data"
        case (.erasure, .sv): return "att dina personuppgifter raderas"
        case (.erasure, .en): return "erasure of your personal data"
        case (.rectification, .sv): return "rättelse av dina personuppgifter"
        case (.rectification, .en): return "rectification of your personal data"
        case (.objection, .sv): return "att vi upphör med en behandling (invändning)"
        case (.objection, .en): return "that we stop a processing (objection)"
        case (.unsubscribe, .sv): return "att vi slutar skicka utskick till dig"
        case (.unsubscribe, .en): return "that we stop sending you mailings"
        case (.withdrawConsent, .sv): return "att ditt samtycke återkallas"
        case (.withdrawConsent, .en): return "withdrawal of your consent"
        case (.restriction, _): return kindName(RequestKind.restriction, language)
        }
    }

    /// What a request of the register asks for, as a mail names it.
    static func kindName(_ kind: RequestKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.access, _): kindName(PublicRequestKind.access, language)
        case (.erasure, _): kindName(PublicRequestKind.erasure, language)
        case (.rectification, _): kindName(PublicRequestKind.rectification, language)
        case (.objection, _): kindName(PublicRequestKind.objection, language)
        case (.withdrawConsent, _): kindName(PublicRequestKind.withdrawConsent, language)
        case (.restriction, .sv): "att behandlingen av dina personuppgifter begränsas"
        case (.restriction, .en): "restriction of the processing of your personal data"
        case (.portability, .sv): "dina personuppgifter i ett maskinläsbart format (dataportabilitet)"
        case (.portability, .en): "your personal data in a machine-readable format (portability)"
        }
    }

    /// What was done with a request, read from what was done.
    static func outcome(
        to address: String, _ request: DataSubjectRequest, _ outcome: RequestOutcome, _ language: Language,
        controller: Controller, settings: SelfServiceSettings
    ) -> MailMessage {
        message(
            .outcome, to: address, language, link: nil, controller: controller, settings: settings,
            [
                "what": kindName(request.kind, language), "reference": request.reference ?? request.id,
                "outcome": outcome.lines(language).joined(separator: "\n"), "rights": RequestOutcome.rights(language),
            ])
    }

    /// A request's deadline extended, with the reason and where the person can turn.
    static func extended(
        to address: String, _ request: DataSubjectRequest, reason: String, _ language: Language,
        controller: Controller, settings: SelfServiceSettings
    ) -> MailMessage {
        message(
            .extended, to: address, language, link: nil, controller: controller, settings: settings,
            [
                "what": kindName(request.kind, language), "reference": request.reference ?? request.id,
                "deadline": request.deadline.description, "reason": reason, "rights": RequestOutcome.rights(language),
            ])
    }

    /// A request refused, with its ground, the reason and where the person can turn (Art. 12(4)).
    static func refused(
        to address: String, _ request: DataSubjectRequest, _ refusal: RequestRefusal, _ language: Language,
        controller: Controller, settings: SelfServiceSettings
    ) -> MailMessage {
        message(
            .refused, to: address, language, link: nil, controller: controller, settings: settings,
            [
                "what": kindName(request.kind, language), "reference": request.reference ?? request.id,
                "ground": RequestOutcome.ground(refusal.ground, language), "reason": refusal.reason,
                "rights": RequestOutcome.rights(language),
            ])
    }

    static func confirmation(
        _ payload: PublicRequestPayload, concerns: [String], link: String, controller: Controller,
        settings: SelfServiceSettings
    ) -> MailMessage {
        message(
            .confirm, to: payload.email, payload.language, link: link, controller: controller, settings: settings,
            ["what": what(payload.kind, concerns, payload.language), "link": link])
    }

    /// What the person asked for, with the activities it concerns where they chose them.
    static func what(_ kind: PublicRequestKind, _ concerns: [String], _ language: Language) -> String {
        kindName(kind, language) + (concerns.isEmpty ? "" : " (\(concerns.joined(separator: ", ")))")
    }

    static func receipt(
        _ payload: PublicRequestPayload, _ receipt: PublicReceipt, controller: Controller, settings: SelfServiceSettings
    ) -> MailMessage {
        let sv = payload.language == .sv
        let what = what(payload.kind, receipt.concerns, payload.language)
        guard payload.kind == .unsubscribe else {
            return message(
                .receipt, to: payload.email, payload.language, link: nil, controller: controller, settings: settings,
                ["what": what, "deadline": receipt.deadline.description, "reference": receipt.reference])
        }
        let stopped =
            receipt.stopped.isEmpty
            ? (sv ? "Vi skickar inga utskick till den här adressen." : "We send no mailings to this address.")
            : ([sv ? "Det här har upphört:" : "This has stopped:"] + receipt.stopped.map { "– \($0)" })
                .joined(separator: "\n")
        return message(
            .unsubscribed, to: payload.email, payload.language, link: nil, controller: controller, settings: settings,
            ["what": what, "stopped": stopped, "reference": receipt.reference])
    }

    /// The link to the copy of a person's data, once their access or portability request is done.
    static func report(
        to address: String, _ request: DataSubjectRequest, _ language: Language, link: String, expires: CivilDate,
        controller: Controller, settings: SelfServiceSettings
    ) -> MailMessage {
        message(
            .report, to: address, language, link: link, controller: controller, settings: settings,
            [
                "what": kindName(request.kind, language), "link": link, "expires": expires.description,
                "reference": request.reference ?? request.id,
            ])
    }

    private static func message(
        _ template: MailTemplates.Message, to: String, _ language: Language, link: String?, controller: Controller,
        settings: SelfServiceSettings, _ values: [String: String]
    ) -> MailMessage {
        var values = values
        values["controller"] = controller.name
        let (subject, lines) = settings.templates.render(template, language, values)
        let text = lines.joined(separator: "\n") + "\n"
        let body = lines.map { line -> String in
            var escaped = HTML.escape(line)
            if let link, line.contains(link) {
                let href = HTML.escape(link)
                escaped = escaped.replacingOccurrences(of: href, with: "<a href=\"\(href)\">\(href)</a>")
            }
            return line.isEmpty ? "" : "<p>\(escaped)</p>"
        }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(HTML.escape(subject))</title></head>
            <body style="font-family: sans-serif; line-height: 1.5">\(body)</body></html>
            """
        return MailMessage(
            fromName: controller.name, fromAddress: settings.sender, to: to, subject: subject, text: text, html: html)
    }
}
