import GallraConnectors
import GallraDatabase
import Logging
import PostgresKit

/// PostgreSQL: audit entries sent with `COPY audit_log FROM STDIN` in the text format, one line per
/// entry. For the thousands of entries of a sweep's batch this costs both sides far less than
/// binding one parameter per value.
enum AuditCopy {
    static let columns = ["seq", "at", "actor", "action", "subject_id", "activity", "detail", "prev_hash", "hash"]

    /// Entries this many or more go by COPY; fewer by one INSERT, which takes fewer round trips.
    static let threshold = 64

    /// The COPY lines of `entries`, ready to send.
    static func lines(_ entries: [AuditEntry]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: entries.count * 400)
        for entry in entries { append(entry, to: &buffer) }
        return buffer
    }

    static func write(_ lines: ByteBuffer, on postgres: PostgresConnection, logger: Logger) async throws {
        // postgres-nio never answers a COPY begun on a closed connection (see `PostgresLink.open`).
        guard !postgres.isClosed else { throw PostgresFailure.lost(nil) }
        try await postgres.copyFrom(table: "audit_log", columns: columns, logger: logger) { writer in
            var rest = lines
            while let slice = rest.readSlice(length: min(rest.readableBytes, 256 * 1024)), slice.readableBytes > 0 {
                try await writer.write(slice)
            }
        }
    }

    /// One line of COPY's text format: tab-separated, `\N` for NULL, backslash escapes.
    static func append(_ entry: AuditEntry, to buffer: inout ByteBuffer) {
        let tab = UInt8(ascii: "\t")
        buffer.writeString(String(entry.seq))
        buffer.writeInteger(tab)
        buffer.writeString(String(entry.at))
        buffer.writeInteger(tab)
        write(entry.actor, to: &buffer)
        buffer.writeInteger(tab)
        write(entry.action, to: &buffer)
        buffer.writeInteger(tab)
        write(entry.subject, to: &buffer)
        buffer.writeInteger(tab)
        write(entry.activity, to: &buffer)
        buffer.writeInteger(tab)
        write(entry.detail, to: &buffer)
        buffer.writeInteger(tab)
        buffer.writeString(entry.previousHash)
        buffer.writeInteger(tab)
        buffer.writeString(entry.hash)
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static func write(_ field: String?, to buffer: inout ByteBuffer) {
        guard let field else {
            buffer.writeStaticString("\\N")
            return
        }
        // Literal bytes, not stored constants: this runs for every byte of every entry.
        let special = field.utf8.contains {
            $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        buffer.writeString(special ? escaped(field) : field)
    }

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
