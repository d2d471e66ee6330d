/// Country names for the documents, by ISO 3166-1 alpha-2 code; other codes are shown as they are.
enum CountryNames {
    static let names: [String: LocalizedText] = [
        "US": .init(sv: "USA", en: "the United States"),
        "GB": .init(sv: "Storbritannien", en: "the United Kingdom"),
        "CH": .init(sv: "Schweiz", en: "Switzerland"),
        "CA": .init(sv: "Kanada", en: "Canada"),
        "JP": .init(sv: "Japan", en: "Japan"),
        "KR": .init(sv: "Sydkorea", en: "South Korea"),
        "IN": .init(sv: "Indien", en: "India"),
        "CN": .init(sv: "Kina", en: "China"),
        "AU": .init(sv: "Australien", en: "Australia"),
        "BR": .init(sv: "Brasilien", en: "Brazil"),
        "IL": .init(sv: "Israel", en: "Israel"),
        "NZ": .init(sv: "Nya Zeeland", en: "New Zealand"),
        "SG": .init(sv: "Singapore", en: "Singapore"),
        "UA": .init(sv: "Ukraina", en: "Ukraine"),
        "PH": .init(sv: "Filippinerna", en: "the Philippines"),
    ]

    static func name(_ code: String, _ language: Language) -> String { names[code]?[language] ?? code }
}
