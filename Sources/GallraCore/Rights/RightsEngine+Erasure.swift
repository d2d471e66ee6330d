/// GDPR Art. 17: the right to erasure, and the exceptions that keep data.
extension RightsEngine {
    func erasure(_ holding: ActivityHolding, _ activity: ProcessingActivity) -> RightsDecision {
        let recipients = tellRecipients(activity)
        // Art. 17(3)(e): the establishment, exercise or defence of legal claims.
        if let hold = context.holds.first(where: { $0.activity == nil || $0.activity == activity.id }) {
            let until = hold.until.map(context.calendar.localDate(of:))
            let end = until.map { LocalizedText(sv: " till \($0)", en: " until \($0)") } ?? LocalizedText("")
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 17(3)(e)", until: until,
                reason: LocalizedText(
                    sv: "Sparas under ett bevarande för rättsliga anspråk",
                    en: "Kept under a legal hold for legal claims")
                    + end + LocalizedText("."))
        }
        // Art. 17(3)(b): a legal obligation (or a task in the public interest) overrides erasure.
        if activity.legalBasis.contains(.legalObligation) || activity.legalBasis.contains(.publicTask) {
            let ground = activity.law ?? LegalBasis.publicTask.name[.sv]
            let reason: LocalizedText =
                date(holding) != nil
                ? .init(
                    sv: "Sparas till \(whenGone(holding, activity)[.sv]): \(ground).",
                    en: "Kept until \(whenGone(holding, activity)[.en]): \(ground).")
                : .init(
                    sv: "Sparas enligt \(ground): \(whenGone(holding, activity)[.sv]).",
                    en: "Kept under \(ground): \(whenGone(holding, activity)[.en]).")
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 17(3)(b)", until: date(holding), reason: reason)
        }
        // Art. 17(1)(a) does not apply while the data is needed to perform a contract in force.
        if activity.legalBasis.contains(.contract) && holding.waitingFor.contains(.contractEnd) {
            return RightsDecision(
                activity: activity.id, action: .keep, article: "Art. 17(1)(a)",
                reason: .init(
                    sv:
                        "Behövs för att fullgöra avtalet, som inte har upphört (art. 6.1 b); raderas \(whenGone(holding, activity)[.sv]).",
                    en:
                        "Still needed to perform the contract, which has not ended (Art. 6(1)(b)); erased \(whenGone(holding, activity)[.en])."
                ))
        }
        let action: DecisionAction = activity.onExpiry == .anonymise ? .anonymise : .erase
        let done =
            action == .anonymise
            ? LocalizedText(sv: "Anonymiseras", en: "Anonymised") : LocalizedText(sv: "Raderas", en: "Erased")
        if activity.legalBasis.contains(.legitimateInterests) {
            if activity.directMarketing {
                return RightsDecision(
                    activity: activity.id, action: action, article: "Art. 17(1)(c)",
                    reason: done
                        + .init(
                            sv: ": direktmarknadsföring upphör alltid vid invändning (art. 21.3).",
                            en: ": direct marketing always stops on objection (Art. 21(3)).") + recipients)
            }
            if context.compellingGrounds.contains(activity.id) {
                return RightsDecision(
                    activity: activity.id, action: .keep, article: "Art. 17(1)(c)", until: date(holding),
                    reason: .init(
                        sv:
                            "Sparas: tvingande berättigade skäl, angivna i begäran, väger tyngre än invändningen (art. 21.1).",
                        en:
                            "Kept: compelling legitimate grounds, recorded with the request, override the objection (Art. 21(1))."
                    ))
            }
            return RightsDecision(
                activity: activity.id, action: action, article: "Art. 17(1)(c)",
                reason: done
                    + .init(
                        sv:
                            ": behandlingen bygger på intresseavvägning och inga tvingande berättigade skäl har angetts.",
                        en:
                            ": the processing rests on legitimate interests and no compelling legitimate grounds are recorded."
                    ) + recipients)
        }
        if activity.legalBasis == [.consent] {
            return RightsDecision(
                activity: activity.id, action: action, article: "Art. 17(1)(b)",
                reason: done
                    + .init(
                        sv: ": behandlingen bygger på samtycke och det finns ingen annan rättslig grund.",
                        en: ": the processing rests on consent and there is no other legal ground.") + recipients)
        }
        let contract =
            activity.legalBasis.contains(.contract) && activity.retention.events.contains(.contractEnd)
            ? LocalizedText(
                sv: ": avtalet har upphört, så uppgifterna behövs inte längre.",
                en: ": the contract has ended, so the data is no longer needed.")
            : LocalizedText(
                sv: ": uppgifterna behövs inte längre för ändamålet.",
                en: ": the data is no longer needed for its purpose.")
        return RightsDecision(
            activity: activity.id, action: action, article: "Art. 17(1)(a)", reason: done + contract + recipients)
    }
}
