extension MailTemplates {
    /// Gallra's own wording of each message, in Swedish and English.
    static let builtInTexts: [String: String] = [
        "confirm.sv": """
        Subject: Bekräfta din begäran till {{controller}}

        Hej,

        någon – förhoppningsvis du – har bett {{controller}} om {{what}} med den här e-postadressen.
        Öppna länken och bekräfta med knappen på sidan:

        {{link}}

        Länken gäller i 24 timmar och kan användas en gång. Om det inte var du behöver du inte göra något.
        """,
        "confirm.en": """
        Subject: Confirm your request to {{controller}}

        Hello,

        someone – hopefully you – has asked {{controller}} for {{what}} with this e-mail address.
        Open the link and confirm with the button on the page:

        {{link}}

        The link works for 24 hours and once. If it was not you, you need not do anything.
        """,
        "receipt.sv": """
        Subject: Din begäran till {{controller}}

        Hej,

        din begäran om {{what}} är bekräftad och registrerad. Vi svarar senast {{deadline}}.
        Ange ärendenummer {{reference}} om du kontaktar oss om den.
        Om vi inte har några uppgifter om dig får du veta det.

        Vänliga hälsningar,
        {{controller}}
        """,
        "receipt.en": """
        Subject: Your request to {{controller}}

        Hello,

        your request for {{what}} is confirmed and registered. We answer by {{deadline}} at the latest.
        Give the reference {{reference}} if you contact us about it.
        If we hold no data about you, we tell you so.

        Kind regards,
        {{controller}}
        """,
        "unsubscribed.sv": """
        Subject: Din begäran till {{controller}}

        Hej,

        vi har tagit emot och genomfört din begäran om {{what}}.
        {{stopped}}

        Ärendenummer: {{reference}}

        Vänliga hälsningar,
        {{controller}}
        """,
        "unsubscribed.en": """
        Subject: Your request to {{controller}}

        Hello,

        we have received and carried out your request: {{what}}.
        {{stopped}}

        Reference: {{reference}}

        Kind regards,
        {{controller}}
        """,
        "report.sv": """
        Subject: Dina personuppgifter hos {{controller}}

        Hej,

        här är svaret på din begäran om {{what}} (ärende {{reference}}). Hämta det med länken nedan; sidan ber dig skriva din e-postadress igen innan den lämnar ut något.

        {{link}}

        Länken gäller till och med {{expires}}. Skicka den inte vidare.

        Ärendenummer: {{reference}}

        Vänliga hälsningar,
        {{controller}}
        """,
        "report.en": """
        Subject: Your personal data at {{controller}}

        Hello,

        here is the answer to your request for {{what}} (reference {{reference}}). Download it with the link below; the page asks you to write your e-mail address again before it gives out anything.

        {{link}}

        The link works until and including {{expires}}. Do not pass it on.

        Reference: {{reference}}

        Kind regards,
        {{controller}}
        """,
        "outcome.sv": """
        Subject: Svar på din begäran till {{controller}} (ärende {{reference}})

        Hej,

        vi har behandlat din begäran om {{what}} (ärende {{reference}}).

        {{outcome}}

        {{rights}}

        Vänliga hälsningar,
        {{controller}}
        """,
        "outcome.en": """
        Subject: Answer to your request to {{controller}} (reference {{reference}})

        Hello,

        we have dealt with your request for {{what}} (reference {{reference}}).

        {{outcome}}

        {{rights}}

        Kind regards,
        {{controller}}
        """,
        "extended.sv": """
        Subject: Din begäran till {{controller}} tar längre tid (ärende {{reference}})

        Hej,

        vi behöver mer tid för din begäran om {{what}} (ärende {{reference}}). Vi svarar senast {{deadline}}.

        Skäl: {{reason}}

        {{rights}}

        Vänliga hälsningar,
        {{controller}}
        """,
        "extended.en": """
        Subject: Your request to {{controller}} takes longer (reference {{reference}})

        Hello,

        we need more time for your request for {{what}} (reference {{reference}}). We answer by {{deadline}} at the latest.

        Why: {{reason}}

        {{rights}}

        Kind regards,
        {{controller}}
        """,
        "refused.sv": """
        Subject: Beslut om din begäran till {{controller}} (ärende {{reference}})

        Hej,

        vi har prövat din begäran om {{what}} (ärende {{reference}}) och kommer inte att tillmötesgå den.

        Grund: {{ground}}
        Skäl: {{reason}}

        {{rights}}

        Vänliga hälsningar,
        {{controller}}
        """,
        "refused.en": """
        Subject: Decision on your request to {{controller}} (reference {{reference}})

        Hello,

        we have considered your request for {{what}} (reference {{reference}}) and will not act on it.

        Ground: {{ground}}
        Why: {{reason}}

        {{rights}}

        Kind regards,
        {{controller}}
        """,
    ]
}
