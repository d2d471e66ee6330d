/// The six lawful bases of GDPR Art. 6(1).
public enum LegalBasis: String, CaseIterable, Hashable, Sendable {
    case consent
    case contract
    case legalObligation = "legal_obligation"
    case vitalInterests = "vital_interests"
    case publicTask = "public_task"
    case legitimateInterests = "legitimate_interests"

    /// The point of Art. 6(1) that states the basis.
    public var article: String {
        switch self {
        case .consent: return "Art. 6(1)(a)"
        case .contract: return "Art. 6(1)(b)"
        case .legalObligation: return "Art. 6(1)(c)"
        case .vitalInterests: return "Art. 6(1)(d)"
        case .publicTask: return "Art. 6(1)(e)"
        case .legitimateInterests: return "Art. 6(1)(f)"
        }
    }

    /// The names used in Swedish and English registers.
    public var name: LocalizedText {
        switch self {
        case .consent: return .init(sv: "Samtycke", en: "Consent")
        case .contract: return .init(sv: "Avtal", en: "Contract")
        case .legalObligation: return .init(sv: "Rättslig förpliktelse", en: "Legal obligation")
        case .vitalInterests: return .init(sv: "Grundläggande intresse", en: "Vital interests")
        case .publicTask:
            return .init(
                sv: "Allmänt intresse eller myndighetsutövning",
                en: "Public interest or official authority")
        case .legitimateInterests: return .init(sv: "Intresseavvägning", en: "Legitimate interests")
        }
    }
}
