/// Names of kinds of personal data and of the people and places they come from: they say what is
/// kept, never for how long. English from the personal data taxonomy of W3C DPV 2.3 (`pd:`, split
/// into words; those that could name a time, such as "birth", "age" or "status", left out) and a
/// few met in published wording (bookings, forms, savings, clubs, gyms, documentation); Swedish
/// from the names of Gallra's own vocabulary of categories and data subjects, with bookings,
/// accounts, forms and services.
extension PhraseLexicon {
    static let dataWords: [Language: Set<String>] = [
        .sv: [
            // What the data is about, and the authorities whose rules keep it.
            "inkommande", "utgående", "relaterade", "gällande", "avseende", "rörande", "myndighet", "myndigheter",
            "myndighetens", "namnet", "internetleverantör", "säkerhetsskäl", "föreningen", "klubben", "hans", "hennes",
            "deras", "sin", "sina", "sitt", "papperskorg", "papperskorgen",
            "anställd", "ansökningshandlingar", "användare", "användningsdata",
            "arbetssökande", "befattning", "befattningar", "biometriska", "bokning", "bokningar",
            "cookie-id", "deltagare", "etniskt", "fackförening", "film", "formulär", "formuläret", "födelsedatum",
            "företag", "företaget", "genetiska", "hälsouppgifter", "identifiering", "kontaktperson", "kontaktpersoner",
            "kontaktuppgifter", "konto", "konton", "kontot", "kundnummer", "leverantör", "leverantörer",
            "ljudinspelningar", "läggning", "medlem", "nedladdningslogg", "platsuppgifter", "politiska", "potentiella",
            "prenumerant",
            "prenumeranter", "religiös", "sexualliv", "sexuell", "tjänst", "tjänsten", "tjänster", "tjänsterna",
            "ursprung", "webbplats", "webbplatsen", "ärendeuppgifter", "åsikter", "övertygelse",
        ],
        .en: [
            // What the data is about, and the authorities whose rules keep it.
            "related", "relating", "regarding", "concerning", "incoming", "outgoing", "captured", "financial",
            "conduct", "authority", "authorities", "regulator", "regulators", "keeping",
            "invoice", "analytics", "council", "trash", "bin", "marketing", "log", "logged", "large", "amount", "amounts", "backup", "backups", "recorded", "person", "persons", "people", "member", "co-op", "unrecoverable",
            "process", "processes", "processing", "we'll", "we're", "we've", "you're", "you'll", "it's", "they'll",
            "accent", "accents", "acquaintance", "acquaintances", "affiliation", "affiliations", "agent", "agents",
            "apartment", "apartments", "application", "applications", "association", "associations", "attitude",
            "attitudes", "authenticating", "authentication", "authentications", "bank", "banks", "behaviour",
            "behavioural", "belief", "beliefs", "biometric", "biometrics", "blood", "booking", "bookings", "browser",
            "browsers", "browsing", "browsings", "capacities", "capacity", "car", "card", "cards", "cars",
            "certification", "certifications", "characteristic", "characteristics", "cities", "citizenship", "city",
            "clicked", "club", "clubs", "code", "codes", "colour", "communication", "communications", "connection",
            "connections", "consumption", "consumptions", "content", "coordinate", "coordinates", "countries",
            "country", "credit", "credits", "criminal", "criminals", "demographic", "demographics", "device",
            "devices", "dialect", "dialects", "digital", "disabilities", "disability", "disciplinaries",
            "disciplinary", "dna", "documentation", "domicile", "domiciles", "drug", "drugs", "emotion", "emotions",
            "ethnic", "ethnicity", "external", "facial", "facials", "families", "family", "favourite", "fingerprint",
            "fingerprints", "food", "form", "forms", "friend", "friends", "gender", "genetic", "genetics",
            "geographic", "geographics", "gps", "gym", "gyms", "habit", "habits", "hair", "health", "height",
            "historical", "home", "homes", "house", "household", "households", "houses", "id", "identifier",
            "identifiers", "identifying", "income", "individual", "insurance", "interest", "interests", "internal",
            "interview", "interviews", "job", "jobs", "knowledge", "licence", "licences", "license", "licenses",
            "link", "links", "loan", "loans", "localities", "locality", "location", "locations", "mac", "mail",
            "mails", "marital", "media", "medical", "mental", "metadata", "mood", "moods", "music", "nationality",
            "network", "networks", "offence", "offences", "official", "opinion", "opinions", "origin", "origins",
            "owned", "ownership", "parent", "parents", "passport", "passports", "password", "passwords",
            "performance", "performances", "personalities", "personality", "philosophical", "physical", "picture",
            "pictures", "piercing", "piercings", "pin", "pins", "political", "possession", "possessions", "postal",
            "preference", "preferences", "print", "prints", "privacy", "professional", "publicly", "qualification",
            "qualifications", "race", "referral", "referrals", "region", "regions", "religion", "religious",
            "reputation", "residency", "retina", "retinas", "room", "rooms", "salaries", "salary", "sale", "sales",
            "saving", "savings", "secret", "secrets", "service", "services", "sexual", "sibling", "siblings", "skin",
            "social", "software", "tattoo", "tattoos", "technical", "tracking", "trait", "traits", "transactional",
            "travel", "tv", "uid", "usage", "username", "vehicle", "vehicles", "voice", "voices", "vulnerabilities",
            "vulnerability", "weight",
        ],
    ]
}
