import Foundation

/// A corrected value proposed from what the person wrote with a rectification request: an
/// e-mail address in the text for a field of e-mail addresses, a phone number for one of phone
/// numbers, when it differs from the value held. Nothing is guessed for any other field; the
/// officer confirms or changes the value before it is noted.
public enum CorrectionProposal {
    /// The value proposed for a field of data category `category` holding `current`, from `text`;
    /// nil when the text names none. Of several, the last the person wrote (the corrected
    /// value usually follows the wrong one: "not anna@old.se but anna@new.se").
    public static func value(for category: String, current: String, in text: String?, today: CivilDate) -> String? {
        guard let text, !text.isEmpty, let kind = kind(of: category) else { return nil }
        // try?: a value held that is not an identifier of this kind is compared as written
        let held = (try? SubjectIdentifier(kind, current, today: today))?.value ?? current
        return candidates(kind, in: text).last { candidate in
            // try?: a candidate that does not read as the kind is no proposal
            guard let normal = try? SubjectIdentifier(kind, candidate, today: today) else { return false }
            // A personnummer is no phone number, however it is written.
            // try?: a candidate that is not a personnummer is taken as the kind it read as
            if kind == .phone, (try? SubjectIdentifier(.personalNumber, candidate, today: today)) != nil {
                return false
            }
            return normal.value != held
        }
    }

    /// The kind of identifier a data category holds, where a proposal is made for it.
    public static func kind(of category: String) -> SubjectIdentifier.Kind? {
        switch category {
        case "email": .email
        case "phone": .phone
        default: nil
        }
    }

    /// The e-mail addresses or phone numbers in the text, as written, in order.
    static func candidates(_ kind: SubjectIdentifier.Kind, in text: String) -> [String] {
        switch kind {
        case .email:
            return text.matches(of: /[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/).map { String($0.0) }
        case .phone:
            return text.matches(of: /\+?[0-9][0-9 \-]{5,}[0-9]/).map {
                String($0.0).trimmingCharacters(in: .whitespaces)
            }
        case .personalNumber:
            return []
        }
    }
}
