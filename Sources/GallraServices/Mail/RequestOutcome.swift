import Foundation
import GallraCore

/// What a person is told when their request has been dealt with, in their language: read from what
/// was done — the decisions as carried out, the changes made in the connected databases, the
/// values corrected — never from what the caller meant to do.
struct RequestOutcome: Sendable {
    let kind: RequestKind
    let decisions: [RightsDecision]
    let connected: [ConnectedChange]
    let corrected: [RequestCompletion.Correction]
    /// The copy holds something (access, portability).
    let holdsData: Bool
    let register: Register

    /// The lines that say what was done, and what was not and why.
    func lines(_ language: Language) -> [String] {
        let sv = language == .sv
        var lines: [String] = []
        func name(_ activity: String) -> String { register.activity(activity)?.name[language] ?? activity }
        // The reason says until when, where that is known.
        func kept(_ decision: RightsDecision) -> String {
            "– \(name(decision.activity)): \(decision.reason[language]) (\(decision.article))"
        }
        let acted = decisions.filter { $0.action != .keep }
        let keptDecisions = decisions.filter { $0.action == .keep }
        switch kind {
        case .access, .portability:
            if !holdsData {
                lines.append(sv ? "Vi har inga personuppgifter om dig." : "We hold no personal data about you.")
            }
        case .rectification:
            if corrected.isEmpty {
                lines.append(sv ? "Vi har inte rättat något." : "We have corrected nothing.")
            } else {
                lines.append(sv ? "Vi har rättat:" : "We have corrected:")
                // What was corrected by its data category's name, as the register gives it.
                lines += corrected.map {
                    "– \(register.category($0.what)?.name[language] ?? $0.what) (\(name($0.activity)))"
                }
            }
        case .erasure:
            let erased = acted.filter { $0.action == .erase }
            let anonymised = acted.filter { $0.action == .anonymise }
            if erased.isEmpty && anonymised.isEmpty && keptDecisions.isEmpty {
                lines.append(
                    sv
                        ? "Vi har inga personuppgifter om dig att radera."
                        : "We hold no personal data about you to erase.")
            }
            if !erased.isEmpty {
                lines.append(sv ? "Vi har raderat dina uppgifter i:" : "We have erased your data in:")
                lines += erased.map { "– \(name($0.activity))" }
            }
            if !anonymised.isEmpty {
                lines.append(sv ? "Vi har avidentifierat dina uppgifter i:" : "We have anonymised your data in:")
                lines += anonymised.map { "– \(name($0.activity))" }
            }
        case .restriction:
            let restricted = acted.filter { $0.action == .restrict }
            if !restricted.isEmpty {
                lines.append(
                    sv
                        ? "Vi sparar men använder inte längre dina uppgifter i:"
                        : "We keep but no longer use your data in:")
                lines += restricted.map { "– \(name($0.activity))" }
            }
        case .objection, .withdrawConsent:
            let stopped = acted.filter { $0.action == .stop }
            if !stopped.isEmpty {
                lines.append(
                    kind == .objection
                        ? (sv
                            ? "Vi har slutat behandla dina uppgifter för:"
                            : "We have stopped processing your data for:")
                        : (sv ? "Ditt samtycke är återkallat för:" : "Your consent is withdrawn for:"))
                lines += stopped.map { "– \(name($0.activity))" }
            }
            // Direct marketing stops without exception, and its data goes (Art. 21(3)).
            if kind == .objection {
                for (action, swedish, english) in [
                    (
                        DecisionAction.erase,
                        "Vi har slutat med direktmarknadsföring till dig och raderat dina uppgifter i:",
                        "We have stopped direct marketing to you and erased your data in:"
                    ),
                    (
                        .anonymise,
                        "Vi har slutat med direktmarknadsföring till dig och avidentifierat dina uppgifter i:",
                        "We have stopped direct marketing to you and anonymised your data in:"
                    ),
                ] {
                    let gone = acted.filter { $0.action == action }
                    guard !gone.isEmpty else { continue }
                    lines.append(sv ? swedish : english)
                    lines += gone.map { "– \(name($0.activity))" }
                }
            }
        }
        // Rows that had to stay because a row that is kept refers to them.
        let stayed = connected.filter { $0.action == .kept }
        if kind == .erasure, !stayed.isEmpty {
            lines.append(
                sv
                    ? "\(stayed.count) \(stayed.count == 1 ? "uppgift" : "uppgifter") kunde inte raderas, eftersom uppgifter vi måste spara hänvisar till dem; de raderas när de uppgifterna raderas."
                    : "\(stayed.count) \(stayed.count == 1 ? "item" : "items") could not be erased, because data we must keep refers to them; they are erased when that data is."
            )
        }
        if !keptDecisions.isEmpty, kind != .access, kind != .portability {
            lines.append(sv ? "Vi sparar, och varför:" : "What we keep, and why:")
            lines += keptDecisions.map(kept)
        }
        // Each heading after the first stands apart.
        lines = lines.enumerated().flatMap { index, line in
            index > 0 && !line.hasPrefix("–") ? ["", line] : [line]
        }
        if lines.isEmpty {
            lines.append(
                sv
                    ? "Begäran gällde inga uppgifter som vi behandlar om dig."
                    : "The request concerned no data we process about you.")
        }
        return lines
    }

    /// Art. 12(4), 77 and 79: where the person can turn if not satisfied.
    /// The ground of a refusal as the person reads it, with its article.
    static func ground(_ ground: RequestRefusal.Ground, _ language: Language) -> String {
        let sv = language == .sv
        let text =
            switch ground {
            case .manifestlyUnfounded: sv ? "begäran är uppenbart ogrundad" : "the request is manifestly unfounded"
            case .excessive: sv ? "begäran är orimlig" : "the request is excessive"
            case .notIdentified:
                sv ? "vi har inte kunnat fastställa din identitet" : "we could not establish your identity"
            case .exemption:
                sv ? "ett undantag i lag begränsar rättigheten" : "an exemption in law limits the right"
            }
        return "\(text) (\(sv ? ground.article.replacingOccurrences(of: "Art.", with: "art.") : ground.article))"
    }

    static func rights(_ language: Language) -> String {
        language == .sv
            ? "Om du inte är nöjd med hur vi har hanterat din begäran kan du klaga hos Integritetsskyddsmyndigheten (IMY), www.imy.se. Du har också rätt att gå till domstol."
            : "If you are not satisfied with how we have dealt with your request, you can complain to the Swedish Authority for Privacy Protection (IMY), www.imy.se. You also have the right to go to court."
    }
}
