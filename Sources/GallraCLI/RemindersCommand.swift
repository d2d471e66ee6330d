import ArgumentParser
import Foundation
import GallraCore
import GallraServices

struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "The privacy officers' daily reminder of requests due and incidents on their 72-hour clock.",
        subcommands: [Send.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Queue today's reminder to every privacy officer, unless it was queued today already.",
            discussion: """
                For servers run with --reminders-at off, e.g. from cron: `30 7 * * 1-5 gallra reminders send \
                --base-url https://gallra.example.se/`. One message per user with the role privacy_officer, in their \
                language, listing the requests overdue or due within --within days and the incidents whose \
                notification to IMY is owed; nothing when nothing is due. The messages wait in the outbox until \
                `gallra serve` sends them.
                """)

        @Option(help: "The address people reach the server at: the mail's link is built from it.")
        var baseURL = "http://127.0.0.1:8080/"
        @Option(help: "The sender's address (default: the controller's e-mail in the register).") var mailFrom: String?
        @Option(help: "A directory of the controller's own wording of the e-mails (reminder.sv.txt, reminder.en.txt).")
        var mailTemplates: String?
        @Option(help: "List the requests overdue or due within this many days.") var within = 7
        @Option(help: "The instant to remind at (default: now), YYYY-MM-DD or RFC 3339.") var now: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard (1...366).contains(within) else { throw CLIError("--within takes a number of days from 1 to 366.") }
            let templates = try mailTemplates.map(MailTemplates.overriding(from:)) ?? .builtIn
            try await store.withGallra { gallra in
                var sender = mailFrom
                if sender == nil { sender = try await gallra.controllerAddress() }
                let run = try await gallra.remindOfficers(
                    now: try await instant(now, what: "instant", in: gallra), within: within,
                    settings: SelfServiceSettings(
                        baseURL: baseURL, sender: sender ?? "privacy@localhost", templates: templates),
                    by: try store.party)
                print(Self.text(run))
            }
        }

        /// What the run did, read from the outbox rows it queued.
        static func text(_ run: ReminderRun) -> String {
            let due = run.digest.map {
                ": \($0.requests.count) requests due within \($0.window) days (\($0.overdueRequests) overdue), "
                    + "\($0.incidents.count) incidents on the 72-hour clock (\($0.lateIncidents) late)"
            }
            switch run.outcome {
            case .queued(let mail):
                let count = mail.count == 1 ? "1 message" : "\(mail.count) messages"
                return "Reminder of \(run.day)\(due ?? ""). Queued \(count) to the privacy officers: "
                    + mail.map(\.id).joined(separator: ", ") + "."
            case .queuedBefore:
                return "The reminder of \(run.day) was queued already; nothing more was queued."
            case .nothingDue:
                return "Reminder of \(run.day): nothing is due; nothing was queued."
            case .noOfficers:
                return "Reminder of \(run.day)\(due ?? ""). No user has the role privacy_officer; nothing was queued."
            }
        }
    }
}
