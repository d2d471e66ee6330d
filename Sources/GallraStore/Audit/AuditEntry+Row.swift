import GallraConnectors
import GallraDatabase
import SQLKit

extension AuditEntry {
    /// The columns of `audit_log` an entry is read back from.
    static let columns: SQLQueryString = "seq, at, actor, action, subject_id, activity, detail, prev_hash, hash"

    /// An entry as the audit log stores it.
    init(row: any SQLRow) throws {
        self.init(
            seq: try row.decode(column: "seq", as: Int64.self), at: try row.decode(column: "at", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            subject: try row.decode(column: "subject_id", as: String?.self),
            activity: try row.decode(column: "activity", as: String?.self),
            detail: try row.decode(column: "detail", as: String.self),
            previousHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }
}
