/// GDPR Art. 15, 16, 18 and 20: access, rectification, restriction and portability.
extension RightsEngine {
    func access(_ activity: ProcessingActivity) -> RightsDecision {
        RightsDecision(
            activity: activity.id, action: .provide, article: "Art. 15(1)",
            reason: .init(
                sv:
                    "En kopia av uppgifterna lämnas, med ändamål, kategorier, mottagare, lagringstid och källa (art. 15.1–3).",
                en:
                    "A copy of the data is given, with purposes, categories, recipients, retention and source (Art. 15(1)-(3))."
            ))
    }

    func rectification(_ activity: ProcessingActivity) -> RightsDecision {
        let count = context.corrections[activity.id] ?? 0
        guard count > 0 else {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 16",
                reason: .init(sv: "Ingen rättelse begärd här.", en: "No correction asked for here."))
        }
        return RightsDecision(
            activity: activity.id, action: .keep, article: "Art. 16",
            reason: .init(
                sv: "\(count) uppgift\(count == 1 ? "" : "er") rättas; det gamla värdet sparas inte.",
                en: "\(count) value\(count == 1 ? "" : "s") corrected; the old value is not kept.")
                + tellRecipients(activity))
    }

    func restriction(_ activity: ProcessingActivity) -> RightsDecision {
        RightsDecision(
            activity: activity.id, action: .restrict, article: "Art. 18(1)",
            reason: .init(
                sv:
                    "Sparas men används inte och lämnas inte ut, utom till den registrerade, tills begränsningen hävs (art. 18.2); den registrerade underrättas innan (art. 18.3).",
                en:
                    "Kept, but not used or disclosed except to the person until the restriction is lifted (Art. 18(2)); the person is told before it is lifted (Art. 18(3))."
            ) + tellRecipients(activity))
    }

    /// Art. 20(1): data the person provided, processed by automated means on consent or contract.
    func portability(_ activity: ProcessingActivity) -> RightsDecision {
        guard activity.restsOnConsentOrContract else {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 20(1)",
                reason: .init(
                    sv:
                        "Omfattas inte: behandlingen bygger på \(bases(activity, .sv)), inte samtycke eller avtal. Uppgifterna finns i ett registerutdrag (art. 15).",
                    en:
                        "Not covered: the processing rests on \(bases(activity, .en)), not consent or contract. The data is in an access report (Art. 15)."
                ))
        }
        guard activity.source == .dataSubject else {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 20(1)",
                reason: .init(
                    sv:
                        "Omfattas inte: uppgifterna kommer inte från den registrerade. De finns i ett registerutdrag (art. 15).",
                    en: "Not covered: the data was not provided by the person. It is in an access report (Art. 15)."))
        }
        return RightsDecision(
            activity: activity.id, action: .provide, article: "Art. 20(1)",
            reason: .init(
                sv: "Lämnas i ett strukturerat, maskinläsbart format (JSON).",
                en: "Given in a structured, machine-readable format (JSON)."))
    }
}
