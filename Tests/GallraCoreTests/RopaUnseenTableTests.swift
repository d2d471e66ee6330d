import Foundation
import Testing

@testable import GallraCore

/// The held-out check of the import: tables in layouts the header recognition was not written
/// from, each in wording and order of its own, at least 90% of whose rows must read right on all
/// five answers: the activity, its data subjects, data categories, legal basis and retention
/// rule. Tables once run are tuning tables from then on; each set's first score is kept below.
/// First runs: the first set 14 of 24 (58%), the second 14 of 24 (58%), the third (held out
/// now) 17 of 17 (100%).
@Suite("Importing ROPA tables the import has never seen")
struct RopaUnseenTableTests {
    typealias Expected = RopaTemplateTests.Expected

    /// The first tables written as unseen. They read 14 of 24 rows right when first run (two
    /// data columns' wordings, "Uppgifter som behandlas" and "What data", were not known); the
    /// recognition was then mended from them, so they are tuning tables now, kept so that it
    /// stays mended. The gym's retention stays refused: the phrase reader reads it for Swedish
    /// and English together, not for Swedish alone ("Club Gym+").
    static let tuning: [(name: String, rows: [[String]], expected: [Expected])] = [
        (
            "a Swedish association",
            [
                ["Föreningen Exempelgården – behandlingar av personuppgifter"],
                ["Ansvarig: styrelsen", "", "", "", "", "", ""],
                [
                    "Behandlingens namn", "Syfte", "Registrerade", "Uppgifter som behandlas",
                    "Laglig grund (art. 6.1)", "Hur länge sparas uppgifterna?", "Delas med",
                ],
                [
                    "Medlemsregister", "Administrera medlemskap", "Medlemmar", "Namn, adress, e-post, telefonnummer",
                    "Avtal", "Så länge medlemmen är medlem av föreningen förvaras medlemsuppgifterna.", "Ingen",
                ],
                [
                    "Nyhetsbrev", "Skicka nyhetsbrev", "Prenumeranter", "E-post", "Samtycke",
                    "Fram till dess att samtycke återkallas", "Utskickstjänst",
                ],
                [
                    "Bokföring", "Föra räkenskaper", "Medlemmar, leverantörer", "Namn, betalningsuppgifter",
                    "Rättslig förpliktelse (bokföringslagen)",
                    "Enligt Bokföringslagen gäller att information måste sparas i sju (7) år", "Revisor",
                ],
                [
                    "Uthyrning av lokalen", "Boka lokalen åt medlemmar", "Medlemmar", "Namn, telefonnummer",
                    "Avtal", "Avtalstid plus 1 år", "",
                ],
            ],
            [
                Expected(
                    name: "Medlemsregister", subjects: ["members"], data: ["name", "address", "email", "phone"],
                    bases: [.contract], retention: "membership.end"),
                Expected(
                    name: "Nyhetsbrev", subjects: ["newsletter_subscribers"], data: ["email"], bases: [.consent],
                    retention: "consent.withdrawn"),
                Expected(
                    name: "Bokföring", subjects: ["members", "suppliers"], data: ["name", "payment"],
                    bases: [.legalObligation], retention: "end-of-year(fiscal-year.end) + 7y"),
                Expected(
                    name: "Uthyrning av lokalen", subjects: ["members"], data: ["name", "phone"], bases: [.contract],
                    retention: "contract.end + 1y"),
            ]
        ),
        (
            "a UK charity",
            [
                ["Harbourside Food Bank – Record of Processing"],
                ["Data controller:", "Harbourside Food Bank CIO"],
                ["Contact email:", "trustees@harbourside.example"],
                [],
                [
                    "Activity", "Why we process it", "Whose data", "What data", "Lawful basis (UK GDPR Article 6)",
                    "How long we keep it", "Who we share it with", "Where it is stored",
                ],
                [
                    "Volunteer management", "Organising volunteer shifts", "Volunteers", "Name, Phone number, Email",
                    "Legitimate interests", "Removal of personal data 6 months after the end of the event",
                    "None", "Rota app",
                ],
                [
                    "Donations", "Processing donations and Gift Aid", "Donors", "Name, Address, Bank details",
                    "Legal obligation - Article 6(1)(c)",
                    "6 years from end of financial year (Companies Act 2006; HMRC record rules)", "HMRC",
                    "Finance system",
                ],
                [
                    "Newsletter", "Sending our monthly newsletter", "Supporters", "Name, Email", "Consent",
                    "Until you withdraw consent or unsubscribe", "Mailing provider", "Mailing provider",
                ],
                [
                    "Staff payroll", "Paying our staff", "Employees", "Name, National Insurance number, Bank details",
                    "Article 6(1)(b) (employment contract)", "6 years after employment finishes", "Payroll bureau",
                    "Payroll system",
                ],
                [
                    "Enquiries", "Answering questions from the public", "Members of the public", "Name, Email",
                    "6(1)(f) – legitimate interests",
                    "we will keep your personal data for 2 years from the date of your enquiry", "", "Shared inbox",
                ],
            ],
            [
                Expected(
                    name: "Volunteer management", subjects: ["volunteers"], data: ["name", "phone", "email"],
                    bases: [.legitimateInterests], retention: "event.end + 6mo"),
                Expected(
                    name: "Donations", subjects: ["donors"], data: ["name", "address", "payment"],
                    bases: [.legalObligation], retention: "fiscal-year.end + 6y"),
                Expected(
                    name: "Newsletter", subjects: ["supporters"], data: ["name", "email"], bases: [.consent],
                    retention: "min(consent.withdrawn, objection)"),
                Expected(
                    name: "Staff payroll", subjects: ["employees"],
                    data: ["name", "national-insurance-number", "payment"], bases: [.contract],
                    retention: "employment.end + 6y"),
                Expected(
                    name: "Enquiries", subjects: ["members-of-the-public"], data: ["name", "email"],
                    bases: [.legitimateInterests], retention: "collected + 2y"),
            ]
        ),
        (
            "a SaaS company with a two-row header",
            [
                ["Acme Cloud Ltd", "", "", "", "", "", ""],
                ["Register of processing activities (GDPR Art. 30)", "", "", "", "", "", ""],
                ["", "", "Data", "Data", "GDPR", "GDPR", ""],
                ["Process", "Purpose", "Subjects", "Categories", "Lawful basis", "Retention", "Processors"],
                [
                    "Customer accounts", "Providing the service", "Customers, Users", "Name, Email, Login details",
                    "Contract", "3 years after account closure", "Hosting provider",
                ],
                [
                    "Support tickets", "Helping customers", "Users", "Name, Email, Case details", "Contract",
                    "Support emails are deleted after a maximum of 2 years.", "Helpdesk tool",
                ],
                [
                    "Application logs", "Security and debugging", "Users", "IP address", "Legitimate interests",
                    "Application logs are retained for a maximum of 30 days.", "Log service",
                ],
                [
                    "Sales prospecting", "Finding new customers", "Prospects", "Name, Company, Job title, Email",
                    "Legitimate interest", "Retained for 6 months", "CRM",
                ],
                [
                    "Billing", "Invoicing customers", "Customers", "Name, Billing details, Payment details",
                    "Legal obligation", "Retained for 7 years (legal requirement)", "Payment processor",
                ],
            ],
            [
                Expected(
                    name: "Customer accounts", subjects: ["customers", "users"], data: ["name", "email", "login"],
                    bases: [.contract], retention: "account.closed + 3y"),
                Expected(
                    name: "Support tickets", subjects: ["users"], data: ["name", "email", "case_content"],
                    bases: [.contract], retention: "collected + 2y"),
                Expected(
                    name: "Application logs", subjects: ["users"], data: ["ip_address"],
                    bases: [.legitimateInterests], retention: "collected + 30d"),
                Expected(
                    name: "Sales prospecting", subjects: ["prospects"], data: ["name", "company", "position", "email"],
                    bases: [.legitimateInterests], retention: "collected + 6mo"),
                Expected(
                    name: "Billing", subjects: ["customers"], data: ["name", "billing", "payment"],
                    bases: [.legalObligation], retention: "collected + 7y"),
            ]
        ),
        (
            "a Swedish company with the legal basis first",
            [
                ["Registerförteckning"],
                ["Företag", "Exempel Gym AB"],
                ["E-post", "info@exempelgym.se"],
                [],
                [
                    "Rättslig grund", "Personuppgiftsbehandling", "Ändamålet", "Registrerade", "Personuppgifter",
                    "Lagringstid / gallring", "Mottagare", "Tredjeland",
                ],
                [
                    "Fullgörande av avtal", "Medlemskap", "Hantera medlemskap och träningskort", "Medlemmar",
                    "Namn, personnummer, e-post, telefonnummer, betalningsuppgifter",
                    "Club Gym+ behandlar dina personuppgifter så länge ditt medlemskap är giltigt.", "Betaltjänst",
                    "Nej",
                ],
                [
                    "Berättigat intresse", "Kameraövervakning", "Förebygga brott i lokalerna", "Medlemmar, anställda",
                    "Bilder", "maximalt fyra veckor, därefter raderas materialet", "Polisen vid brott", "Nej",
                ],
                [
                    "Avtal", "Personal", "Lön och anställning", "Anställda", "Namn, personnummer, kontonummer",
                    "Under anställningstid + 1 år", "Skatteverket", "Nej",
                ],
                [
                    "Samtycke", "Marknadsföring", "Utskick om erbjudanden", "Potentiella kunder", "Namn, e-post",
                    "Fram till dess att samtycke återkallas", "Utskickstjänst", "USA",
                ],
                [
                    "Intresseavvägning", "Kundtjänst", "Besvara frågor", "Kunder", "Namn, e-post, ärendeuppgifter",
                    "som längst 36 månader från ärendets avslut", "", "Nej",
                ],
            ],
            [
                Expected(
                    name: "Medlemskap", subjects: ["members"],
                    data: ["name", "personal_identity_number", "email", "phone", "payment"], bases: [.contract],
                    retention: "membership.end"),
                Expected(
                    name: "Kameraövervakning", subjects: ["members", "employees"], data: ["images"],
                    bases: [.legitimateInterests], retention: "collected + 4w"),
                Expected(
                    name: "Personal", subjects: ["employees"], data: ["name", "personal_identity_number", "payment"],
                    bases: [.contract], retention: "employment.end + 1y"),
                Expected(
                    name: "Marknadsföring", subjects: ["prospects"], data: ["name", "email"], bases: [.consent],
                    retention: "consent.withdrawn"),
                Expected(
                    name: "Kundtjänst", subjects: ["customers"], data: ["name", "email", "case_content"],
                    bases: [.legitimateInterests], retention: "case.closed + 36mo"),
            ]
        ),
        (
            "an Irish-style record",
            [
                ["Record of Processing Activities – Article 30 GDPR"],
                ["Name of controller", "Liffey Housing Association CLG"],
                ["Email address", "dataprotection@liffeyhousing.example"],
                [],
                [
                    "Name of processing operation", "Purpose of processing",
                    "Description of the categories of data subjects", "Description of the categories of personal data",
                    "Legal basis for processing (Article 6 GDPR)", "Envisaged time limits for erasure",
                    "Categories of recipients", "Transfers to third countries",
                ],
                [
                    "Tenancy management", "Managing tenancies", "Tenants", "Name, Address, Phone number, Bank details",
                    "Performance of a contract",
                    "We will hold your data for fifteen years following the end of your lease/licence",
                    "Contractors", "None",
                ],
                [
                    "Repairs", "Carrying out repairs", "Tenants", "Name, Address, Phone number",
                    "Performance of a contract", "Duration of tenancy", "Contractors", "None",
                ],
                [
                    "CCTV", "Security of our buildings", "Tenants, Visitors", "Images", "Legitimate interests",
                    "Recordings are retained for a period of 30 days.", "An Garda Síochána", "None",
                ],
                [
                    "Job applications", "Recruitment", "Job applicants", "CV, Name, Email", "Consent",
                    "Retained for 6 months", "", "None",
                ],
                [
                    "Rent accounts", "Collecting rent", "Tenants", "Name, Bank details", "Contract",
                    "We will keep details of your savings account for 6 years after your account is closed", "Bank",
                    "None",
                ],
            ],
            [
                Expected(
                    name: "Tenancy management", subjects: ["tenants"], data: ["name", "address", "phone", "payment"],
                    bases: [.contract], retention: "contract.end + 15y"),
                Expected(
                    name: "Repairs", subjects: ["tenants"], data: ["name", "address", "phone"], bases: [.contract],
                    retention: "contract.end"),
                Expected(
                    name: "CCTV", subjects: ["tenants", "visitors"], data: ["images"],
                    bases: [.legitimateInterests], retention: "collected + 30d"),
                Expected(
                    name: "Job applications", subjects: ["job_applicants"], data: ["application", "name", "email"],
                    bases: [.consent], retention: "collected + 6mo"),
                Expected(
                    name: "Rent accounts", subjects: ["tenants"], data: ["name", "payment"], bases: [.contract],
                    retention: "account.closed + 6y"),
            ]
        ),
    ]

    /// The second tables written as unseen, after the recognition was mended from the first.
    /// They read 14 of 24 rows right when first run: a table whose text has the English header
    /// "System" was taken for Swedish, so the phrase reader refused its English retention, and
    /// "Vilka registreras?" and "Stöd i dataskyddsförordningen" were not known. Since mended (a
    /// column is also known by what its cells hold), so these are tuning tables now too.
    static let tuningSecond: [(name: String, rows: [[String]], expected: [Expected])] = [
        (
            "a Swedish independent school",
            [
                ["Exempelskolan AB – förteckning över personuppgiftsbehandlingar"],
                ["Organisationsnummer:", "556111-2222"],
                ["Kontakt:", "dataskydd@exempelskolan.se"],
                [],
                [
                    "Process", "Beskrivning av ändamålet", "Vilka registreras?", "Vilka personuppgifter?",
                    "Stöd i dataskyddsförordningen", "Gallringsregel", "Vem har tillgång?",
                ],
                [
                    "Elevadministration", "Planera och dokumentera elevers skolgång", "Elever, vårdnadshavare",
                    "Namn, personnummer, adress, telefonnummer", "Allmänt intresse",
                    "Efter avslutat hyresavtal har vi kvar uppgifter i upp till två (2) år i systemet.",
                    "Rektor, mentorer",
                ],
                [
                    "Löner", "Betala ut lön", "Anställda", "Namn, personnummer, kontonummer",
                    "Rättslig förpliktelse och avtal", "7 år enligt bokföringslagen", "Ekonomi",
                ],
                [
                    "Intresseanmälan", "Hantera kö till skolan", "Vårdnadshavare", "Namn, e-post, telefonnummer",
                    "Samtycke", "Tills samtycket återkallas", "Administration",
                ],
                [
                    "Telefoninspelning", "Kvalitetssäkring av samtal", "Vårdnadshavare, anställda",
                    "Inspelningar, telefonnummer", "Berättigat intresse", "Ev. inspelningar av samtal sparas i ett år",
                    "Rektor",
                ],
                [
                    "Rekrytering", "Anställa lärare", "Arbetssökande", "Namn, e-post, ansökningshandlingar",
                    "Intresseavvägning", "Raderas efter 30 dagar", "Rektor",
                ],
            ],
            [
                Expected(
                    name: "Elevadministration", subjects: ["elever", "vardnadshavare"],
                    data: ["name", "personal_identity_number", "address", "phone"], bases: [.publicTask],
                    retention: "contract.end + 2y"),
                Expected(
                    name: "Löner", subjects: ["employees"], data: ["name", "personal_identity_number", "payment"],
                    bases: [.legalObligation, .contract], retention: "end-of-year(fiscal-year.end) + 7y"),
                Expected(
                    name: "Intresseanmälan", subjects: ["vardnadshavare"], data: ["name", "email", "phone"],
                    bases: [.consent], retention: "consent.withdrawn"),
                Expected(
                    name: "Telefoninspelning", subjects: ["vardnadshavare", "employees"],
                    data: ["recordings", "phone"], bases: [.legitimateInterests], retention: "collected + 1y"),
                Expected(
                    name: "Rekrytering", subjects: ["job_applicants"], data: ["name", "email", "application"],
                    bases: [.legitimateInterests], retention: "collected + 30d"),
            ]
        ),
        (
            "a small business's sheet from a blog template",
            [
                [
                    "Data processing activity", "Description", "Purpose", "Data subject type",
                    "Personal data collected", "Legal basis", "Retention", "Storage location", "Shared with",
                ],
                [
                    "Online orders", "Orders placed in the web shop", "Delivering orders", "Customers",
                    "Name, Address, Email, Phone number", "Contract",
                    "for six years after they cease being customers for tax and legal compliance purposes",
                    "Shopify", "Courier",
                ],
                [
                    "Mailing list", "Monthly offers", "Marketing", "Subscribers", "Email", "Consent",
                    "Until consent is withdrawn", "Mailchimp", "",
                ],
                [
                    "Customer service calls", "Phone support", "Helping customers", "Customers",
                    "Name, Phone number, Call recordings", "Legitimate interests",
                    "Recordings are retained for a period of 30 days.", "Phone system", "",
                ],
                [
                    "Supplier contacts", "Buying stock", "Managing suppliers", "Suppliers, Contact persons",
                    "Name, Email, Phone number, Job title", "Legitimate interests",
                    "6 years after the end of the contract", "Email", "",
                ],
            ],
            [
                Expected(
                    name: "Online orders", subjects: ["customers"], data: ["name", "address", "email", "phone"],
                    bases: [.contract], retention: "relationship.end + 6y"),
                Expected(
                    name: "Mailing list", subjects: ["newsletter_subscribers"], data: ["email"], bases: [.consent],
                    retention: "consent.withdrawn"),
                Expected(
                    name: "Customer service calls", subjects: ["customers"], data: ["name", "phone", "recordings"],
                    bases: [.legitimateInterests], retention: "collected + 30d"),
                Expected(
                    name: "Supplier contacts", subjects: ["suppliers", "contact_persons"],
                    data: ["name", "email", "phone", "position"], bases: [.legitimateInterests],
                    retention: "contract.end + 6y"),
            ]
        ),
        (
            "an English record with group rows",
            [
                ["Northwind Consulting Ltd – Article 30 record"],
                ["Controller", "Northwind Consulting Ltd"],
                ["Phone", "020 7946 0999"],
                [],
                ["Processing", "Processing", "Data", "Data", "Lawfulness", "Storage"],
                ["Name", "Purpose", "Individuals", "Types", "Basis", "Period"],
                [
                    "Client projects", "Delivering consultancy", "Clients, Contact persons", "Name, Email, Company",
                    "Performance of a contract", "Term of employment + 3 years",
                ],
                [
                    "Timesheets", "Billing clients for time", "Employees", "Name, Billing details",
                    "Legal obligation", "7 years after the end of the financial year",
                ],
                [
                    "Website contact form", "Answering enquiries", "Website visitors", "Name, Email",
                    "Legitimate interests", "Two years from the date they were made",
                ],
                [
                    "Staff accounts", "Giving staff access to systems", "Employees", "Name, Email, Login details",
                    "Contract", "6 months after account closure",
                ],
                [
                    "Bookkeeping", "Keeping the accounts", "Clients, Suppliers", "Name, Bank details",
                    "Legal obligation", "72 months per UK accounting legislation",
                ],
            ],
            [
                Expected(
                    name: "Client projects", subjects: ["customers", "contact_persons"],
                    data: ["name", "email", "company"], bases: [.contract], retention: "employment.end + 3y"),
                Expected(
                    name: "Timesheets", subjects: ["employees"], data: ["name", "billing"],
                    bases: [.legalObligation], retention: "fiscal-year.end + 7y"),
                Expected(
                    name: "Website contact form", subjects: ["website_visitors"], data: ["name", "email"],
                    bases: [.legitimateInterests], retention: "collected + 2y"),
                Expected(
                    name: "Staff accounts", subjects: ["employees"], data: ["name", "email", "login"],
                    bases: [.contract], retention: "account.closed + 6mo"),
                Expected(
                    name: "Bookkeeping", subjects: ["customers", "suppliers"], data: ["name", "payment"],
                    bases: [.legalObligation], retention: "collected + 72mo"),
            ]
        ),
        (
            "a Swedish register with explained headers",
            [
                ["Personuppgiftsansvarig", "Exempel Redovisning AB"],
                ["Telefon", "08-123 456 00"],
                [],
                [
                    "Behandling\n(vad gör vi?)", "Ändamål – varför behandlas uppgifterna?",
                    "Kategorier av registrerade – vilka personer gäller det?",
                    "Kategorier av personuppgifter – vilka uppgifter?", "Rättslig grund enligt art. 6.1 (a–f)",
                    "Lagringstid – hur länge sparas uppgifterna och varför?", "Mottagare",
                ],
                [
                    "Kundregister", "Administrera kundförhållandet", "Kunder, kontaktpersoner",
                    "Namn, e-post, telefonnummer, företagsnamn", "Art. 6.1 b",
                    "fem år efter att kundförhållandet avslutats",
                    "",
                ],
                [
                    "Ärendehantering", "Hantera kundärenden", "Kunder", "Namn, ärendeuppgifter", "6.1 b avtal",
                    "som längst 36 månader från ärendets avslut", "",
                ],
                [
                    "Bokföring", "Uppfylla bokföringslagen", "Kunder, leverantörer", "Namn, fakturauppgifter",
                    "Art. 6.1 c rättslig förpliktelse", "i sju hela kalenderår", "Revisor",
                ],
                [
                    "Personalregister", "Administrera anställningar", "Anställda", "Namn, personnummer, adress",
                    "Avtal", "5 år efter avslutad anställning", "Skatteverket",
                ],
                [
                    "Samtalsinspelning", "Dokumentera rådgivning", "Kunder", "Ljudinspelningar",
                    "Rättslig förpliktelse", "Sparas 2 månader", "",
                ],
            ],
            [
                Expected(
                    name: "Kundregister", subjects: ["customers", "contact_persons"],
                    data: ["name", "email", "phone", "company"], bases: [.contract],
                    retention: "relationship.end + 5y"),
                Expected(
                    name: "Ärendehantering", subjects: ["customers"], data: ["name", "case_content"],
                    bases: [.contract], retention: "case.closed + 36mo"),
                Expected(
                    name: "Bokföring", subjects: ["customers", "suppliers"], data: ["name", "billing"],
                    bases: [.legalObligation], retention: "end-of-year(collected) + 7y"),
                Expected(
                    name: "Personalregister", subjects: ["employees"],
                    data: ["name", "personal_identity_number", "address"], bases: [.contract],
                    retention: "employment.end + 5y"),
                Expected(
                    name: "Samtalsinspelning", subjects: ["customers"], data: ["recordings"],
                    bases: [.legalObligation], retention: "collected + 2mo"),
            ]
        ),
        (
            "an English record with the basis first and points only",
            [
                ["Ref", "Lawful basis", "Retention", "Purpose", "Data subjects", "Data categories", "System"],
                [
                    "R1", "6(1)(b)", "3 years after account closure", "Running customer accounts", "Customers",
                    "Name, Email, Address", "CRM",
                ],
                [
                    "R2", "6(1)(a)", "Deleted after 12 months", "Product analytics", "Users", "IP address, Cookies",
                    "Analytics",
                ],
                [
                    "R3", "6(1)(c)", "Creation + 7 years", "Tax records", "Customers", "Name, Billing details",
                    "Finance",
                ],
                [
                    "R4", "6(1)(f)", "Up to 24 months", "Fraud monitoring", "Customers, Users",
                    "IP address, Payment details",
                    "Risk engine",
                ],
                [
                    "R5", "6(1)(b)", "Retained for 5 years", "Managing contracts with suppliers", "Suppliers",
                    "Name, Company, Email", "Contracts",
                ],
            ],
            [
                Expected(
                    name: "Running customer accounts", subjects: ["customers"], data: ["name", "email", "address"],
                    bases: [.contract], retention: "account.closed + 3y"),
                Expected(
                    name: "Product analytics", subjects: ["users"], data: ["ip_address", "cookie_id"],
                    bases: [.consent], retention: "collected + 12mo"),
                Expected(
                    name: "Tax records", subjects: ["customers"], data: ["name", "billing"], bases: [.legalObligation],
                    retention: "collected + 7y"),
                Expected(
                    name: "Fraud monitoring", subjects: ["customers", "users"], data: ["ip_address", "payment"],
                    bases: [.legitimateInterests], retention: "collected + 24mo"),
                Expected(
                    name: "Managing contracts with suppliers", subjects: ["suppliers"],
                    data: ["name", "company", "email"], bases: [.contract], retention: "collected + 5y"),
            ]
        ),
    ]

    /// Tables written after the recognition was mended from both tuning sets, and run once to
    /// measure it; not looked at to change it.
    static let heldOut: [(name: String, rows: [[String]], expected: [Expected])] = [
        (
            "a Swedish housing cooperative",
            [
                ["Brf Exempelhuset – behandling av personuppgifter"],
                [],
                [
                    "Behandling", "Varför?", "Vems uppgifter?", "Vilka uppgifter behandlas?", "Laglig grund",
                    "Hur länge?", "Lämnas till",
                ],
                [
                    "Medlemsförteckning", "Föra lägenhetsförteckning", "Medlemmar", "Namn, personnummer, adress",
                    "Rättslig förpliktelse", "Dina personliga data sparas så länge som du är medlem i föreningen.", "",
                ],
                [
                    "Felanmälan", "Åtgärda fel", "Medlemmar", "Namn, telefonnummer, e-post", "Avtal",
                    "under ett års tid efter det att kundförhållandet har upphört", "Fastighetsskötare",
                ],
                [
                    "Kameraövervakning", "Förebygga skadegörelse", "Medlemmar, besökare", "Bilder", "Intresseavvägning",
                    "Inspelningarna sparas maximalt i en vecka och förstörs därefter automatiskt.", "Polisen",
                ],
                [
                    "Andrahandsuthyrning", "Pröva ansökningar", "Medlemmar, hyresgäster",
                    "Namn, personnummer, ansökningshandlingar", "Rättslig förpliktelse", "Avtalstid + 5 år", "",
                ],
            ],
            [
                Expected(
                    name: "Medlemsförteckning", subjects: ["members"],
                    data: ["name", "personal_identity_number", "address"], bases: [.legalObligation],
                    retention: "membership.end"),
                Expected(
                    name: "Felanmälan", subjects: ["members"], data: ["name", "phone", "email"], bases: [.contract],
                    retention: "relationship.end + 1y"),
                Expected(
                    name: "Kameraövervakning", subjects: ["members", "besokare"], data: ["images"],
                    bases: [.legitimateInterests], retention: "collected + 1w"),
                Expected(
                    name: "Andrahandsuthyrning", subjects: ["members", "hyresgaster"],
                    data: ["name", "personal_identity_number", "application"], bases: [.legalObligation],
                    retention: "contract.end + 5y"),
            ]
        ),
        (
            "a gym's sheet",
            [
                [
                    "Area", "Processing purpose", "Who", "Personal information", "Lawful basis under Article 6",
                    "Retention",
                ],
                [
                    "Front desk", "Managing memberships", "Members", "Name, Email, Date of birth, Payment details",
                    "Contract", "deleted automatically after 1 year of no use",
                ],
                [
                    "Trainers", "Booking personal training", "Members", "Name, Health data", "Consent",
                    "They will be held on our system for no more than 12 months.",
                ],
                [
                    "Office", "Employing trainers", "Employees", "Name, Address, Bank details", "Contract",
                    "Up to 6 years (UK statutory tax/accounting retention)",
                ],
                [
                    "Digital", "Running the booking app", "Users", "Email, Login details", "Contract",
                    "user accounts that are dormant for over two years are automatically deleted",
                ],
            ],
            [
                Expected(
                    name: "Managing memberships", subjects: ["members"],
                    data: ["name", "email", "date_of_birth", "payment"], bases: [.contract],
                    retention: "last-activity + 1y"),
                Expected(
                    name: "Booking personal training", subjects: ["members"], data: ["name", "health"],
                    bases: [.consent], retention: "collected + 12mo"),
                Expected(
                    name: "Employing trainers", subjects: ["employees"], data: ["name", "address", "payment"],
                    bases: [.contract], retention: "collected + 6y"),
                Expected(
                    name: "Running the booking app", subjects: ["users"], data: ["email", "login"],
                    bases: [.contract], retention: "last-activity + 2y"),
            ]
        ),
        (
            "a Swedish consultancy with its details as a small table",
            [
                ["Kontaktuppgifter", "Namn", "Adress", "E-post", "Telefon"],
                ["Personuppgiftsansvarig", "Exempel Konsult AB", "Storgatan 1, Umeå", "info@exempelkonsult.se", ""],
                [],
                [
                    "Personuppgiftsbehandling", "Ändamål", "Kategori av registrerade", "Kategori av personuppgifter",
                    "Rättslig grund", "Gallringsfrist", "System",
                ],
                [
                    "Kundavtal", "Fullgöra uppdrag", "Kunder, kontaktpersoner",
                    "Namn, e-post, telefonnummer, befattning",
                    "Avtal", "Avtalstid + 5 år", "Affärssystem",
                ],
                [
                    "Anställda", "Personaladministration", "Anställda", "Namn, personnummer, kontonummer",
                    "Avtal, rättslig förpliktelse", "sparas under hela anställningstiden", "Lönesystem",
                ],
                [
                    "Leads", "Marknadsföring", "Potentiella kunder", "Namn, e-post, företag", "Berättigat intresse",
                    "sparar vi uppgifter i maximalt 6 månader", "CRM",
                ],
                [
                    "Supportsamtal", "Kundsupport", "Kunder", "Namn, ljudinspelningar", "Avtal",
                    "lagras under 20 dagar, därefter kommer detta att raderas automatiskt", "Telefoni",
                ],
            ],
            [
                Expected(
                    name: "Kundavtal", subjects: ["customers", "contact_persons"],
                    data: ["name", "email", "phone", "position"], bases: [.contract], retention: "contract.end + 5y"),
                Expected(
                    name: "Anställda", subjects: ["employees"], data: ["name", "personal_identity_number", "payment"],
                    bases: [.contract, .legalObligation], retention: "employment.end"),
                Expected(
                    name: "Leads", subjects: ["prospects"], data: ["name", "email", "company"],
                    bases: [.legitimateInterests], retention: "collected + 6mo"),
                Expected(
                    name: "Supportsamtal", subjects: ["customers"], data: ["name", "recordings"], bases: [.contract],
                    retention: "collected + 20d"),
            ]
        ),
        (
            "an accountants' record with a notes column",
            [
                [
                    "#", "Processing activity", "Purpose", "Data subject categories", "Data categories",
                    "Legal basis (Art. 6 UK GDPR)", "Retention period", "Notes",
                ],
                [
                    "1", "Tax returns", "Preparing clients' tax returns", "Clients",
                    "Name, National Insurance number, Address", "Art. 6(1)(c) – legal obligation",
                    "3 years from the end of the tax year", "",
                ],
                [
                    "2", "Client onboarding", "Anti-money laundering checks", "Clients", "Name, Date of birth, Address",
                    "Article 6(1)(c)", "Up to 6 years (UK statutory tax/accounting retention)", "Reviewed 2024",
                ],
                [
                    "3", "Newsletter", "Sending tax tips", "Subscribers", "Email", "Consent", "Retained for 6 months",
                    "",
                ],
                [
                    "4", "Website enquiries", "Answering enquiries", "Website visitors", "Name, Email, Phone number",
                    "Legitimate interests", "They will be held on our system for no more than 12 months.", "",
                ],
                [
                    "5", "Payroll bureau", "Running clients' payroll", "Employees", "Name, Bank details", "6(1)(b)",
                    "Retained for 6 months", "",
                ],
            ],
            [
                Expected(
                    name: "Tax returns", subjects: ["customers"],
                    data: ["name", "national-insurance-number", "address"],
                    bases: [.legalObligation], retention: "fiscal-year.end + 3y"),
                Expected(
                    name: "Client onboarding", subjects: ["customers"], data: ["name", "date_of_birth", "address"],
                    bases: [.legalObligation], retention: "collected + 6y"),
                Expected(
                    name: "Newsletter", subjects: ["newsletter_subscribers"], data: ["email"], bases: [.consent],
                    retention: "collected + 6mo"),
                Expected(
                    name: "Website enquiries", subjects: ["website_visitors"], data: ["name", "email", "phone"],
                    bases: [.legitimateInterests], retention: "collected + 12mo"),
                Expected(
                    name: "Payroll bureau", subjects: ["employees"], data: ["name", "payment"], bases: [.contract],
                    retention: "collected + 6mo"),
            ]
        ),
    ]

    /// The rows read right of a set of tables, each table's score printed.
    static func score(_ tables: [(name: String, rows: [[String]], expected: [Expected])], _ set: String) throws
        -> (right: Int, total: Int)
    {
        var right = 0
        var total = 0
        for table in tables {
            let draft = try RopaTemplateTests.draft(table.rows)
            let read = RopaTemplateTests.rightRows(draft, table.expected, report: set == "held-out")
            print("ROPA import, \(set) table (\(table.name)): \(read) of \(table.expected.count) rows read right")
            right += read
            total += table.expected.count
        }
        let share = Int((Double(right) / Double(total) * 100).rounded())
        print(
            "ROPA import, \(set) tables: \(right) of \(total) rows (\(share)%) read right on activity, data subjects, data categories, legal basis and retention rule"
        )
        return (right, total)
    }

    @Test("At least 90% of the rows of tables never seen read right on all five answers")
    func unseenTables() throws {
        let tuning = try Self.score(Self.tuning + Self.tuningSecond, "tuning")
        #expect(Double(tuning.right) >= 0.9 * Double(tuning.total))
        let heldOut = try Self.score(Self.heldOut, "held-out")
        #expect(Double(heldOut.right) >= 0.9 * Double(heldOut.total), "\(heldOut.right) of \(heldOut.total) rows")
    }
}
