import Foundation
import GallraCore

/// The e-mails of the public pages, in the person's language, from the controller's name.
enum DoorMail {
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
        }
    }

    static func confirmation(
        _ payload: PublicRequestPayload, link: String, controller: Controller, sender: String
    ) -> MailMessage {
        let what = kindName(payload.kind, payload.language)
        let sv = payload.language == .sv
        let subject = sv ? "Bekräfta din begäran till \(controller.name)" : "Confirm your request to \(controller.name)"
        let lines =
            sv
            ? [
                "Hej,", "",
                "någon – förhoppningsvis du – har bett \(controller.name) om \(what) med den här e-postadressen.",
                "Öppna länken och bekräfta med knappen på sidan:", "", link, "",
                "Länken gäller i 24 timmar och kan användas en gång. Om det inte var du behöver du inte göra något.",
            ]
            : [
                "Hello,", "",
                "someone – hopefully you – has asked \(controller.name) for \(what) with this e-mail address.",
                "Open the link and confirm with the button on the page:", "", link, "",
                "The link works for 24 hours and once. If it was not you, you need not do anything.",
            ]
        return message(
            to: payload.email, subject: subject, lines: lines, link: link, controller: controller, sender: sender)
    }

    static func receipt(
        _ payload: PublicRequestPayload, _ receipt: PublicReceipt, controller: Controller, sender: String
    ) -> MailMessage {
        let sv = payload.language == .sv
        let what = kindName(payload.kind, payload.language)
        var lines = [sv ? "Hej," : "Hello,", ""]
        if payload.kind == .unsubscribe {
            lines.append(
                sv
                    ? "vi har tagit emot och genomfört din begäran om \(what)."
                    : "we have received and carried out your request: \(what).")
            if receipt.stopped.isEmpty {
                lines.append(
                    sv ? "Vi skickar inga utskick till den här adressen." : "We send no mailings to this address.")
            } else {
                lines.append(sv ? "Det här har upphört:" : "This has stopped:")
                lines += receipt.stopped.map { "– \($0)" }
            }
        } else {
            lines.append(
                sv
                    ? "din begäran om \(what) är bekräftad och registrerad. Vi svarar senast \(receipt.deadline)."
                    : "your request for \(what) is confirmed and registered. We answer by \(receipt.deadline) at the latest."
            )
            lines.append(
                sv
                    ? "Om vi inte har några uppgifter om dig får du veta det."
                    : "If we hold no data about you, we tell you so.")
        }
        lines += ["", sv ? "Vänliga hälsningar," : "Kind regards,", controller.name]
        let subject = sv ? "Din begäran till \(controller.name)" : "Your request to \(controller.name)"
        return message(
            to: payload.email, subject: subject, lines: lines, link: nil, controller: controller, sender: sender)
    }

    private static func message(
        to: String, subject: String, lines: [String], link: String?, controller: Controller, sender: String
    ) -> MailMessage {
        let text = lines.joined(separator: "\n") + "\n"
        let body = lines.map { line -> String in
            let escaped = HTML.escape(line)
            if let link, line == link { return "<p><a href=\"\(escaped)\">\(escaped)</a></p>" }
            return line.isEmpty ? "" : "<p>\(escaped)</p>"
        }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(HTML.escape(subject))</title></head>
            <body style="font-family: sans-serif; line-height: 1.5">\(body)</body></html>
            """
        return MailMessage(
            fromName: controller.name, fromAddress: sender, to: to, subject: subject, text: text, html: html)
    }
}
