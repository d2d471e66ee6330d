import Foundation
import GallraCore
import Testing

@testable import GallraServer

/// A page's model is a struct that swift-mustache reads through `Mirror` (`PageContext`); it must
/// render exactly as the dictionary it replaced: a nil field absent, so its section is left out
/// and its inverted section shown, and a field of a row that is nil not taken from the page.
@Suite("A page model renders as its dictionary did")
struct PageModelRenderingTests {
    static let signedIn = SignedInView(email: "dpo@example.se", csrf: "token-1")

    func html(_ template: String, _ model: Any, _ language: Language = .en) -> String {
        Pages.shared.html(template, title: "T", model, language: language, signedIn: Self.signedIn)
    }

    @Test("The incidents page: an open and a closed incident, with and without an error")
    func incidents() throws {
        let calendar = ZonedCalendar.stockholm
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let open = Incident(id: "inc-1", aware: now.addingTimeInterval(-3_600), description: "A laptop was lost")
        let row = IncidentRow(open, now: now, calendar: calendar, words: Words(.en))
        var closedRow = IncidentRow(
            Incident(id: "inc-2", aware: now.addingTimeInterval(-90_000), description: "Mail to the wrong person"),
            now: now, calendar: calendar, words: Words(.en))
        closedRow.closed = "2027-01-15 09:00"
        let nature = IncidentPage.natureChoices([], Words(.en))
        for error in [nil, "Refused."] as [String?] {
            let model = IncidentsPage(
                now: "2027-01-15T09:00", nature: nature, incidents: [row, closedRow], error: error)
            var dictionary: [String: Any] = [
                "navIncidents": true, "now": "2027-01-15T09:00",
                "nature": nature.map { ["value": $0.value, "label": $0.label, "checked": $0.checked] },
                "incidents": [row, closedRow].map { row in
                    var values: [String: Any] = [
                        "id": row.id, "description": row.description, "aware": row.aware, "clock": row.clock,
                        "late": row.late,
                    ]
                    values["closed"] = row.closed
                    return values
                },
            ]
            dictionary["error"] = error
            let fromModel = html("incidents", model)
            #expect(fromModel == (html("incidents", dictionary)))
            #expect(fromModel.contains("A laptop was lost"))
            #expect(fromModel.contains("href=\"/admin/incidents/inc-1\""))
            #expect(fromModel.contains("(71 hours left)"), "the clock of the open one, in words")
            #expect(!fromModel.contains("(46 hours left)"), "a closed incident shows no clock")
            #expect(fromModel.contains("role=\"alert\"") == (error != nil))
            #expect(fromModel.contains("value=\"token-1\""), "the frame's CSRF token reaches the form")
        }
    }

    @Test(
        "The 72-hour clock in words: hours left, one hour left, overdue by hours, never negative",
        arguments: [
            (9 * 3_600 + 1_800, "9 hours left", "9 timmar kvar"), (3_600 + 60, "1 hour left", "1 timme kvar"),
            (-9 * 3_600 - 600, "overdue by 9 hours", "försenad med 9 timmar"),
            (-600, "overdue by 1 hour", "försenad med 1 timme"),
        ])
    func clock(left: Int, english: String, swedish: String) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let incident = Incident(
            id: "inc", aware: now.addingTimeInterval(TimeInterval(left) - 72 * 3_600), description: "x")
        #expect(Words(.en).hoursLeft(incident.hoursLeft(at: now)) == english)
        #expect(Words(.sv).hoursLeft(incident.hoursLeft(at: now)) == swedish)
    }

    @Test("The requests page with no request: the inverted section shows, the choices list")
    func requests() throws {
        let model = RequestsPage(
            hasRequests: false, today: "2027-01-15", requests: [],
            kinds: [.init(value: "access", label: "tillgång")],
            channels: [.init(value: "web", label: "Webbformulär"), .init(value: "email", label: "E-post")], error: nil)
        let dictionary: [String: Any] = [
            "navRequests": true, "hasRequests": false, "today": "2027-01-15", "requests": [[String: Any]](),
            "kinds": [["value": "access", "label": "tillgång"]],
            "channels": [["value": "web", "label": "Webbformulär"], ["value": "email", "label": "E-post"]],
            "tab": "open", "total": 0,
        ]
        let fromModel = html("requests", model, .sv)
        #expect(fromModel == (html("requests", dictionary, .sv)))
        #expect(fromModel.contains(Words(.sv)[.noMatch]))
        #expect(fromModel.contains("<option value=\"access\">tillgång</option>"))
        #expect(fromModel.contains("<option value=\"email\">E-post</option>"), "a channel is named in words")
    }
}
