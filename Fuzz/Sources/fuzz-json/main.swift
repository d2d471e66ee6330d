import Foundation
import FuzzDriver
import GallraCore

// A JSON request body as the API reads it (`Request.decodeStrictly` in GallraServer): a JSON object,
// decoded into the kinds of fields its bodies take, then the values through the parsers the
// controllers call: instants in the controller's time zone, event names, a subject's identifiers.
// The body types themselves live in GallraServer, which links the store, NIO and BoringSSL: too
// heavy a build for the test command, so their field types stand in for them here.
struct Body: Decodable {
    var text: String?
    var list: [String]?
    var count: Int?
    var flag: Bool?
    var events: [String: String]?

    enum CodingKeys: String, CodingKey {
        case text = "email", list = "subject_categories", count = "approximate_subjects", flag = "portable", events
    }
}

let calendar = ZonedCalendar.stockholm
let today = CivilDate(iso: "2025-06-01")!

Fuzzing.run { bytes in
    let data = Data(bytes)
    guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return }
    var strings = object.values.compactMap { $0 as? String }
    if let body = try? JSONDecoder().decode(Body.self, from: data) {
        strings += [body.text].compactMap { $0 } + (body.list ?? [])
        for (name, date) in body.events ?? [:] {
            _ = EventName(validating: name)
            strings.append(date)
        }
    }
    for text in strings.prefix(16) {
        _ = try? calendar.instant(text, field: "collected")
        _ = CivilDate(iso: text)
        _ = EventName(validating: text)
        _ = try? NewSubject(email: text, name: text, phone: text, personalNumber: text).identifiers(today: today)
        _ = SubjectIdentifier(guessing: text, today: today)
    }
}
