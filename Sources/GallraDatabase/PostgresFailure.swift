import GallraCore
import PostgresKit

/// Why a PostgreSQL connection failed, in a few words that may be shown to whoever asked: the
/// server's SQLSTATE, or the kind of failure. Never the server's message, which may quote data, nor
/// the driver's own structures (`String(reflecting:)` of a `PSQLError` prints both).
package enum PostgresFailure {
    package static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "no connection" }
        if error.code == .server {
            let state = error.serverInfo?[.sqlState] ?? "unknown"
            switch state {
            case "28P01", "28000": return "the server refused the user or its password (SQLSTATE \(state))"
            case "3D000": return "the server has no such database (SQLSTATE \(state))"
            case "57P01", "57P02", "57P03": return "the server is shutting down or starting (SQLSTATE \(state))"
            case "25006": return "the server is a read-only replica (SQLSTATE \(state))"
            default: return "the server refused the connection (SQLSTATE \(state))"
            }
        }
        if [.connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection].contains(error.code) {
            return "no connection to the server"
        }
        return "the connection failed (\(error.code))"
    }

    /// Whether `error` says the server or the connection to it went away (a failover, a restart),
    /// rather than that a statement was refused: worth trying again on a new connection.
    package static func isLostServer(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            // 57P01-03: the server shut down or is starting; 08: connection exceptions; 25006: a
            // write reached a server that is (now) a replica.
            return ["57P01", "57P02", "57P03", "25006"].contains(state) || state.hasPrefix("08")
        default:
            return false
        }
    }

    /// The error to retry that a lost server is: nothing of the statement under way was done
    /// (a COMMIT under way is told apart by the transaction).
    package static func lost(_ error: (any Error)?) -> GallraError {
        .unavailable(
            ErrorReason(
                sv: "Förbindelsen med databasen bröts. Försök igen om en stund.",
                en: "The connection to PostgreSQL was lost (\(error.map(reason) ?? "closed")). Try again in a moment."))
    }
}
