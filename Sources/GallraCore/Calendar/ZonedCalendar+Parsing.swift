import Foundation

extension ZonedCalendar {
    /// Reads `YYYY-MM-DD` (local midnight at the start of that day) or an RFC 3339 instant
    /// (`2025-03-14T09:30:00Z`, `2025-03-14T09:30:00.5+01:00`). Returns nil for anything else.
    public func parseInstant(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let date = CivilDate(iso: text) { return startOfDay(date) }
        guard text.count >= 20 else { return nil }
        let separatorIndex = text.index(text.startIndex, offsetBy: 10)
        guard let date = CivilDate(iso: text[..<separatorIndex]),
            ["T", "t", " "].contains(text[separatorIndex])
        else { return nil }
        var rest = Substring(text[text.index(after: separatorIndex)...])
        guard let hour = rest.takeNumber(digits: 2), rest.take(":"),
            let minute = rest.takeNumber(digits: 2), rest.take(":"),
            let second = rest.takeNumber(digits: 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0.0
        if rest.take(".") {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
            fraction = value
            rest = rest.dropFirst(digits.count)
        }
        let offset: Int
        if rest == "Z" || rest == "z" {
            offset = 0
        } else {
            guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
            rest = rest.dropFirst()
            guard let hours = rest.takeNumber(digits: 2), rest.take(":"),
                let minutes = rest.takeNumber(digits: 2), rest.isEmpty, hours < 24, minutes < 60
            else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let local = Double(date.daysSinceEpoch) * 86_400 + Double(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: local + fraction - Double(offset))
    }
}

extension Substring {
    fileprivate mutating func take(_ character: Character) -> Bool {
        guard first == character else { return false }
        removeFirst()
        return true
    }

    fileprivate mutating func takeNumber(digits: Int) -> Int? {
        let head = prefix(digits)
        guard head.count == digits, head.allSatisfy(\.isASCIIDigit) else { return nil }
        removeFirst(digits)
        return Int(head)
    }
}

extension ZonedCalendar {
    /// `text` as `parseInstant` reads it, or an invalid-input error that names the field: the one
    /// reading of instants that the command line, the API and the pages share.
    public func instant(_ text: String, field: String) throws -> Date {
        guard let instant = parseInstant(text) else {
            throw GallraError.invalidInput("The \(field) \"\(text)\" is neither YYYY-MM-DD nor an RFC 3339 instant.")
        }
        return instant
    }
}
