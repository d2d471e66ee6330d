import Logging
import PostgresKit

/// PostgreSQL: audit entries sent with `COPY audit_log FROM STDIN` in the text format, one line per
/// entry. For the thousands of entries of a sweep's batch this costs both sides far less than
/// binding one parameter per value.
enum AuditCopy {
    static let columns = ["seq", "at", "actor", "action", "subject_id", "activity", "detail", "prev_hash", "hash"]

    static func write(_ entries: [AuditEntry], on postgres: PostgresConnection, logger: Logger) async throws {
        try await postgres.copyFrom(table: "audit_log", columns: columns, logger: logger) { writer in
            var buffer = ByteBufferAllocator().buffer(capacity: 256 * 1024)
            for entry in entries {
                append(entry, to: &buffer)
                if buffer.readableBytes >= 240 * 1024 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// One line of COPY's text format: tab-separated, `\N` for NULL, backslash escapes.
    static func append(_ entry: AuditEntry, to buffer: inout ByteBuffer) {
        buffer.writeString(String(entry.seq))
        buffer.writeInteger(tab)
        buffer.writeString(String(entry.at))
        for field in [entry.actor, entry.action, entry.subject, entry.activity, entry.detail] {
            buffer.writeInteger(tab)
            write(field, to: &buffer)
        }
        buffer.writeInteger(tab)
        buffer.writeString(entry.previousHash)
        buffer.writeInteger(tab)
        buffer.writeString(entry.hash)
        buffer.writeInteger(newline)
    }

    private static func write(_ field: String?, to buffer: inout ByteBuffer) {
        guard let field else {
            buffer.writeStaticString("\\N")
            return
        }
        if field.utf8.contains(where: { $0 == backslash || $0 == tab || $0 == newline || $0 == carriageReturn }) {
            buffer.writeString(escaped(field))
        } else {
            buffer.writeString(field)
        }
    }

    private static let backslash = UInt8(ascii: "\\")
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func escaped(_ field: String) -> String {
        var out = ""
        for character in field.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
