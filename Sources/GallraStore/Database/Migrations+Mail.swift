import GallraConnectors
import GallraDatabase

extension Migrations {
    /// Each message about a request names it, so that the request's page, the API and the CLI say
    /// what went to the person by reading the outbox row (queued, sent, failed), never by what the
    /// caller meant to send.
    static let mailOfRequests = Migration(version: 19) { _ in
        [
            "ALTER TABLE outbox ADD COLUMN request_id TEXT",
            "CREATE INDEX outbox_request ON outbox (request_id)",
        ]
    }
}
