import GallraCore
import SQLKit

/// A company's own database that stops answering mid-statement (a server stopped, a network
/// gone quiet) would hold a request forever, and with it the server's shutdown. Each statement
/// gets `limit`: past it the connection is given up (`expire` closes it, which fails what is in
/// flight) and the caller hears that the system did not answer. The server's own
/// `statement_timeout`, set a little shorter, ends a slow statement cleanly first.
package struct TimedSQLDatabase: RoutingSQLDatabase {
    package let base: any SQLDatabase
    package let limit: Duration
    package let expire: @Sendable () -> Void

    package var reporting: any SQLDatabase { base }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await base.execute(sql: query, onRow)
                return true
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return false
            }
            let first = try await group.next() ?? false
            if !first { expire() }
            group.cancelAll()
            return first
        }
        guard answered else {
            throw GallraError.unavailable(
                "The database gave no answer within \(limit); its connection was closed and the work stopped there.")
        }
    }
}
