/// What went wrong in the store, said in one sentence that a person can act on. Descriptions never
/// hold personal data.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidInput(String)
    case notFound(String)
    case keyFile(String)
    case integrity(String)
    case database(String)

    public var description: String {
        switch self {
        case .invalidInput(let message), .notFound(let message), .keyFile(let message), .integrity(let message),
            .database(let message):
            return message
        }
    }
}
