/// What went wrong, said in one sentence that a person can act on, and of a kind the edges map to
/// an answer: HTTP statuses in the server, exit statuses in the command line. Descriptions never
/// hold personal data, and never say more than the caller may know: a conflict over an identifier
/// does not name the subject who has it.
public enum GallraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing with that id or identifier, or nothing the caller may see (the two look alike).
    case notFound(ErrorReason)
    /// The request clashes with what is there: a duplicate, a state that does not allow it.
    case conflict(ErrorReason)
    /// The input is wrong; the message says what to fix.
    case invalidInput(ErrorReason)
    /// The acting party may not do this.
    case forbidden(ErrorReason)
    /// Not now: the database cannot be reached, the key file cannot be read, another sweep holds
    /// the lock. Trying again later may succeed.
    case unavailable(ErrorReason)
    /// The store contradicts itself (a destroyed key, a missing row the schema promises): a fault
    /// for the operator, not the caller.
    case integrity(ErrorReason)

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message), .invalidInput(let message), .forbidden(let message),
            .unavailable(let message), .integrity(let message):
            return message.english
        }
    }

    /// The reason in `language`, for the admin UI (the API and the command line say it in English).
    public func message(in language: Language) -> String {
        switch self {
        case .notFound(let reason), .conflict(let reason), .invalidInput(let reason), .forbidden(let reason),
            .unavailable(let reason), .integrity(let reason):
            return reason[language]
        }
    }
}
