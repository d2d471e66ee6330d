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
            default: return "the server refused the connection (SQLSTATE \(state))"
            }
        }
        if error.code == .connectionError || error.code == .uncleanShutdown { return "no connection to the server" }
        return "the connection failed (\(error.code))"
    }
}
