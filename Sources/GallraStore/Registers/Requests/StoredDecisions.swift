import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// A completed request's decisions, kept as JSON in the request register.
enum StoredDecisions {
    static func encode(_ decisions: [RightsDecision]) -> String {
        JSONText.array(
            decisions.map { decision in
                .object([
                    ("activity", .string(decision.activity)), ("action", .string(decision.action.rawValue)),
                    ("article", .string(decision.article)), ("until", .optional(decision.until?.description)),
                    ("reason_sv", .string(decision.reason[.sv])), ("reason_en", .string(decision.reason[.en])),
                ])
            }
        ).description
    }

    static func decode(_ text: String) throws -> [RightsDecision] {
        guard let items = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw GallraError.integrity("A completed request's decisions are unreadable.")
        }
        return try items.map { item in
            guard let activity = item["activity"] as? String,
                let action = (item["action"] as? String).flatMap(DecisionAction.init(rawValue:)),
                let article = item["article"] as? String
            else { throw GallraError.integrity("A completed request's decisions are unreadable.") }
            return RightsDecision(
                activity: activity, action: action, article: article,
                until: (item["until"] as? String).flatMap { CivilDate(iso: $0) },
                reason: LocalizedText(sv: item["reason_sv"] as? String, en: item["reason_en"] as? String))
        }
    }
}
