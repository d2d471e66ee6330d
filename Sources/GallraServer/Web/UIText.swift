import GallraCore

/// The admin UI's words in Swedish and English, by key; a template reads them as `{{t.key}}`.
enum UIText {
    static func words(_ language: Language) -> [String: String] {
        language == .sv ? swedish : english
    }

    /// A word by key with a prefix ("kind_erasure"); the code itself when there is none.
    static func word(_ prefix: String, _ code: String, _ words: [String: String]) -> String {
        words["\(prefix)_\(code)"] ?? code
    }

    /// "3 days left", "1 day left", "overdue by 2 days".
    static func daysLeft(_ days: Int, _ words: [String: String]) -> String {
        let count = abs(days)
        let unit = count == 1 ? words["day"] ?? "" : words["days"] ?? ""
        if days < 0 { return "\(words["overdue_by"] ?? "") \(count) \(unit)" }
        return "\(days) \(days == 1 ? words["day_left"] ?? "" : words["days_left"] ?? "")"
    }

    static let english: [String: String] = [
        "lang": "en", "other_lang": "sv", "other_lang_name": "Svenska",
        "app": "Gallra", "skip": "Skip to the content",
        "nav_dashboard": "Overview", "nav_subjects": "Subjects", "nav_requests": "Requests",
        "nav_incidents": "Incidents", "nav_register": "Register", "sign_out": "Sign out",
        "sign_in": "Sign in", "email": "E-mail address", "password": "Password",
        "sign_in_failed": "The e-mail address, the password or the code is wrong.",
        "code": "Code from your authenticator app", "code_hint": "Only if you have a second factor.",
        "sign_in_throttled": "Too many failed attempts; wait a quarter of an hour and try again.",
        "dashboard": "Overview", "requests_due": "Requests due within a week or overdue",
        "no_requests_due": "No request is due within a week.", "days_left": "days left",
        "overdue_by": "overdue by", "days": "days", "deadline": "Deadline", "kind": "Kind", "status": "Status",
        "received": "Received", "incidents_open": "Open incidents and their 72-hour clock",
        "no_incidents": "No incident is open.", "notify_by": "Notify IMY by", "hours_left": "hours left",
        "notified": "notified", "expiring": "Expires in the next 30 days", "nothing_expires": "Nothing expires.",
        "waiting": "Waiting for an event", "records": "records", "activity": "Activity",
        "audit": "The audit log", "audit_intact": "intact", "audit_broken": "BROKEN", "entries": "entries",
        "agreements": "Processor agreements", "no_agreement_warnings": "No agreement needs attention.",
        "search": "Search", "search_label": "E-mail, phone or personnummer",
        "search_hint": "Find a person by their e-mail address, phone number or personnummer.",
        "subject": "Subject", "name": "Name", "identifiers": "Identifiers", "category": "Category", "value": "Value",
        "collected": "Collected", "expires": "Expires", "legal_basis": "Legal basis", "export_json": "Export (JSON)",
        "no_records": "No records.", "requests": "Requests", "no_requests": "No request is open.",
        "request": "Request", "verified": "Identity verified", "not_verified": "Identity not yet verified (Art. 12(6))",
        "verify": "Record the verification", "how_verified": "How the identity was verified",
        "extend": "Extend by two months", "reason": "Reason", "complete": "Carry the decisions out",
        "decisions": "Decisions", "action": "Action", "article": "Article", "until": "Until",
        "completed": "Completed", "sent": "Sent", "incidents": "Incidents", "description": "What happened",
        "aware": "Aware", "register": "The register of processing activities", "purpose": "Purpose",
        "retention": "Retention", "version": "Version", "in_force_since": "in force since",
        "not_found": "Not found", "forbidden": "You may not see this.", "back": "Back",
        "day_left": "day left", "day": "day", "extend_reason": "Why the deadline is extended (the person is told)",
        "kind_access": "access", "kind_rectification": "rectification", "kind_erasure": "erasure",
        "kind_restriction": "restriction", "kind_objection": "objection", "kind_portability": "portability",
        "kind_withdraw-consent": "withdrawal of consent", "action_erase": "erase", "action_anonymise": "anonymise",
        "action_keep": "keep", "action_restrict": "restrict", "action_stop": "stop", "action_provide": "provide",
        "action_correct": "correct", "status_open": "open", "status_extended": "extended",
        "status_completed": "completed", "show_subject": "The person",
        "new_version": "A new version", "register_file": "The register file (YAML)",
        "register_yaml": "The register (YAML)", "review": "Check and compare",
        "review_heading": "The new version, before it is applied",
        "refused": "The register is refused; nothing changes",
        "problems": "What the checker found", "line": "Line", "changes": "What changes",
        "no_changes": "Nothing differs from the version in force.", "change": "Change",
        "expired_now": "Expired now (before → after)", "apply": "Apply this version",
        "apply_hint": "Applying stores a new version; changed rules are recomputed for every record.",
        "applied": "The new version is in force.", "added": "added", "removed": "removed",
        "retention_changed": "retention", "other_changes": "other fields changed",
        "nav_retention": "Retention", "chart_title": "Records expiring per week, by activity",
        "chart_table": "The same numbers", "week_of": "Week from", "records_heading": "Records", "other": "Other",
        "overdue_records": "records have expired and wait for the sweep", "held": "kept under a legal hold",
        "dry_run": "Dry run of the sweep", "dry_run_hint": "What the sweep would do now; nothing is changed.",
        "dry_run_result": "The sweep would now", "erased": "erase", "anonymised": "anonymise",
        "subjects_erased": "people erased whole", "waiting_records": "waiting for an event",
    ]

    static let swedish: [String: String] = [
        "lang": "sv", "other_lang": "en", "other_lang_name": "English",
        "app": "Gallra", "skip": "Hoppa till innehållet",
        "nav_dashboard": "Översikt", "nav_subjects": "Registrerade", "nav_requests": "Begäranden",
        "nav_incidents": "Incidenter", "nav_register": "Registret", "sign_out": "Logga ut",
        "sign_in": "Logga in", "email": "E-postadress", "password": "Lösenord",
        "sign_in_failed": "E-postadressen, lösenordet eller koden är fel.",
        "code": "Kod från din autentiseringsapp", "code_hint": "Bara om du har en andra faktor.",
        "sign_in_throttled": "För många misslyckade försök; vänta en kvart och försök igen.",
        "dashboard": "Översikt", "requests_due": "Begäranden som förfaller inom en vecka eller är försenade",
        "no_requests_due": "Ingen begäran förfaller inom en vecka.", "days_left": "dagar kvar",
        "overdue_by": "försenad med", "days": "dagar", "deadline": "Sista dag", "kind": "Typ", "status": "Status",
        "received": "Mottagen", "incidents_open": "Öppna incidenter och deras 72-timmarsfrist",
        "no_incidents": "Ingen incident är öppen.", "notify_by": "Anmäl till IMY senast", "hours_left": "timmar kvar",
        "notified": "anmäld", "expiring": "Gallras inom 30 dagar", "nothing_expires": "Inget gallras.",
        "waiting": "Väntar på en händelse", "records": "poster", "activity": "Behandling",
        "audit": "Granskningsloggen", "audit_intact": "obruten", "audit_broken": "BRUTEN", "entries": "poster",
        "agreements": "Biträdesavtal", "no_agreement_warnings": "Inget avtal behöver åtgärdas.",
        "search": "Sök", "search_label": "E-post, telefon eller personnummer",
        "search_hint": "Hitta en person på e-postadress, telefonnummer eller personnummer.",
        "subject": "Registrerad", "name": "Namn", "identifiers": "Identifierare", "category": "Kategori",
        "value": "Värde", "collected": "Insamlad", "expires": "Gallras", "legal_basis": "Rättslig grund",
        "export_json": "Exportera (JSON)", "no_records": "Inga poster.", "requests": "Begäranden",
        "no_requests": "Ingen begäran är öppen.", "request": "Begäran", "verified": "Identiteten kontrollerad",
        "not_verified": "Identiteten är ännu inte kontrollerad (art. 12.6)", "verify": "Registrera kontrollen",
        "how_verified": "Hur identiteten kontrollerades", "extend": "Förläng med två månader", "reason": "Skäl",
        "complete": "Verkställ besluten", "decisions": "Beslut", "action": "Åtgärd", "article": "Artikel",
        "until": "Till", "completed": "Slutförd", "sent": "Skickat", "incidents": "Incidenter",
        "description": "Vad som hände", "aware": "Upptäckt", "register": "Registret över behandlingar",
        "purpose": "Ändamål", "retention": "Lagringstid", "version": "Version", "in_force_since": "gäller sedan",
        "not_found": "Hittades inte", "forbidden": "Du får inte se detta.", "back": "Tillbaka",
        "day_left": "dag kvar", "day": "dag", "extend_reason": "Varför fristen förlängs (den registrerade får veta)",
        "kind_access": "tillgång", "kind_rectification": "rättelse", "kind_erasure": "radering",
        "kind_restriction": "begränsning", "kind_objection": "invändning", "kind_portability": "dataportabilitet",
        "kind_withdraw-consent": "återkallat samtycke", "action_erase": "radera", "action_anonymise": "anonymisera",
        "action_keep": "behåll", "action_restrict": "begränsa", "action_stop": "upphör", "action_provide": "lämna ut",
        "action_correct": "rätta", "status_open": "öppen", "status_extended": "förlängd",
        "status_completed": "slutförd", "show_subject": "Den registrerade",
        "new_version": "En ny version", "register_file": "Registerfilen (YAML)",
        "register_yaml": "Registret (YAML)", "review": "Granska och jämför",
        "review_heading": "Den nya versionen, innan den börjar gälla",
        "refused": "Registret underkänns; inget ändras", "problems": "Vad granskningen hittade", "line": "Rad",
        "changes": "Vad som ändras", "no_changes": "Inget skiljer sig från versionen som gäller.", "change": "Ändring",
        "expired_now": "Gallringsbart nu (före → efter)", "apply": "Inför den här versionen",
        "apply_hint": "En ny version sparas; ändrade regler räknas om för varje post.",
        "applied": "Den nya versionen gäller.", "added": "ny", "removed": "borttagen",
        "retention_changed": "lagringstid", "other_changes": "andra fält ändrade",
        "nav_retention": "Gallring", "chart_title": "Poster som gallras per vecka, per behandling",
        "chart_table": "Samma siffror", "week_of": "Veckan från", "records_heading": "Poster", "other": "Övriga",
        "overdue_records": "poster har passerat sin lagringstid och väntar på gallringen",
        "held": "sparas under ett bevarandebeslut", "dry_run": "Provkör gallringen",
        "dry_run_hint": "Vad gallringen skulle göra nu; inget ändras.", "dry_run_result": "Gallringen skulle nu",
        "erased": "radera", "anonymised": "anonymisera", "subjects_erased": "personer raderas helt",
        "waiting_records": "väntar på en händelse",
    ]
}
