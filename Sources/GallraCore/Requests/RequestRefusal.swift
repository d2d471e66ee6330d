import Foundation

/// Why a request is refused, said to the person with the reason (Art. 12(4)): the request is
/// manifestly unfounded or excessive (Art. 12(5)), or the person asking could not be identified
/// (Art. 11(2), 12(2) and 12(6)), or a law limits the right (Art. 23, e.g. an exemption in the
/// Swedish data protection act).
public struct RequestRefusal: Sendable, Equatable {
    public enum Ground: String, CaseIterable, Sendable {
        case manifestlyUnfounded = "manifestly-unfounded"
        case excessive
        case notIdentified = "not-identified"
        case exemption

        public var article: String {
            switch self {
            case .manifestlyUnfounded, .excessive: "Art. 12(5)"
            case .notIdentified: "Art. 11(2), 12(2)"
            case .exemption: "Art. 23"
            }
        }

        /// The ground a word names, or the refusal that lists the grounds.
        public init(naming word: String) throws(GallraError) {
            guard let ground = Ground(rawValue: word) else {
                throw GallraError.invalidInput(
                    "Unknown ground for refusing \"\(word.prefix(40))\"; use one of \(Ground.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            self = ground
        }
    }

    public let ground: Ground
    /// The reason as the person is told it; required (Art. 12(4)).
    public let reason: String

    /// A refusal with its reason, or the error that says what is missing.
    public init(_ ground: Ground, reason: String) throws(GallraError) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw GallraError.invalidInput(
                "A refusal needs its reason, which the person is told with their right to complain to IMY (Art. 12(4))."
            )
        }
        guard reason.count <= 4_000 else {
            throw GallraError.invalidInput("The reason is longer than 4,000 characters.")
        }
        self.ground = ground
        self.reason = reason
    }

    /// Restored from what the register keeps, as it was given.
    public init(restoring ground: Ground, reason: String) {
        self.ground = ground
        self.reason = reason
    }
}
