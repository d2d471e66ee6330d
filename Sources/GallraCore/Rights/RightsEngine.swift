/// Decides a data subject request for every activity that holds data on the subject, each
/// decision with the article that applies and the reason in Swedish and English. Pure: the same
/// register and holdings give the same decisions.
public struct RightsEngine: Sendable {
    public let context: RightsContext

    public init(_ context: RightsContext) {
        self.context = context
    }

    public func decide(_ kind: RequestKind) -> [RightsDecision] {
        concerned(by: kind).map { holding, activity in
            switch kind {
            case .access: return access(activity)
            case .rectification: return rectification(activity)
            case .erasure: return erasure(holding, activity)
            case .restriction: return restriction(activity)
            case .objection: return objection(holding, activity)
            case .portability: return portability(activity)
            case .withdrawConsent: return withdrawal(holding, activity)
            }
        }
    }

    /// The activities holding data on the subject (and, for a withdrawal, those it consented to),
    /// in the register's order, narrowed to the request's scope.
    private func concerned(by kind: RequestKind) -> [(ActivityHolding, ProcessingActivity)] {
        var holdings = Dictionary(context.holdings.map { ($0.activity, $0) }, uniquingKeysWith: { first, _ in first })
        if kind == .withdrawConsent {
            for activity in context.consentsInForce where holdings[activity] == nil {
                holdings[activity] = ActivityHolding(activity: activity, records: 0, expires: nil)
            }
        }
        return context.register.activities.compactMap { activity in
            guard let holding = holdings[activity.id], context.scope.map({ $0.contains(activity.id) }) ?? true else {
                return nil
            }
            return (holding, activity)
        }
    }

    // MARK: - Shared wording

    func date(_ holding: ActivityHolding) -> CivilDate? {
        holding.expires.map(context.calendar.localDate(of:))
    }

    /// "2032-01-01", or the rule in words while an event is awaited.
    func whenGone(_ holding: ActivityHolding, _ activity: ProcessingActivity) -> LocalizedText {
        if let date = date(holding) { return LocalizedText("\(date)") }
        let events = context.register.events
        return .init(
            sv: activity.retention.wording(.sv, declaredEvents: events),
            en: activity.retention.wording(.en, declaredEvents: events))
    }

    /// Art. 19: recipients are told of a rectification, erasure or restriction.
    func tellRecipients(_ activity: ProcessingActivity) -> LocalizedText {
        let names = activity.recipients.map { context.register.recipient($0)?.name ?? $0 }
        guard !names.isEmpty else { return LocalizedText("") }
        let list = names.joined(separator: ", ")
        return .init(sv: " Mottagare att underrätta (art. 19): \(list).", en: " Recipients to tell (Art. 19): \(list).")
    }

    func bases(_ activity: ProcessingActivity, _ language: Language) -> String {
        bases(activity.legalBasis, language)
    }

    /// "avtal (Art. 6(1)(b)) och rättslig förpliktelse (Art. 6(1)(c))".
    func bases(_ list: [LegalBasis], _ language: Language) -> String {
        list.map { "\($0.name[language].lowercased()) (\($0.article))" }.joined(
            separator: language == .sv ? " och " : " and ")
    }
}

extension LocalizedText {
    /// The two texts joined, language by language.
    static func + (lhs: LocalizedText, rhs: LocalizedText) -> LocalizedText {
        LocalizedText(sv: lhs[.sv] + rhs[.sv], en: lhs[.en] + rhs[.en])
    }
}

extension ProcessingActivity {
    /// GDPR Art. 20(1)(a): processing on consent or contract.
    var restsOnConsentOrContract: Bool { legalBasis.contains(.consent) || legalBasis.contains(.contract) }

    /// What a portability copy covers: data the person provided, processed on consent or contract.
    public var isPortable: Bool { restsOnConsentOrContract && source == .dataSubject }
}
