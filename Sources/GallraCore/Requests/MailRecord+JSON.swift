import Foundation

extension MailRecord {
    /// A message as the API and `gallra request show --json` give it: what it is, its state read
    /// from the outbox row, and when.
    public func json(_ calendar: ZonedCalendar) -> JSONText {
        var fields: [(String, JSONText)] = [
            ("id", .string(id)), ("purpose", .string(purpose)), ("state", .string(stateName)),
            ("queued", .string(calendar.rfc3339(queuedAt))), ("attempts", .number(attempts)),
        ]
        switch state {
        case .queued(let next): fields.append(("next_attempt", .string(calendar.rfc3339(next))))
        case .sent(let at): fields.append(("sent", .string(calendar.rfc3339(at))))
        case .failed(let at): fields.append(("failed", .string(calendar.rfc3339(at))))
        }
        fields.append(("last_error", .optional(lastError)))
        return .object(fields)
    }
}
