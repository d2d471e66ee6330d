extension MailTemplates {
    /// Gallra's own wording of the message to a person affected by a personal data breach: Art.
    /// 34(2) asks for the nature of the breach in clear and plain language, the contact point, the
    /// likely consequences and the measures taken or proposed (Art. 33(3)(b)–(d)).
    static let incidentTexts: [String: String] = [
        "incident.sv": """
        Subject: {{controller}}: en personuppgiftsincident som berör dig

        Hej,

        vi på {{controller}} har haft en personuppgiftsincident som berör dina personuppgifter. Vi berättar det så att du kan skydda dig mot följderna (artikel 34 i dataskyddsförordningen).

        Vad som hänt:
        {{description}}

        Vad det kan innebära för dig:
        {{consequences}}

        Vad vi har gjort och gör:
        {{measures}}

        Frågor besvaras av:
        {{contact}}

        Du kan också klaga hos Integritetsskyddsmyndigheten (IMY), www.imy.se.
        """,
        "incident.en": """
        Subject: {{controller}}: a personal data breach that concerns you

        Hello,

        we at {{controller}} have had a personal data breach that concerns your personal data. We are telling you so that you can protect yourself against its consequences (Article 34 of the GDPR).

        What happened:
        {{description}}

        What it may mean for you:
        {{consequences}}

        What we have done and are doing:
        {{measures}}

        Your questions are answered by:
        {{contact}}

        You can also complain to the Swedish Authority for Privacy Protection (IMY), www.imy.se.
        """,
    ]
}
