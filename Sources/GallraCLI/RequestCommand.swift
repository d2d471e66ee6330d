import ArgumentParser
import Foundation
import GallraCore
import GallraServices

extension RequestKind: ExpressibleByArgument {}

struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Data subject requests, decided per activity and kept on deadline (GDPR Art. 12).",
        subcommands: [
            Open.self, Verify.self, Show.self, Extend.self, Grounds.self, Correct.self, Complete.self, Lift.self,
            List.self, TaskDone.self, Refuse.self, Scope.self,
        ])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open", abstract: "Register a request; prints the request id.")

        @Argument(
            help: "access | rectification | erasure | restriction | objection | portability | withdraw-consent")
        var kind: RequestKind
        @Option(help: "A subject id or identifier.") var subject: String
        @Option(help: "The day it was received, YYYY-MM-DD (default: today).") var received: String?
        @Option(help: "web, email, phone or letter.") var channel = "email"
        @Option(help: "Only this activity (repeat for more); default: every activity.") var activity: [String] = []
        @Option(help: "How the identity was verified, when it already is (Art. 12(6)).") var verified: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                print(
                    try await gallra.openRequest(
                        kind, subject: subject, received: try received.map { try civilDate($0, what: "received date") },
                        channel: channel, activities: activity.isEmpty ? nil : activity, verifiedHow: verified,
                        by: store.party))
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Record that the identity of the person asking is verified, and how (Art. 12(6)).")

        @Argument var id: String
        @Option(help: "How, e.g. \"BankID\" or \"reply from the e-mail address on file\".") var how: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                try await gallra.verifyRequest(id, how: how, by: store.party)
                print("Identity verified.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A request: its deadline, status, and a decision with its article for every activity.")

        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "The language of the reasons: sv or en.") var lang: Language = .en
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let details = try await gallra.requestDetails(id, by: store.party)
                let calendar = try await gallra.calendar()
                if json {
                    // What completing it would do in the connected databases, while it is open.
                    let plan =
                        details.request.status == .completed
                        ? [] : try await gallra.connectedPlan(id, decisions: details.decisions, by: store.party)
                    print(
                        details.request.json(decisions: details.decisions, lang, calendar)
                            .adding("connected", .array(plan.map(\.json)))
                            .adding("mail", .array(details.mail.map { $0.json(calendar) })))
                } else {
                    print(
                        RequestText.text(details.request, details.decisions, grounds: details.grounds, lang, calendar),
                        terminator: "")
                    for task in details.tasks {
                        let state =
                            task.doneAt.map { "done \(calendar.rfc3339($0)) by \(task.doneBy ?? "?")" } ?? "to do"
                        print("by hand, \(state): \(task.instruction(for: details.request.kind))")
                    }
                    print(RequestText.mail(details.mail, calendar), terminator: "")
                }
            }
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract:
                "Extend the deadline by two months (Art. 12(3)); the reason is required, and must be given within the first month."
        )

        @Argument var id: String
        @Option(help: "Why: the complexity or number of requests; the person is told.") var reason: String
        @Option(help: "The day the person is told, YYYY-MM-DD (default: today).") var on: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let deadline = try await gallra.extendRequest(
                    id, reason: reason, on: try on.map { try civilDate($0, what: "date") }, by: store.party)
                print("Deadline extended to \(deadline).")
            }
        }
    }

    struct Grounds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grounds",
            abstract: "Record compelling legitimate grounds that keep one activity despite an objection (Art. 21(1)).")

        @Argument var id: String
        @Option(help: "The activity.") var activity: String
        @Option(help: "The grounds (stored encrypted).") var text: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                try await gallra.recordGrounds(id, activity: activity, grounds: text, by: store.party)
                print("Grounds recorded for \"\(activity)\".")
            }
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "The corrected value of a record, for a rectification request (Art. 16); applied on completion.")

        @Argument var id: String
        @Option(
            help: "The record to correct; in a connected system, the row as TABLE:KEY (with --system and --column).")
        var record: String
        @Option(help: "The connected system the row is in.") var system: String?
        @Option(help: "The column of the connected row to correct.") var column: String?
        @Option(help: "The corrected value (stored encrypted).") var value: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                switch (system, column) {
                case (nil, nil):
                    try await gallra.addCorrection(id, record: record, value: value, by: store.party)
                case (let system?, let column?):
                    try await gallra.addConnectedCorrection(
                        id, system: system, row: record, column: column, value: value, by: store.party)
                default:
                    throw CLIError("A row of a connected system is named with both --system and --column.")
                }
                print("Correction noted; it is applied when the request is completed.")
            }
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complete",
            abstract:
                "Carry the decisions out. For access and portability, writes the copy for the person to --output.")

        @Argument var id: String
        @Option(help: "Where to write the copy for the person (access, portability).") var output: String?
        @Option(help: "json or html.") var format: DocumentFormat = .html
        @Option(help: "The language of the HTML copy: sv or en.") var lang: Language = .sv
        @Option(help: "How the answer goes to the person: web, email, phone or letter.") var sentVia = "email"
        @Flag(help: "Show the decisions and what they would do in the connected databases; change nothing.")
        var dryRun = false
        @Flag(help: "Print JSON: the request, its decisions, and each row of the connected databases.") var json =
            false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                if dryRun {
                    let details = try await gallra.requestDetails(id, by: store.party)
                    let calendar = try await gallra.calendar()
                    let plan = try await gallra.connectedPlan(id, decisions: details.decisions, by: store.party)
                    if json {
                        print(
                            details.request.json(decisions: details.decisions, .en, calendar)
                                .adding("connected", .array(plan.map(\.json))))
                        return
                    }
                    print(
                        RequestText.text(details.request, details.decisions, grounds: details.grounds, .en, calendar),
                        terminator: "")
                    for change in plan {
                        print("would be \(change.action.rawValue): \(change.system) \(change.row) (\(change.activity))")
                    }
                    print("Nothing was changed.")
                    return
                }
                let request = try await gallra.requestDetails(id, by: store.party).request
                if request.kind.sendsCopy && output == nil {
                    throw CLIError("An \(request.kind.rawValue) request sends the person a copy: give --output FILE.")
                }
                if !request.kind.sendsCopy && output != nil {
                    throw CLIError("A \(request.kind.rawValue) request sends no copy; leave out --output.")
                }
                let reply = RequestReply(format: format.rawValue, language: lang, via: sentVia)
                let completion = try await gallra.completeRequest(id, reply: reply, by: store.party)
                if let export = completion.export, let output {
                    let document = format.render(export, lang)
                    do {
                        // The person's data: a new file is readable by its owner only.
                        try OutputFile.write(Data(document.utf8), to: output, newFileMode: 0o600)
                    } catch {
                        throw CLIError(
                            "The request is completed, but the copy could not be written to \(output): \(error) Write it again with: gallra subject export \(request.subject) --format \(format.rawValue)"
                        )
                    }
                }
                let calendar = try await gallra.calendar()
                if json {
                    print(
                        completion.request.json(decisions: completion.decisions, .en, calendar)
                            .adding("connected", .array(completion.connected.map(\.json)))
                            .adding("subject_erased", .bool(completion.subjectErased)))
                    return
                }
                print(
                    RequestText.text(completion.request, completion.decisions, grounds: [:], .en, calendar),
                    terminator: "")
                for change in completion.connected {
                    let note = change.action == .anonymised ? " (another row that is kept still refers to it)" : ""
                    print("\(change.system) \(change.row) (\(change.activity)): \(change.action.rawValue)\(note)")
                }
                if completion.subjectErased {
                    print("Nothing is left on the subject: erased whole, data key destroyed.")
                }
                if let output, completion.export != nil { print("The copy for the person is in \(output).") }
            }
        }
    }

    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lift",
            abstract: "Lift the restriction a request placed (Art. 18(3): tell the person first).")

        @Argument var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let count = try await gallra.liftRestriction(request: id, by: store.party)
                print("Restriction lifted (\(count) \(count == 1 ? "activity" : "activities")).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Requests not yet completed, the nearest deadline first.")

        @Flag(help: "Only those past their deadline.") var overdue = false
        @Option(help: "Only those due within this many days (overdue ones included).") var dueWithin: Int?
        @Option(help: "Count days from this day, YYYY-MM-DD (default: today).") var today: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let day = try today.map { try civilDate($0, what: "date") } ?? calendar.localDate(of: Date())
                let requests = try await gallra.pendingRequests(
                    on: day, overdueOnly: overdue, dueWithin: dueWithin, by: store.party)
                if json {
                    print(JSONText.array(requests.map { $0.summaryJSON(on: day) }))
                    return
                }
                if requests.isEmpty {
                    print(
                        overdue
                            ? "No request is overdue."
                            : dueWithin.map { "No request is due within \($0) days." } ?? "No request is open.")
                }
                for request in requests { print(RequestText.line(request, day)) }
            }
        }
    }
}

func civilDate(_ text: String, what: String) throws -> CivilDate {
    guard let date = CivilDate(iso: text) else { throw CLIError("The \(what) \"\(text)\" is not a date YYYY-MM-DD.") }
    return date
}

extension RequestCommand {
    struct TaskDone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "task-done",
            abstract: "Mark the work by hand in a system Gallra does not reach done, by you, now.")

        @Argument var id: String
        @Argument(help: "The register's id of the system.") var system: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                try await gallra.markTaskDone(id, system: system, by: store.party)
                print("The work in \(system) is marked done.")
            }
        }
    }
}
