import ArgumentParser
import Foundation
import GallraCore
import GallraServer
import GallraStore
import Hummingbird

/// `gallra serve`: the HTTP API on the store (loopback by default).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (/api/v1, described at /api/v1/openapi.json) and sweep daily, until stopped.",
        discussion: "Programs send a token from `gallra token create` as \"Authorization: Bearer <token>\".")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port.") var port = 8080
    @Option(help: "The local time of the daily sweep, HH:MM, or \"off\".") var sweepAt = "02:15"
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingGallraErrors {
            let schedule = DailyTime(parsing: sweepAt)
            guard schedule != nil || sweepAt == "off" else {
                throw CLIError("--sweep-at takes a local time HH:MM, such as 02:15, or off.")
            }
            let opened = try await store.open()
            let app = buildApplication(
                store: opened,
                configuration: ServerConfiguration(host: host, port: port, sweepAt: schedule))
            do {
                try await app.runService()
            } catch {
                await opened.close()
                throw error
            }
            await opened.close()
        }
    }
}
