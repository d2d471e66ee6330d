/// A way to find a data subject: e-mail, phone number or Swedish personnummer, normalised so that
/// the same person written two ways is one person.
public struct SubjectIdentifier: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case email
        case phone
        case personalNumber = "personal_number"
    }

    public let kind: Kind
    /// The normalised value: what is indexed and what is stored (encrypted).
    public let value: String

    /// Normalises `text` as an identifier of `kind`; throws, without repeating the value, when it
    /// is not one.
    public init(_ kind: Kind, _ text: String, today: CivilDate) throws(IdentifierError) {
        self.kind = kind
        switch kind {
        case .email: value = try SubjectIdentifier.normaliseEmail(text)
        case .phone: value = try SubjectIdentifier.normalisePhone(text)
        case .personalNumber: value = try SubjectIdentifier.normalisePersonalNumber(text, today: today)
        }
    }

    /// Guesses the kind of a reference given on the command line: an e-mail has an `@`, a
    /// personnummer has six or eight digits before its check digits, anything else numeric is a phone.
    public init?(guessing text: String, today: CivilDate) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // try?: guessing the kind: a text that is not this kind is tried as the next, the last is nil
        if trimmed.contains("@") {
            guard let id = try? SubjectIdentifier(.email, trimmed, today: today) else { return nil }
            self = id
        } else if let id = try? SubjectIdentifier(.personalNumber, trimmed, today: today) {
            self = id
        } else if let id = try? SubjectIdentifier(.phone, trimmed, today: today) {
            self = id
        } else {
            return nil
        }
    }

    /// An e-mail address as Gallra keeps it: trimmed, lower-cased; throws when it is not one.
    public static func normalisedEmail(_ text: String) throws(IdentifierError) -> String {
        try normaliseEmail(text)
    }

    static func normaliseEmail(_ text: String) throws(IdentifierError) -> String {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !value.contains(where: \.isWhitespace)
        else {
            throw IdentifierError(
                kind: .email,
                problem: .init(
                    sv: "är inte giltig (den behöver ett @ och en domän)",
                    en: "is not valid (it needs one @ and a domain)"))
        }
        // One address: what would make a mail header read two (a comma, a display name) is refused.
        guard
            !value.unicodeScalars.contains(where: {
                ",;<>()[]\\\":".unicodeScalars.contains($0) || $0.properties.generalCategory == .control
            })
        else {
            throw IdentifierError(
                kind: .email,
                problem: .init(
                    sv: "är inte en enda adress (den har , ; < > eller liknande)",
                    en: "is not one address (it has , ; < > or the like)"))
        }
        return value
    }

    /// E.164 form; a Swedish national number (`070-123 45 67`) gets +46.
    static func normalisePhone(_ text: String) throws(IdentifierError) -> String {
        var digits = ""
        var plus = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCIIDigit {
                digits.append(character)
            } else if character == "+" && digits.isEmpty && !plus {
                plus = true
            } else if !" -().".contains(character) {
                throw IdentifierError(
                    kind: .phone,
                    problem: .init(
                        sv: "har tecken som ett telefonnummer inte har",
                        en: "has characters a phone number does not have"))
            }
        }
        if !plus && digits.hasPrefix("00") {
            digits.removeFirst(2)
            plus = true
        }
        if !plus {
            guard digits.hasPrefix("0") else {
                throw IdentifierError(
                    kind: .phone,
                    problem: .init(
                        sv: "behöver landsnummer (+46) eller en inledande 0:a",
                        en: "needs a country code (+46) or a leading 0"))
            }
            digits = "46" + digits.dropFirst()
        }
        guard (7...15).contains(digits.count) else {
            throw IdentifierError(
                kind: .phone,
                problem: .init(
                    sv: "har \(digits.count) siffror, inte 7 till 15", en: "has \(digits.count) digits, not 7 to 15"))
        }
        return "+" + digits
    }

    /// Twelve digits, `YYYYMMDDNNNC`. The ten-digit form takes the century that makes the person
    /// under 100 at `today`, or 100 or over with the `+` separator (Folkbokföringslagen 18 §).
    /// Samordningsnummer (day + 60) are accepted. The check digit must be right (Luhn).
    static func normalisePersonalNumber(_ text: String, today: CivilDate) throws(IdentifierError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let centenarian = trimmed.contains("+")
        let digits = trimmed.filter(\.isASCIIDigit)
        guard trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "-" || $0 == "+" }),
            digits.count == 10 || digits.count == 12
        else {
            throw IdentifierError(
                kind: .personalNumber,
                problem: .init(
                    sv: "är inget personnummer (ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN)",
                    en: "is not a personnummer (YYYYMMDD-NNNN or YYMMDD-NNNN)"))
        }
        var full = digits
        if digits.count == 10 {
            let yy = Int(digits.prefix(2))!
            var year = (today.year / 100) * 100 + yy
            let monthDay = Int(digits.dropFirst(2).prefix(4))!
            if year * 10_000 + monthDay > today.year * 10_000 + today.month * 100 + today.day { year -= 100 }
            if centenarian { year -= 100 }
            full = String(year) + digits.dropFirst(2)
        }
        let year = Int(full.prefix(4))!
        let month = Int(full.dropFirst(4).prefix(2))!
        var day = Int(full.dropFirst(6).prefix(2))!
        if day > 60 { day -= 60 }  // samordningsnummer
        guard CivilDate(year: year, month: month, day: day) != nil else {
            throw IdentifierError(
                kind: .personalNumber,
                problem: .init(
                    sv: "börjar inte med ett verkligt födelsedatum", en: "does not start with a real date of birth"))
        }
        guard luhnValid(String(full.dropFirst(2))) else {
            throw IdentifierError(
                kind: .personalNumber, problem: .init(sv: "har fel kontrollsiffra", en: "has the wrong check digit"))
        }
        return full
    }

    static func luhnValid(_ tenDigits: String) -> Bool {
        let values = tenDigits.compactMap(\.wholeNumberValue)
        guard values.count == 10 else { return false }
        var sum = 0
        for (index, digit) in values.prefix(9).enumerated() {
            let product = digit * (index % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        return (10 - sum % 10) % 10 == values[9]
    }
}

/// An identifier that does not parse. Its description never repeats the value: it is personal data.
public struct IdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    public let kind: SubjectIdentifier.Kind
    /// What is wrong with it, after its kind ("has the wrong check digit").
    public let problem: LocalizedText

    public var description: String { message(in: .en) }

    public func message(in language: Language) -> String {
        switch (kind, language) {
        case (.email, .en): return "The e-mail address \(problem[.en])."
        case (.phone, .en): return "The phone number \(problem[.en])."
        case (.personalNumber, .en): return "The personnummer \(problem[.en])."
        case (.email, .sv): return "E-postadressen \(problem[.sv])."
        case (.phone, .sv): return "Telefonnumret \(problem[.sv])."
        case (.personalNumber, .sv): return "Personnumret \(problem[.sv])."
        }
    }
}
