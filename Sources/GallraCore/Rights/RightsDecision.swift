/// What happens to one activity's data when a request is carried out.
public enum DecisionAction: String, CaseIterable, Hashable, Sendable {
    case erase
    case anonymise
    /// The data stays as it is (a legal ground to keep it, or the request does not reach it).
    case keep
    /// Kept, but not used or disclosed (Art. 18(2)) until the restriction is lifted.
    case restrict
    /// Processing stops; the data is kept unused until its retention ends.
    case stop
    /// A copy goes to the person.
    case provide
}

/// The decision for one activity, with the article that decides it and the reason in words.
public struct RightsDecision: Hashable, Sendable {
    public var activity: String
    public var action: DecisionAction
    public var article: String
    /// Until when kept data stays, where the request leaves it in place and its end is known.
    public var until: CivilDate?
    public var reason: LocalizedText

    public init(
        activity: String, action: DecisionAction, article: String, until: CivilDate? = nil, reason: LocalizedText
    ) {
        self.activity = activity
        self.action = action
        self.article = article
        self.until = until
        self.reason = reason
    }
}
