extension MailTemplates {
    /// Gallra's own wording of the privacy officers' daily reminder, in Swedish and English. The
    /// lists are written by `OfficerMail` in the officer's language: references, kinds and
    /// deadlines, never who asked.
    static let reminderTexts: [String: String] = [
        "reminder.sv": """
        Subject: Gallra {{day}}: {{summary}}

        Hej,

        det här väntar på dig hos {{controller}} i dag, {{day}}.

        Begäranden som är försenade eller ska besvaras inom {{days}} dagar (art. 12.3):
        {{requests}}

        Incidenter som ska anmälas till IMY inom 72 timmar (art. 33.1):
        {{incidents}}

        Öppna Gallra och ta hand om dem:
        {{link}}

        Du får den här påminnelsen en gång om dagen, när något väntar, eftersom du har rollen privacy_officer i Gallra. Den nämner inga personer; de finns i Gallra.
        """,
        "reminder.en": """
        Subject: Gallra {{day}}: {{summary}}

        Hello,

        this is waiting for you at {{controller}} today, {{day}}.

        Requests overdue or to be answered within {{days}} days (Art. 12(3)):
        {{requests}}

        Incidents to notify to IMY within 72 hours (Art. 33(1)):
        {{incidents}}

        Open Gallra to deal with them:
        {{link}}

        You get this reminder once a day, when something is waiting, because you have the role privacy_officer in Gallra. It names no one; the people are in Gallra.
        """,
    ]
}
