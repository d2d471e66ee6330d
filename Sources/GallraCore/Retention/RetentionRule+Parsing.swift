/// A rule that does not parse, with the 1-based column where the problem is.
public struct RetentionSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let column: Int
    /// What is wrong, in Swedish and English.
    public let text: LocalizedText

    /// What is wrong, in English (the command line's language).
    public var message: String { text[.en] }

    public var description: String { "column \(column): \(message)" }

    /// "kolumn 3: …" / "column 3: …".
    public func description(in language: Language) -> String {
        "\(language == .sv ? "kolumn" : "column") \(column): \(text[language])"
    }
}

extension RetentionRule {
    /// The longest duration the language accepts, in any unit; beyond it dates stop meaning anything.
    public static let maximumAmount = 10_000

    /// Parses the rule language of `retention-rules.md`. White space is free.
    public init(parsing text: String) throws(RetentionSyntaxError) {
        var parser = RuleParser(text)
        self = try parser.parseRule()
    }
}

private struct RuleParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func parseRule() throws(RetentionSyntaxError) -> RetentionRule {
        skipSpace()
        guard position < scalars.count else { throw error(sv: "regeln är tom", en: "the rule is empty") }
        let start = position
        let word = readName()
        skipSpace()
        if word == "none", position == scalars.count { return .none }
        position = start
        let expression = try parseExpression()
        skipSpace()
        guard position == scalars.count else {
            let rest = String(String.UnicodeScalarView(scalars[position...]))
            throw error(sv: "oväntat \"\(rest)\" efter regeln", en: "unexpected \"\(rest)\" after the rule")
        }
        return .expression(expression)
    }

    private mutating func parseExpression() throws(RetentionSyntaxError) -> RetentionExpression {
        var expression = try parseTerm()
        skipSpace()
        while peek == "+" {
            position += 1
            skipSpace()
            expression = .shifted(expression, by: try parseDuration())
            skipSpace()
        }
        return expression
    }

    private mutating func parseTerm() throws(RetentionSyntaxError) -> RetentionExpression {
        skipSpace()
        let start = position
        guard let first = peek, ("a"..."z").contains(first) else {
            if let first = peek, ("0"..."9").contains(first) {
                let rest = restOfToken()
                throw error(
                    sv: "en tidslängd behöver en händelse före sig, t.ex. \"collected + \(rest)\"",
                    en: "a duration needs an event before it, e.g. \"collected + \(rest)\"")
            }
            throw peek == nil
                ? error(sv: "en händelse saknas i slutet", en: "an event is missing at the end")
                : error(
                    sv: "här väntades en händelse, min(, max( eller end-of-year(",
                    en: "expected an event, min(, max( or end-of-year(")
        }
        let name = readName()
        skipSpace()
        if peek == "(" {
            position += 1
            switch name {
            case "min": return .earliest(try parseArguments(of: name))
            case "max": return .latest(try parseArguments(of: name))
            case "end-of-year":
                let arguments = try parseArguments(of: name)
                guard arguments.count == 1 else {
                    position = start
                    throw error(
                        sv: "end-of-year tar precis ett argument, inte \(arguments.count)",
                        en: "end-of-year takes exactly one argument, not \(arguments.count)")
                }
                return .endOfYear(arguments[0])
            default:
                position = start
                throw error(
                    sv: "okänd funktion \"\(name)\"; funktionerna är min, max och end-of-year",
                    en: "unknown function \"\(name)\"; the functions are min, max and end-of-year")
            }
        }
        if ["min", "max", "end-of-year"].contains(name) {
            position = start
            throw error(
                sv: "\(name) behöver sina argument inom parentes", en: "\(name) needs its arguments in parentheses")
        }
        if name == "none" {
            position = start
            throw error(sv: "\"none\" står ensamt som hela regeln", en: "\"none\" stands alone as a whole rule")
        }
        guard let event = EventName(validating: name) else {
            position = start
            throw error(
                sv: "\"\(name)\" är inget välformat händelsenamn", en: "\"\(name)\" is not a well-formed event name")
        }
        return .event(event)
    }

    private mutating func parseArguments(of function: String) throws(RetentionSyntaxError) -> [RetentionExpression] {
        var arguments: [RetentionExpression] = []
        skipSpace()
        if peek == ")" {
            throw error(sv: "\(function)() behöver minst ett argument", en: "\(function)() needs at least one argument")
        }
        while true {
            arguments.append(try parseExpression())
            skipSpace()
            switch peek {
            case ",": position += 1
            case ")":
                position += 1
                return arguments
            case nil: throw error(sv: "\(function)( stängs inte med )", en: "\(function)( is not closed with )")
            default:
                throw error(
                    sv: "här väntades \",\" eller \")\" i \(function)(…)",
                    en: "expected \",\" or \")\" in \(function)(…)")
            }
        }
    }

    private mutating func parseDuration() throws(RetentionSyntaxError) -> RetentionDuration {
        let start = position
        var digits = ""
        while let scalar = peek, ("0"..."9").contains(scalar) {
            digits.unicodeScalars.append(scalar)
            position += 1
        }
        guard !digits.isEmpty else {
            throw error(
                sv: "här väntades en tidslängd efter \"+\", t.ex. 1y, 12mo, 30d",
                en: "expected a duration after \"+\", e.g. 1y, 12mo, 30d")
        }
        guard let amount = Int(digits), amount <= RetentionRule.maximumAmount else {
            position = start
            throw error(
                sv: "\(digits) är en för lång tidslängd (högst \(RetentionRule.maximumAmount))",
                en: "\(digits) is too long a duration (at most \(RetentionRule.maximumAmount))")
        }
        skipSpace()
        let unitStart = position
        var unitText = ""
        while let scalar = peek, ("a"..."z").contains(scalar) {
            unitText.unicodeScalars.append(scalar)
            position += 1
        }
        guard let unit = RetentionDuration.Unit(rawValue: unitText) else {
            position = unitStart
            throw unitText.isEmpty
                ? error(
                    sv: "ingen enhet efter \(digits); enheterna är h, d, w, mo och y",
                    en: "no unit after \(digits); the units are h, d, w, mo and y")
                : error(
                    sv: "okänd enhet \"\(unitText)\" efter \(digits); enheterna är h, d, w, mo och y",
                    en: "unknown unit \"\(unitText)\" after \(digits); the units are h, d, w, mo and y")
        }
        return RetentionDuration(amount, unit)
    }

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipSpace() {
        while let scalar = peek, scalar.properties.isWhitespace { position += 1 }
    }

    private mutating func readName() -> String {
        var name = ""
        while let scalar = peek,
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
        {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        return name
    }

    private func restOfToken() -> String {
        var text = ""
        var index = position
        while index < scalars.count, !scalars[index].properties.isWhitespace {
            text.unicodeScalars.append(scalars[index])
            index += 1
        }
        return text
    }

    private func error(sv: String, en: String) -> RetentionSyntaxError {
        RetentionSyntaxError(column: position + 1, text: LocalizedText(sv: sv, en: en))
    }
}
