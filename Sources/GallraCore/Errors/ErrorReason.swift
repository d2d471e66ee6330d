/// Why something was refused: in English, the language of the API, the command line and the
/// logs; and in Swedish where the admin UI shows it to an officer. Written like a string
/// (`.invalidInput("The limit is …")`) where only the API and the command line say it.
public struct ErrorReason: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let english: String
    public let swedish: String?

    public init(sv: String, en: String) {
        english = en
        swedish = sv
    }

    public init(_ english: String) {
        self.english = english
        swedish = nil
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    public var description: String { english }

    /// The reason in `language`; English where no Swedish is given.
    public subscript(language: Language) -> String {
        language == .sv ? swedish ?? english : english
    }

    /// Two reasons are the same when they say the same in English.
    public static func == (lhs: ErrorReason, rhs: ErrorReason) -> Bool { lhs.english == rhs.english }

    public func hash(into hasher: inout Hasher) { hasher.combine(english) }
}

extension ErrorReason {
    /// The connection to the database went while it committed: the work may have been saved, or
    /// not. Not a reason to try again blindly, and not a sign that nothing happened.
    public static let commitInDoubt = ErrorReason(
        sv:
            "Förbindelsen med databasen bröts medan arbetet sparades: det är inte känt om det sparades. Se efter innan du försöker igen.",
        en:
            "The connection to the database was lost while the work was being saved: whether it was saved is not known. Look before trying again."
    )
}

extension GallraError {
    /// Whether the work this error interrupted may have been saved all the same (a commit cut off).
    public var isCommitInDoubt: Bool { self == .unavailable(.commitInDoubt) }
}
