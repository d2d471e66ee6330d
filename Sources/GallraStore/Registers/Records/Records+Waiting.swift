import GallraConnectors
import GallraDatabase
import SQLKit

/// The count of records whose expiry waits for an event, kept beside them (`record_stats`) so that
/// the sweep's report does not count a million rows: changed only here, in the transaction that
/// changes the records.
extension Records {
    /// Moves the count by `change` (records added or removed waiting, or given an expiry).
    static func countWaiting(_ change: Int, on sql: any SQLDatabase) async throws {
        guard change != 0 else { return }
        try await sql.raw("UPDATE record_stats SET waiting = waiting + \(bind: change) WHERE id = 1").run()
    }

    /// The records waiting for an event.
    func waitingCount() async throws -> Int {
        try await data.read.raw("SELECT waiting FROM record_stats WHERE id = 1").first()?
            .decode(column: "waiting", as: Int.self) ?? 0
    }
}
