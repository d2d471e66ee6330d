import Foundation
import GallraCore

/// What the pages count, with its singular and plural in each language.
enum CountedNoun: Sendable {
    case record, person, entry, row

    func form(_ count: Int, _ language: Language) -> String {
        let one = abs(count) == 1
        switch (self, language) {
        case (.record, .sv), (.entry, .sv): return one ? "post" : "poster"
        case (.record, .en): return one ? "record" : "records"
        case (.entry, .en): return one ? "entry" : "entries"
        case (.person, .sv): return one ? "person" : "personer"
        case (.person, .en): return one ? "person" : "people"
        case (.row, .sv): return one ? "rad" : "rader"
        case (.row, .en): return one ? "row" : "rows"
        }
    }
}

extension Words {
    /// "1 post", "2 poster"; "1 record", "2 records".
    func count(_ count: Int, _ noun: CountedNoun) -> String {
        "\(count) \(noun.form(count, language))"
    }

    /// Events as the register means them ("avtalets slut, att samtycket återkallats"), from
    /// their names as the store joins them ("contract.end, consent.withdrawn"); a name the
    /// register does not know is shown as written.
    func events(_ joined: String, in register: Register) -> String {
        let meanings = Dictionary(register.knownEvents.map { ($0.name.rawValue, $0.meaning) }) { first, _ in first }
        return joined.split(separator: ",").map { name in
            let name = name.trimmingCharacters(in: .whitespaces)
            return meanings[name].map { $0[language] } ?? name
        }.joined(separator: ", ")
    }
}
