import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Subjects, records and events over HTTP: the same use cases as `gallra subject|record|event`.
struct SubjectController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to api: RouterGroup<Context>) {
        api.get("subjects/:ref", use: export)
        api.post("subjects", use: addSubject)
        api.post("records", use: addRecord)
        api.post("events", use: addEvents)
    }

    /// GET /api/v1/subjects/{ref}[?portable=true]: the subject export of `gallra subject export`.
    @Sendable func export(_ request: Request, context: Context) async throws -> JSONResponse {
        let portable = try request.flag("portable")
        let export = try await gallra.exportSubject(
            try context.parameters.require("ref"), scope: portable ? .portability : .access,
            by: try context.actingParty())
        return JSONResponse(export.json)
    }

    struct NewSubjectBody: JSONBody {
        static let fields: Set<String> = ["email", "name", "phone", "personal_number"]
        var email: String?
        var name: String?
        var phone: String?
        var personalNumber: String?

        enum CodingKeys: String, CodingKey {
            case email, name, phone
            case personalNumber = "personal_number"
        }
    }

    /// POST /api/v1/subjects: 201 with the new subject's id.
    @Sendable func addSubject(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(NewSubjectBody.self)
        let id = try await gallra.addSubject(
            NewSubject(email: body.email, name: body.name, phone: body.phone, personalNumber: body.personalNumber),
            by: try context.actingParty())
        return JSONResponse(.object([("id", .string(id))]), status: .created)
    }

    struct NewRecordBody: JSONBody {
        static let fields: Set<String> = ["subject", "activity", "category", "value", "collected", "system"]
        var subject: String
        var activity: String
        var category: String
        var value: String
        var collected: String?
        var system: String?
    }

    /// POST /api/v1/records: 201 with the new record's id.
    @Sendable func addRecord(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(NewRecordBody.self)
        let calendar = try await gallra.calendar()
        let record = NewRecord(
            subject: body.subject, activity: body.activity, category: body.category, value: body.value,
            collected: try body.collected.map { try calendar.instant($0, field: "collected") } ?? Date(),
            system: body.system)
        let id = try await gallra.addRecord(record, by: try context.actingParty())
        return JSONResponse(.object([("id", .string(id))]), status: .created)
    }

    struct EventsBody: JSONBody {
        static let fields: Set<String> = ["subject", "activity", "record", "events"]
        var subject: String
        var activity: String?
        var record: String?
        var events: [String: String]
    }

    /// POST /api/v1/events: `{"subject": REF, "activity": …, "events": {"NAME": "DATE"}}`; 204.
    @Sendable func addEvents(_ request: Request, context: Context) async throws -> Response {
        let body = try await request.decodeStrictly(EventsBody.self)
        if body.activity != nil && body.record != nil {
            throw GallraError.invalidInput("Give \"activity\" or \"record\", not both.")
        }
        guard !body.events.isEmpty else { throw GallraError.invalidInput("Give at least one event in \"events\".") }
        let calendar = try await gallra.calendar()
        let events = try body.events.sorted { $0.key < $1.key }.map { name, date in
            guard let event = EventName(validating: name) else {
                throw GallraError.invalidInput("\"\(name)\" is not an event name such as contract.end.")
            }
            return (event, try calendar.instant(date, field: "events.\(name)"))
        }
        let scope: EventScope = body.record.map { .record($0) } ?? body.activity.map { .activity($0) } ?? .subject
        try await gallra.addEvents(subject: body.subject, scope: scope, events: events, by: try context.actingParty())
        return Response(status: .noContent)
    }
}

extension Request {
    /// A query flag: absent or "false" is false, "true" is true; anything else is refused.
    func flag(_ name: String) throws -> Bool {
        switch uri.queryParameters.get(name) {
        case nil, "false": return false
        case "true": return true
        default: throw GallraError.invalidInput("The query parameter \"\(name)\" is true or false.")
        }
    }
}
