/// What went wrong, said in one sentence that a person can act on, and of a kind the edges map to
/// an answer: HTTP statuses in the server, exit statuses in the command line. Descriptions never
/// hold personal data, and never say more than the caller may know: a conflict over an identifier
/// does not name the subject who has it.
public enum GallraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing with that id or identifier, or nothing the caller may see (the two look alike).
    case notFound(String)
    /// The request clashes with what is there: a duplicate, a state that does not allow it.
    case conflict(String)
    /// The input is wrong; the message says what to fix.
    case invalidInput(String)
    /// The acting party may not do this.
    case forbidden(String)
    /// Not now: the database cannot be reached, the key file cannot be read, another sweep holds
    /// the lock. Trying again later may succeed.
    case unavailable(String)
    /// The store contradicts itself (a destroyed key, a missing row the schema promises): a fault
    /// for the operator, not the caller.
    case integrity(String)

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message), .invalidInput(let message), .forbidden(let message),
            .unavailable(let message), .integrity(let message):
            return message
        }
    }
}
