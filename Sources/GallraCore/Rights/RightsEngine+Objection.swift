/// GDPR Art. 21: the right to object, and Art. 7(3): the withdrawal of consent.
extension RightsEngine {
    func objection(_ holding: ActivityHolding, _ activity: ProcessingActivity) -> RightsDecision {
        // Art. 21(2)-(3): direct marketing stops, unconditionally, and its data goes.
        if activity.directMarketing {
            return RightsDecision(
                activity: activity.id, action: activity.onExpiry == .anonymise ? .anonymise : .erase,
                article: "Art. 21(3)",
                reason: .init(
                    sv:
                        "Direktmarknadsföring upphör utan undantag vid invändning, och uppgifterna raderas (art. 21.2–3, 17.1 c).",
                    en:
                        "Direct marketing stops without exception on objection, and its data goes (Art. 21(2)-(3), 17(1)(c))."
                ))
        }
        let objectable = activity.legalBasis.filter { $0 == .legitimateInterests || $0 == .publicTask }
        let other = activity.legalBasis.filter { !objectable.contains($0) }
        if objectable.isEmpty || !other.isEmpty {
            let names = bases(other, .sv)
            let namesEn = bases(other, .en)
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 21(1)", until: date(holding),
                reason: .init(
                    sv:
                        "Rätten att invända gäller behandling som bygger på art. 6.1 e eller f; denna bygger \(objectable.isEmpty ? "" : "också ")på \(names).",
                    en:
                        "The right to object covers processing based on Art. 6(1)(e) or (f); this rests \(objectable.isEmpty ? "" : "also ")on \(namesEn)."
                ))
        }
        if context.compellingGrounds.contains(activity.id) {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 21(1)", until: date(holding),
                reason: .init(
                    sv:
                        "Behandlingen fortsätter: tvingande berättigade skäl, angivna i begäran, väger tyngre än invändningen.",
                    en:
                        "Processing continues: compelling legitimate grounds, recorded with the request, override the objection."
                ))
        }
        return RightsDecision(
            activity: activity.id, action: .stop, article: "Art. 21(1)", until: date(holding),
            reason: .init(
                sv:
                    "Behandlingen upphör: inga tvingande berättigade skäl har angetts. Uppgifterna används inte och raderas \(whenGone(holding, activity)[.sv]), eller genast på begäran om radering (art. 17.1 c).",
                en:
                    "Processing stops: no compelling legitimate grounds are recorded. The data is not used and goes \(whenGone(holding, activity)[.en]), or at once on a request for erasure (Art. 17(1)(c))."
            ))
    }

    func withdrawal(_ holding: ActivityHolding, _ activity: ProcessingActivity) -> RightsDecision {
        guard activity.legalBasis.contains(.consent) else {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 7(3)", until: date(holding),
                reason: .init(
                    sv: "Bygger inte på samtycke utan på \(bases(activity, .sv)); återkallelsen påverkar den inte.",
                    en: "Does not rest on consent but on \(bases(activity, .en)); the withdrawal does not affect it."))
        }
        guard context.consentsInForce.contains(activity.id) else {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 7(3)", until: date(holding),
                reason: .init(sv: "Inget samtycke gäller att återkalla.", en: "No consent in force to withdraw."))
        }
        let rest = activity.legalBasis.filter { $0 != .consent }
        let stays =
            rest.isEmpty
            ? LocalizedText(
                sv: " Händelsen consent.withdrawn registreras, så lagringsregeln \"\(activity.retention)\" tillämpas.",
                en: " The consent.withdrawn event is recorded, so the retention rule \"\(activity.retention)\" applies."
            )
            : LocalizedText(
                sv:
                    " Det som också bygger på \(rest.map { $0.name[.sv].lowercased() }.joined(separator: " och ")) behandlas vidare på den grunden.",
                en:
                    " What also rests on \(rest.map { $0.name[.en].lowercased() }.joined(separator: " and ")) continues on that ground."
            )
        return RightsDecision(
            activity: activity.id, action: .stop, article: "Art. 7(3)",
            reason: LocalizedText(
                sv: "Samtycket återkallas och behandling med stöd av det upphör; det påverkar inte behandlingen innan.",
                en:
                    "The consent is withdrawn and processing based on it stops; processing before the withdrawal stays lawful."
            )
                + stays)
    }
}
