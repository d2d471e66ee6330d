/// How registers write legal bases, categories of people and of data, and the laws behind a
/// legal obligation, in Swedish and English, mapped to the register format's vocabulary.
enum RopaVocabulary {
    static let legalBases: [(LegalBasis, [String])] = [
        (.consent, ["samtycke", "consent", "upon the provision of consent", "the data subject's consent"]),
        (
            .contract,
            [
                "avtal", "fullgörande av avtal", "fullgörande av ett avtal", "avtalsförhållande", "köpeavtal",
                "contract", "performance of a contract", "performance of the contract", "fulfilment of the agreement",
                "fulfilment of the contract", "fulfillment of the agreement", "fulfillment of the contract",
                "agreement",
            ]
        ),
        (
            .legalObligation,
            [
                "rättslig förpliktelse", "rättsliga förpliktelser", "lagkrav", "lagstadgad skyldighet",
                "legal obligation", "legal obligations", "compliance with a legal obligation",
            ]
        ),
        (.vitalInterests, ["grundläggande intresse", "vitala intressen", "vital interests", "vital interest"]),
        (
            .publicTask,
            [
                "allmänt intresse", "myndighetsutövning", "uppgift av allmänt intresse", "public task",
                "public interest", "official authority",
            ]
        ),
        (
            .legitimateInterests,
            [
                "intresseavvägning", "berättigat intresse", "berättigade intressen", "balancing test",
                "balance of interests", "legitimate interest", "legitimate interests",
            ]
        ),
    ]

    static let subjects: [(String, [String])] = [
        ("customers", ["kunder", "kund", "befintliga kunder", "customers", "customer", "clients"]),
        ("prospects", ["potentiella kunder", "presumtiva kunder", "prospects", "prospective customers", "leads"]),
        (
            "website_visitors",
            ["hemsidebesökare", "webbplatsbesökare", "besökare på webbplatsen", "website visitors", "site visitors"]
        ),
        ("job_applicants", ["arbetssökande", "sökande", "kandidater", "job applicants", "applicants", "candidates"]),
        ("suppliers", ["leverantörer", "leverantör", "suppliers", "vendors"]),
        ("employees", ["anställda", "medarbetare", "personal", "employees", "staff"]),
        ("contact_persons", ["kontaktpersoner", "kontaktperson", "contact persons", "contact people", "contacts"]),
        ("users", ["användare", "users"]),
        ("members", ["medlemmar", "members"]),
        ("newsletter_subscribers", ["prenumeranter", "subscribers", "newsletter subscribers"]),
        ("event_participants", ["deltagare", "participants", "event participants"]),
    ]

    static let data: [(String, [String])] = [
        ("name", ["namn", "name", "names", "för- och efternamn", "first and last name"]),
        (
            "contact_details",
            ["kontaktuppgifter", "kontakt", "kontaktinformation", "contact details", "contact information"]
        ),
        ("email", ["e-post", "e-postadress", "epost", "mejladress", "e-mail", "email", "e-mail address"]),
        ("phone", ["telefon", "telefonnummer", "mobilnummer", "telephone number", "phone number", "telephone"]),
        ("address", ["adress", "adressuppgifter", "postadress", "address", "postal address"]),
        (
            "personal_identity_number",
            ["personnummer", "personal identity number", "social security number", "national identity number"]
        ),
        ("billing", ["faktureringsuppgifter", "fakturauppgifter", "billing details", "invoice details"]),
        ("payment", ["betalningsuppgifter", "kontonummer", "payment details", "bank details"]),
        ("customer_number", ["kundnummer", "customer number"]),
        ("position", ["befattning", "titel", "position", "job title", "title"]),
        ("company", ["företag", "företagsnamn", "company", "employer"]),
        ("ip_address", ["ip-adress", "ip-adresser", "ip address", "ip addresses"]),
        ("cookie_id", ["cookie", "cookies", "cookie-id"]),
        ("login", ["inloggningsuppgifter", "login details", "username and password", "credentials"]),
        ("recordings", ["ljudinspelningar", "ljudinspelning", "inspelningar", "recordings", "call recordings"]),
        ("images", ["foto", "bild", "bilder", "film", "photos", "images"]),
        ("case_content", ["ärendeuppgifter", "ärendeinformation", "case details"]),
        ("application", ["ansökningshandlingar", "cv", "personligt brev", "job application", "cv and cover letter"]),
        ("date_of_birth", ["födelsedatum", "date of birth"]),
        ("location", ["platsuppgifter", "location data"]),
        ("health", ["hälsouppgifter", "hälsa", "health data", "health"]),
    ]

    /// A law named in a cell, written as the register's `law` field expects.
    static let laws: [(patterns: [String], law: LocalizedText)] = [
        (
            ["bokföringslag", "accounting act", "bookkeeping act", "bfl"],
            .init(
                sv: "Bokföringslagen (1999:1078) 7 kap. 2 §",
                en: "the Swedish Accounting Act (1999:1078), Chapter 7, Section 2")
        ),
        (
            ["dataskyddsförordning", "gdpr", "general data protection regulation"],
            .init(
                sv: "Dataskyddsförordningen (EU) 2016/679", en: "the General Data Protection Regulation (EU) 2016/679")
        ),
        (["arkivlag"], .init(sv: "Arkivlagen (1990:782)", en: "the Swedish Archives Act (1990:782)")),
        (
            ["penningtvätt", "money laundering"],
            .init(
                sv: "Lagen (2017:630) om åtgärder mot penningtvätt och finansiering av terrorism",
                en: "the Swedish Anti-Money Laundering Act (2017:630)")
        ),
        (
            ["diskrimineringslag", "discrimination act"],
            .init(sv: "Diskrimineringslagen (2008:567)", en: "the Swedish Discrimination Act (2008:567)")
        ),
    ]

    /// Words that say "every category" rather than naming any.
    static let all = ["alla kategorier", "alla kategorier av personuppgifter", "all categories", "all", "alla"]

    /// Words that say a column has nothing to say: "Nej", "-", "Inga".
    static let nothing = [
        "nej", "no", "none", "inga", "ingen", "-", "–", "n/a", "saknas", "ej aktuellt", "not applicable",
    ]
}
