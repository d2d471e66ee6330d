/// The closed list of wording that carries no meaning for the day: who keeps what, and how it
/// goes. A word outside every list of the lexicon names what is kept, who keeps it or why; the
/// wording that can move the day is the closed class (`PhraseLexicon+ClosedClass.swift`).
extension PhraseLexicon {
    /// Fixed expressions that carry no meaning for the day.
    static let fillerPhrases: [Entry] = [
        sv(
            "(?:och )?används inte (?:för|i|till) (?:något|några) (?:annat|andra) (?:syfte|syften|ändamål)|enligt (?!bokföringslag)\\p{L}+lag(?:en|ens)?|\\((?:pga |på grund av |enligt )?preskription\\w*\\)|(?:på grund av|pga\\.?|med hänsyn till) (?:den )?(?:allmänna )?preskription\\w*|enligt|i enlighet med|så att|äldre än|(?:har )?ägt rum|äger rum|eller återlämnas|på grund av|i syfte att|för att|eller anonymiseras|eller avidentifieras|tas bort|har kvar|\\p{L}+-(?:,| (?:och|eller))",
            .filler("")),
        en(
            "(?:the )?(?:anti-)?money laundering (?:regulations?|act|rules|law)|\\((?:the )?(?:statute of limitations|limitation period)\\)|as required by|required by|older than|the relevant|used to be|in order to|so that we can|so that|so we can|in accordance with|according to|pursuant to|due to|in line with|based on|to comply with|for the purposes? of|on file|or anonymi[sz]ed|over ?written|at the end of (?:which|that|this) period|(?:which|that) (?:is|are) of relevance (?:for|to) (?:the|our|your) \\w+|a period of|for a period of|(?:has )?(?:taken|takes|took) place|(?:has|have) passed|(?:has |have |had )?(?:come|comes|came) to an end|(?:the )?part of (?:the |your )?(?:\\w+ )?(?:documentation|documents|files?|records?) (?:that|which) (?:possibly )?contains? personal data|(?:permanently|securely) (?:deleted|removed|erased)|(?:deleted|removed|erased) permanently",
            .filler("")),
        // "26 månader, innan de anonymiseras": before the erasure is the erasure itself.
        sv(
            "innan (?:de|den|det|dessa|uppgifterna|informationen|materialet) (?:kommer att )?(?:anonymiseras|raderas|gallras|förstörs|tas bort|avidentifieras)",
            .filler("")),
        en(
            "before (?:they|it|the data|the information) (?:is|are|will be|gets|get) (?:deleted|erased|anonymi[sz]ed|destroyed|removed|disposed of)",
            .filler("")),
        // A law's number, "(1999:1078)", and the year of an act.
        .init(languages: both, pattern: "\\(?\\d{4}:\\d+\\)?|(?:19|20)\\d{2}", meaning: .piece(.filler(""))),
        // A law's chapter, section or article: "7 kap. 2 §", "art. 6(1)(c)", "section 6".
        .init(
            languages: both,
            pattern:
                "\\d+ ?kap\\.?(?: \\d+ ?§+)?|\\d+ ?§+|§+ ?\\d+|(?:art|article|artikel|section|sektion)\\.? ?\\d+(?:\\(\\d+\\))*(?:\\([a-z]\\))?",
            meaning: .piece(.filler(""))),
    ]

    private static func sv(_ pattern: String, _ piece: PhrasePiece) -> Entry {
        .init(languages: [.sv], pattern: pattern, meaning: .piece(piece))
    }
    private static func en(_ pattern: String, _ piece: PhrasePiece) -> Entry {
        .init(languages: [.en], pattern: pattern, meaning: .piece(piece))
    }

    /// Single words that carry no meaning for the day, after the phrase is split at spaces and
    /// stray punctuation. Compound data nouns ("betalningsuppgifterna") are read by their ending.
    static let fillerWords: [Language: Set<String>] = [
        .sv: [
            // Keeping and erasing.
            "sparas", "sparar", "spara", "sparat", "sparade", "lagras", "lagrar", "lagra", "lagrat", "lagrade",
            "bevaras", "bevarar", "bevara", "behålls", "behåller", "behålla", "förvaras", "förvarar", "förvara",
            "raderas", "raderar", "radera", "gallras", "gallrar", "gallra", "rensas", "rensar", "förstörs",
            "förstör", "makuleras", "anonymiseras", "anonymiserar", "avidentifieras", "behandlas", "behandlar",
            "behandla", "finns", "kvar", "visas", "hålls", "tas", "bort",
            // Grammar.
            "har", "ha", "hade", "är", "var", "vara", "varit", "kunna", "blir", "bli", "kommer", "ska", "skall", "får",
            "kan", "måste",
            "gäller", "kräver", "vi", "du", "ni", "dig", "din", "dina", "ditt", "er", "era", "ert", "oss", "vår",
            "våra", "vårt", "de", "dem", "den", "det", "denna", "detta", "dessa", "man", "en", "ett", "i", "på", "med",
            "av", "hos",
            "för", "om", "att", "som", "ur", "respektive", "även", "också", "endast", "bara", "enbart", "dock",
            "automatiskt", "helt",
            "säkert", "där", "alla", "all", "allt", "hela", "tillhörande", "ev", "eventuella", "eventuellt",
            // What is kept.
            "uppgifter", "uppgifterna", "uppgift", "uppgiften", "personuppgifter", "personuppgifterna",
            "information", "informationen", "data", "datan", "personliga", "personlig", "material", "materialet",
            "handlingar", "handlingarna", "handling", "samtal", "samtalen", "inspelningar", "inspelningarna",
            "inspelning", "e-post", "e-posten", "loggar", "loggarna", "loggfiler", "filmer", "filmerna", "bilder",
            "bilderna", "underlag", "underlaget", "dokument", "dokumenten", "ansökningar", "ansökan", "systemet",
            "systemen", "databasen", "registret", "tid", "tiden", "tidpunkten", "dagen", "datum", "datumet",
            "period", "perioden", "nyhetsbrev", "nyhetsbrevet", "utskick", "utskicken", "namn", "adress", "adresser",
            "e-postadress", "e-postadresser", "telefonnummer", "personnummer", "cv", "cv:n", "cv:t", "brev", "foto",
            "foton", "fotografier", "video", "videor", "ip-adress", "ip-adresser", "kakor", "cookies", "betyg",
            "intyg", "referenser", "anteckningar", "fakturor", "kvitton", "beställningar", "order", "köphistorik",
            "historik", "meddelanden", "chatt", "chattar", "chatthistorik", "kommentarer", "recensioner", "svar",
            "enkätsvar", "filer", "kopior", "kund", "kunden", "kunder", "kundens", "medlemmar", "anställda", "besökare",
            "sökande", "kandidater", "personligt",
            // How an event is said to happen: "avslutad anställning", "kampanjens slut".
            "avslutad", "avslutat", "avslutade", "avslutats", "avslutas", "avslut", "slut", "slutet", "upphört",
            "upphör", "upphörande", "upphörandet", "stängts", "stängs", "stängt", "utgång", "utgången", "pågår",
            "återkallas", "återkallats", "återkallat", "avslutades", "öppet", "öppen", "pågående", "handläggning",
            "handläggningen",
        ],
        .en: [
            // Keeping and erasing.
            "keep", "keeps", "kept", "retain", "retains", "retained", "store", "stores", "stored", "hold", "holds",
            "held", "delete", "deletes", "deleted", "erase", "erased", "remove", "removes", "removed", "removal",
            "deletion", "destroy", "destroyed", "anonymise", "anonymised", "anonymize", "anonymized", "purge",
            "purged", "wipe", "wiped", "incinerated", "processed", "retention", "maintain", "maintains", "maintained",
            "automatically", "securely",
            "permanently", "finally", "then",
            // Grammar.
            "is", "are", "be", "been", "being", "was", "were", "will", "shall", "may", "can", "must", "would",
            "have", "has", "had", "we", "you", "your", "our", "us", "it", "its", "they", "them", "their", "this",
            "that", "these", "those", "which", "who", "the", "a", "an", "all", "any", "for", "of", "in", "on", "to",
            "by", "with", "at", "per", "current",
            // What is kept, and why.
            "data", "personal", "information", "details", "record", "records", "file", "files", "system",
            "systems", "app", "servers", "database", "recordings", "calls", "emails", "e-mails", "email", "logs",
            "footage", "images", "messages", "documents", "correspondence", "support", "account", "accounts",
            "profile", "profiles", "name", "names", "address", "addresses", "phone", "telephone", "number",
            "numbers", "cv", "cvs", "resume", "cover", "letter", "letters", "photo", "photos", "photographs",
            "video", "videos", "ip", "cookies", "notes", "references", "invoices", "receipts", "orders", "history",
            "comments", "reviews", "answers", "surveys", "chat", "chats", "transcripts", "copies", "customer",
            "customers", "user", "users", "members", "employees", "visitors", "subscribers", "applicants",
            "candidates", "contact", "payment", "transaction", "transactions", "identity",
            "period", "time", "date", "legal", "law", "laws", "legislation", "requirement", "requirements",
            "statutory", "regulatory", "tax", "accounting", "compliance", "comply", "purposes", "purpose", "rules",
            "act", "uk", "eu", "swedish", "dutch", "british", "hmrc", "companies", "discrimination", "newsletter",
            "newsletters", "mailings", "about", "policy", "policies", "guidelines", "guideline", "schedule",
            "destruction", "currently", "means", "complete", "without",
            // How an event is said to happen: "after the end of employment", "the case is closed".
            "end", "ends", "ended", "closed", "completed", "finished", "finishes", "terminated", "expires", "expired",
            "ceases", "ceased", "withdrawn", "obligation", "obligations", "occurred", "termination", "cancellation",
        ],
    ]

    /// Compound Swedish data nouns: "kunduppgifter", "betalningsuppgifterna", "jobbansökningar".
    /// Only names of things kept: never a word of time ("tiden"), which would let
    /// "uppsägningstiden" pass as filler.
    static let fillerEndings = [
        "uppgifter", "uppgifterna", "uppgiften", "ansökningar", "ansökan", "handlingar", "handlingarna", "information",
        "informationen", "data", "system", "systemet", "systemen", "loggar", "loggarna", "statistik", "statistiken",
        "detaljer", "detaljerna", "plattform", "plattformen", "bilagor", "bilagorna", "bilaga", "inspelningar",
        "inspelningarna", "inspelning", "filer", "filerna", "dokument", "dokumenten", "listor", "listan", "register",
        "registret", "underlag", "underlaget", "materialet", "historik", "historiken", "adresser", "nummer",
        "meddelanden", "korrespondens", "anteckningar", "journaler", "journalen", "kopior", "bilder", "bilderna",
        "fotografier", "skäl", "sökning", "övervakningen", "övervakning", "bevakningen", "funktionen", "funktion",
        "material", "föreningen", "föreningens",
    ]
}
