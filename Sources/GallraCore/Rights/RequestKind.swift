/// What a data subject asks for (GDPR Chapter III).
public enum RequestKind: String, CaseIterable, Hashable, Sendable {
    case access
    case rectification
    case erasure
    case restriction
    case objection
    case portability
    case withdrawConsent = "withdraw-consent"

    /// The article that gives the right.
    public var article: String {
        switch self {
        case .access: return "Art. 15"
        case .rectification: return "Art. 16"
        case .erasure: return "Art. 17"
        case .restriction: return "Art. 18"
        case .objection: return "Art. 21"
        case .portability: return "Art. 20"
        case .withdrawConsent: return "Art. 7(3)"
        }
    }

    /// Whether the person names the activities it concerns (Art. 7(3), 18, 21), which the officer
    /// may narrow or widen with a reason.
    public var namesActivities: Bool { self == .objection || self == .withdrawConsent || self == .restriction }

    public var name: LocalizedText {
        switch self {
        case .access: return .init(sv: "Registerutdrag (tillgång)", en: "Access")
        case .rectification: return .init(sv: "Rättelse", en: "Rectification")
        case .erasure: return .init(sv: "Radering", en: "Erasure")
        case .restriction: return .init(sv: "Begränsning av behandling", en: "Restriction of processing")
        case .objection: return .init(sv: "Invändning", en: "Objection")
        case .portability: return .init(sv: "Dataportabilitet", en: "Data portability")
        case .withdrawConsent: return .init(sv: "Återkallat samtycke", en: "Withdrawal of consent")
        }
    }
}

extension RequestKind {
    /// Whether answering sends the person a copy of their data (access, Art. 15(3); portability,
    /// Art. 20(1)) rather than a confirmation.
    public var sendsCopy: Bool { self == .access || self == .portability }
}
