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
        try await postgres.copyFrom(table: "audit_log", columns: columns, logger: logger) { writer in
            var rest = lines
            while let slice = rest.readSlice(length: min(rest.readableBytes, 256 * 1024)), slice.readableBytes > 0 {
                try await writer.write(slice)
            }
        }
    }

    /// One line of COPY's text format: tab-separated, `\N` for NULL, backslash escapes.
    static func append(_ entry: AuditEntry, to buffer: inout ByteBuffer) {
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
