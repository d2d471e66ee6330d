import ArgumentParser
import Foundation
import GallraCore
import GallraServices

extension RequestCommand {
    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refuse",
            abstract:
                "Close a request refused, with its ground and the reason the person is told with their right to complain to IMY (Art. 12(4)); nothing is carried out."
        )

        @Argument var id: String
        @Option(
            help: "manifestly-unfounded, excessive (Art. 12(5)), not-identified (Art. 11(2)) or exemption (Art. 23).")
        var ground: String
        @Option(help: "The reason, as the person is told it (stored encrypted).") var reason: String
        @Option(help: "How you tell the person: email, letter, phone or web (Gallra sends nothing from the CLI).")
        var via = "email"
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let refusal = try RequestRefusal(try RequestRefusal.Ground(naming: ground), reason: reason)
                let done = try await gallra.refuseRequest(id, refusal, via: via, by: store.party)
                print("Request \(done.request.reference ?? done.request.id) refused (\(refusal.ground.article)).")
                print("Answer: \(done.request.sent ?? "none recorded").")
            }
        }
    }

    struct Scope: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scope",
            abstract: "Narrow or widen the activities an open request names, with the reason (kept with it).")

        @Argument var id: String
        @Option(name: .customLong("activity"), help: "An activity the request names (repeat); none: all of them.")
        var activities: [String] = []
        @Option(help: "Why the activities change (stored encrypted).") var reason: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                try await gallra.changeRequestScope(
                    id, activities: activities.isEmpty ? nil : activities, reason: reason, by: store.party)
                print(
                    "Request \(id) now concerns \(activities.isEmpty ? "all activities" : activities.joined(separator: ", "))."
                )
            }
        }
    }
}
