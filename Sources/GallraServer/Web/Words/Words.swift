import GallraCore

/// The words of one language, as code reads them (`words[.signIn]`) and as a template does
/// (`{{t.sign_in}}`, from `byKey`).
struct Words: Sendable {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    subscript(_ word: Word) -> String {
        switch language {
        case .sv: word.swedish
        case .en: word.english
        }
    }

    /// Every word by its key, for the templates.
    var byKey: [String: String] {
        switch language {
        case .sv: Self.swedish
        case .en: Self.english
        }
    }

    private static let english = Dictionary(uniqueKeysWithValues: Word.allCases.map { ($0.rawValue, $0.english) })
    private static let swedish = Dictionary(uniqueKeysWithValues: Word.allCases.map { ($0.rawValue, $0.swedish) })

    /// "3 days left", "1 day left", "overdue by 2 days".
    func daysLeft(_ days: Int) -> String {
        let count = abs(days)
        let unit = count == 1 ? self[.day] : self[.days]
        if days < 0 { return "\(self[.overdueBy]) \(count) \(unit)" }
        return "\(days) \(days == 1 ? self[.dayLeft] : self[.daysLeft])"
    }
}
