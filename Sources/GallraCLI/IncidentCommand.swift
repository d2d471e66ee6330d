import ArgumentParser
import Foundation
import GallraCore
import GallraServices

extension Incident.Risk: ExpressibleByArgument {}
extension Incident.Exemption: ExpressibleByArgument {}
extension Incident.Nature: ExpressibleByArgument {}
extension Incident.PeopleDecision: ExpressibleByArgument {}

/// The facts of an incident, as `incident open` and `incident update` take them.
struct IncidentFacts: ParsableArguments {
    @Option(help: "When it happened (YYYY-MM-DD or RFC 3339).") var occurred: String?
    @Option(help: "When it ended.") var ended: String?
    @Option(help: "What happened (no names: link the people with --affected).") var description: String?
    @Option(help: "How it was discovered.") var discoveredHow: String?
    @Option(help: "The nature of the breach: confidentiality, integrity or availability (repeat).")
    var nature: [Incident.Nature] = []
    @Option(help: "A category of people affected (repeat).") var subjectCategory: [String] = []
    @Option(help: "A category of data affected (repeat).") var dataCategory: [String] = []
    @Option(help: "Approximately how many people.") var approxSubjects: Int?
    @Option(help: "Approximately how many records.") var approxRecords: Int?
    @Option(help: "The likely consequences.") var consequences: String?
    @Option(help: "The measures taken or proposed.") var measures: String?
    @Option(help: "The contact point for more information, e.g. the DPO (Art. 33(3)(b)).") var contactPoint: String?
    @Option(help: "The risk to people: none, risk or high.") var risk: Incident.Risk?
    @Option(help: "Why the risk is assessed so.") var riskReasoning: String?

    func change(in calendar: ZonedCalendar) throws -> IncidentChange {
        IncidentChange(
            occurred: try occurred.map { try calendar.instant($0, field: "occurred time") },
            ended: try ended.map { try calendar.instant($0, field: "end time") }, description: description,
            discoveredHow: discoveredHow, nature: nature.isEmpty ? nil : nature,
            subjectCategories: subjectCategory.isEmpty ? nil : subjectCategory,
            dataCategories: dataCategory.isEmpty ? nil : dataCategory, approximateSubjects: approxSubjects,
            approximateRecords: approxRecords, consequences: consequences, measures: measures,
            contactPoint: contactPoint, risk: risk, riskReasoning: riskReasoning)
    }
}

struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "The personal data incident register (GDPR Art. 33-34).",
        subcommands: [
            Open.self, Update.self, Notify.self, People.self, Close.self, Show.self, List.self, History.self,
            Export.self,
        ])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Register an incident the moment you become aware of it; prints its id and the 72-hour deadline.")

        @Option(help: "When you became aware (default: now); the 72 hours run from here.") var aware: String?
        @OptionGroup var facts: IncidentFacts
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                guard facts.description != nil else { throw CLIError("Say what happened: --description.") }
                let opened = try await gallra.openIncident(
                    aware: try aware.map { try calendar.instant($0, field: "awareness time") } ?? Date(),
                    description: facts.description, try facts.change(in: calendar), by: store.party)
                print(opened.incident.id)
                printError("Notify IMY by \(calendar.rfc3339(opened.incident.notificationDue)) (Art. 33(1)).")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Add or correct facts; link the people affected.")

        @Argument var id: String
        @OptionGroup var facts: IncidentFacts
        @Option(help: "A person affected: subject id or identifier (repeat).") var affected: [String] = []
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                _ = try await gallra.updateIncident(
                    id, try facts.change(in: try await gallra.calendar()), affected: affected, by: store.party)
                print("Incident \(id) updated.")
            }
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notify",
            abstract:
                "Record the notification to IMY (Art. 33) or why there is none, and the information to the people affected (Art. 34) or the exemption."
        )

        @Argument var id: String
        @Option(help: "When IMY was notified.") var imy: String?
        @Option(help: "IMY's reference.") var reference: String?
        @Option(help: "Why the notification came after 72 hours (required then).") var delayReason: String?
        @Option(help: "Why IMY is not notified (only with risk none).") var noImy: String?
        @Option(help: "When the people affected were informed.") var subjects: String?
        @Option(help: "Art. 34(3) exemption from informing them: a, b or c.") var exemption: Incident.Exemption?
        @Option(help: "Why the exemption applies.") var reason: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let notification = IncidentNotification(
                    authorityNotified: try imy.map { try calendar.instant($0, field: "notification time") },
                    reference: reference, delayReasons: delayReason, noNotificationReason: noImy,
                    subjectsInformed: try subjects.map { try calendar.instant($0, field: "time") },
                    exemption: exemption, exemptionReason: reason)
                _ = try await gallra.recordNotification(id, notification, by: store.party)
                print("Incident \(id) updated.")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close an incident once assessed, notified (or not, with the reason) and the people informed.")

        @Argument var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let view = try await gallra.incident(id, by: store.party)
                guard view.gaps.isEmpty else {
                    throw CLIError(
                        "The incident cannot be closed yet; still missing:\n"
                            + view.gaps.map { "  - \($0.english)" }.joined(separator: "\n"))
                }
                _ = try await gallra.closeIncident(id, by: store.party)
                print("Incident \(id) closed.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One incident, with the time left on the clock.")

        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let view = try await gallra.incident(id, by: store.party)
                let calendar = try await gallra.calendar()
                if json {
                    print(IncidentText.json(view.incident, affected: view.affected, calendar, now: Date()))
                } else {
                    print(
                        IncidentText.text(
                            view.incident, affected: view.affected, gaps: view.gaps, messages: view.messages, calendar,
                            now: Date()),
                        terminator: "")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Incidents by urgency: open ones owing IMY's notification first, the nearest deadline first.")

        @Flag(help: "Only open incidents.") var open = false
        @Option(help: "Count the clock from this moment (default: now).") var now: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let moment = try now.map { try calendar.instant($0, field: "time") } ?? Date()
                let incidents = try await gallra.incidents(openOnly: open, by: store.party).map(\.incident)
                if json {
                    print(JSONText.array(incidents.map { IncidentText.json($0, affected: nil, calendar, now: moment) }))
                    return
                }
                if incidents.isEmpty { print(open ? "No incident is open." : "No incidents.") }
                for incident in incidents { print(IncidentText.line(incident, calendar, now: moment)) }
            }
        }
    }
}
