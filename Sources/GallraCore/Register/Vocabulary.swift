/// A kind of personal data (Art. 30(1)(c)), with its fideslang key and whether Art. 9 applies.
public struct DataCategory: Hashable, Sendable {
    public let id: String
    public let name: LocalizedText
    /// The matching key of the fideslang taxonomy, where one exists.
    public let fideslangKey: String?
    /// GDPR Art. 9: special categories of personal data.
    public let isSpecial: Bool

    public init(id: String, name: LocalizedText, fideslangKey: String? = nil, isSpecial: Bool = false) {
        self.id = id
        self.name = name
        self.fideslangKey = fideslangKey
        self.isSpecial = isSpecial
    }
}

/// A category of data subjects (Art. 30(1)(c)): customers, job applicants, …
public struct DataSubjectCategory: Hashable, Sendable {
    public let id: String
    public let name: LocalizedText
    public let fideslangKey: String?

    public init(id: String, name: LocalizedText, fideslangKey: String? = nil) {
        self.id = id
        self.name = name
        self.fideslangKey = fideslangKey
    }
}

extension DataCategory {
    public static let builtIn: [DataCategory] = [
        .init(id: "name", name: .init(sv: "Namn", en: "Name"), fideslangKey: "user.name"),
        .init(
            id: "contact_details", name: .init(sv: "Kontaktuppgifter", en: "Contact details"),
            fideslangKey: "user.contact"),
        .init(id: "email", name: .init(sv: "E-postadress", en: "E-mail address"), fideslangKey: "user.contact.email"),
        .init(
            id: "phone", name: .init(sv: "Telefonnummer", en: "Telephone number"),
            fideslangKey: "user.contact.phone_number"),
        .init(id: "address", name: .init(sv: "Adress", en: "Postal address"), fideslangKey: "user.contact.street"),
        .init(
            id: "personal_identity_number", name: .init(sv: "Personnummer", en: "Personal identity number"),
            fideslangKey: "user.government_id.national_identification_number"),
        .init(
            id: "billing", name: .init(sv: "Faktureringsuppgifter", en: "Billing details"),
            fideslangKey: "user.financial"),
        .init(
            id: "payment", name: .init(sv: "Betalningsuppgifter", en: "Payment details"),
            fideslangKey: "user.financial.account_number"),
        .init(
            id: "customer_number", name: .init(sv: "Kundnummer", en: "Customer number"), fideslangKey: "user.unique_id"),
        .init(id: "position", name: .init(sv: "Befattning", en: "Position"), fideslangKey: "user.job_title"),
        .init(id: "company", name: .init(sv: "Företag", en: "Company"), fideslangKey: "user.workplace"),
        .init(id: "ip_address", name: .init(sv: "IP-adress", en: "IP address"), fideslangKey: "user.device.ip_address"),
        .init(
            id: "cookie_id", name: .init(sv: "Cookie-id", en: "Cookie identifier"),
            fideslangKey: "user.device.cookie_id"),
        .init(
            id: "login", name: .init(sv: "Inloggningsuppgifter", en: "Login details"), fideslangKey: "user.credentials"),
        .init(id: "recordings", name: .init(sv: "Ljudinspelningar", en: "Sound recordings"), fideslangKey: nil),
        .init(id: "images", name: .init(sv: "Foto och film", en: "Photos and film"), fideslangKey: nil),
        .init(id: "case_content", name: .init(sv: "Ärendeuppgifter", en: "Case details"), fideslangKey: nil),
        .init(
            id: "customer_files", name: .init(sv: "Uppgifter i kundens filer", en: "Data in the customer's files"),
            fideslangKey: nil),
        .init(id: "application", name: .init(sv: "Ansökningshandlingar", en: "Job application"), fideslangKey: nil),
        .init(id: "usage", name: .init(sv: "Användningsdata", en: "Usage data"), fideslangKey: "user.observed"),
        .init(
            id: "download_log", name: .init(sv: "Nedladdningslogg", en: "Download log"), fideslangKey: "user.observed"),
        .init(
            id: "date_of_birth", name: .init(sv: "Födelsedatum", en: "Date of birth"),
            fideslangKey: "user.date_of_birth"),
        .init(id: "location", name: .init(sv: "Platsuppgifter", en: "Location data"), fideslangKey: "user.location"),
        // GDPR Art. 9(1): special categories of personal data.
        .init(
            id: "health", name: .init(sv: "Hälsouppgifter", en: "Health data"),
            fideslangKey: "user.health_and_medical", isSpecial: true),
        .init(
            id: "ethnic_origin", name: .init(sv: "Etniskt ursprung", en: "Racial or ethnic origin"),
            fideslangKey: "user.race", isSpecial: true),
        .init(
            id: "political_opinions", name: .init(sv: "Politiska åsikter", en: "Political opinions"),
            fideslangKey: "user.political_opinion", isSpecial: true),
        .init(
            id: "religious_beliefs", name: .init(sv: "Religiös övertygelse", en: "Religious or philosophical beliefs"),
            fideslangKey: "user.religious_belief", isSpecial: true),
        .init(
            id: "trade_union_membership", name: .init(sv: "Medlemskap i fackförening", en: "Trade union membership"),
            isSpecial: true),
        .init(
            id: "genetic", name: .init(sv: "Genetiska uppgifter", en: "Genetic data"), fideslangKey: "user.genetic",
            isSpecial: true),
        .init(
            id: "biometric",
            name: .init(sv: "Biometriska uppgifter för identifiering", en: "Biometric data for identification"),
            fideslangKey: "user.biometric", isSpecial: true),
        .init(
            id: "sex_life", name: .init(sv: "Sexualliv eller sexuell läggning", en: "Sex life or sexual orientation"),
            fideslangKey: "user.sexual_orientation", isSpecial: true),
    ]
}

extension DataSubjectCategory {
    public static let builtIn: [DataSubjectCategory] = [
        .init(id: "customers", name: .init(sv: "Kunder", en: "Customers"), fideslangKey: "customer"),
        .init(
            id: "prospects", name: .init(sv: "Potentiella kunder", en: "Prospective customers"),
            fideslangKey: "prospect"),
        .init(
            id: "website_visitors", name: .init(sv: "Besökare på webbplatsen", en: "Website visitors"),
            fideslangKey: "anonymous_user"),
        .init(
            id: "job_applicants", name: .init(sv: "Arbetssökande", en: "Job applicants"), fideslangKey: "job_applicant"),
        .init(id: "suppliers", name: .init(sv: "Leverantörer", en: "Suppliers"), fideslangKey: "supplier_vendor"),
        .init(id: "employees", name: .init(sv: "Anställda", en: "Employees"), fideslangKey: "employee"),
        .init(id: "contact_persons", name: .init(sv: "Kontaktpersoner", en: "Contact persons"), fideslangKey: nil),
        .init(id: "users", name: .init(sv: "Användare", en: "Users"), fideslangKey: nil),
        .init(id: "members", name: .init(sv: "Medlemmar", en: "Members"), fideslangKey: nil),
        .init(
            id: "newsletter_subscribers", name: .init(sv: "Prenumeranter", en: "Newsletter subscribers"),
            fideslangKey: nil),
        .init(
            id: "event_participants", name: .init(sv: "Deltagare", en: "Event participants"), fideslangKey: "visitor"),
    ]
}
