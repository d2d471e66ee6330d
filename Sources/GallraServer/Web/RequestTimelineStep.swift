import Foundation
import GallraCore
import GallraServices

/// One line of a request's timeline as its page shows it: when, what (in the user's words) and
/// by whom, with the decisions on the completion's line.
struct TimelineStep: Encodable, Sendable {
    struct Decision: Encodable, Sendable {
        let activity: String
        let action: String
        let article: String
    }

    let when: String
    let what: String
    let who: String
    let detail: String?
    let decisions: [Decision]
    let hasDecisions: Bool

    init(_ step: RequestStep, calendar: ZonedCalendar, words: Words, activityName: (String) -> String = { $0 }) {
        when = AdminPage.moment(step.at, calendar)
        what = words[Self.word(step.event)]
        who = Self.actor(step.actor, words: words)
        // The entry's own words are codes, shown only for a kind of step this page does not name.
        switch step.event {
        case .other(let action): detail = "\(action): \(step.detail)"
        case .rescoped(let activities):
            detail = activities.isEmpty ? words[.scopeAll] : activities.map(activityName).joined(separator: ", ")
        default: detail = nil
        }
        decisions = step.decisions.map { decision in
            .init(
                activity: activityName(decision.activity),
                action: DecisionAction(rawValue: decision.action).map { words[.action($0)] } ?? decision.action,
                article: decision.article)
        }
        hasDecisions = !decisions.isEmpty
    }

    static func word(_ event: RequestStep.Event) -> Word {
        switch event {
        case .opened: .stepOpened
        case .verified: .stepVerified
        case .extended: .stepExtended
        case .grounds: .stepGrounds
        case .corrected: .stepCorrected
        case .taskDone: .stepTaskDone
        case .completed: .stepCompleted
        case .connected: .stepConnected
        case .lifted: .stepLifted
        case .copyDownloaded: .stepCopyDownloaded
        case .downloadRefused: .stepDownloadRefused
        case .mailQueued: .stepMailQueued
        case .mailSent: .stepMailSent
        case .mailFailed: .stepMailFailed
        case .refused: .stepRefused
        case .rescoped: .stepRescoped
        case .other: .stepOther
        }
    }

    /// "user:anna@firma.se" → "anna@firma.se"; the person themselves and the privacy pages by name.
    static func actor(_ actor: String, words: Words) -> String {
        if actor.hasPrefix("subject:") { return words[.actorPerson] }
        if actor == "system:privacy-page" { return words[.actorPrivacyPage] }
        guard let colon = actor.firstIndex(of: ":") else { return actor }
        return String(actor[actor.index(after: colon)...])
    }
}
